import { and, eq, inArray } from "drizzle-orm";
import { EVENTS, type EventData, type WebhookEventName } from "../../../contract/events";
import type { ServiceContext } from "../../context";
import { posts } from "../../db/conversation";
import { groups } from "../../db/groups";
import { ideas, NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { webhookDeliveries, webhookEndpoints } from "../../db/integrations";
import { webhookMayCarry, type WebhookGroupFacts } from "../access";
import type { FanOutPost } from "../notifications/fanout";
import { chunked, DELIVERY_ROWS_PER_INSERT, IDS_PER_STATEMENT, MESSAGES_PER_SEND, runClaimedAttempts, type AttemptEndpoint, type WebhookAttemptJob } from "./deliver";

/**
 * Emission and fan-out of webhook events (API.md "Integrations"). A service emits an event AFTER its write committed,
 * with one queue message at most (`emitWebhookEvent`), and a comment or a reaction only when its write's batch found an
 * endpoint subscribed to it (`webhookProbe`); posts ride the existing `post-fanout` job and add nothing to the
 * request. The queue consumer fans the event out (`fanOutEvent`): one delivery row per enabled endpoint subscribed to
 * the type and allowed to carry it (access/webhooks.ts), with an id derived from the event's and the endpoint's, so a
 * redelivered message creates nothing twice; then the first attempt of each delivery not yet attempted (the attempt
 * claims its number, so a redelivered message attempts nothing twice either).
 */

export type WebhookEvent = { id: string; type: WebhookEventName; data: Record<string, unknown>; at: number };

/** The queue message of an event (the Job union's `webhook-event`). */
export type WebhookEventJob = { kind: "webhook-event" } & WebhookEvent;

/** A fresh event id (never shown to receivers: the delivery id is their `webhook-id`). */
export const newEventId = () => `evt_${crypto.randomUUID().replaceAll("-", "")}`;

/**
 * Sends an event to the queue after the write that caused it committed. A failure to enqueue is logged, not thrown:
 * the write is done, and the member's request must not fail because of an integration.
 */
export async function emitWebhookEvent<T extends WebhookEventName>(ctx: ServiceContext, type: T, data: EventData<T>, id = newEventId()): Promise<void> {
  const job: WebhookEventJob = { kind: "webhook-event", id, type, data: data as Record<string, unknown>, at: Date.now() };
  try {
    await ctx.env.JOBS.send(job);
  } catch (err) {
    console.error(JSON.stringify({ requestId: ctx.requestId, webhookEvent: type, error: String(err) }));
  }
}

/**
 * Whether to emit an event of `type` after a write, asked by the write's own batch (a D1 batch is a transaction): one
 * statement more in it, no round trip of its own. Without an enabled endpoint subscribed to the type, the event is not
 * queued: the queue message, the consumer's run and its read of the endpoints are saved for the events nobody listens
 * to (most, in a network with few integrations). Correct by construction: an endpoint registered before the write
 * committed is seen by the probe; one registered after it would not carry the event anyway ({@link fanOutEvent} takes
 * the endpoints registered by the time of the event).
 */
export function webhookProbe(db: D1Database, type: WebhookEventName) {
  return {
    /** Carried in the write's batch, after the writes; answers `{ subscribed: 0 | 1 }`. */
    statement: db.prepare("SELECT EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = ?) AS subscribed").bind(type),
    /** The probe's answer in the batch: whether to emit. */
    subscribed: (answer: D1Result<unknown> | undefined) => Boolean((answer?.results[0] as { subscribed?: number } | undefined)?.subscribed),
  };
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** The delivery of an event to an endpoint: the same id whoever computes it, `msg_` + 26 characters of SHA-256. */
export async function deliveryIdOf(eventId: string, endpointId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${eventId}\n${endpointId}`)));
  let s = "";
  for (let i = 0; i < 26; i++) s += ALPHABET[digest[i] % 32];
  return `msg_${s}`;
}

/** The body every attempt of a delivery sends, byte for byte. */
export function payloadOf(event: Pick<WebhookEvent, "type" | "data" | "at">): string {
  return JSON.stringify({ type: event.type, timestamp: new Date(event.at).toISOString(), data: event.data });
}

/** The group whose content the event is about; null for network events; undefined when it no longer exists. */
async function groupOf(ctx: ServiceContext, event: WebhookEvent): Promise<WebhookGroupFacts | null | undefined> {
  let groupId: string | undefined;
  switch (event.type) {
    case "member.joined":
    case "member.left":
    case "webhook.test":
      return null;
    case "post.created":
    case "question.created":
    case "question.answered":
    case "question.accepted":
    case "question.overdue":
    case "group.created":
    case "group.updated":
      groupId = String(event.data.groupId);
      break;
    // Ideas: a network-wide campaign's live in the network's open ideas group, so they count as open content.
    case "idea.created":
    case "idea.supported":
    case "idea.status_changed": {
      const idea = await ctx.db.select({ groupId: ideas.groupId }).from(ideas).where(eq(ideas.postId, String(event.data.ideaId))).get();
      groupId = idea?.groupId;
      break;
    }
    case "campaign.opened":
    case "campaign.closed":
      groupId = event.data.groupId === null ? NETWORK_IDEAS_GROUP_ID : String(event.data.groupId);
      break;
    case "comment.created":
    case "reaction.changed": {
      const post = await ctx.db.select({ groupId: posts.groupId }).from(posts).where(eq(posts.id, String(event.data.postId))).get();
      groupId = post?.groupId;
      break;
    }
  }
  if (!groupId) return undefined;
  return (await ctx.db.select({ id: groups.id, visibility: groups.visibility, kind: groups.kind }).from(groups).where(eq(groups.id, groupId)).get()) ?? undefined;
}

const ATTEMPT_COLUMNS = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  enabled: webhookEndpoints.enabled,
  secret: webhookEndpoints.secret,
  previousSecret: webhookEndpoints.previousSecret,
  previousSecretUntil: webhookEndpoints.previousSecretUntil,
  failingSince: webhookEndpoints.failingSince,
};

/**
 * The enabled endpoints, with what their subscription, their grants and their first attempt need: the statement the
 * fan-out reads (batched with the post's by the `post-fanout` job).
 */
export function enabledEndpointsQuery(ctx: ServiceContext) {
  return ctx.db
    .select({ ...ATTEMPT_COLUMNS, events: webhookEndpoints.events, groupIds: webhookEndpoints.groupIds, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.enabled, true));
}
export type EndpointCandidate = Awaited<ReturnType<typeof enabledEndpointsQuery>>[number];

/**
 * Creates the deliveries of an event (idempotently) and starts the first attempt of each one not yet attempted.
 * `group` and `candidates` (the enabled endpoints), when the caller already read them (the post fan-out job), save
 * reading them again.
 */
export async function fanOutEvent(ctx: ServiceContext, event: WebhookEvent, group?: WebhookGroupFacts, candidates?: EndpointCandidate[]): Promise<string[]> {
  EVENTS[event.type].schema.parse(event.data);
  if (event.type === "webhook.test") return []; // sent to one endpoint, by queueDeliveries directly
  // Endpoints registered by the time the event happened (the queue may carry it a moment later) and subscribed to its
  // type; with none, the event's group is not even read.
  const subscribed = (candidates ?? (await enabledEndpointsQuery(ctx))).filter((e) => e.createdAt <= event.at && (JSON.parse(e.events) as string[]).includes(event.type));
  if (!subscribed.length) return [];
  const facts = group ?? (await groupOf(ctx, event));
  if (facts === undefined) return [];
  // Of those, the ones allowed to carry it.
  const endpoints = endpointsFor(event, facts, subscribed);
  return queueDeliveries(ctx, event, endpoints.map((e) => e.id), { inline: endpoints });
}

/**
 * One delivery of `event` per endpoint (INSERT OR IGNORE on the derived id), then the first attempt of the new ones.
 * `inline` (from the queue consumer, with the endpoints' rows, when the schedule's first wait is 0): the same batch
 * that makes the deliveries claims their first attempt, which then runs at once, concurrently, saving a queue hop and
 * two reads per delivery. Otherwise each first attempt is a `webhook-attempt` job.
 */
export async function queueDeliveries(ctx: ServiceContext, event: WebhookEvent, endpointIds: string[], options: { inline?: AttemptEndpoint[] } = {}): Promise<string[]> {
  if (options.inline) return queueDeliveriesInline(ctx, [{ event, endpoints: options.inline.filter((e) => endpointIds.includes(e.id)) }]);
  return queueDeliveriesAsJobs(ctx, event, endpointIds);
}

/** The delivery rows of an event to endpoints (not yet written), and their ids. */
async function deliveryRows(event: WebhookEvent, endpointIds: string[], now: number) {
  const payload = payloadOf(event);
  return Promise.all(
    endpointIds.map(async (endpointId) => ({ id: await deliveryIdOf(event.id, endpointId), endpointId, type: event.type, payload, state: "pending" as const, attemptCount: 0, nextAttemptAt: now, createdAt: now, updatedAt: now })),
  );
}

/** The delivery rows in multi-row inserts (INSERT OR IGNORE: a redelivered message's rows exist already), few statements a batch. */
const insertDeliveries = (ctx: ServiceContext, rows: (typeof webhookDeliveries.$inferInsert)[]) =>
  chunked(rows, DELIVERY_ROWS_PER_INSERT).map((chunk) => ctx.db.insert(webhookDeliveries).values(chunk).onConflictDoNothing());

/** A redelivered message finds its deliveries made: only those never attempted get their first attempt. */
const neverAttempted = (ids: string[]) => and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.attemptCount, 0), eq(webhookDeliveries.state, "pending"));

async function queueDeliveriesAsJobs(ctx: ServiceContext, event: WebhookEvent, endpointIds: string[]): Promise<string[]> {
  if (!endpointIds.length) return [];
  const rows = await deliveryRows(event, endpointIds, Date.now());
  const ids = rows.map((r) => r.id);
  const delaySeconds = ctx.config.WEBHOOK_RETRY_SCHEDULE[0] ?? 0;
  const selects = chunked(ids, IDS_PER_STATEMENT).map((chunk) => ctx.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(neverAttempted(chunk)));
  const results = await ctx.db.batch([...insertDeliveries(ctx, rows), ...selects] as unknown as [any, ...any[]]);
  const fresh = (results.slice(-selects.length) as { id: string }[][]).flat();
  for (const chunk of chunked(fresh, MESSAGES_PER_SEND)) {
    await ctx.env.JOBS.sendBatch(chunk.map((d) => ({ body: { kind: "webhook-attempt", deliveryId: d.id, n: 1 } satisfies WebhookAttemptJob, ...(delaySeconds > 0 ? { delaySeconds } : {}) })));
  }
  return ids;
}

/**
 * Which of a batch's deliveries exist already, when the caller looked (the `post-fanout` job, in its batch's one read:
 * `existingDeliveriesQueries`): `checked` the ids looked for, `found` those that exist.
 */
export type KnownDeliveries = { checked: ReadonlySet<string>; found: ReadonlySet<string> };

/** Statements reading which of `ids` are deliveries already (within D1's bound parameters). */
export function existingDeliveriesQueries(ctx: ServiceContext, ids: string[]) {
  return chunked(ids, IDS_PER_STATEMENT).map((chunk) => ctx.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(inArray(webhookDeliveries.id, chunk)));
}

/**
 * The enabled endpoints this isolate's last queue batch read (their ids only): the next batch's read looks for the
 * deliveries of its posts to them beside the posts themselves, so that making the deliveries needs no call of its own.
 * A guide, never a rule: which endpoint gets what is decided on the batch's own read of the endpoints, and a delivery to
 * an endpoint not in this list is looked for in a call of its own.
 */
let endpointsSeen: string[] = [];
const LIKELY_AT_MOST = 5 * IDS_PER_STATEMENT;
export function rememberEndpoints(endpoints: { id: string }[]): void {
  endpointsSeen = endpoints.map((e) => e.id);
}

/** The deliveries the `post.created` events of `postIds` would have to the endpoints seen last (their ids). */
export async function likelyPostDeliveries(postIds: string[]): Promise<string[]> {
  const seen = endpointsSeen;
  // Many endpoints (a read of many statements): their deliveries are looked for in a call of their own.
  if (!seen.length || new Set(postIds).size * seen.length > LIKELY_AT_MOST) return [];
  return Promise.all([...new Set(postIds)].flatMap((postId) => seen.map((endpointId) => deliveryIdOf(postCreatedEventId(postId), endpointId))));
}

/**
 * The deliveries of several events (a queue batch's), made when the schedule's first wait is 0 with their first
 * attempt: the attempts run at once, concurrently, and one D1 batch then writes the new deliveries, their attempts and
 * where they stand (`runClaimedAttempts`). A delivery that exists already (a redelivered message) is neither attempted
 * nor written again; which exist is read beforehand, in the caller's read (`known`) or in a call of its own. Writing a
 * delivery after its first attempt, not before, makes it at least once: a consumer stopped between the two leaves
 * nothing written, and the message's retry attempts it again (the same `webhook-id`). With a first wait, each first
 * attempt is a `webhook-attempt` job instead.
 */
async function queueDeliveriesInline(ctx: ServiceContext, items: { event: WebhookEvent; endpoints: AttemptEndpoint[] }[], known?: KnownDeliveries): Promise<string[]> {
  if (!items.some((i) => i.endpoints.length)) return [];
  if ((ctx.config.WEBHOOK_RETRY_SCHEDULE[0] ?? 0) !== 0) {
    const ids = await Promise.all(items.map((i) => queueDeliveriesAsJobs(ctx, i.event, i.endpoints.map((e) => e.id))));
    return ids.flat();
  }
  const now = Date.now();
  // The same event twice in a batch (a redelivered message beside the first) makes one delivery, attempted once.
  const rows = [...new Map((await Promise.all(items.map((i) => deliveryRows(i.event, i.endpoints.map((e) => e.id), now)))).flat().map((r) => [r.id, r])).values()];
  const ids = rows.map((r) => r.id);
  const existing = new Set(known?.found ?? []);
  const unchecked = ids.filter((id) => !known?.checked.has(id));
  if (unchecked.length) {
    const queries = existingDeliveriesQueries(ctx, unchecked);
    for (const found of (await ctx.db.batch(queries as [(typeof queries)[number], ...typeof queries])).flat()) existing.add(found.id);
  }
  const fresh = rows.filter((r) => !existing.has(r.id)).map((r) => ({ ...r, attemptCount: 1, nextAttemptAt: null }));
  const endpoints = new Map(items.flatMap((i) => i.endpoints).map((e) => [e.id, e]));
  await runClaimedAttempts(
    ctx,
    fresh.map((r) => ({ delivery: { id: r.id, payload: r.payload }, endpoint: endpoints.get(r.endpointId)!, n: 1 })),
    insertDeliveries(ctx, fresh),
  );
  return ids;
}

/** The enabled endpoints registered by the time of `event`, subscribed to its type and allowed to carry it. */
function endpointsFor(event: WebhookEvent, facts: WebhookGroupFacts | null, candidates: EndpointCandidate[]): EndpointCandidate[] {
  return candidates.filter(
    (e) => e.createdAt <= event.at && (JSON.parse(e.events) as string[]).includes(event.type) && webhookMayCarry({ groupIds: JSON.parse(e.groupIds) as string[] }, facts),
  );
}

/** The id of a post's `post.created` event. */
const postCreatedEventId = (postId: string) => `evt_post_${postId}`;
/** The `post.created` event of a post: its id derived from the post's, so a redelivered fan-out makes nothing twice. */
const postCreatedEvent = (post: FanOutPost): WebhookEvent => ({
  id: postCreatedEventId(post.id),
  type: "post.created",
  data: { postId: post.id, groupId: post.groupId, authorId: post.authorId, kind: post.kind },
  at: post.createdAt,
});

/**
 * `post.created` for the posts of a queue batch's fan-out jobs (never on the request), with the enabled endpoints the
 * job read beside the posts: their deliveries are made, and first attempted, together.
 */
export async function emitPostsCreated(ctx: ServiceContext, posts: FanOutPost[], candidates: EndpointCandidate[], known?: KnownDeliveries): Promise<void> {
  const items = posts.map((post) => {
    const event = postCreatedEvent(post);
    return { event, endpoints: endpointsFor(event, post.group, candidates) };
  });
  await queueDeliveriesInline(ctx, items, known);
}
