import { auditInsert } from "../audit/audit";
import { and, desc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { groups, groupMembers } from "../../db/groups";
import { inList } from "../../db/in-list";
import { NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { charterAcceptances, invitations, ROLES, users, type Role } from "../../db/users";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { emitWebhookEvent } from "../webhooks/events";
import { hashSecret, newId, newSecret } from "../../lib/ids";
import { hashPassword } from "../auth/passwords";
import { sessionInsert } from "../auth/sessions";
import { currentCharter, type Charter } from "../charter/charter";
import { freeHandle } from "../users/handles";
import { presentProfile, type Profile } from "../users/present";

/** One-time links expire after 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type InvitationInput = { email: string; role: Role; name?: string; groupIds?: string[] };
export type CreatedInvitation = { id: string; email: string; role: Role; url: string };

/** Why an email cannot be invited now: it is a member, or it has a pending (unexpired, unused) invitation. */
async function existingEmails(ctx: ServiceContext, emails: string[], now: number): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const [members, pending] = await ctx.db.batch([
    ctx.db.select({ email: users.email }).from(users).where(inList(users.email, emails)),
    ctx.db
      .select({ email: invitations.email })
      .from(invitations)
      .where(and(inList(invitations.email, emails), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now))),
  ]);
  return new Set([...members, ...pending].map((r) => r.email));
}

/** The groups of `groupIds` that are not there to be invited into (the refusal is the caller's to give). */
async function unknownGroups(ctx: ServiceContext, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const found = await ctx.db.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds)).all();
  // The network ideas group (db/ideas.ts) takes no members: nobody is invited into it.
  const known = new Set(found.map((g) => g.id).filter((id) => id !== NETWORK_IDEAS_GROUP_ID));
  return groupIds.filter((id) => !known.has(id));
}

async function invitationRow(ctx: ServiceContext, actor: Actor, input: InvitationInput, now: number) {
  const token = newSecret();
  return {
    token,
    row: {
      id: newId("inv", now),
      tokenHash: await hashSecret(token),
      email: input.email,
      role: input.role,
      name: input.name ?? "",
      groupIds: JSON.stringify(input.groupIds ?? []),
      invitedBy: actor.id,
      createdAt: now,
      expiresAt: now + INVITATION_TTL_MS,
    },
  };
}

/**
 * Invites one person (admins). 409 when the email is already a member or has a pending invitation, then 400 for an
 * unknown group. Two D1 round trips (issue 13): both checks read together, with the session check, then the writes.
 */
export async function createInvitation(ctx: ServiceContext, actor: Actor, input: InvitationInput): Promise<CreatedInvitation> {
  const now = Date.now();
  const [exists, missing] = await Promise.all([existingEmails(ctx, [input.email], now), unknownGroups(ctx, input.groupIds ?? [])]);
  if (exists.size > 0) throw new ConflictError("This email is already a member or has a pending invitation");
  if (missing.length) throw new ValidationError(missing.map((id) => ({ path: "groupIds", message: `Unknown group ${id}` })));
  const { token, row } = await invitationRow(ctx, actor, input, now);
  await ctx.db.batch([
    ctx.db.insert(invitations).values(row),
    auditInsert(ctx, actor, { action: "invitation.create", target: { type: "invitation", id: row.id }, groupId: null, after: { email: row.email, role: row.role, groupIds: input.groupIds ?? [] } }, now),
  ]);
  return { id: row.id, email: row.email, role: row.role, url: `${ctx.origin}/invite/${token}` };
}

export type BulkLine = { line: number; email: string; role: string; name: string };
const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

export type BulkResult = { created: Omit<CreatedInvitation, "id">[]; rejected: { line: number; reason: string }[] };

/**
 * Invites every valid line of a CSV import in one batch; each other line is rejected with its reason. With `dryRun`
 * the same checks run and nothing is written (the URLs are then absent).
 */
