import { auditInsert } from "../audit/audit";
import { and, eq } from "drizzle-orm";
import type { CoffeePairing, Icebreaker, MonthlyConnections, MyCoffeePairing, PairingBody, PairingOutcome, PairingRun } from "../../../contract/coffee";
import type { Actor, ServiceContext } from "../../context";
import { coffeeLeftOut, coffeeOptIns, coffeePairingMembers, coffeePairings, coffeeRooms, coffeeRuns } from "../../db/coffee";
import { NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { statementOf } from "../../lib/sql";
import { openPairRoom } from "../live";
import { sqlUserMayUseCoffee } from "../access";
import { notificationBatchOf, type RecipientInfo } from "../notifications/notify";
import { avatarUrl } from "../users/present";
import { weeklySpans, weekStart, type WeeklyHours } from "./availability";
import { planPairings } from "./matching";
import { assertCoffeeAccess } from "./rooms";

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Two members paired within this many weeks are not paired again. */
export const NO_REPEAT_WEEKS = 8;
/** Members in direct interaction (a reply, a mention, a comment on each other's posts) this recently have met. */
export const INTERACTION_DAYS = 90;

type CandidateRow = {
  id: string; name: string; department: string; location: string; timezone: string; hours: string; hobbies: string; hot_topics: string; handle: string; avatar_key: string | null;
  q_from: string | null; q_to: string | null;
};

function list(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function hoursOf(json: string): WeeklyHours[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((h) => h && typeof h.day === "number" && typeof h.from === "string" && typeof h.to === "string") : [];
  } catch {
    return [];
  }
}

/** What two or three colleagues can start talking about: the hobbies they share and what each works on now. */
export function icebreakerFor(members: { id: string; name: string; hobbies: string[]; hotTopics: string[] }[]): Icebreaker {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const [first, ...rest] = members;
  const shared = first.hobbies.filter((h) => rest.every((m) => m.hobbies.some((x) => fold(x) === fold(h))));
  return { sharedHobbies: shared, hotTopics: members.map((m) => ({ userId: m.id, name: m.name, topics: m.hotTopics.slice(0, 3) })) };
}

/**
 * The weekly pairing run (from the cron; idempotent per week): pairs opted-in members across departments, gives each
 * pair or trio a private coffee room opened by an icebreaker and tells them; tells those left out why.
 */
export async function runWeeklyPairing(ctx: ServiceContext, at: number, by?: Actor): Promise<PairingRun> {
  const week = weekStart(at);
  const db = ctx.env.DB;
  // Whether the week ran already and everything its run needs (the candidates with their quiet hours, for their
  // notifications) are read in one batch, then the run's writes in another (two D1 round trips, issue 13).
  const [doneRead, candidates, recentPairs, interactions] = await db.batch<any>([
    db.prepare("SELECT opted_in, paired, left_out FROM coffee_runs WHERE week = ?").bind(week),
    db.prepare(
      `SELECT u.id, u.name, u.handle, u.avatar_key, u.department, u.location, u.timezone, u.hobbies, u.hot_topics, o.hours, qh."from" AS q_from, qh."to" AS q_to
       FROM coffee_optins o JOIN users u ON u.id = o.user_id LEFT JOIN quiet_hours qh ON qh.user_id = u.id
       WHERE o.opt_in = 1 AND ${sqlUserMayUseCoffee("u")} ORDER BY u.id`,
    ),
    db.prepare(
      `SELECT a.user_id AS a, b.user_id AS b FROM coffee_pairing_members a JOIN coffee_pairing_members b ON b.pairing_id = a.pairing_id AND b.user_id <> a.user_id
       WHERE a.week >= ? AND a.week < ?`,
    ).bind(week - NO_REPEAT_WEEKS * WEEK_MS, week),
    db.prepare(
      `SELECT c.author_id AS a, p.author_id AS b FROM coffee_optins o JOIN comments c INDEXED BY comments_author ON c.author_id = o.user_id
         JOIN posts p ON p.id = c.post_id
       WHERE o.opt_in = 1 AND c.created_at >= ? AND c.created_at < ? AND p.author_id <> c.author_id
       UNION
       SELECT n.actor_id, n.user_id FROM coffee_optins o JOIN notifications n INDEXED BY notifications_user ON n.user_id = o.user_id
       WHERE o.opt_in = 1 AND n.kind IN ('mention', 'reply') AND n.created_at >= ? AND n.created_at < ? AND n.actor_id IS NOT NULL`,
    ).bind(week - INTERACTION_DAYS * 24 * 3600 * 1000, week, week - INTERACTION_DAYS * 24 * 3600 * 1000, week),
  ]);
  const done = doneRead.results[0] as { opted_in: number; paired: number; left_out: number } | undefined;
  if (done) return { week, optedIn: done.opted_in, paired: done.paired, leftOut: done.left_out, alreadyRan: true };
  const rows = candidates.results as CandidateRow[];
  const infoOf = (ids: string[]): RecipientInfo[] => ids.map((id) => byId.get(id)!).map((r) => ({ id: r.id, timezone: r.timezone, from: r.q_from, to: r.q_to }));
  const blockedSet = new Set<string>();
  for (const r of [...recentPairs.results, ...interactions.results] as { a: string; b: string }[]) {
    blockedSet.add(`${r.a}|${r.b}`).add(`${r.b}|${r.a}`);
  }
  const plan = planPairings(
    rows.map((r) => ({ id: r.id, department: r.department, location: r.location, spans: weeklySpans(hoursOf(r.hours), r.timezone, week) })),
    (a, b) => blockedSet.has(`${a}|${b}`),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = Date.now();
  const writes: any[] = [];
  const notes: ReturnType<typeof notificationBatchOf>[] = [];
  const rooms: { roomId: string; icebreaker: Icebreaker }[] = [];
  for (const group of plan.groups) {
    const members = group.map((id) => byId.get(id)!);
    const pairingId = newId("pai", now);
    const roomId = newId("cof", now);
    const icebreaker = icebreakerFor(members.map((m) => ({ id: m.id, name: m.name, hobbies: list(m.hobbies), hotTopics: list(m.hot_topics) })));
    writes.push(
      ctx.db.insert(coffeeRooms).values({ id: roomId, title: members.map((m) => m.name.split(" ")[0]).join(" · "), kind: "pair", pairingId, createdAt: now }),
      ctx.db.insert(coffeePairings).values({ id: pairingId, week, roomId, icebreaker: JSON.stringify(icebreaker), crossDepartment: true, createdAt: now }),
      ctx.db.insert(coffeePairingMembers).values(members.map((m) => ({ pairingId, userId: m.id, week }))),
    );
    rooms.push({ roomId, icebreaker });
    notes.push(notificationBatchOf(ctx, infoOf(group), { kind: "coffee_paired", actorId: null, groupId: null }, now));
  }
  for (const l of plan.leftOut) writes.push(ctx.db.insert(coffeeLeftOut).values({ week, userId: l.id, reason: l.reason }));
  notes.push(notificationBatchOf(ctx, infoOf(plan.leftOut.map((l) => l.id)), { kind: "coffee_left_out", actorId: null, groupId: null }, now));
  writes.push(...notes.flatMap((n) => n.statements));
  const paired = plan.groups.reduce((n, g) => n + g.length, 0);
  writes.push(ctx.db.insert(coffeeRuns).values({ week, ranAt: now, optedIn: rows.length, paired, leftOut: plan.leftOut.length }));
  // Run by an administrator (not the cron): audited with the run.
  if (by) writes.push(auditInsert(ctx, by, { action: "coffee.pairing_run", target: { type: "coffee_run", id: String(week) }, groupId: null, after: { optedIn: rows.length, paired, leftOut: plan.leftOut.length } }, now));
  // All of the week's run lands at once, or none of it (and the next cron tick tries again).
  await ctx.db.batch(writes as [any, ...any[]]);
  for (const r of rooms) await openPairRoom(ctx, r.roomId, "pairing.icebreaker", r.icebreaker);
  for (const n of notes) await n.pushLive();
  return { week, optedIn: rows.length, paired, leftOut: plan.leftOut.length, alreadyRan: false };
}

/**
 * The statements of the caller's pairing view for the week starting `week`: their opt-in, their pairing that week (with
 * the pairing's row), its other members, and whether they were left out; read alone or after a write in its batch.
 */
function myPairingStatements(ctx: ServiceContext, actor: Actor, week: number): D1PreparedStatement[] {
  const db = ctx.env.DB;
  const mine = "SELECT pairing_id FROM coffee_pairing_members WHERE user_id = ?1 AND week = ?2 ORDER BY week DESC LIMIT 1";
  return [
    db.prepare("SELECT opt_in, hours FROM coffee_optins WHERE user_id = ?").bind(actor.id),
    db.prepare(
      `SELECT m.outcome, p.id, p.week, p.room_id, p.icebreaker FROM coffee_pairing_members m JOIN coffee_pairings p ON p.id = m.pairing_id
       WHERE m.user_id = ?1 AND m.week = ?2 AND m.pairing_id = (${mine})`,
    ).bind(actor.id, week),
    db.prepare(
      `SELECT u.id, u.handle, u.name, u.location, u.timezone, u.avatar_key FROM coffee_pairing_members m JOIN users u ON u.id = m.user_id
       WHERE m.pairing_id = (${mine}) AND m.user_id <> ?1`,
    ).bind(actor.id, week),
    db.prepare("SELECT week, reason FROM coffee_left_out WHERE user_id = ? AND week = ?").bind(actor.id, week),
  ];
}

/** The pairing view of the answers of {@link myPairingStatements} (the last four of `answers`). */
function presentMyPairing(answers: D1Result<any>[]): MyCoffeePairing {
  const [optR, mineR, partnersR, leftR] = answers.slice(-4);
  const opt = optR.results[0];
  const p = mineR.results[0];
  const current: CoffeePairing | null = p
    ? {
        id: p.id,
        week: p.week,
        roomId: p.room_id,
        icebreaker: JSON.parse(p.icebreaker),
        partners: partnersR.results.map((u: any) => ({ id: u.id, handle: u.handle, name: u.name, location: u.location, timezone: u.timezone, avatarUrl: avatarUrl(u.avatar_key) })),
        outcome: p.outcome,
      }
    : null;
  const left = p ? undefined : leftR.results[0];
  return {
    optIn: opt ? Boolean(opt.opt_in) : false,
    hours: opt ? JSON.parse(opt.hours) : [],
    current,
    leftOut: left ? { week: left.week, reason: left.reason } : null,
  };
}

/** The caller's opt-in, hours, and this week's pairing (or why they were left out), in one D1 round trip. */
export async function getMyPairing(ctx: ServiceContext, actor: Actor): Promise<MyCoffeePairing> {
  assertCoffeeAccess(actor);
  return presentMyPairing(await ctx.env.DB.batch(myPairingStatements(ctx, actor, weekStart(Date.now()))));
}

/**
 * Opt in or out of pairing, with the hours the member is free, in their own time zone: the change and the view read
 * back in one batch (with the session check before it: two D1 round trips, issue 13).
 */
export async function setMyPairing(ctx: ServiceContext, actor: Actor, input: PairingBody): Promise<MyCoffeePairing> {
  assertCoffeeAccess(actor);
  const now = Date.now();
  const row = { userId: actor.id, optIn: input.optIn, hours: JSON.stringify(input.hours), updatedAt: now };
  const db = ctx.env.DB;
  const answers = await db.batch([
    statementOf(db, ctx.db.insert(coffeeOptIns).values(row).onConflictDoUpdate({ target: coffeeOptIns.userId, set: { optIn: row.optIn, hours: row.hours, updatedAt: row.updatedAt } })),
    ...myPairingStatements(ctx, actor, weekStart(now)),
  ]);
  return presentMyPairing(answers);
}

/** "We met" or "skipped", by a member of the pairing. */
export async function recordOutcome(ctx: ServiceContext, actor: Actor, pairingId: string, outcome: PairingOutcome): Promise<void> {
  assertCoffeeAccess(actor);
  const res = await ctx.db
    .update(coffeePairingMembers)
    .set({ outcome, outcomeAt: Date.now() })
    .where(and(eq(coffeePairingMembers.pairingId, pairingId), eq(coffeePairingMembers.userId, actor.id)))
    .returning({ p: coffeePairingMembers.pairingId });
  if (res.length === 0) throw new NotFoundError("No such pairing");
}

/**
 * New cross-department connections per month (UTC): pairs of members paired for the first time that month. For the
 * analytics of the network (administrators only: the route decides).
 */
export async function crossDepartmentConnections(ctx: ServiceContext, range: { from: number; to: number }): Promise<MonthlyConnections[]> {
  const { results } = await ctx.env.DB.prepare(
    `WITH firsts AS (
       SELECT a.user_id AS a, b.user_id AS b, min(p.created_at) AS first_at
       FROM coffee_pairing_members a JOIN coffee_pairing_members b ON b.pairing_id = a.pairing_id AND b.user_id > a.user_id
       JOIN coffee_pairings p ON p.id = a.pairing_id WHERE p.cross_department = 1 GROUP BY a.user_id, b.user_id)
     SELECT strftime('%Y-%m', first_at / 1000, 'unixepoch') AS month, count(*) AS connections
     FROM firsts WHERE first_at >= ? AND first_at < ? GROUP BY month ORDER BY month`,
  )
    .bind(range.from, range.to)
    .all<MonthlyConnections>();
  return results;
}
