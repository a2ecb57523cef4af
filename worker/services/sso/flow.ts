import { and, desc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import type { SsoError } from "../../../contract/sso";
import { normaliseText } from "../../../contract/text";
import type { ServiceContext } from "../../context";
import { groupMembers, groups } from "../../db/groups";
import { NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { ssoConfig, ssoPending } from "../../db/sso";
import { invitations, users } from "../../db/users";
import { hashSecret, newId } from "../../lib/ids";
import { sessionInsert } from "../auth/sessions";
import { freeHandle } from "../users/handles";
import { emitWebhookEvent } from "../webhooks/events";
import { allowsHttp, callbackUrl, readSsoConfig, serves, type SsoConfig } from "./settings";

/**
 * The OpenID Connect authorization code flow with PKCE (S256), `state` and `nonce` (API.md "Administration and
 * privacy"). Every protocol check goes through oauth4webapi: discovery and its issuer, the authorization response and
 * its `state`, the token answer, and the ID token's issuer, audience, nonce, expiry and signature (the provider's keys
 * from its `jwks_uri`). Nothing here parses or checks a JWT by hand.
 */

/** A sign-in under way expires after 10 minutes. */
export const SSO_PENDING_TTL_MS = 10 * 60 * 1000;

/** A failure of the flow: the sign-in page shows the message of its code (`/login?sso_error=<code>`). */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    detail: string,
  ) {
    super(detail);
  }
}

function clientOf(config: SsoConfig): oauth.Client {
  return { client_id: config.clientId };
}

/** The provider's metadata, from its discovery document (whose `issuer` must be the configured one). */
async function discover(ctx: ServiceContext, issuer: string): Promise<oauth.AuthorizationServer> {
  try {
    const url = new URL(issuer);
    const res = await oauth.discoveryRequest(url, { algorithm: "oidc", [oauth.allowInsecureRequests]: allowsHttp(ctx, issuer), signal: AbortSignal.timeout(10_000) });
    return await oauth.processDiscoveryResponse(url, res);
  } catch (err) {
    throw new SsoFailure("provider", `discovery failed: ${String(err)}`);
  }
}

/** The configuration, with the client secret, or `not_configured`. */
async function configured(ctx: ServiceContext): Promise<{ config: SsoConfig; secret: string }> {
  const config = await readSsoConfig(ctx);
  const secret = ctx.config.OIDC_CLIENT_SECRET;
  if (!config || !secret) throw new SsoFailure("not_configured", "single sign-on is not configured");
  return { config, secret };
}

/**
 * Starts a sign-in for `email` (whose domain the configuration must serve): records state → nonce, PKCE verifier and
 * where to return, and gives the provider's authorization URL to redirect to.
 */
export async function startSso(ctx: ServiceContext, input: { email: string; returnTo?: string }): Promise<string> {
  const saved = await readSsoConfig(ctx);
  if (saved && !serves(saved, input.email)) throw new SsoFailure("domain", "this email's domain does not sign in through SSO");
  const { config } = await configured(ctx);
  const as = await discover(ctx, config.issuer);
  if (!as.authorization_endpoint) throw new SsoFailure("provider", "the provider has no authorization endpoint");
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const now = Date.now();
  await ctx.db.insert(ssoPending).values({ stateHash: await hashSecret(state), nonce, codeVerifier, issuer: config.issuer, returnTo: input.returnTo ?? "/", createdAt: now, expiresAt: now + SSO_PENDING_TTL_MS });
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", callbackUrl(ctx));
  url.searchParams.set("scope", "openid email profile");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("login_hint", input.email);
  return url.href;
}

/** Spends the pending sign-in of this `state` (once: it is deleted as it is read), or `state`. */
async function spendPending(ctx: ServiceContext, state: string | null, now: number) {
  if (!state || state.length > 512) throw new SsoFailure("state", "no state");
  const [row] = await ctx.db.delete(ssoPending).where(eq(ssoPending.stateHash, await hashSecret(state))).returning();
  if (!row || row.expiresAt <= now) throw new SsoFailure("state", "unknown, spent or expired state");
  return row;
}

type Identity = { subject: string; email: string; name: string };

/** The code exchanged at the token endpoint, the ID token validated; the member's identity from its claims. */
async function exchange(ctx: ServiceContext, config: SsoConfig, secret: string, callback: URL, state: string, pending: { nonce: string; codeVerifier: string }): Promise<Identity> {
  const as = await discover(ctx, config.issuer);
  const client = clientOf(config);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callback, state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) throw new SsoFailure("denied", `the provider answered ${err.error}`);
    throw new SsoFailure("token", `authorization response refused: ${String(err)}`);
  }
  const insecure = { [oauth.allowInsecureRequests]: allowsHttp(ctx, config.issuer), signal: AbortSignal.timeout(10_000) };
  let claims: oauth.IDToken;
  let accessToken: string;
  try {
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(secret), params, callbackUrl(ctx), pending.codeVerifier, insecure);
    const result = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: pending.nonce, requireIdToken: true });
    // The token answer came straight from the provider, yet its signature is checked too, against the provider's keys.
    await oauth.validateApplicationLevelSignature(as, res, insecure);
    claims = oauth.getValidatedIdTokenClaims(result)!;
    accessToken = result.access_token;
  } catch (err) {
    // The provider's own refusal (a replayed or expired code: invalid_grant) is named in the log.
    const why = err instanceof oauth.ResponseBodyError ? `${err.error} ${err.error_description ?? ""}` : String(err);
    throw new SsoFailure("token", `token or ID token refused: ${why}`);
  }
  let email = typeof claims.email === "string" ? claims.email : undefined;
  let verified = claims.email_verified;
  let name = typeof claims.name === "string" ? claims.name : [claims.given_name, claims.family_name].filter((s) => typeof s === "string").join(" ");
  if (!email && as.userinfo_endpoint) {
    // Providers that keep the ID token thin (scope claims only at the UserInfo endpoint): ask it, for the same subject.
    try {
      const res = await oauth.userInfoRequest(as, client, accessToken, insecure);
      const info = await oauth.processUserInfoResponse(as, client, claims.sub, res);
      email = info.email;
      verified = info.email_verified;
      name ||= info.name ?? [info.given_name, info.family_name].filter(Boolean).join(" ");
    } catch (err) {
      throw new SsoFailure("token", `userinfo refused: ${String(err)}`);
    }
  }
  if (!email || verified === false) throw new SsoFailure("domain", "the provider gave no verified email");
  return { subject: claims.sub, email: email.trim().toLowerCase(), name: String(name ?? "") };
}

