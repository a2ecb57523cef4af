import { and, eq } from "drizzle-orm";
import { AnswerPromise, PromiseBody } from "../../../contract/questions";
import type { MemberSummary } from "../../../contract/common";
import type { Actor, ServiceContext } from "../../context";
import { groupMembers } from "../../db/groups";
import { inList } from "../../db/in-list";
import { groupPromises, networkSettings, supportMembers } from "../../db/questions";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { canManagePromise, canSeePromise } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { loadGroup } from "../groups/groups";
import { presentMember } from "../users/present";
import { settled } from "../../lib/settled";
import { sqlPart, statement, statementOf } from "../../lib/sql";

/** What a promise row leaves unsaid takes these (the columns' defaults). */
const DEFAULTS = { days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" };

/** The network's default promise (network_settings.default_promise); a row that does not read as one is "none". */
function networkDefault(json: string | null | undefined): AnswerPromise {
  let parsed: PromiseBody | null = null;
  try {
    const got = PromiseBody.safeParse(JSON.parse(json ?? "null"));
    parsed = got.success ? got.data : null;
  } catch {
    parsed = null;
  }
  const p = parsed ?? { mode: "none" as const };
  return {
    mode: p.mode,
    hours: p.mode === "none" ? null : (p.hours ?? null),
    days: p.days ?? DEFAULTS.days,
    opens: p.opens ?? DEFAULTS.opens,
    closes: p.closes ?? DEFAULTS.closes,
    timezone: p.timezone ?? DEFAULTS.timezone,
    source: "network",
  };
}

/** A group's own promise row as the API shows it. */
function groupPromise(row: { mode: AnswerPromise["mode"]; hours: number | null; days: string; opens: string; closes: string; timezone: string }): AnswerPromise {
  return { mode: row.mode, hours: row.mode === "none" ? null : row.hours, days: JSON.parse(row.days), opens: row.opens, closes: row.closes, timezone: row.timezone, source: "group" };
}

/**
 * The promise group `groupId` follows now: its own row, else the network's default. No access check (callers check).
 * Both rows are read together (one D1 round trip, issue 13).
 */
export async function promiseOf(ctx: ServiceContext, groupId: string): Promise<AnswerPromise> {
  const [row, network] = await Promise.all([
    ctx.db.select().from(groupPromises).where(eq(groupPromises.groupId, groupId)).get(),
    ctx.db.select({ json: networkSettings.defaultPromise }).from(networkSettings).where(eq(networkSettings.id, 1)).get(),
  ]);
  return row ? groupPromise(row) : networkDefault(network?.json);
}

/** The gate of a group's promise and support routes: 403 to whoever sees the group but does not run it. */
export function checkPromiseRight(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  return refuseUnless(loadGroup(ctx, actor, groupId), ({ m }) => canManagePromise(actor, m), "Only the group's animators set its promise and support members");
}

export async function getPromise(ctx: ServiceContext, actor: Actor, groupId: string): Promise<AnswerPromise> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canSeePromise(actor, group, m)) throw new NotFoundError("No such group");
  return promiseOf(ctx, groupId);
}

