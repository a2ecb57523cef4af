import { auditInsert } from "../audit/audit";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { apiTokens } from "../../db/integrations";
import { currentCharterVersion, users } from "../../db/users";
import { ApiError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { hashSecret, newId, newSecret } from "../../lib/ids";
import { isAdministrator } from "../access";
import { enforceRate } from "../rate";
import type { ApiScope, ApiToken, ApiTokenBody, ApiTokenCreated } from "../../../contract/integrations";

/**
 * Members' API tokens (API.md "Integrations"): `cpt_…`, shown once and stored hashed, sent as `Authorization: Bearer`.
 * A token acts for its member within its scopes (the access guard of routes/define.ts enforces them); it ends when it
 * is revoked, when it expires, and at once when its member is deactivated (the lookup joins the live member).
 */
export const TOKEN_PREFIX = "cpt_";

/** lastUsedAt is written at most once a minute per token, to spare writes on busy integrations. */
const LAST_USED_EVERY_MS = 60_000;

function presentToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as ApiScope[], createdAt: row.createdAt, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt };
}

/**
 * Makes a token for the caller. Only from a signed-in session (a token does not mint tokens: a leaked one cannot
 * outlive its revocation); the `admin` scope only for administrators; an expiry, when given, in the future.
 */
export async function createToken(ctx: ServiceContext, actor: Actor, input: ApiTokenBody, now = Date.now()): Promise<ApiTokenCreated> {
  if (actor.via !== "session") throw new ForbiddenError("Make new tokens from a signed-in session, not with a token");
  const scopes = [...new Set(input.scopes)];
  if (scopes.includes("admin") && !isAdministrator(actor)) throw new ForbiddenError("Only administrators may give a token the admin scope");
  if (input.expiresAt !== undefined && input.expiresAt <= now) throw new ValidationError([{ path: "expiresAt", message: "The expiry must be in the future" }]);
  const token = TOKEN_PREFIX + newSecret();
  const id = newId("tok", now);
  const [[row]] = await ctx.db.batch([
    ctx.db
      .insert(apiTokens)
      .values({ id, userId: actor.id, name: input.name, scopes: JSON.stringify(scopes), tokenHash: await hashSecret(token), expiresAt: input.expiresAt ?? null, createdAt: now })
      .returning(),
    auditInsert(ctx, actor, { action: "token.create", target: { type: "token", id }, groupId: null, after: { name: input.name, scopes, expiresAt: input.expiresAt ?? null } }, now),
  ]);
  return { ...presentToken(row), token };
}

/** The caller's tokens, newest first, without the tokens themselves (a short list: `{items}`). */
export async function listTokens(ctx: ServiceContext, actor: Actor): Promise<ApiToken[]> {
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, actor.id)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).limit(200).all();
  return rows.map(presentToken);
}

/** Revokes one of the caller's tokens (deleted: it stops working at once); another member's → 404. */
export async function revokeToken(ctx: ServiceContext, actor: Actor, tokenId: string): Promise<void> {
  const mine = and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id));
  const token = await ctx.db.select({ name: apiTokens.name }).from(apiTokens).where(mine).get();
  if (!token) throw new NotFoundError("No such token");
  await ctx.db.batch([ctx.db.delete(apiTokens).where(mine), auditInsert(ctx, actor, { action: "token.revoke", target: { type: "token", id: tokenId }, groupId: null, before: { name: token.name } }, Date.now())]);
}

/**
 * The member behind a Bearer token, or 401 `unauthenticated` at once (a presented credential that is not valid is
 * refused, even on a public route): unknown or revoked, expired, not `cpt_…`, or its member deactivated. Then the
 * token's rate limit (429 past TOKEN_REQUESTS_PER_MINUTE) and its last use. A token without the `admin` scope acts as
 * an ordinary member even for an administrator, so administrators' powers inside member routes (reading every group,
 * moderating) also need that scope.
 */
export async function actorFromToken(ctx: ServiceContext, token: string, now = Date.now()): Promise<Actor> {
  const refused = () => new ApiError("unauthenticated", "This API token is not valid (unknown, revoked or expired)");
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw refused();
  const row = await ctx.db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      role: users.role,
      handle: users.handle,
      name: users.name,
      locale: users.locale,
      charterVersion: users.charterVersion,
      currentCharter: currentCharterVersion,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, await hashSecret(token)), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)), isNull(users.deactivatedAt)))
    .get();
  if (!row) throw refused();
  await enforceRate(ctx, `tok:${row.tokenId}`, ctx.config.TOKEN_REQUESTS_PER_MINUTE, now);
  if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_EVERY_MS) {
    await ctx.db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - LAST_USED_EVERY_MS))));
  }
  const { tokenId: _t, scopes: scopesJson, lastUsedAt: _l, ...member } = row;
  const scopes = JSON.parse(scopesJson) as ApiScope[];
  const role = member.role === "admin" && !scopes.includes("admin") ? "member" : member.role;
  return { ...member, role, via: "token", scopes };
}

/** What a token's scopes allow on a route (API.md "Integrations"); the access guard refuses the rest with 403. */
export function scopesAllow(scopes: readonly ApiScope[], route: { adminRoute: boolean; method: string }): boolean {
  if (route.adminRoute) return scopes.includes("admin");
  if (route.method === "GET" || route.method === "HEAD") return scopes.includes("read") || scopes.includes("write");
  return scopes.includes("write");
}
