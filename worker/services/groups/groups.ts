import { auditInsert } from "../audit/audit";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTableWithColumns } from "drizzle-orm/sqlite-core";
import type { Actor, ServiceContext } from "../../context";
import { groupMembers, groups, type GroupRole } from "../../db/groups";
import { quietHours, users } from "../../db/users";
import { ideaBoxes, NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
import { emitWebhookEvent } from "../webhooks/events";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { notificationBatch, notificationBatchOf, readersAmong } from "../notifications/notify";
import { ftsQuery } from "../search/search";
import { presentMember } from "../users/present";
import { actorAndSummaryWith } from "../auth/sessions";
import { canAddMembers, canCreateGroup, canManageHooks, canEditGroup, canGiveRole, canLeave, canListMembers, canModerateGroup, canPostIn, canReadGroupContent, canRemoveMember, canSeeGroup, canSeeRequests, canSetGroupNotify, groupCan, joinOutcome, memberRowCan, sqlVisibleGroup, type GroupAccessFacts, type Membership } from "../access";
import { refuseUnless } from "../gate";
import type { AddMemberInput, AddMemberResult, Group, GroupInput, GroupMemberRow, GroupPatch, JoinResult } from "../../../contract/groups";
import type { NotifyLevel } from "../../../contract/enums";
import { join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";

type GroupRow = typeof groups.$inferSelect;

/** Where a group's cover image is served: under the files routes, for whoever may see the group (cover.ts). */
export function coverUrl(coverKey: string | null): string | null {
  return coverKey ? `/api/v1/files/${coverKey}` : null;
}

export function presentGroup(actor: Actor, g: GroupRow & { ideaBox?: boolean }, m: (Membership & { notify?: NotifyLevel }) | null): Group {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    visibility: g.visibility,
    kind: g.kind,
    rules: g.rules,
    rulesHtml: g.rulesHtml,
    coverColor: g.coverColor,
    coverUrl: coverUrl(g.coverKey),
    memberCount: g.memberCount,
    lastPostAt: g.lastPostAt,
    createdAt: g.createdAt,
    ideaBox: g.ideaBox ?? false,
    membership: m ? { role: m.role, state: m.state, notify: m.notify ?? "mentions" } : null,
    can: groupCan(actor, g, m),
  };
}

/**
 * Whether the caller may know the group exists (loadGroup's rule, written once): {@link canSeeGroup}, and never the
 * network's ideas group, which holds network-wide campaigns' ideas only and no group route reaches (API.md "Ideas").
 */
export function groupSeenBy(actor: Actor, groupId: string, group: GroupAccessFacts, m: Membership): boolean {
  return groupId !== NETWORK_IDEAS_GROUP_ID && canSeeGroup(actor, group, m);
}

/**
 * A group's access facts for a caller, as ONE SQL column for a statement that reads the caller too (a room's join in
 * one D1 round trip, worker/rooms.ts): JSON text `{visibility, role, state}` (role and state null when the caller is
 * not in it), null when there is no such group. `groupId` and `callerId` are SQL expressions (bound values or
 * columns of the outer query). Read it back with {@link groupFactsOf}.
 */
export function sqlGroupFacts(groupId: SQL, callerId: SQL): SQL<string | null> {
  return sql<string | null>`(SELECT json_object('visibility', g_f.visibility, 'role', gm_f.role, 'state', gm_f.state) FROM groups g_f LEFT JOIN group_members gm_f ON gm_f.group_id = g_f.id AND gm_f.user_id = ${callerId} WHERE g_f.id = ${groupId})`;
}

/** The facts of {@link sqlGroupFacts}: the group's visibility and the caller's membership, or null (no such group). */
export function groupFactsOf(json: string | null): { group: GroupAccessFacts; m: Membership } | null {
  if (json === null) return null;
  const f = JSON.parse(json) as { visibility: GroupAccessFacts["visibility"]; role: GroupRole | null; state: "member" | "pending" | null };
  return { group: { visibility: f.visibility }, m: f.role && f.state ? { role: f.role, state: f.state } : null };
}

/**
 * A row of a table whose rows belong to a group (an FAQ entry, a library item, an office hour…), by id, with that
 * group's facts for the caller ({@link sqlGroupFacts}), in one statement (one D1 round trip, issue 13); null when there
 * is no such row or group. The caller applies its own rule to the facts.
 */
export async function rowWithGroupFacts<T extends SQLiteTableWithColumns<any> & { id: SQLiteColumn; groupId: SQLiteColumn }>(
  ctx: ServiceContext,
  actor: Actor,
  table: T,
  id: string,
): Promise<({ row: T["$inferSelect"] } & NonNullable<ReturnType<typeof groupFactsOf>>) | null> {
  const found = await ctx.db
    .select({ row: table, facts: sqlGroupFacts(sql`${table.groupId}`, sql`${actor.id}`) })
    .from(table as SQLiteTableWithColumns<any>)
    .where(eq(table.id, id))
    .get();
  const facts = found ? groupFactsOf(found.facts as string | null) : null;
  return found && facts ? { row: found.row as T["$inferSelect"], ...facts } : null;
}

/**
 * A group room's join in ONE D1 statement (issue 13): the live session, its member and their summary, and the group's
 * facts for that member ({@link sqlGroupFacts}), read together; then the rules of today: {@link groupSeenBy} (as
 * loadGroup), then {@link canReadGroupContent}. Null when the session is not live (the caller answers 401); `allowed`
 * false when the member may not enter (404: outsiders of a private or secret group, guests not in it learn nothing).
 */
export async function groupRoomJoinFromSession(ctx: ServiceContext, token: string, groupId: string, now = Date.now()) {
  const who = await actorAndSummaryWith(ctx, token, { facts: sqlGroupFacts(sql`${groupId}`, sql`${users.id}`) }, now);
  if (!who) return null;
  const found = groupFactsOf(who.extra.facts);
  const allowed = found !== null && groupSeenBy(who.actor, groupId, found.group, found.m) && canReadGroupContent(who.actor, found.group, found.m);
  return { actor: who.actor, member: who.member, allowed };
}

/** A group and the caller's membership, or 404 when the caller may not know it exists. */
export async function loadGroup(ctx: ServiceContext, actor: Actor, groupId: string) {
  const row = await ctx.db
    .select({ group: groups, role: groupMembers.role, state: groupMembers.state, notify: groupMembers.notify, ideaBox: sql<number>`EXISTS (SELECT 1 FROM idea_boxes ib WHERE ib.group_id = ${groups.id})` })
    .from(groups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.id)))
    .where(eq(groups.id, groupId))
    .get();
  if (!row) throw new NotFoundError("No such group");
  const m = row.role && row.state ? { role: row.role, state: row.state, notify: row.notify ?? "mentions" } : null;
  if (!groupSeenBy(actor, groupId, row.group, m)) throw new NotFoundError("No such group");
  return { group: { ...row.group, ideaBox: Boolean(row.ideaBox) }, m };
}

