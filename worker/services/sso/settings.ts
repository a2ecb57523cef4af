import { eq } from "drizzle-orm";
import type { SsoDomainAnswer, SsoSettings, SsoSettingsBody } from "../../../contract/sso";
import type { Actor, ServiceContext } from "../../context";
import { ssoConfig } from "../../db/sso";
import { ApiError, ConflictError, ValidationError } from "../../errors";
import { auditInsert } from "../audit/audit";

/** The one configuration row's id. */
const CONFIG_ID = 1;

export type SsoConfig = { issuer: string; clientId: string; domains: string[]; jit: boolean; mandatory: boolean; updatedBy: string; updatedAt: number; verifiedAt: number | null };

/** Where the provider sends the member back: the address to register at the provider. */
export const callbackUrl = (ctx: ServiceContext) => `${ctx.origin}/api/v1/auth/sso/callback`;

/** The saved configuration, or null while single sign-on is not configured. */
export async function readSsoConfig(ctx: ServiceContext): Promise<SsoConfig | null> {
  const row = await ctx.db.select().from(ssoConfig).where(eq(ssoConfig.id, CONFIG_ID)).get();
  if (!row) return null;
  return { issuer: row.issuer, clientId: row.clientId, domains: JSON.parse(row.domains) as string[], jit: row.jit, mandatory: row.mandatory, updatedBy: row.updatedBy, updatedAt: row.updatedAt, verifiedAt: row.verifiedAt };
}

function present(ctx: ServiceContext, config: SsoConfig | null): SsoSettings {
  return {
    issuer: config?.issuer ?? null,
    clientId: config?.clientId ?? null,
    domains: config?.domains ?? null,
    jit: config?.jit ?? false,
    mandatory: config?.mandatory ?? false,
    clientSecretSet: ctx.config.OIDC_CLIENT_SECRET !== undefined,
    redirectUri: callbackUrl(ctx),
    updatedAt: config?.updatedAt ?? null,
    updatedBy: config?.updatedBy ?? null,
    verifiedAt: config?.verifiedAt ?? null,
  };
}

export async function getSsoSettings(ctx: ServiceContext): Promise<SsoSettings> {
  return present(ctx, await readSsoConfig(ctx));
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether the provider at `url` may be reached over plain http: only a loopback address, and only while
 * `OIDC_ALLOW_HTTP_LOOPBACK` says so (local tests). Everything else must be https.
 */
export function allowsHttp(ctx: ServiceContext, url: string): boolean {
  const u = new URL(url);
  return ctx.config.OIDC_ALLOW_HTTP_LOOPBACK && u.protocol === "http:" && LOOPBACK.has(u.hostname);
}

function checkIssuer(ctx: ServiceContext, issuer: string) {
  const u = new URL(issuer);
  if (u.protocol !== "https:" && !allowsHttp(ctx, issuer)) throw new ValidationError([{ path: "issuer", message: "The issuer must be an https URL" }]);
  if (u.search || u.hash || u.username || u.password) throw new ValidationError([{ path: "issuer", message: "The issuer has no query, fragment or credentials" }]);
}

/** Saves the configuration (administrators), audited as `sso.update` in the same batch. */
export async function putSsoSettings(ctx: ServiceContext, actor: Actor, input: SsoSettingsBody): Promise<SsoSettings> {
  checkIssuer(ctx, input.issuer);
  const now = Date.now();
  const before = await readSsoConfig(ctx);
  const domains = [...new Set(input.domains)];
  // A sign-in that succeeded proves this issuer and client id (and the secret); another provider or client starts untested.
  const sameProvider = before !== null && before.issuer === input.issuer && before.clientId === input.clientId;
  const verifiedAt = sameProvider ? before.verifiedAt : null;
  if (input.mandatory && verifiedAt === null) {
    // The lockout guard: mandatory SSO refuses the password of everyone in the domains (administrators included), so it
    // waits until a sign-in through this very configuration has worked once.
    throw new ConflictError("Single sign-on can be made mandatory only after a sign-in through this provider and client id has succeeded: save it as optional, sign in once with “Continue with single sign-on”, then make it mandatory", { ssoVerified: false });
  }
  const after: SsoConfig = { issuer: input.issuer, clientId: input.clientId, domains, jit: input.jit, mandatory: input.mandatory, updatedBy: actor.id, updatedAt: now, verifiedAt };
  const values = { id: CONFIG_ID, issuer: after.issuer, clientId: after.clientId, domains: JSON.stringify(domains), jit: after.jit, mandatory: after.mandatory, updatedBy: actor.id, updatedAt: now, verifiedAt };
  const fields = (c: SsoConfig | null) => (c ? { issuer: c.issuer, clientId: c.clientId, domains: c.domains, jit: c.jit, mandatory: c.mandatory } : null);
  await ctx.db.batch([
    ctx.db.insert(ssoConfig).values(values).onConflictDoUpdate({ target: ssoConfig.id, set: values }),
    auditInsert(ctx, actor, { action: "sso.update", target: { type: "sso", id: "sso" }, groupId: null, before: fields(before), after: fields(after) }, now),
  ]);
  return present(ctx, after);
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** Whether the configuration serves this email's domain. */
export function serves(config: SsoConfig | null, email: string): boolean {
  return config !== null && config.domains.includes(domainOf(email));
}

/** What the sign-in page asks before offering a password: does this email sign in through SSO, must it? */
export async function ssoForEmail(ctx: ServiceContext, email: string, returnTo?: string): Promise<SsoDomainAnswer> {
  const config = await readSsoConfig(ctx);
  const sso = serves(config, email);
  const query = new URLSearchParams({ email, ...(returnTo ? { returnTo } : {}) });
  return { sso, mandatory: sso && config!.mandatory, start: sso ? `/api/v1/auth/sso/start?${query}` : null };
}

/** A password sign-in for an email of a domain where SSO is mandatory: 403 `forbidden`, pointing to SSO. */
export async function refuseWhenSsoMandatory(ctx: ServiceContext, email: string): Promise<void> {
  if ((await ssoForEmail(ctx, email)).mandatory) {
    throw new ApiError("forbidden", "This email signs in through single sign-on: use “Continue with single sign-on”", { sso: true });
  }
}