export async function bulkInvite(ctx: ServiceContext, actor: Actor, lines: BulkLine[], dryRun: boolean): Promise<BulkResult> {
  const now = Date.now();
  const exists = await existingEmails(ctx, lines.map((l) => l.email), now);
  const seen = new Set<string>();
  const result: BulkResult = { created: [], rejected: [] };
  const rows = [];
  for (const l of lines) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(l.email) || l.email.length > 254) result.rejected.push({ line: l.line, reason: "invalid_email" });
    else if (!isRole(l.role)) result.rejected.push({ line: l.line, reason: "invalid_role" });
    else if (l.name.length > 100) result.rejected.push({ line: l.line, reason: "invalid_name" });
    else if (exists.has(l.email)) result.rejected.push({ line: l.line, reason: "exists" });
    else if (seen.has(l.email)) result.rejected.push({ line: l.line, reason: "duplicate" });
    else {
      seen.add(l.email);
      const { token, row } = await invitationRow(ctx, actor, { email: l.email, role: l.role, name: l.name }, now);
      rows.push(row);
      result.created.push({ email: l.email, role: l.role, url: dryRun ? "" : `${ctx.origin}/invite/${token}` });
    }
  }
  if (!dryRun && rows.length > 0) {
    // D1 binds at most 100 parameters per statement: 11 columns a row, 9 rows a statement, all in one atomic batch.
    const chunks = [];
    for (let i = 0; i < rows.length; i += 9) chunks.push(ctx.db.insert(invitations).values(rows.slice(i, i + 9)));
    // One audit row for the import (one action), listing what it created.
    const audit = auditInsert(ctx, actor, { action: "invitation.create", target: { type: "invitation", id: rows[0].id }, groupId: null, after: { bulk: true, invitations: rows.map((r) => ({ id: r.id, email: r.email, role: r.role })) } }, now);
    await ctx.db.batch([...chunks, audit] as unknown as [(typeof chunks)[0], ...typeof chunks]);
  }
  return result;
}

/** A live (unused, unexpired) invitation by its token, or 404. */
async function liveInvitation(ctx: ServiceContext, token: string, now: number) {
  const row = await ctx.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, await hashSecret(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .get();
  if (!row) throw new NotFoundError("This invitation is unknown, used or expired");
  return row;
}

/** What the invitation page shows: who is invited, and the charter to accept first. */
export async function getInvitation(ctx: ServiceContext, token: string): Promise<{ email: string; name: string; charter: Charter | null }> {
  const row = await liveInvitation(ctx, token, Date.now());
  return { email: row.email, name: row.name, charter: await currentCharter(ctx) };
}

export type AcceptInput = { token: string; name: string; password: string; charterVersion: number | null };

/**
 * Creates the account, only now that the invitee accepted the current charter and chose a name and password; records
 * the acceptance, joins the invited groups, spends the invitation and opens a session, in one atomic batch.
 */
export async function acceptInvitation(ctx: ServiceContext, input: AcceptInput): Promise<{ user: Profile; token: string }> {
  const now = Date.now();
  const invitation = await liveInvitation(ctx, input.token, now);
  const charter = await currentCharter(ctx);
  if ((charter?.version ?? null) !== input.charterVersion) {
    throw new ConflictError("The charter changed; please read the current version", { current: charter?.version ?? null });
  }
  const id = newId("usr", now);
  const session = await sessionInsert(ctx, id, now);
  const groupIds: string[] = JSON.parse(invitation.groupIds);
  const existingGroups = groupIds.length ? (await ctx.db.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds)).all()).map((g) => g.id).filter((g) => g !== NETWORK_IDEAS_GROUP_ID) : [];
  const spend = ctx.db
    .update(invitations)
    .set({ acceptedAt: now, acceptedUserId: id })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  const insertUser = ctx.db
    .insert(users)
    .values({
      id,
      email: invitation.email,
      handle: await freeHandle(ctx, invitation.email),
      name: input.name,
      role: invitation.role,
      passwordHash: await hashPassword(input.password),
      charterVersion: input.charterVersion,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const writes = [
    spend,
    insertUser,
    session.insert,
    ...(input.charterVersion !== null ? [ctx.db.insert(charterAcceptances).values({ userId: id, version: input.charterVersion, acceptedAt: now })] : []),
    ...existingGroups.map((groupId) => ctx.db.insert(groupMembers).values({ groupId, userId: id, role: "member", state: "member", createdAt: now }).onConflictDoNothing()),
  ] as const;
  let results;
  try {
    results = await ctx.db.batch(writes as unknown as [typeof spend, typeof insertUser]);
  } catch (err) {
    // A concurrent acceptance of the same link, or an email that became a member meanwhile: the unique email index
    // rolls the whole batch back.
    if (String(err).includes("UNIQUE")) throw new NotFoundError("This invitation is unknown, used or expired");
    throw err;
  }
  const [spent, inserted] = results;
  if (spent.length === 0) throw new NotFoundError("This invitation is unknown, used or expired");
  await emitWebhookEvent(ctx, "member.joined", { userId: id, role: invitation.role, via: "invitation" });
  return { user: presentProfile(inserted[0]), token: session.token };
}

/** Invitations for the admin page, newest first. */
export async function listInvitations(ctx: ServiceContext, page: { before?: { createdAt: number; id: string }; limit: number }) {
  const b = page.before;
  const rows = await ctx.db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .where(b ? or(lt(invitations.createdAt, b.createdAt), and(eq(invitations.createdAt, b.createdAt), lt(invitations.id, b.id))) : undefined)
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(page.limit + 1)
    .all();
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}
