import { and, eq, sql } from "drizzle-orm";
import type { AdminMember } from "../../../contract/admin";
import type { Role } from "../../../contract/enums";
import type { Actor, ServiceContext } from "../../context";
import { invitations, users } from "../../db/users";
import { ConflictError, NotFoundError } from "../../errors";
import { hashSecret, newSecret } from "../../lib/ids";
import { join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { auditInsert } from "../audit/audit";
import { INVITATION_TTL_MS } from "../invitations/invitations";
import { directoryMatch } from "../users/directory";
import { avatarUrl } from "../users/present";

/**
 * The members of the network as its administrators manage them (API.md "Administration and privacy"): every member,
 * deactivated ones included (erased ones are placeholders, not members), searched and filtered; their network role;
 * invitations sent again.
 */

export type MembersQuery = { q?: string; role?: Role; status?: "active" | "deactivated"; department?: string; limit: number };
export type MembersCursor = { n: string; i: string };

type Row = { id: string; email: string; handle: string; name: string; role: Role; title: string; department: string; location: string; avatar_key: string | null; deactivated_at: number | null; external_id: string | null; created_at: number };

export function presentAdminMember(r: Row): AdminMember {
  return {
    id: r.id,
    email: r.email,
    handle: r.handle,
    name: r.name,
    role: r.role,
    title: r.title,
    department: r.department,
    location: r.location,
    avatarUrl: avatarUrl(r.avatar_key),
    status: r.deactivated_at === null ? "active" : "deactivated",
    externalId: r.external_id,
    createdAt: r.created_at,
  };
}

const COLUMNS = raw("u.id, u.email, u.handle, u.name, u.role, u.title, u.department, u.location, u.avatar_key, u.deactivated_at, u.external_id, u.created_at");

/** `like` text with its wildcards escaped (`\`). */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Free text over the directory's index (name, handle, title, department…) or the start of the email; then the filters. */
export async function listMembers(ctx: ServiceContext, query: MembersQuery, cursor?: MembersCursor): Promise<{ items: AdminMember[]; next: MembersCursor | null }> {
  const q = query.q?.trim() ?? "";
  const match = q ? directoryMatch({ q }) : null;
  const conditions: SqlPart[] = [raw("u.erased_at IS NULL")];
  if (q) {
    const byText = match ? sqlPart`u.rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ${match})` : raw("0");
    conditions.push(sqlPart`(${byText} OR u.email LIKE ${`${likeText(q.toLowerCase())}%`} ESCAPE '\\')`);
  }
  if (query.role) conditions.push(sqlPart`u.role = ${query.role}`);
  if (query.status === "active") conditions.push(raw("u.deactivated_at IS NULL"));
  if (query.status === "deactivated") conditions.push(raw("u.deactivated_at IS NOT NULL"));
  if (query.department?.trim()) conditions.push(sqlPart`u.department = ${query.department.trim()}`);
  if (cursor) conditions.push(sqlPart`(u.name > ${cursor.n} OR (u.name = ${cursor.n} AND u.id > ${cursor.i}))`);
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT ${COLUMNS} FROM users u INDEXED BY users_directory_name WHERE ${join(conditions, " AND ")} ORDER BY u.name, u.id LIMIT ${query.limit + 1}`,
  ).all<Row>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(presentAdminMember), next: results.length > query.limit && last ? { n: last.name, i: last.id } : null };
}

/** A member's row as the console shows it (not erased). */
const memberRow = (userId: string) => sqlPart`SELECT ${COLUMNS} FROM users u WHERE u.id = ${userId} AND u.erased_at IS NULL`;

/**
 * Gives a member another network role, audited (`member.role`, before and after) in the same batch. The network keeps
 * an active administrator: taking the role from the last one (oneself included) is 409. The check is part of the
 * write's own statements (the update and the audit row both carry it), so two administrators demoting each other at
 * once cannot both succeed.
 */
export async function changeRole(ctx: ServiceContext, actor: Actor, userId: string, role: Role): Promise<AdminMember> {
  // Two D1 round trips (issue 13): the member read with the session check, then the audit row, the update and the
  // member read back in one batch.
  const target = await statement(ctx.env.DB, memberRow(userId)).first<Row>();
  if (!target) throw new NotFoundError("No such member");
  if (target.role === role) return presentAdminMember(target);
  const now = Date.now();
  // Still the role we read, and (when an administrator loses the role) another active administrator remains.
  const keepsAnAdmin =
    target.role === "admin"
      ? sql`(SELECT count(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL AND erased_at IS NULL AND id <> ${userId}) > 0`
      : sql`1`;
  const guard = sql`(SELECT role FROM users WHERE id = ${userId}) = ${target.role} AND ${keepsAnAdmin}`;
  const db = ctx.env.DB;
  const [, updated, after] = await db.batch<Row>([
    // The audit row first, under the same guard: both see the same state inside the batch's transaction.
    statementOf(db, auditInsert(ctx, actor, { action: "member.role", target: { type: "user", id: userId }, groupId: null, before: { role: target.role }, after: { role }, when: guard }, now)),
    statementOf(db, ctx.db.update(users).set({ role, updatedAt: now }).where(and(eq(users.id, userId), guard)).returning({ id: users.id })),
    statement(db, memberRow(userId)),
  ]);
  if (updated.results.length === 0) throw new ConflictError("The network must keep at least one active administrator");
  const row = after.results[0];
  if (!row) throw new NotFoundError("No such member");
  return presentAdminMember(row);
}

/**
 * Sends an invitation again: a new one-time link (the old one stops working) valid 7 days from now. An accepted
 * invitation is 409 (the person is a member). Audited `invitation.resend`.
 */
export async function resendInvitation(ctx: ServiceContext, actor: Actor, invitationId: string) {
  const inv = await ctx.db.select().from(invitations).where(eq(invitations.id, invitationId)).get();
  if (!inv) throw new NotFoundError("No such invitation");
  if (inv.acceptedAt !== null) throw new ConflictError("This invitation was accepted already");
  const now = Date.now();
  const token = newSecret();
  const expiresAt = now + INVITATION_TTL_MS;
  await ctx.db.batch([
    ctx.db.update(invitations).set({ tokenHash: await hashSecret(token), expiresAt }).where(eq(invitations.id, invitationId)),
    auditInsert(ctx, actor, { action: "invitation.resend", target: { type: "invitation", id: invitationId }, groupId: null, before: { expiresAt: inv.expiresAt }, after: { expiresAt } }, now),
  ]);
  return { id: inv.id, email: inv.email, role: inv.role, url: `${ctx.origin}/invite/${token}` };
}

