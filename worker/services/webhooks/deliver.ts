import { and, eq, inArray, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ServiceContext } from "../../context";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/integrations";
import { users } from "../../db/users";
import { notificationBatch } from "../notifications/notify";
import { checkDestination, isPublicAddress } from "./destination";
import { afterAttempt, nextDelaySeconds } from "./schedule";
import { signedHeaders, signingSecrets, type Signer } from "./signing";

/**
 * One attempt of a delivery (the `webhook-attempt` job): claims its number, checks where it goes (the URL as written,
 * then every address its host resolves to, through DNS-over-HTTPS), POSTs the signed payload without following
 * redirects within 15 s, records the attempt, and schedules the next one or settles the delivery and its endpoint.
 */

/** The queue message of one attempt (the Job union's `webhook-attempt`). */
export type WebhookAttemptJob = { kind: "webhook-attempt"; deliveryId: string; n: number };

export const ATTEMPT_TIMEOUT_MS = 15_000;
const RESPONSE_KEEP_BYTES = 1024;
/** D1 binds at most 100 parameters a statement: an attempt row has 6, a delivery row 9, an update by ids 3 more. */
const ATTEMPT_ROWS_PER_INSERT = 16;
export const DELIVERY_ROWS_PER_INSERT = 11;
export const IDS_PER_STATEMENT = 90;
/** A queue takes at most 100 messages a `sendBatch`. */
export const MESSAGES_PER_SEND = 100;

/** `items` in slices of at most `size`. */
export function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Outcome = { statusCode: number | null; latencyMs: number; response: string };

/** Why the attempt may not connect, or null when it may: the URL as written, then the addresses its host resolves to. */
export async function refusalOf(ctx: ServiceContext, rawUrl: string): Promise<string | null> {
  const allow = ctx.config.WEBHOOK_ALLOW_ORIGINS;
  const checked = checkDestination(rawUrl, allow);
  if (!checked.ok) return checked.reason;
  const url = checked.url;
  if (allow.includes(url.origin)) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  // A literal address was judged by checkDestination: nothing to resolve.
  if (/^[\d.]+$/.test(host) || host.includes(":")) return null;
  const addresses = await resolveHost(ctx, host);
  if (typeof addresses === "string") return addresses;
  if (!addresses.length) return `${host} does not resolve`;
  const inside = addresses.find((a) => !isPublicAddress(a));
  return inside ? `${host} resolves to ${inside}, which is not reachable from the internet` : null;
}

/** The A and AAAA answers for `host` from the DNS-over-HTTPS resolver (WEBHOOK_DNS_RESOLVER), or why there are none. */
async function resolveHost(ctx: ServiceContext, host: string): Promise<string[] | string> {
  const resolver = ctx.config.WEBHOOK_DNS_RESOLVER;
  const out: string[] = [];
  for (const type of ["A", "AAAA"] as const) {
    let answer: { Status?: number; Answer?: { type: number; data: string }[] };
    try {
      const res = await fetch(`${resolver}?name=${encodeURIComponent(host)}&type=${type}`, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(5_000) });
      if (!res.ok) return `The DNS resolver answered ${res.status}`;
      answer = await res.json();
    } catch (err) {
      return `The DNS lookup of ${host} failed: ${String(err)}`;
    }
    for (const a of answer.Answer ?? []) if (a.type === 1 || a.type === 28) out.push(a.data);
  }
  return out;
}

/** The first kilobyte of an answer's body, as text; the rest is never read. */
async function firstKilobyte(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_KEEP_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all.slice(0, RESPONSE_KEEP_BYTES));
}

/** POSTs once; any answer but a 2xx is a failure, redirects included (never followed). */
async function post(url: string, headers: Record<string, string>, payload: string): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await fetch(url, { method: "POST", headers, body: payload, redirect: "manual", signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    const response = await firstKilobyte(res);
    return { statusCode: res.status, latencyMs: Date.now() - started, response };
  } catch (err) {
    return { statusCode: null, latencyMs: Date.now() - started, response: String(err).slice(0, RESPONSE_KEEP_BYTES) };
  }
}

