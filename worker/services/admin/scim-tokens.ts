import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { ScimToken, ScimTokenCreated } from "../../../contract/admin";
import type { Actor, ServiceContext } from "../../context";
import { scimTokens } from "../../db/admin";
import { users } from "../../db/users";
import { NotFoundError } from "../../errors";
import { hashSecret, newId, newSecret } from "../../lib/ids";
import { auditInsert } from "../audit/audit";

/**
 * The bearer tokens identity providers present to /scim/v2 (API.md "Administration and privacy"): `scim_…`, shown
 * once, stored hashed, revoked by an administrator (kept, marked revoked, so the audit log can still name them).
 */
export const SCIM_TOKEN_PREFIX = "scim_";

/** lastUsedAt is written at most once a minute per token. */
const LAST_USED_EVERY_MS = 60_000;

export async function createScimToken(ctx: ServiceContext, actor: Actor, name: string): Promise<ScimTokenCreated> {
  const now = Date.now();
  const id = newId("sct", now);
  const token = SCIM_TOKEN_PREFIX + newSecret();
  await ctx.db.batch([
    ctx.db.insert(scimTokens).values({ id, name, tokenHash: await hashSecret(token), createdBy: actor.id, createdAt: now }),
    auditInsert(ctx, actor, { action: "scim_token.create", target: { type: "scim_token", id }, groupId: null, after: { name } }, now),
  ]);
  return { id, name, token };
}

export async function listScimTokens(ctx: ServiceContext): Promise<ScimToken[]> {
  const rows = await ctx.db
    .select({ t: scimTokens, by: { id: users.id, name: users.name } })
    .from(scimTokens)
    .leftJoin(users, eq(users.id, scimTokens.createdBy))
    .orderBy(desc(scimTokens.createdAt), desc(scimTokens.id))
    .limit(200)
    .all();
  return rows.map(({ t, by }) => ({ id: t.id, name: t.name, createdAt: t.createdAt, createdBy: by ?? { id: t.createdBy, name: "" }, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt }));
}

/** Revokes a token: it stops working at once. Unknown or revoked already → 404. */
export async function revokeScimToken(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const now = Date.now();
  const live = and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt));
  const [, done] = await ctx.db.batch([
    auditInsert(ctx, actor, { action: "scim_token.revoke", target: { type: "scim_token", id }, groupId: null, before: { revokedAt: null }, after: { revokedAt: now }, when: sql`EXISTS (SELECT 1 FROM scim_tokens WHERE id = ${id} AND revoked_at IS NULL)` }, now),
    ctx.db.update(scimTokens).set({ revokedAt: now }).where(live).returning({ id: scimTokens.id }),
  ]);
  if (done.length === 0) throw new NotFoundError("No such token");
}

/**
 * The actor a SCIM request acts as: the token itself (its id is what the audit log records, its name what the audit
 * page shows), with the administrators' reach over members. null when the token is unknown or revoked.
 */
export async function scimActor(ctx: ServiceContext, token: string, now = Date.now()): Promise<Actor | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await ctx.db.select().from(scimTokens).where(and(eq(scimTokens.tokenHash, await hashSecret(token)), isNull(scimTokens.revokedAt))).get();
  if (!row) return null;
  if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_EVERY_MS) {
    await ctx.db
      .update(scimTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(scimTokens.id, row.id), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, now - LAST_USED_EVERY_MS))));
  }
  return { id: row.id, role: "admin", handle: row.id, name: row.name, locale: "en", charterVersion: null, currentCharter: null, via: "token", scopes: ["admin"] };
}
