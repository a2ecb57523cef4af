import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { OfficeHour, OfficeHourBody, OfficeHoursQuery, OfficeHourState } from "../../../contract/questions";
import type { Actor, ServiceContext } from "../../context";
import type { GroupVisibility } from "../../db/groups";
import { officeHours } from "../../db/questions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { canCancelOfficeHour, canScheduleOfficeHour, canSeeOfficeHour, sqlSeeOfficeHour, type GroupAccessFacts, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { groupFactsOf, groupSeenBy, loadGroup, rowWithGroupFacts, sqlGroupFacts } from "../groups/groups";
import { actorAndSummaryWith } from "../auth/sessions";
import { users } from "../../db/users";
import { avatarUrl } from "../users/present";

/**
 * Expert office hours (API.md "Questions and knowledge", issue 11 item 5): a member of a group schedules a live
 * session as its expert; from its start to its end a room (`/parties/office-hours/:id`, party/office-hour-room.ts) takes
 * the group's readers; what is asked there becomes question posts of the group (`questions.office_hour_id`), and the
 * expert's replies their accepted answers (office-hour-room.ts in this folder, the room's one door into the services).
 *
 * The state is read from the clock: `scheduled` before `startsAt`, `live` until `endsAt`, `ended` after it or once
 * cancelled (a session cancelled before its start never opens).
 */

/** A few minutes in the past are forgiven (a client clock behind); a year ahead at most. */
export const START_GRACE_MS = 5 * 60_000;
export const START_HORIZON_MS = 366 * 24 * 3600_000;

export type OfficeHourRecord = typeof officeHours.$inferSelect;

export function officeHourState(oh: { startsAt: number; endsAt: number; cancelledAt: number | null }, now: number): OfficeHourState {
  if (oh.cancelledAt !== null || now >= oh.endsAt) return "ended";
  return now < oh.startsAt ? "scheduled" : "live";
}

type ViewRow = {
  id: string; group_id: string; expert_id: string; topic: string; starts_at: number; ends_at: number; cancelled_at: number | null;
  g_name: string; g_visibility: GroupVisibility;
  e_handle: string; e_name: string; e_location: string; e_timezone: string; e_avatar: string | null;
  m_role: string | null; m_state: string | null; question_count: number;
};

function viewColumns(actor: Actor): SqlPart {
  return sqlPart`o.id, o.group_id, o.expert_id, o.topic, o.starts_at, o.ends_at, o.cancelled_at, g.name AS g_name, g.visibility AS g_visibility,
    e.handle AS e_handle, e.name AS e_name, e.location AS e_location, e.timezone AS e_timezone, e.avatar_key AS e_avatar,
    m.role AS m_role, m.state AS m_state,
    (SELECT count(*) FROM questions q WHERE q.office_hour_id = o.id) AS question_count
    FROM office_hours o JOIN groups g ON g.id = o.group_id JOIN users e ON e.id = o.expert_id
    LEFT JOIN group_members m ON m.group_id = o.group_id AND m.user_id = ${actor.id}`;
}

function membershipOf(r: { m_role: string | null; m_state: string | null }): Membership {
  return r.m_role && r.m_state ? { role: r.m_role as any, state: r.m_state as any } : null;
}

function present(actor: Actor, r: ViewRow, now: number): OfficeHour {
  const state = officeHourState({ startsAt: r.starts_at, endsAt: r.ends_at, cancelledAt: r.cancelled_at }, now);
  return {
    id: r.id,
    groupId: r.group_id,
    groupName: r.g_name,
    groupVisibility: r.g_visibility,
    topic: r.topic,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    expert: { id: r.expert_id, handle: r.e_handle, name: r.e_name, location: r.e_location, timezone: r.e_timezone, avatarUrl: avatarUrl(r.e_avatar) },
    state,
    questionCount: r.question_count,
    canCancel: state !== "ended" && canCancelOfficeHour(actor, membershipOf(r), { expertId: r.expert_id }),
  };
}

/** Office hours by id as the caller sees them (ids already filtered by the caller's right to see them); order kept. */
async function hydrate(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<OfficeHour[]> {
  if (!ids.length) return [];
  const rows = await statement(ctx.env.DB, sqlPart`SELECT ${viewColumns(actor)} WHERE o.id IN (${join(ids.map((id) => sqlPart`${id}`), ",")})`).all<ViewRow>();
  const byId = new Map(rows.results.map((r) => [r.id, r]));
  const now = Date.now();
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [present(actor, r, now)] : [];
  });
}

/** A session the caller may see, with its group's facts and the caller's membership; 404 otherwise. */
export async function loadOfficeHour(ctx: ServiceContext, actor: Actor, id: string) {
  // The session, its group's facts and my membership in one statement (one D1 round trip, issue 13).
  const found = await rowWithGroupFacts(ctx, actor, officeHours, id);
  if (!found || !officeHourSeenBy(actor, found.row.groupId, found.group, found.m)) throw new NotFoundError("No such office hour");
  return { officeHour: found.row, group: found.group, m: found.m };
}

