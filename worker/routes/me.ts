import { Hono } from "hono";
import type { AppEnv } from "../context";
import { charterPending } from "../context";
import { describe } from "../lib/openapi";
import { requireActor } from "../middleware/auth";
import { getProfile } from "../services/users/get-user";

export const meRoutes = new Hono<AppEnv>().get(
  "/",
  describe({ summary: "Who I am, and whether I accepted the current charter", tag: "Identity", auth: "member" }),
  async (c) => {
    const actor = requireActor(c.var.actor);
    const user = await getProfile(c.var.ctx, actor, actor.id);
    return c.json({ user, charterAccepted: !charterPending(actor), currentCharter: actor.currentCharter });
  },
);