/** An endpoint's columns an attempt needs (where it goes, how it signs, whether it is enabled and failing). */
export type AttemptEndpoint = Pick<typeof webhookEndpoints.$inferSelect, "id" | "url" | "enabled" | "secret" | "previousSecret" | "previousSecretUntil" | "failingSince">;

/** Runs attempt `n` of a delivery, once: a stale or duplicate job (the delivery moved on) does nothing. */
export async function attemptDelivery(ctx: ServiceContext, job: Pick<WebhookAttemptJob, "deliveryId" | "n">): Promise<void> {
  const { deliveryId, n } = job;
  const row = await ctx.db.select({ delivery: webhookDeliveries, endpoint: webhookEndpoints }).from(webhookDeliveries).leftJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId)).where(eq(webhookDeliveries.id, deliveryId)).get();
  if (!row || row.delivery.state !== "pending" || row.delivery.attemptCount !== n - 1) return;
  const { delivery, endpoint } = row;
  if (!endpoint || !endpoint.enabled) {
    // Deleted or disabled meanwhile: its pending deliveries stop here.
    await ctx.db.update(webhookDeliveries).set({ state: "failed", nextAttemptAt: null, updatedAt: Date.now() }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.state, "pending")));
    return;
  }
  // Claim attempt n: of two copies of this job, only one passes.
  const claimed = await ctx.db
    .update(webhookDeliveries)
    .set({ attemptCount: n, nextAttemptAt: null, updatedAt: Date.now() })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attemptCount, n - 1), eq(webhookDeliveries.state, "pending")))
    .returning({ id: webhookDeliveries.id });
  if (!claimed.length) return;
  await runClaimedAttempt(ctx, delivery, endpoint, n);
}

/** A claimed attempt: the delivery (its id and payload), where it goes, and its number. */
export type ClaimedAttempt = { delivery: { id: string; payload: string }; endpoint: AttemptEndpoint; n: number };

/**
 * The attempt itself, once its number is claimed (by `attemptDelivery`, or by the fan-out that claims the first
 * attempts of the deliveries it made in the same batch): checks where it goes, POSTs, records the outcome, and
 * schedules the next attempt or settles the delivery and its endpoint.
 */
export async function runClaimedAttempt(ctx: ServiceContext, delivery: { id: string; payload: string }, endpoint: AttemptEndpoint, n: number): Promise<void> {
  await runClaimedAttempts(ctx, [{ delivery, endpoint, n }]);
}

/**
 * Several claimed attempts at once (a queue batch's first attempts): each POSTs as soon as it may, concurrently; their
 * outcomes are then recorded in one D1 batch, their next attempts sent in one queue batch. An endpoint that several of
 * them reach settles on the last outcome of the batch (a run of failures begins at its first failure, ends at a success).
 * `first`: statements that go at the head of that batch (the fan-out's new deliveries, written with their attempts).
 */
