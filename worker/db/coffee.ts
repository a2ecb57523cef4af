import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LEFT_OUT_REASONS } from "../../contract/enums";

/** Coffee-machine rooms: open ones are listed in the lobby; pair rooms belong to one pairing's members. */
export const coffeeRooms = sqliteTable(
  "coffee_rooms",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    kind: text("kind", { enum: ["open", "pair"] }).notNull(),
    createdBy: text("created_by"),
    pairingId: text("pairing_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("coffee_rooms_created").on(t.kind, t.createdAt), index("coffee_rooms_created_by").on(t.createdBy)],
);

/** A member's opt-in to cross-silo pairing and the hours they are free, in their own time zone. */
export const coffeeOptIns = sqliteTable("coffee_optins", {
  userId: text("user_id").primaryKey(),
  optIn: integer("opt_in", { mode: "boolean" }).notNull(),
  /** JSON [{day: 0-6, from: "HH:MM", to: "HH:MM"}]. */
  hours: text("hours").notNull().default("[]"),
  updatedAt: integer("updated_at").notNull(),
});

export const coffeePairings = sqliteTable(
  "coffee_pairings",
  {
    id: text("id").primaryKey(),
    /** The Monday (UTC, ms) of the week it was made for. */
    week: integer("week").notNull(),
    roomId: text("room_id").notNull(),
    icebreaker: text("icebreaker").notNull(),
    /** Its members are from different departments (always, by the rules): counted for analytics. */
    crossDepartment: integer("cross_department", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("coffee_pairings_week").on(t.week)],
);

export const coffeePairingMembers = sqliteTable(
  "coffee_pairing_members",
  {
    pairingId: text("pairing_id").notNull(),
    userId: text("user_id").notNull(),
    week: integer("week").notNull(),
    /** What the member said happened. */
    outcome: text("outcome", { enum: ["met", "skipped"] }),
    outcomeAt: integer("outcome_at"),
  },
  (t) => [primaryKey({ columns: [t.pairingId, t.userId] }), index("coffee_pairing_members_user").on(t.userId, t.week)],
);

export { LEFT_OUT_REASONS };

/** Opted-in members left unpaired in a week, and why (a closed list). */
export const coffeeLeftOut = sqliteTable(
  "coffee_left_out",
  {
    week: integer("week").notNull(),
    userId: text("user_id").notNull(),
    reason: text("reason", { enum: LEFT_OUT_REASONS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.userId] }), index("coffee_left_out_user_id").on(t.userId)],
);

/** One weekly pairing run: when it ran and what came of it (so the cron runs each week once). */
export const coffeeRuns = sqliteTable("coffee_runs", {
  week: integer("week").primaryKey(),
  ranAt: integer("ran_at").notNull(),
  optedIn: integer("opted_in").notNull(),
  paired: integer("paired").notNull(),
  leftOut: integer("left_out").notNull(),
});
