import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { acceptCharter, getCharter } from "../services/charter/charter";
import { CharterSchema } from "./schemas";

export const charterRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "The current ethics charter", tag: "Identity", auth: "member", responses: { 200: { description: "Charter", schema: CharterSchema } } }), async (c) => {
    requireActor(c.var.actor);
    return c.json(await getCharter(c.var.ctx));
  })
  .post(
    "/accept",
    describe({ summary: "Accept the current charter version (409 when it is not the current one)", tag: "Identity", auth: "member" }),
    jsonBody(z.strictObject({ version: z.number().int().positive() })),
    async (c) => {
      await acceptCharter(c.var.ctx, requireActor(c.var.actor), c.req.valid("json").version);
      return c.body(null, 204);
    },
  );