/**
 * POST /office-hours: the caller, a member of the group, becomes the session's expert. `startsAt` from five minutes
 * ago to a year ahead (else 400 on `startsAt`); the group must be one the caller sees (404) and may ask in (403).
 */
export async function scheduleOfficeHour(ctx: ServiceContext, actor: Actor, body: OfficeHourBody): Promise<OfficeHour> {
  // The start window is the input's own rule (checked as the schema's are, before the group is looked up).
  const now = Date.now();
  if (body.startsAt < now - START_GRACE_MS) throw new ValidationError([{ path: "startsAt", message: "An office hour starts now or later" }]);
  if (body.startsAt > now + START_HORIZON_MS) throw new ValidationError([{ path: "startsAt", message: "An office hour starts within a year" }]);
  // The group and my membership are read with the session check (one D1 round trip, issue 13), then the session and
  // its view read back in one batch.
  const { group, m } = await loadGroup(ctx, actor, body.groupId);
  if (!canScheduleOfficeHour(actor, group, m)) throw new ForbiddenError("Join the group to hold an office hour in it");
  const id = newId("ofh", now);
  const db = ctx.env.DB;
  const [, view] = await db.batch<ViewRow>([
    statementOf(
      db,
      ctx.db.insert(officeHours).values({
        id,
        groupId: body.groupId,
        expertId: actor.id,
        topic: body.topic,
        startsAt: body.startsAt,
        endsAt: body.startsAt + body.durationMinutes * 60_000,
        createdAt: now,
      }),
    ),
    statement(db, sqlPart`SELECT ${viewColumns(actor)} WHERE o.id = ${id}`),
  ]);
  return present(actor, view.results[0], Date.now());
}

/** GET /office-hours/:id. */
export async function getOfficeHour(ctx: ServiceContext, actor: Actor, id: string): Promise<OfficeHour> {
  await loadOfficeHour(ctx, actor, id);
  return (await hydrate(ctx, actor, [id]))[0];
}

export type OfficeHoursCursor = { p: 0 | 1; s: number; i: string };
type ListQuery = Omit<OfficeHoursQuery, "cursor">;

/**
 * GET /office-hours: the sessions of the groups whose content the caller reads (the access module's SQL twin, before
 * the LIMIT). `scheduled` and `live` come soonest first, `ended` latest first; without a state, the coming and live
 * ones first (soonest first), then the ended ones (latest first). Keyset pages over (starts_at, id).
 */