/** What a route's gate asks of a group (its rule, and the words of its 403), before the route reads its inputs. */
const GROUP_RIGHTS = {
  read: { rule: canReadGroupContent, refusal: "Join the group to read it" },
  post: { rule: canPostIn, refusal: "Join the group to post in it" },
  edit: { rule: (actor, _group, m) => canEditGroup(actor, m), refusal: "Only the group's animators can change it" },
  invite: { rule: (actor, _group, m) => canAddMembers(actor, m), refusal: "Only the group's animators can add members" },
  moderate: { rule: (actor, _group, m) => canModerateGroup(actor, m), refusal: "Only the group's animators and administrators moderate it" },
  listMembers: { rule: canListMembers, refusal: "Only the group's members see who is in it" },
  notify: { rule: (_actor, _group, m) => canSetGroupNotify(m), refusal: "Join the group first" },
  hooks: { rule: (actor, _group, m) => canManageHooks(actor, m), refusal: "Only the group's animators manage its incoming hooks" },
} satisfies Record<string, { rule: (actor: Actor, group: GroupAccessFacts, m: Membership) => boolean; refusal: string }>;
export type GroupRight = keyof typeof GROUP_RIGHTS;

/** The gate of a group's routes: 403 to a caller who sees the group but lacks `right` there (see services/gate.ts). */
export function checkGroupRight(ctx: ServiceContext, actor: Actor, groupId: string, right: GroupRight): Promise<void> {
  const { rule, refusal } = GROUP_RIGHTS[right];
  return refuseUnless(loadGroup(ctx, actor, groupId), ({ group, m }) => rule(actor, group, m), refusal);
}

