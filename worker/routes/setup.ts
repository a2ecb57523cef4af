import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { setupFirstAdmin, setupNeeded } from "../services/auth/setup";
import { setSessionCookie } from "./cookies";
import { Email, Password, PersonName } from "./schemas";

const SetupBody = z.strictObject({ token: z.string().min(1).max(200), email: Email, name: PersonName, password: Password });

export const setupRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "Whether the first administrator still has to be created", tag: "Identity", auth: "public" }), async (c) =>
    c.json({ needed: await setupNeeded(c.var.ctx) }),
  )
  .post("/", describe({ summary: "Create the first administrator with the SETUP_TOKEN secret (once)", tag: "Identity", auth: "public" }), jsonBody(SetupBody), async (c) => {
    const { user, token } = await setupFirstAdmin(c.var.ctx, c.req.valid("json"));
    setSessionCookie(c, token);
    return c.json({ user }, 201);
  });
