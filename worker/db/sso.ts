import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Single sign-on with OpenID Connect (API.md "Administration and privacy"). One configuration row (id 1) once an
 * administrator saved it; the client secret is never stored here: it is the Worker secret `OIDC_CLIENT_SECRET`.
 */
export const ssoConfig = sqliteTable("sso_config", {
  id: integer("id").primaryKey(),
  /** The issuer identifier, exactly as the provider's discovery document states it. */
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  /** JSON array of lowercased email domains the provider serves. */
  domains: text("domains").notNull().default("[]"),
  /** Create the account at the first sign-in (else the email must hold a pending invitation). */
  jit: integer("jit", { mode: "boolean" }).notNull().default(false),
  /** Password sign-in refused for the served domains. */
  mandatory: integer("mandatory", { mode: "boolean" }).notNull().default(false),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
  /**
   * When a sign-in through this issuer and client id last succeeded (null: never since they were set). Single sign-on
   * can be made mandatory only once it is set, so that a configuration never tested cannot lock everybody out.
   */
  verifiedAt: integer("verified_at"),
});

/**
 * A sign-in under way, between the redirect to the provider and its answer: keyed by the SHA-256 of `state`, spent
 * once (deleted as it is read), expired after 10 minutes. Holds nothing about the person.
 */
export const ssoPending = sqliteTable(
  "sso_pending",
  {
    stateHash: text("state_hash").primaryKey(),
    nonce: text("nonce").notNull(),
    /** PKCE (S256): the verifier whose challenge went to the provider. */
    codeVerifier: text("code_verifier").notNull(),
    /** The issuer the sign-in started with: a configuration changed meanwhile fails the callback. */
    issuer: text("issuer").notNull(),
    /** A path of the network to land on afterwards. */
    returnTo: text("return_to").notNull().default("/"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sso_pending_expires").on(t.expiresAt)],
);