/** Any member but a guest opens a group and becomes its owner. */
export async function createGroup(ctx: ServiceContext, actor: Actor, input: GroupInput): Promise<Group> {
  if (!canCreateGroup(actor)) throw new ForbiddenError("Guests cannot create groups");
  const now = Date.now();
  const id = newId("grp", now);
  const row = {
    id,
    name: input.name,
    description: input.description,
    visibility: input.visibility,
    kind: input.kind,
    rules: input.rules ?? "",
    rulesHtml: renderMarkdown(input.rules ?? ""),
    coverColor: input.coverColor ?? "#0f5e5e",
    memberCount: 1,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const [[group]] = await ctx.db.batch([
    ctx.db.insert(groups).values(row).returning(),
    ctx.db.insert(groupMembers).values({ groupId: id, userId: actor.id, role: "owner", state: "member", notify: "all", lastReadAt: now, createdAt: now }),
  ]);
  await emitWebhookEvent(ctx, "group.created", { groupId: id, kind: row.kind, visibility: row.visibility });
  return presentGroup(actor, group, { role: "owner", state: "member", notify: "all" });
}

export async function updateGroup(ctx: ServiceContext, actor: Actor, groupId: string, input: GroupPatch): Promise<Group> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canEditGroup(actor, m)) throw new ForbiddenError("Only the group's animators can change it");
  const { ideaBox, ...fieldsIn } = input;
  const set = { ...fieldsIn, ...(input.rules !== undefined && { rulesHtml: renderMarkdown(input.rules) }), updatedAt: Date.now() };
  const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const before = Object.fromEntries(Object.keys(changed).map((k) => [k, k === "ideaBox" ? group.ideaBox : group[k as keyof typeof group]]));
  const [updated] = await ctx.db.batch([
    ctx.db.update(groups).set(set).where(eq(groups.id, group.id)).returning(),
    auditInsert(ctx, actor, { action: "group.update", target: { type: "group", id: group.id }, groupId: group.id, before, after: changed }, Date.now()),
    ...(ideaBox === true ? [ctx.db.insert(ideaBoxes).values({ groupId: group.id, createdAt: Date.now() }).onConflictDoNothing()] : []),
    ...(ideaBox === false ? [ctx.db.delete(ideaBoxes).where(eq(ideaBoxes.groupId, group.id))] : []),
  ]);
  const fields = Object.keys(input).filter((k) => input[k as keyof GroupPatch] !== undefined && input[k as keyof GroupPatch] !== group[k as keyof typeof group]);
  if (fields.length) await emitWebhookEvent(ctx, "group.updated", { groupId: group.id, fields });
  return presentGroup(actor, { ...updated[0]!, ideaBox: ideaBox ?? group.ideaBox }, m);
}

export async function getGroup(ctx: ServiceContext, actor: Actor, groupId: string): Promise<Group> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  return presentGroup(actor, group, m);
}

export type GroupListQuery = { q?: string; kind?: GroupRow["kind"]; mine?: boolean; limit: number };
export type GroupCursor = { r: number; i: string } | { n: string; i: string };

/** The SQL of a page of visible groups (alphabetical, or ranked when searching); visibility inside, before LIMIT. */
export function groupListQuery(actor: Actor, query: GroupListQuery, cursor?: GroupCursor): SqlPart & { ranked: boolean } {
  const where: SqlPart[] = [sqlVisibleGroup(actor, "g.id", "g.visibility"), sqlPart`g.id <> ${NETWORK_IDEAS_GROUP_ID}`];
  if (query.kind) where.push(sqlPart`g.kind = ${query.kind}`);
  if (query.mine) where.push(raw("m.state IS NOT NULL"));
  const match = ftsQuery(query.q ?? "");
  const columns = raw("g.*, m.role AS m_role, m.state AS m_state, m.notify AS m_notify, EXISTS (SELECT 1 FROM idea_boxes ib WHERE ib.group_id = g.id) AS idea_box");
  const mine = sqlPart`LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = ${actor.id}`;
  if (match) {
    if (cursor && "r" in cursor) where.push(sqlPart`(hits.score > ${cursor.r} OR (hits.score = ${cursor.r} AND g.id > ${cursor.i}))`);
    const q = sqlPart`WITH hits AS (SELECT rowid, bm25(groups_fts, 5.0, 1.0) AS score FROM groups_fts WHERE groups_fts MATCH ${match})
       SELECT ${columns}, hits.score AS score FROM hits JOIN groups g ON g.rowid = hits.rowid ${mine}
       WHERE ${join(where, " AND ")} ORDER BY hits.score, g.id LIMIT ${query.limit + 1}`;
    return { ...q, ranked: true };
  }
  if (cursor && "n" in cursor) where.push(sqlPart`(g.name > ${cursor.n} OR (g.name = ${cursor.n} AND g.id > ${cursor.i}))`);
  const q = sqlPart`SELECT ${columns} FROM groups g INDEXED BY groups_name ${mine} WHERE ${join(where, " AND ")} ORDER BY g.name, g.id LIMIT ${query.limit + 1}`;
  return { ...q, ranked: false };
}