/** Sets the group's own promise (mode `none` included: it wins over the network's default); audited. */
export async function setPromise(ctx: ServiceContext, actor: Actor, groupId: string, input: PromiseBody): Promise<AnswerPromise> {
  // The group, my role and the promise it follows now are read with the session check and the gate (one D1 round trip,
  // issue 13), then the new promise, its audit row and the promise read back, in one batch.
  const [{ m }, beforeRead] = await Promise.all([loadGroup(ctx, actor, groupId), settled(promiseOf(ctx, groupId))]);
  if (!canManagePromise(actor, m)) throw new ForbiddenError("Only the group's animators set its promise");
  const before = beforeRead();
  const now = Date.now();
  const row = {
    groupId,
    mode: input.mode,
    hours: input.mode === "none" ? null : input.hours!,
    days: JSON.stringify([...(input.days ?? DEFAULTS.days)].sort()),
    opens: input.opens ?? DEFAULTS.opens,
    closes: input.closes ?? DEFAULTS.closes,
    timezone: input.timezone ?? DEFAULTS.timezone,
    updatedBy: actor.id,
    updatedAt: now,
  };
  const { groupId: _g, updatedBy: _u, updatedAt: _a, ...settable } = row;
  const db = ctx.env.DB;
  const answers = await db.batch<{ mode: AnswerPromise["mode"]; hours: number | null; days: string; opens: string; closes: string; timezone: string }>([
    statementOf(db, ctx.db.insert(groupPromises).values(row).onConflictDoUpdate({ target: groupPromises.groupId, set: { ...settable, updatedBy: actor.id, updatedAt: now } })),
    statementOf(db, auditInsert(ctx, actor, { action: "group.promise", target: { type: "group", id: groupId }, groupId, before: { ...before }, after: { ...settable, days: JSON.parse(row.days) } }, now)),
    statement(db, sqlPart`SELECT mode, hours, days, opens, closes, timezone FROM group_promises WHERE group_id = ${groupId}`),
  ]);
  return groupPromise(answers.at(-1)!.results[0]);
}

/** The statement of a group's support members, by name. */
function supportListStatement(ctx: ServiceContext, groupId: string): D1PreparedStatement {
  return statement(
    ctx.env.DB,
    sqlPart`SELECT u.id, u.handle, u.name, u.location, u.timezone, u.avatar_key AS avatarKey FROM support_members s JOIN users u ON u.id = s.user_id
      WHERE s.group_id = ${groupId} ORDER BY u.name, u.id`,
  );
}

type SupportRow = { id: string; handle: string; name: string; location: string; timezone: string; avatarKey: string | null };

export async function getSupportMembers(ctx: ServiceContext, actor: Actor, groupId: string): Promise<{ items: MemberSummary[] }> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canSeePromise(actor, group, m)) throw new NotFoundError("No such group");
  const { results } = await supportListStatement(ctx, groupId).all<SupportRow>();
  return { items: results.map(presentMember) };
}

/** Replaces the group's support members; each must be a member of the group (else 400 naming them); audited. */
export async function setSupportMembers(ctx: ServiceContext, actor: Actor, groupId: string, userIds: string[]): Promise<{ items: MemberSummary[] }> {
  // The group, my role, which of the named are members and who supports now are read with the session check and the
  // gate (one D1 round trip, issue 13), then the change, its audit row and the new list, in one batch.
  const ids = [...new Set(userIds)];
  const [{ m }, foundRead, beforeRead] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    settled(
      ids.length
        ? ctx.db.select({ id: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.state, "member"), inList(groupMembers.userId, ids))).all()
        : Promise.resolve([]),
    ),
    settled(ctx.db.select({ id: supportMembers.userId }).from(supportMembers).where(eq(supportMembers.groupId, groupId)).all()),
  ]);
  if (!canManagePromise(actor, m)) throw new ForbiddenError("Only the group's animators name its support members");
  const ok = new Set(foundRead().map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new ValidationError(bad.map((id) => ({ path: "userIds", message: `${id} is not a member of the group` })));
  const before = beforeRead().map((r) => r.id).sort();
  const now = Date.now();
  const db = ctx.env.DB;
  const answers = await db.batch<SupportRow>([
    statementOf(db, ctx.db.delete(supportMembers).where(eq(supportMembers.groupId, groupId))),
    ...ids.map((userId) => statementOf(db, ctx.db.insert(supportMembers).values({ groupId, userId, createdAt: now }))),
    statementOf(db, auditInsert(ctx, actor, { action: "group.support_members", target: { type: "group", id: groupId }, groupId, before: { userIds: before }, after: { userIds: [...ids].sort() } }, now)),
    supportListStatement(ctx, groupId),
  ]);
  return { items: answers.at(-1)!.results.map(presentMember) };
}