function displayName(identity: Identity): string {
  // At most 100 characters, counted whole (never half of a surrogate pair).
  const name = Array.from(normaliseText(identity.name, "single-line")).slice(0, 100).join("").trim();
  return name || identity.email.split("@")[0].slice(0, 100);
}

/** The member to sign in: by subject, else by email (linking the subject), else an invitation, else just in time. */
async function memberFor(ctx: ServiceContext, config: SsoConfig, identity: Identity, now: number): Promise<{ userId: string; writes: unknown[]; joined?: { role: (typeof users.$inferSelect)["role"] } }> {
  const known = (await ctx.db.select().from(users).where(eq(users.ssoSubject, identity.subject)).get()) ?? null;
  if (known) {
    if (known.deactivatedAt !== null || known.erasedAt !== null) throw new SsoFailure("deactivated", "deactivated member");
    return { userId: known.id, writes: [] };
  }
  if (!serves(config, identity.email)) throw new SsoFailure("domain", "the provider's email is outside the served domains");
  const byEmail = await ctx.db.select().from(users).where(eq(users.email, identity.email)).get();
  if (byEmail) {
    if (byEmail.deactivatedAt !== null || byEmail.erasedAt !== null) throw new SsoFailure("deactivated", "deactivated member");
    if (byEmail.ssoSubject !== null) throw new SsoFailure("conflict", "this member is linked to another identity");
    return { userId: byEmail.id, writes: [ctx.db.update(users).set({ ssoSubject: identity.subject, updatedAt: now }).where(and(eq(users.id, byEmail.id), isNull(users.ssoSubject)))] };
  }
  const invitation = await ctx.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.email, identity.email), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt))
    .get();
  if (!invitation && !config.jit) throw new SsoFailure("not_invited", "no account and no invitation");
  const id = newId("usr", now);
  const role = invitation?.role ?? "member";
  const insert = ctx.db.insert(users).values({
    id,
    email: identity.email,
    handle: await freeHandle(ctx, identity.email),
    name: displayName(identity),
    role,
    // No password: this member signs in through the provider (a password can never match an empty hash).
    passwordHash: "",
    ssoSubject: identity.subject,
    charterVersion: null,
    createdAt: now,
    updatedAt: now,
  });
  const writes: unknown[] = [insert];
  if (invitation) {
    const groupIds: string[] = JSON.parse(invitation.groupIds);
    const existing = groupIds.length ? (await ctx.db.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds)).all()).map((g) => g.id).filter((g) => g !== NETWORK_IDEAS_GROUP_ID) : [];
    writes.push(ctx.db.update(invitations).set({ acceptedAt: now, acceptedUserId: id }).where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt))));
    for (const groupId of existing) writes.push(ctx.db.insert(groupMembers).values({ groupId, userId: id, role: "member", state: "member", createdAt: now }).onConflictDoNothing());
  }
  return { userId: id, writes, joined: { role } };
}

/**
 * The provider's redirect back: spends the pending sign-in, exchanges the code, validates the ID token, finds or creates
 * the member and opens a session (marked as begun through SSO). Returns the session token and where to land.
 */
export async function finishSso(ctx: ServiceContext, callback: URL): Promise<{ token: string; returnTo: string }> {
  const now = Date.now();
  const state = callback.searchParams.get("state");
  const pending = await spendPending(ctx, state, now);
  const { config, secret } = await configured(ctx);
  if (pending.issuer !== config.issuer) throw new SsoFailure("state", "the configuration changed during the sign-in");
  const identity = await exchange(ctx, config, secret, callback, state!, pending);
  // Two first sign-ins at once (the same person twice, or two people given the same handle): the unique indexes roll
  // the second batch back, and a second attempt finds the member, or another handle.
  for (let attempt = 1; ; attempt++) {
    const member = await memberFor(ctx, config, identity, now);
    const session = await sessionInsert(ctx, member.userId, now, { ssoAt: now });
    try {
      // The sign-in worked: this issuer and client id are proven (what making SSO mandatory waits for).
      const verified = ctx.db.update(ssoConfig).set({ verifiedAt: now }).where(and(eq(ssoConfig.issuer, config.issuer), eq(ssoConfig.clientId, config.clientId)));
      await ctx.db.batch([...(member.writes as [typeof session.insert]), session.insert, verified]);
    } catch (err) {
      if (attempt < 2 && String(err).includes("UNIQUE")) continue;
      throw err;
    }
    if (member.joined) await emitWebhookEvent(ctx, "member.joined", { userId: member.userId, role: member.joined.role, via: "sso" });
    return { token: session.token, returnTo: pending.returnTo };
  }
}

/** Cron: deletes the sign-ins that were never finished. */
export async function sweepSsoPending(ctx: ServiceContext, now: number): Promise<number> {
  const res = await ctx.db.delete(ssoPending).where(lt(ssoPending.expiresAt, now));
  return res.meta.changes;
}