/** The groups the caller may see, alphabetical (or ranked when searching), keyset-paginated; visibility in the SQL. */
export async function listGroups(ctx: ServiceContext, actor: Actor, query: GroupListQuery, cursor?: GroupCursor) {
  const q = groupListQuery(actor, query, cursor);
  const { results } = await statement(ctx.env.DB, q).all<Record<string, any>>();
  const page = results.slice(0, query.limit);
  const items = page.map((r) => presentGroup(actor, { ...groupFromRow(r), ideaBox: Boolean(r.idea_box) }, r.m_state ? { role: r.m_role, state: r.m_state, notify: r.m_notify } : null));
  const last = page.at(-1);
  const next: GroupCursor | null = results.length > query.limit && last ? (q.ranked ? { r: last.score, i: last.id } : { n: last.name, i: last.id }) : null;
  return { items, next };
}

function groupFromRow(r: Record<string, any>): GroupRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    visibility: r.visibility,
    kind: r.kind,
    rules: r.rules,
    rulesHtml: r.rules_html,
    coverColor: r.cover_color,
    coverKey: r.cover_key,
    memberCount: r.member_count,
    lastPostAt: r.last_post_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Joining: open → member at once; private → a pending request the animators are told about; secret or, for guests,
 * any group they were not added to → 404. Repeating answers the same.
 */
export async function joinGroup(ctx: ServiceContext, actor: Actor, groupId: string): Promise<JoinResult> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (m) return { state: m.state };
  const outcome = joinOutcome(actor, group);
  if (!outcome) throw new NotFoundError("No such group");
  const now = Date.now();
  if (outcome === "member") {
    await ctx.db.batch([
      ctx.db.insert(groupMembers).values({ groupId, userId: actor.id, role: "member", state: "member", lastReadAt: now, createdAt: now }).onConflictDoNothing(),
      ctx.db.update(groups).set({ memberCount: sql`(select count(*) from group_members where group_id = ${groupId} and state = 'member')` }).where(eq(groups.id, groupId)),
    ]);
    return { state: "member" };
  }
  const animators = await ctx.db
    .select({ id: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.state, "member"), sql`${groupMembers.role} in ('animator', 'owner')`))
    .all();
  const recipients = await readersAmong(ctx, groupId, animators.map((a) => a.id), actor.id);
  const notes = await notificationBatch(ctx, recipients, { kind: "join_request", actorId: actor.id, groupId }, now);
  await ctx.db.batch([ctx.db.insert(groupMembers).values({ groupId, userId: actor.id, role: "member", state: "pending", createdAt: now }).onConflictDoNothing(), ...notes.statements]);
  await notes.pushLive();
  return { state: "pending" };
}

/** Leaving (or cancelling a request). The last owner cannot leave a group that still has members. */
export async function leaveGroup(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  // The group's owners are counted with the group's read (one D1 round trip): an owner's leaving needs another.
  const [{ m }, owners] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    ctx.db.select({ n: sql<number>`count(*)` }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "owner"), eq(groupMembers.state, "member"))).get(),
  ]);
  if (!canLeave(m)) return;
  if (m.role === "owner" && m.state === "member" && (owners?.n ?? 0) <= 1) throw new ConflictError("Name another owner before you leave");
  await removeMembership(ctx, groupId, actor.id);
}

async function removeMembership(ctx: ServiceContext, groupId: string, userId: string, audit?: ReturnType<typeof auditInsert>) {
  await ctx.db.batch([
    ctx.db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))),
    ...(audit ? [audit] : []),
    ctx.db.update(groups).set({ memberCount: sql`(select count(*) from group_members where group_id = ${groupId} and state = 'member')` }).where(eq(groups.id, groupId)),
  ]);
}

/**
 * Adds a member, approves a pending request, or changes a role (animators and admins; only owners and admins name
 * owners). The member is told.
 */
