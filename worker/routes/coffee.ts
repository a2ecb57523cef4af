import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { listCoffeeRooms, openCoffeeRoom } from "../services/coffee/rooms";
import { crossDepartmentConnections, getMyPairing, recordOutcome, runWeeklyPairing, setMyPairing } from "../services/coffee/pairing";
import { noBody, queryParams } from "../lib/validate";
import { requireAdmin } from "../middleware/auth";

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

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");
const PairingBody = z.strictObject({
  optIn: z.boolean(),
  hours: z
    .array(z.strictObject({ day: z.number().int().min(0).max(6), from: HHMM, to: HHMM }).refine((h) => h.from < h.to, { message: "from must be before to", path: ["to"] }))
    .max(28),
});

/** /me/coffee-pairing: opt-in and hours (day 0 = Sunday … 6 = Saturday, in the member's own time zone). */
export const pairingRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "My pairing opt-in, hours, and this week's pairing or why I was left out", tag: "Coffee", auth: "member" }), async (c) =>
    c.json(await getMyPairing(c.var.ctx, requireActor(c.var.actor))),
  )
  .put("/", describe({ summary: "Opt in or out of cross-silo coffee pairing, with my free hours (day 0 = Sunday)", tag: "Coffee", auth: "member" }), jsonBody(PairingBody), async (c) =>
    c.json(await setMyPairing(c.var.ctx, requireActor(c.var.actor), c.req.valid("json"))),
  );

export const pairingOutcomeRoutes = new Hono<AppEnv>().post(
  "/:id/outcome",
  describe({ summary: "We met, or skipped (a member of the pairing)", tag: "Coffee", auth: "member" }),
  jsonBody(z.strictObject({ outcome: z.enum(["met", "skipped"]) })),
  async (c) => {
    await recordOutcome(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json").outcome);
    return c.body(null, 204);
  },
);

export const adminCoffeeRoutes = new Hono<AppEnv>()
  .post("/pairing/run", describe({ summary: "Run this week's pairing now (it runs once a week; repeating answers the same)", tag: "Admin", auth: "admin" }), noBody(), async (c) => {
    requireAdmin(c.var.actor);
    return c.json(await runWeeklyPairing(c.var.ctx, Date.now()));
  })
  .get(
    "/connections",
    describe({ summary: "New cross-department connections per month (from pairings)", tag: "Admin", auth: "admin" }),
    queryParams(z.strictObject({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) })),
    async (c) => c.json({ items: await crossDepartmentConnections(c.var.ctx, requireActor(c.var.actor), c.req.valid("query")) }),
  );