export async function runClaimedAttempts(ctx: ServiceContext, attempts: ClaimedAttempt[], first: BatchItem<"sqlite">[] = []): Promise<void> {
  if (!attempts.length) return;
  // Where a URL goes is checked once for the batch's attempts to it (they start together): a batch of deliveries to one
  // endpoint resolves its host once, not once a delivery; and each endpoint's signers are made once.
  const refusals = new Map<string, Promise<string | null>>();
  const refusalFor = (url: string) => refusals.get(url) ?? refusals.set(url, refusalOf(ctx, url)).get(url)!;
  const signers = new Map<string, Signer>();
  const done = await Promise.all(
    attempts.map(async ({ delivery, endpoint, n }) => {
      const at = Date.now();
      const refusal = await refusalFor(endpoint.url);
      const outcome: Outcome = refusal
        ? { statusCode: null, latencyMs: 0, response: `Refused, no connection made: ${refusal}` }
        : await post(endpoint.url, signedHeaders(signingSecrets(endpoint, at), delivery.id, new Date(at), delivery.payload, signers), delivery.payload);
      return { delivery, endpoint, n, at, outcome };
    }),
  );
  const now = Date.now();
  const attemptRows: (typeof webhookAttempts.$inferInsert)[] = [];
  /** The deliveries' new states, grouped by what is written (usually one group: every attempt succeeded). */
  const settled = new Map<string, { state: "succeeded" | "failed" | "pending"; nextAttemptAt: number | null; ids: string[] }>();
  const retries: MessageSendRequest<WebhookAttemptJob>[] = [];
  /** Where each endpoint stands after this batch's outcomes, in the order they were attempted. */
  const endpoints = new Map<string, { failingSince: number | null; was: number | null; disable: "gone" | "failing" | null }>();
  for (const { delivery, endpoint, n, at, outcome } of done.sort((a, b) => a.at - b.at)) {
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const gone = outcome.statusCode === 410;
    const standing = endpoints.get(endpoint.id) ?? { failingSince: endpoint.failingSince, was: endpoint.failingSince, disable: null };
    const run = afterAttempt(standing.failingSince, ok, now);
    standing.failingSince = run.failingSince;
    standing.disable ??= gone ? "gone" : run.disable ? "failing" : null;
    endpoints.set(endpoint.id, standing);
    const next = ok || gone ? null : nextDelaySeconds(ctx.config.WEBHOOK_RETRY_SCHEDULE, n);
    const state = ok ? "succeeded" : next === null ? "failed" : "pending";
    attemptRows.push({ deliveryId: delivery.id, n, at, ...outcome });
    const nextAttemptAt = next === null ? null : now + next * 1000;
    const key = `${state} ${nextAttemptAt}`;
    const group = settled.get(key) ?? { state, nextAttemptAt, ids: [] };
    group.ids.push(delivery.id);
    settled.set(key, group);
    if (next !== null) retries.push({ body: { kind: "webhook-attempt", deliveryId: delivery.id, n: n + 1 }, ...(next > 0 ? { delaySeconds: next } : {}) });
  }
  // Few statements for the whole batch (each one costs D1 work, and building it costs the Worker's CPU): the attempts in
  // multi-row inserts, the deliveries in one update per new state, within D1's 100 bound parameters a statement.
  const statements = [
    ...first,
    ...chunked(attemptRows, ATTEMPT_ROWS_PER_INSERT).map((rows) => ctx.db.insert(webhookAttempts).values(rows).onConflictDoNothing()),
    ...[...settled.values()].flatMap(({ state, nextAttemptAt, ids }) =>
      chunked(ids, IDS_PER_STATEMENT).map((chunk) => ctx.db.update(webhookDeliveries).set({ state, nextAttemptAt, updatedAt: now }).where(inArray(webhookDeliveries.id, chunk))),
    ),
    // An endpoint's row is written only when something about it changes (a run of failures begins or ends, or it is
    // disabled): a healthy endpoint's deliveries write no row of it, so concurrent deliveries do not queue on it.
    ...[...endpoints]
      .filter(([, standing]) => standing.failingSince !== standing.was || standing.disable !== null)
      .map(([id, standing]) =>
        ctx.db
          .update(webhookEndpoints)
          .set({ failingSince: standing.failingSince, ...(standing.disable ? { enabled: false, disabledReason: standing.disable } : {}), updatedAt: now })
          .where(eq(webhookEndpoints.id, id)),
      ),
  ];
  await ctx.db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  for (const chunk of chunked(retries, MESSAGES_PER_SEND)) await ctx.env.JOBS.sendBatch(chunk);
  const disabled = [...endpoints].filter(([, standing]) => standing.disable !== null);
  if (disabled.length) {
    for (const [id, standing] of disabled) console.warn(JSON.stringify({ webhookEndpoint: id, disabled: standing.disable }));
    await tellAdministrators(ctx, now);
  }
}

/** An endpoint stopped (410, or 3 days of failures): every active administrator hears of it in the bell. */
async function tellAdministrators(ctx: ServiceContext, now: number) {
  const admins = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), isNull(users.deactivatedAt))).all();
  const notes = await notificationBatch(ctx, admins.map((a) => a.id), { kind: "webhook_disabled", actorId: null, groupId: null }, now);
  if (notes.statements.length) await ctx.db.batch(notes.statements as [(typeof notes.statements)[number], ...typeof notes.statements]);
  await notes.pushLive();
}
