import { z } from "zod";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Secret: lets `POST /api/v1/setup` create the first administrator of a deployed network, once. */
      SETUP_TOKEN?: string;
      /** The network's own origin, when it is not the origin of the request URL (behind a proxy). */
      PUBLIC_ORIGIN?: string;
      /** Secret: the single sign-on client's secret at the identity provider (API.md "Administration and privacy"). */
      OIDC_CLIENT_SECRET?: string;
      /** Secrets: the network's VAPID key pair for web push (base64url; `npm run vapid` makes one) and its contact. */
      VAPID_PUBLIC_KEY?: string;
      VAPID_PRIVATE_KEY?: string;
      VAPID_SUBJECT?: string;
      /** Set by the test pool only. */
      TEST_MIGRATIONS?: { name: string; queries: string[] }[];
    }
  }
}

const count = z.coerce.number().int().positive();

const ConfigSchema = z.object({
  LOGIN_MAX_FAILS_PER_EMAIL: count.default(5),
  LOGIN_MAX_FAILS_PER_ADDRESS: count.default(100),
  LOGIN_WINDOW_SECONDS: count.default(900),
  ROOM_FRAMES_PER_SECOND: count.default(20),
  /** Seconds to wait before each attempt of a webhook delivery; the first is usually 0. */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default("0,5,300,1800,7200,18000,36000,36000")
    .transform((s) => s.split(",").map((n) => Number(n.trim())))
    .pipe(z.array(z.number().int().min(0).max(43_200)).min(1).max(20)),
  /** Origins that skip the outgoing-address checks (development and tests only). */
  WEBHOOK_ALLOW_ORIGINS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean)),
  /** The DNS-over-HTTPS resolver (JSON API) that checks an endpoint's addresses before each attempt. */
  WEBHOOK_DNS_RESOLVER: z.url().default("https://cloudflare-dns.com/dns-query"),
  HOOK_POSTS_PER_MINUTE: count.default(30),
  TOKEN_REQUESTS_PER_MINUTE: count.default(600),
  /** Single sign-on starts (`/auth/sso/start`) per minute from one client address before 429. */
  SSO_STARTS_PER_MINUTE: count.default(60),
  /** SCIM requests per minute with one SCIM token before 429 (in SCIM's error shape). */
  SCIM_REQUESTS_PER_MINUTE: count.default(600),
  SETUP_TOKEN: z.string().min(16).optional().catch(undefined),
  /** Lets a single sign-on issuer on a loopback address (127.0.0.1, localhost, ::1) answer over http: tests only. */
  OIDC_ALLOW_HTTP_LOOPBACK: z
    .string()
    .default("")
    .transform((s) => ["1", "true"].includes(s.trim().toLowerCase())),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().catch(undefined),
  /** The access log: `all` (a line per API request) or `errors` (5xx only: the worker tests). */
  ACCESS_LOG: z.enum(["all", "errors"]).catch("errors"),
  PUBLIC_ORIGIN: z.url().optional().catch(undefined),
  /** Web push (issue 14): the VAPID key pair (uncompressed P-256 public key and private scalar, base64url) and subject. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/).optional().catch(undefined),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional().catch(undefined),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/).optional().catch(undefined),
  /** Origins of push services that skip the outgoing-address checks (tests and local development only). */
  PUSH_ALLOW_ORIGINS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean)),
  /** Test-only: milliseconds added to every D1 round trip (worker/db/trips.ts), to measure under distance. Never in production. */
  D1_TRIP_DELAY_MS: z.coerce.number().int().min(0).max(10_000).catch(0).default(0),
});

export type Config = z.infer<typeof ConfigSchema>;

const cache = new WeakMap<object, Config>();

/** Configuration is read once per env object, at the door; everything else takes the typed result. */
export function readConfig(env: Env): Config {
  let config = cache.get(env);
  if (!config) {
    config = ConfigSchema.parse(env);
    cache.set(env, config);
  }
  return config;
}
