import { z } from "@hono/zod-openapi";
import { refuseBrokenText, SingleLine } from "./common";

/** Single sign-on with OpenID Connect (API.md "Administration and privacy"). */

/** An email domain, lowercased: `example.com`, `corp.example.fr`. */
export const SsoDomain = z
  .string()
  .max(253)
  .overwrite((d) => d.trim().toLowerCase())
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, "A domain such as example.com");

export const SsoSettingsBody = z.strictObject({
  /** The issuer identifier (https; discovery is read from `<issuer>/.well-known/openid-configuration`). */
  issuer: z.url().max(500).superRefine(refuseBrokenText),
  clientId: SingleLine(1, 300),
  domains: z.array(SsoDomain).min(1).max(50),
  /** Create accounts at the first sign-in; otherwise the email must hold a pending invitation. */
  jit: z.boolean(),
  /** Refuse password sign-in for the served domains. */
  mandatory: z.boolean(),
});
export type SsoSettingsBody = z.infer<typeof SsoSettingsBody>;

export const SsoSettings = z
  .strictObject({
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    domains: z.array(z.string()).nullable(),
    jit: z.boolean(),
    mandatory: z.boolean(),
    /** Whether the Worker secret `OIDC_CLIENT_SECRET` is set (never the secret itself). */
    clientSecretSet: z.boolean(),
    /** The redirect URI to register at the provider. */
    redirectUri: z.string(),
    updatedAt: z.number().int().nullable(),
    updatedBy: z.string().nullable(),
    /** When a sign-in through this issuer and client id last succeeded (null: never); `mandatory` needs it. */
    verifiedAt: z.number().int().nullable(),
  })
  .openapi("SsoSettings");
export type SsoSettings = z.infer<typeof SsoSettings>;

/**
 * A path of the network to land on after sign-in (never another origin): `/` then printable ASCII only (a browser's
 * path and query are percent-encoded), never `//` or `/\` — what a `Location` header can carry as it is.
 */
export const ReturnTo = z.string().max(300).regex(/^\/(?![/\\])[\x21-\x7e]*$/, "A path of this network, starting with /");

/** The email a sign-in starts for (its domain chooses single sign-on). */
const SsoEmail = z.email().min(3).max(254).transform((e) => e.trim().toLowerCase());
export const SsoStartQuery = z.strictObject({ email: SsoEmail, returnTo: ReturnTo.optional() });
export const SsoDomainQuery = z.strictObject({ email: SsoEmail, returnTo: ReturnTo.optional() });
/**
 * Whether an email's domain signs in through single sign-on, whether its password sign-in is refused, and where its
 * sign-in starts (`/api/v1/auth/sso/start?…`, with `returnTo`; null when it does not use SSO).
 */
export const SsoDomainAnswer = z.strictObject({ sso: z.boolean(), mandatory: z.boolean(), start: z.string().nullable() }).openapi("SsoDomain");
export type SsoDomainAnswer = z.infer<typeof SsoDomainAnswer>;

/** The `sso_error` codes the callback (and the start) land on the sign-in page with. */
export const SSO_ERRORS = ["not_configured", "domain", "provider", "denied", "state", "token", "not_invited", "deactivated", "conflict"] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