export async function addMember(ctx: ServiceContext, actor: Actor, groupId: string, input: AddMemberInput): Promise<AddMemberResult> {
  // The member added, with what their notification needs (time zone, quiet hours), is read with the group (one D1
  // round trip, issue 13); the caller's rights are checked on the group first, as before.
  const [{ m }, target] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    ctx.db
      .select({ id: users.id, role: users.role, state: groupMembers.state, current: groupMembers.role, timezone: users.timezone, from: quietHours.from, to: quietHours.to })
      .from(users)
      .leftJoin(groupMembers, and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, users.id)))
      .leftJoin(quietHours, eq(quietHours.userId, users.id))
      .where(and(eq(users.id, input.userId), sql`${users.deactivatedAt} is null`))
      .get(),
  ]);
  if (!canAddMembers(actor, m)) throw new ForbiddenError("Only the group's animators can add members");
  const role = input.role ?? "member";
  if (!canGiveRole(actor, m, role)) throw new ForbiddenError("Only owners name owners");
  if (!target) throw new NotFoundError("No such member");
  const now = Date.now();
  const wasIn = target.state === "member";
  const notes = notificationBatchOf(ctx, wasIn ? [] : [{ id: target.id, timezone: target.timezone, from: target.from, to: target.to }], { kind: target.state === "pending" ? "approved" : "joined", actorId: actor.id, groupId }, now);
  await ctx.db.batch([
    ctx.db
      .insert(groupMembers)
      .values({ groupId, userId: target.id, role, state: "member", lastReadAt: now, createdAt: now })
      .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role, state: "member" } }),
    ctx.db.update(groups).set({ memberCount: sql`(select count(*) from group_members where group_id = ${groupId} and state = 'member')` }).where(eq(groups.id, groupId)),
    auditInsert(ctx, actor, { action: "group.member_add", target: { type: "user", id: target.id }, groupId, before: { state: target.state, role: target.current }, after: { state: "member", role } }, now),
    ...notes.statements,
  ]);
  await notes.pushLive();
  return { state: "member", role };
}

/** Removes a member or refuses a request (animators and admins). */
export async function removeMember(ctx: ServiceContext, actor: Actor, groupId: string, userId: string): Promise<void> {
  if (userId === actor.id) return leaveGroup(ctx, actor, groupId);
  // The membership removed is read with the group (one D1 round trip, issue 13); the caller's rights are checked first.
  const [{ m }, target] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    ctx.db.select({ state: groupMembers.state, role: groupMembers.role }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).get(),
  ]);
  if (!canRemoveMember(actor, m)) throw new ForbiddenError("Only the group's animators can remove members");
  // Removing someone who is not in the group changes nothing, and is not audited.
  const audit = target ? auditInsert(ctx, actor, { action: "group.member_remove", target: { type: "user", id: userId }, groupId, before: target }, Date.now()) : undefined;
  await removeMembership(ctx, groupId, userId, audit);
}

export type MemberListQuery = { state: GroupMemberRow["state"]; limit: number };

/** The member list (for those who may read the group), or the pending requests (for its animators). */
export async function listMembers(ctx: ServiceContext, actor: Actor, groupId: string, query: MemberListQuery, cursor?: { n: string; i: string }) {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canListMembers(actor, group, m)) throw new ForbiddenError("Only the group's members see who is in it");
  if (query.state === "pending" && !canSeeRequests(actor, m)) throw new ForbiddenError("Only the group's animators see requests");
  const { results } = await ctx.env.DB.prepare(
    `SELECT u.id, u.handle, u.name, u.location, u.timezone, u.avatar_key AS avatarKey, u.title, gm.role, gm.state
     FROM group_members gm JOIN users u ON u.id = gm.user_id
     WHERE gm.group_id = ? AND gm.state = ? AND u.deactivated_at IS NULL ${cursor ? "AND (u.name > ? OR (u.name = ? AND u.id > ?))" : ""}
     ORDER BY u.name, u.id LIMIT ?`,
  )
    .bind(groupId, query.state, ...(cursor ? [cursor.n, cursor.n, cursor.i] : []), query.limit + 1)
    .all<{ id: string; handle: string; name: string; location: string; timezone: string; avatarKey: string | null; title: string; role: GroupRole; state: GroupMemberRow["state"] }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r): GroupMemberRow => ({
      member: presentMember(r),
      title: r.title,
      role: r.role,
      state: r.state,
      can: memberRowCan(actor, m, { userId: r.id, role: r.role, state: r.state }),
    })),
    next: results.length > query.limit && last ? { n: last.name, i: last.id } : null,
  };
}

/** How much a member hears of a group: every new post, only mentions, or nothing. */
export async function setGroupNotify(ctx: ServiceContext, actor: Actor, groupId: string, level: NotifyLevel) {
  const { m } = await loadGroup(ctx, actor, groupId);
  if (!canSetGroupNotify(m)) throw new ForbiddenError("Join the group first");
  await ctx.db.update(groupMembers).set({ notify: level }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, actor.id)));
}

/** Marks the group read up to now (its unread mark in the feed goes). */
export async function markGroupRead(ctx: ServiceContext, actor: Actor, groupId: string) {
  await ctx.db.update(groupMembers).set({ lastReadAt: Date.now() }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, actor.id)));
}
