import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { listCoffeeRooms, openCoffeeRoom } from "../services/coffee/rooms";

export const coffeeRoutes = new Hono<AppEnv>()
  .get("/rooms", describe({ summary: "The open coffee rooms and who is in each now (guests: 404)", tag: "Coffee", auth: "member" }), async (c) =>
    c.json({ items: await listCoffeeRooms(c.var.ctx, requireActor(c.var.actor)), nextCursor: null }),
  )
  .post(
    "/rooms",
    describe({ summary: "Open a coffee room (guests: 404)", tag: "Coffee", auth: "member" }),
    jsonBody(z.strictObject({ title: z.string().trim().min(1).max(80) })),
    async (c) => c.json(await openCoffeeRoom(c.var.ctx, requireActor(c.var.actor), c.req.valid("json").title), 201),
  );
