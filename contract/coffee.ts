import { z } from "@hono/zod-openapi";
import { HHMM, MemberSummary, page, SingleLine } from "./common";
import { LEFT_OUT_REASONS } from "./enums";

/** The coffee machine: open coffee rooms, cross-silo pairing, its analytics (API.md "Live rooms"). */

// ---------- Coffee rooms ----------

/** An open coffee room and who is in it now (the lobby's picture). */
export const CoffeeRoom = z.strictObject({ id: z.string(), title: z.string(), members: z.array(MemberSummary) }).openapi("CoffeeRoom");
export type CoffeeRoom = z.infer<typeof CoffeeRoom>;
export const CoffeeRoomPage = page(CoffeeRoom);

/**
 * A coffee room's ticket (issue 13, part 4): `?ticket=` on the room's upgrade, with the same session cookie, lets the
 * member in without the Worker's D1 check until `expiresAt` (about a minute). A stale or foreign one is ignored.
 */
export const CoffeeRoomTicket = z.strictObject({ ticket: z.string(), expiresAt: z.iso.datetime() }).openapi("CoffeeRoomTicket");
export type CoffeeRoomTicket = z.infer<typeof CoffeeRoomTicket>;

export const CoffeeRoomBody = z.strictObject({ title: SingleLine(1, 80) });
export const OpenedCoffeeRoom = z.strictObject({ id: z.string(), title: z.string() }).openapi("OpenedCoffeeRoom");
export type OpenedCoffeeRoom = z.infer<typeof OpenedCoffeeRoom>;

// ---------- Pairing ----------

/** Free hours on a weekday, in the member's own time zone; `day` 0 = Sunday … 6 = Saturday. */
const HoursSlot = z.strictObject({ day: z.number().int().min(0).max(6), from: HHMM, to: HHMM });
export type PairingHours = z.infer<typeof HoursSlot>;

export const PAIRING_OUTCOMES = ["met", "skipped"] as const;
export const PairingOutcome = z.enum(PAIRING_OUTCOMES);
export type PairingOutcome = z.infer<typeof PairingOutcome>;

/** What two or three colleagues can start talking about: the hobbies they share and what each works on now. */
export const Icebreaker = z
  .strictObject({
    sharedHobbies: z.array(z.string()),
    hotTopics: z.array(z.strictObject({ userId: z.string(), name: z.string(), topics: z.array(z.string()) })),
  })
  .openapi("Icebreaker");
export type Icebreaker = z.infer<typeof Icebreaker>;

/** This week's pairing; `week` is the Monday (UTC, ms) it was made for. */
export const CoffeePairing = z
  .strictObject({
    id: z.string(),
    week: z.number().int(),
    roomId: z.string(),
    icebreaker: Icebreaker,
    partners: z.array(MemberSummary),
    outcome: PairingOutcome.nullable(),
  })
  .openapi("CoffeePairing");
export type CoffeePairing = z.infer<typeof CoffeePairing>;

export const LeftOut = z.strictObject({ week: z.number().int(), reason: z.enum(LEFT_OUT_REASONS) });
export type LeftOut = z.infer<typeof LeftOut>;

/** My opt-in, my hours, and this week's pairing or why I was left out. */
export const MyCoffeePairing = z
  .strictObject({ optIn: z.boolean(), hours: z.array(HoursSlot), current: CoffeePairing.nullable(), leftOut: LeftOut.nullable() })
  .openapi("MyCoffeePairing");
export type MyCoffeePairing = z.infer<typeof MyCoffeePairing>;

export const PairingBody = z.strictObject({
  optIn: z.boolean(),
  hours: z.array(HoursSlot.refine((h) => h.from < h.to, { message: "from must be before to", path: ["to"] })).max(28),
});
export type PairingBody = z.infer<typeof PairingBody>;

export const OutcomeBody = z.strictObject({ outcome: PairingOutcome });

// ---------- Administration ----------

/** One weekly run; `alreadyRan` when this week's had run before (the answer is then that run's). */
export const PairingRun = z
  .strictObject({ week: z.number().int(), optedIn: z.number().int(), paired: z.number().int(), leftOut: z.number().int(), alreadyRan: z.boolean() })
  .openapi("PairingRun");
export type PairingRun = z.infer<typeof PairingRun>;

export const ConnectionsQuery = z.strictObject({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) });
/** New cross-department connections in a month (`YYYY-MM`, UTC). */
export const MonthlyConnections = z.strictObject({ month: z.string(), connections: z.number().int() });
export type MonthlyConnections = z.infer<typeof MonthlyConnections>;
export const ConnectionsAnswer = z.strictObject({ items: z.array(MonthlyConnections) });
