import { z } from "@hono/zod-openapi";
import { Email, refuseBrokenText, SingleLine } from "./common";

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
  })
  .openapi("SsoSettings");
export type SsoSettings = z.infer<typeof SsoSettings>;

/** A path of the network to land on after sign-in (never another origin). */
export const ReturnTo = z.string().max(500).regex(/^\/(?![/\\])[^\s]*$/, "A path of this network, starting with /");

export const SsoStartQuery = z.strictObject({ email: Email, returnTo: ReturnTo.optional() });
export const SsoDomainQuery = z.strictObject({ email: Email });
/** Whether an email's domain signs in through single sign-on, and whether its password sign-in is refused. */
export const SsoDomainAnswer = z.strictObject({ sso: z.boolean(), mandatory: z.boolean() }).openapi("SsoDomain");
export type SsoDomainAnswer = z.infer<typeof SsoDomainAnswer>;

/** The `sso_error` codes the callback (and the start) land on the sign-in page with. */
export const SSO_ERRORS = ["not_configured", "domain", "provider", "denied", "state", "token", "not_invited", "deactivated", "conflict"] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
