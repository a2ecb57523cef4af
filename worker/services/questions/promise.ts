import { and, eq, inArray } from "drizzle-orm";
import { AnswerPromise, PromiseBody } from "../../../contract/questions";
import type { MemberSummary } from "../../../contract/common";
import type { Actor, ServiceContext } from "../../context";
import { groupMembers } from "../../db/groups";
import { groupPromises, networkSettings, supportMembers } from "../../db/questions";
import { users } from "../../db/users";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { canManagePromise, canSeePromise } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { loadGroup } from "../groups/groups";
import { presentMember } from "../users/present";

/** What a promise row leaves unsaid takes these (the columns' defaults). */
const DEFAULTS = { days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" };

/** The network's default promise (network_settings.default_promise); a row that does not read as one is "none". */
async function networkDefault(ctx: ServiceContext): Promise<AnswerPromise> {
  const row = await ctx.db.select({ json: networkSettings.defaultPromise }).from(networkSettings).where(eq(networkSettings.id, 1)).get();
  let parsed: PromiseBody | null = null;
  try {
    const got = PromiseBody.safeParse(JSON.parse(row?.json ?? "null"));
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

/** The promise group `groupId` follows now: its own row, else the network's default. No access check (callers check). */
export async function promiseOf(ctx: ServiceContext, groupId: string): Promise<AnswerPromise> {
  const row = await ctx.db.select().from(groupPromises).where(eq(groupPromises.groupId, groupId)).get();
  if (!row) return networkDefault(ctx);
  return { mode: row.mode, hours: row.mode === "none" ? null : row.hours, days: JSON.parse(row.days), opens: row.opens, closes: row.closes, timezone: row.timezone, source: "group" };
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
  const { m } = await loadGroup(ctx, actor, groupId);
  if (!canManagePromise(actor, m)) throw new ForbiddenError("Only the group's animators set its promise");
  const before = await promiseOf(ctx, groupId);
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
  await ctx.db.batch([
    ctx.db.insert(groupPromises).values(row).onConflictDoUpdate({ target: groupPromises.groupId, set: { ...settable, updatedBy: actor.id, updatedAt: now } }),
    auditInsert(ctx, actor, { action: "group.promise", target: { type: "group", id: groupId }, groupId, before: { ...before }, after: { ...settable, days: JSON.parse(row.days) } }, now),
  ]);
  return promiseOf(ctx, groupId);
}

async function supportList(ctx: ServiceContext, groupId: string): Promise<MemberSummary[]> {
  const rows = await ctx.db
    .select({ id: users.id, handle: users.handle, name: users.name, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey })
    .from(supportMembers)
    .innerJoin(users, eq(users.id, supportMembers.userId))
    .where(eq(supportMembers.groupId, groupId))
    .orderBy(users.name, users.id)
    .all();
  return rows.map(presentMember);
}

export async function getSupportMembers(ctx: ServiceContext, actor: Actor, groupId: string): Promise<{ items: MemberSummary[] }> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canSeePromise(actor, group, m)) throw new NotFoundError("No such group");
  return { items: await supportList(ctx, groupId) };
}

/** Replaces the group's support members; each must be a member of the group (else 400 naming them); audited. */
export async function setSupportMembers(ctx: ServiceContext, actor: Actor, groupId: string, userIds: string[]): Promise<{ items: MemberSummary[] }> {
  const { m } = await loadGroup(ctx, actor, groupId);
  if (!canManagePromise(actor, m)) throw new ForbiddenError("Only the group's animators name its support members");
  const ids = [...new Set(userIds)];
  const found = ids.length
    ? await ctx.db.select({ id: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.state, "member"), inArray(groupMembers.userId, ids))).all()
    : [];
  const ok = new Set(found.map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new ValidationError(bad.map((id) => ({ path: "userIds", message: `${id} is not a member of the group` })));
  const before = (await ctx.db.select({ id: supportMembers.userId }).from(supportMembers).where(eq(supportMembers.groupId, groupId)).all()).map((r) => r.id).sort();
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.delete(supportMembers).where(eq(supportMembers.groupId, groupId)),
    ...ids.map((userId) => ctx.db.insert(supportMembers).values({ groupId, userId, createdAt: now })),
    auditInsert(ctx, actor, { action: "group.support_members", target: { type: "group", id: groupId }, groupId, before: { userIds: before }, after: { userIds: [...ids].sort() } }, now),
  ]);
  return { items: await supportList(ctx, groupId) };
}