export async function listOfficeHours(ctx: ServiceContext, actor: Actor, query: ListQuery, cursor?: OfficeHoursCursor) {
  const now = Date.now();
  const base: SqlPart[] = [sqlSeeOfficeHour(actor, "o.group_id", "g.visibility")];
  if (query.groupId) base.push(sqlPart`o.group_id = ${query.groupId}`);
  const notEnded = sqlPart`o.cancelled_at IS NULL AND o.ends_at > ${now}`;
  // Phase 0: not ended (ascending); phase 1: ended (descending).
  const phases: { p: 0 | 1; where: SqlPart; asc: boolean }[] = [];
  if (query.state === "scheduled") phases.push({ p: 0, where: sqlPart`${notEnded} AND o.starts_at > ${now}`, asc: true });
  else if (query.state === "live") phases.push({ p: 0, where: sqlPart`${notEnded} AND o.starts_at <= ${now}`, asc: true });
  else if (query.state === "ended") phases.push({ p: 1, where: sqlPart`(o.cancelled_at IS NOT NULL OR o.ends_at <= ${now})`, asc: false });
  else phases.push({ p: 0, where: notEnded, asc: true }, { p: 1, where: sqlPart`(o.cancelled_at IS NOT NULL OR o.ends_at <= ${now})`, asc: false });

  const limit = query.limit + 1;
  const rows: { id: string; s: number; p: 0 | 1 }[] = [];
  for (const phase of phases) {
    if (rows.length >= limit) break;
    if (cursor && cursor.p > phase.p) continue;
    const after = cursor && cursor.p === phase.p
      ? [phase.asc ? sqlPart`(o.starts_at > ${cursor.s} OR (o.starts_at = ${cursor.s} AND o.id > ${cursor.i}))` : sqlPart`(o.starts_at < ${cursor.s} OR (o.starts_at = ${cursor.s} AND o.id < ${cursor.i}))`]
      : [];
    const order = raw(phase.asc ? "o.starts_at, o.id" : "o.starts_at DESC, o.id DESC");
    const found = await statement(
      ctx.env.DB,
      sqlPart`SELECT o.id AS id, o.starts_at AS s FROM office_hours o JOIN groups g ON g.id = o.group_id
        WHERE ${join([...base, phase.where, ...after], " AND ")} ORDER BY ${order} LIMIT ${limit - rows.length}`,
    ).all<{ id: string; s: number }>();
    rows.push(...found.results.map((r) => ({ ...r, p: phase.p })));
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next: OfficeHoursCursor | null = rows.length > query.limit && last ? { p: last.p, s: last.s, i: last.id } : null;
  return { items: await hydrate(ctx, actor, page.map((r) => r.id)), next };
}

/** The gate of DELETE: 404 for what the caller may not see (after the inputs); 403 but for the expert, animators, admins. */
export function checkCancelRight(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  return refuseUnless(loadOfficeHour(ctx, actor, id), ({ officeHour, m }) => canCancelOfficeHour(actor, m, officeHour), "Only the expert or the group's animators cancel an office hour");
}

/**
 * DELETE /office-hours/:id: ends the session now (one that has not started never opens); 409 once it has ended. An
 * animator's or administrator's cancelling of someone else's session is audited, in the same batch, written only when
 * the cancelling happened (a concurrent cancel or the end in between writes neither). Then the live room says `closed`
 * and closes its connections.
 */
export async function cancelOfficeHour(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const { officeHour, m } = await loadOfficeHour(ctx, actor, id);
  if (!canCancelOfficeHour(actor, m, officeHour)) throw new ForbiddenError("Only the expert or the group's animators cancel an office hour");
  const now = Date.now();
  if (officeHourState(officeHour, now) === "ended") throw new ConflictError("This office hour has already ended");
  const open = and(eq(officeHours.id, id), isNull(officeHours.cancelledAt), gt(officeHours.endsAt, now));
  // The audit row first, under the same condition as the write that follows it in the batch: both happen or neither.
  const audit = officeHour.expertId !== actor.id
    ? [
        auditInsert(
          ctx,
          actor,
          {
            action: "office_hour.cancel",
            target: { type: "office_hour", id },
            groupId: officeHour.groupId,
            before: { topic: officeHour.topic, expertId: officeHour.expertId, startsAt: officeHour.startsAt, endsAt: officeHour.endsAt },
            after: { cancelledAt: now },
            when: sql`EXISTS (SELECT 1 FROM office_hours WHERE id = ${id} AND cancelled_at IS NULL AND ends_at > ${now})`,
          },
          now,
        ),
      ]
    : [];
  const write = ctx.db.update(officeHours).set({ cancelledAt: now }).where(open).returning({ id: officeHours.id });
  const done = audit.length ? (await ctx.db.batch([audit[0], write]))[1] : await write;
  if (done.length === 0) throw new ConflictError("This office hour has already ended");
  await closeRoom(ctx, id);
}

/** Tells the live room the session is over (it sends `closed` and closes every connection); a room never opened is a no-op. */
async function closeRoom(ctx: ServiceContext, id: string) {
  try {
    await (await getServerByName(ctx.env.OfficeHours, id)).closeSession();
  } catch (err) {
    // The room closes itself at its end anyway (its alarm); the cancel stands.
    console.error(JSON.stringify({ requestId: ctx.requestId, officeHour: id, closeRoom: String(err) }));
  }
}

type OfficeHourRoomRecord = { id: string; groupId: string; expertId: string; topic: string; startsAt: number; endsAt: number };

function roomRecord(o: Omit<OfficeHourRecord, "createdAt">): OfficeHourRoomRecord {
  return { id: o.id, groupId: o.groupId, expertId: o.expertId, topic: o.topic, startsAt: o.startsAt, endsAt: o.endsAt };
}

/** loadOfficeHour's rule, written once: the group is one the caller may know ({@link groupSeenBy}) and whose content they read. */
function officeHourSeenBy(actor: Actor, groupId: string, group: GroupAccessFacts, m: Membership): boolean {
  return groupSeenBy(actor, groupId, group, m) && canSeeOfficeHour(actor, group, m);
}

/**
 * An office-hour room's join in ONE D1 statement (issue 13): the live session, its member and their summary, the
 * session's record and its group's facts for that member (`sqlGroupFacts`), read together; then loadOfficeHour's rule
 * ({@link officeHourSeenBy}) and the session live now. Null when the session is not live (401); `room` null when the
 * member may not enter (404), else the record handed to the room.
 */
export async function officeHourJoinFromSession(ctx: ServiceContext, token: string, id: string, now = Date.now()) {
  const who = await actorAndSummaryWith(
    ctx,
    token,
    {
      record: sql<string | null>`(SELECT json_object('id', o_f.id, 'groupId', o_f.group_id, 'expertId', o_f.expert_id, 'topic', o_f.topic, 'startsAt', o_f.starts_at, 'endsAt', o_f.ends_at, 'cancelledAt', o_f.cancelled_at) FROM office_hours o_f WHERE o_f.id = ${id})`,
      facts: sqlGroupFacts(sql`(SELECT o_g.group_id FROM office_hours o_g WHERE o_g.id = ${id})`, sql`${users.id}`),
    },
    now,
  );
  if (!who) return null;
  const o = who.extra.record === null ? null : (JSON.parse(who.extra.record) as Omit<OfficeHourRecord, "createdAt">);
  const found = groupFactsOf(who.extra.facts);
  const seen = o !== null && found !== null && officeHourSeenBy(who.actor, o.groupId, found.group, found.m);
  return { actor: who.actor, member: who.member, room: seen && officeHourState(o, now) === "live" ? roomRecord(o) : null };
}
