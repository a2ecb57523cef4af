import { Hono } from "hono";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { getInvitation } from "../services/invitations/invitations";

export const invitationRoutes = new Hono<AppEnv>().get(
  "/:token",
  describe({ summary: "What an invitation link shows: the email and the charter to accept (404 when unknown, used or expired)", tag: "Identity", auth: "public" }),
  async (c) => c.json(await getInvitation(c.var.ctx, c.req.param("token"))),
);
