import { buildPushPayload } from "@block65/webcrypto-web-push";
import type { ServiceContext } from "../../context";
import { sqlUserInFirstLookAudience, sqlUserReadsGroup } from "../access";
import { refusalOf } from "../webhooks/deliver";
import { PUSH_JOB_IDS } from "./enqueue";
import { pushConfigured } from "./subscriptions";
import { pushPayload, type PushFacts } from "./text";
import type { NotificationKind } from "../../../contract/enums";
import type { PushPayload } from "../../../contract/push";

/**
 * Sending web push (issue 14, item 2). A notification becomes due (at once, or when the recipient's quiet hours end:
 * notify.ts's `pushNotifications` is called then, and only then) → its id goes on the queue in a `push` job → the job
 * sends it to each of the recipient's subscriptions with @block65/webcrypto-web-push (aes128gcm, VAPID). A notification
 * held by quiet hours is not due, so it is not sent until they end; one read meanwhile (in the bell) is not sent at all.
 *
 * The recipient of a notification is its only reader, and the payload is built from what the recipient may read NOW
 * (the group's visibility rule for that member, the post or comment neither deleted nor hidden), so a push never carries
 * content of a group its recipient cannot see. A 404 or 410 from the push service deletes the subscription; other
 * failures are logged and not retried (a notification stays in the bell).
 */

const SEND_TIMEOUT_MS = 10_000;
const SEND_CONCURRENCY = 6;
/** How long a push service keeps a message for an offline device. */
const TTL_SECONDS = 24 * 3600;

type Row = {
  id: string;
  kind: NotificationKind;
  locale: "en" | "fr";
  actor_name: string | null;
  group_id: string | null;
  group_name: string | null;
  post_id: string | null;
  post_kind: string | null;
  post_title: string | null;
  must_read: number | null;
  comment_id: string | null;
  excerpt: string | null;
  sid: string;
  endpoint: string;
  p256dh: string;
  auth: string;
};

export type PushOutcome = { subscriptionId: string; notificationId: string; status: number | null; error?: string };

/** The `push` job: sends each notification to each subscription of its recipient. Returns what each attempt got. */
export async function sendPushes(ctx: ServiceContext, notificationIds: string[], now = Date.now()): Promise<PushOutcome[]> {
  if (!pushConfigured(ctx) || notificationIds.length === 0) return [];
  const ids = notificationIds.slice(0, PUSH_JOB_IDS);
  const { results } = await ctx.env.DB.prepare(
    `SELECT n.id, n.kind, u.locale, a.name AS actor_name, n.group_id, g.name AS group_name, n.post_id, p.kind AS post_kind, p.title AS post_title,
       p.must_read, n.comment_id, substr(coalesce(c.body, p.body), 1, 400) AS excerpt, s.id AS sid, s.endpoint, s.p256dh, s.auth
     FROM notifications n
     JOIN push_subscriptions s ON s.user_id = n.user_id
     JOIN users u ON u.id = n.user_id
     LEFT JOIN users a ON a.id = n.actor_id
     LEFT JOIN groups g ON g.id = n.group_id
     LEFT JOIN posts p ON p.id = n.post_id
     LEFT JOIN comments c ON c.id = n.comment_id
     WHERE n.id IN (${ids.map(() => "?").join(",")}) AND n.deliver_at <= ? AND n.read_at IS NULL AND u.deactivated_at IS NULL
       AND (n.group_id IS NULL OR (g.id IS NOT NULL AND ${sqlUserReadsGroup("u", "g.id", "g.visibility")})
         OR (p.first_look_at <= n.deliver_at AND ${sqlUserInFirstLookAudience("u", "p.id")}))
       AND (n.post_id IS NULL OR (p.id IS NOT NULL AND p.deleted_at IS NULL AND p.hidden_at IS NULL))
       AND (n.comment_id IS NULL OR (c.id IS NOT NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL))
     ORDER BY n.id, s.id`,
  )
    .bind(...ids, now)
    .all<Row>();
  const refusals = new Map<string, Promise<string | null>>();
  const outcomes = await inTurn(
    results,
    async (r): Promise<PushOutcome | null> => {
      if (r.kind === "announcement" && r.must_read !== 1) return null;
      const facts: PushFacts = {
        kind: r.kind,
        locale: r.locale,
        actorName: r.actor_name,
        groupId: r.group_id,
        groupName: r.group_name,
        postId: r.post_id,
        postKind: r.post_kind,
        postTitle: r.post_title,
        commentId: r.comment_id,
        excerpt: r.excerpt,
      };
      const payload = pushPayload(facts);
      if (!payload) return null;
      return sendOne(ctx, r, payload, refusals);
    },
  );
  const done = outcomes.filter((o): o is PushOutcome => o !== null);
  const gone = [...new Set(done.filter((o) => o.status === 404 || o.status === 410).map((o) => o.subscriptionId))];
  const delivered = [...new Set(done.filter((o) => o.status !== null && o.status >= 200 && o.status < 300).map((o) => o.subscriptionId))].filter((id) => !gone.includes(id));
  const statements = [
    ...gone.map((id) => ctx.env.DB.prepare("DELETE FROM push_subscriptions WHERE id = ?").bind(id)),
    ...delivered.map((id) => ctx.env.DB.prepare("UPDATE push_subscriptions SET last_success_at = ? WHERE id = ?").bind(Date.now(), id)),
  ];
  for (let i = 0; i < statements.length; i += 50) await ctx.env.DB.batch(statements.slice(i, i + 50));
  for (const o of done) if (o.status === null || o.status >= 300) console.warn(JSON.stringify({ push: o.subscriptionId, notification: o.notificationId, status: o.status, error: o.error }));
  return done;
}

/**
 * Runs `work` over `items`, at most SEND_CONCURRENCY at a time (a Worker opens 6 connections at once; a request waiting
 * for one would spend its timeout waiting), keeping the order of the answers.
 */
async function inTurn<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, items.length) }, lane));
  return out;
}

/** One message to one subscription: the endpoint checked (as for webhooks: as written, then as resolved), encrypted, POSTed. */
async function sendOne(ctx: ServiceContext, r: Row, payload: PushPayload, refusals: Map<string, Promise<string | null>>): Promise<PushOutcome> {
  const outcome = { subscriptionId: r.sid, notificationId: r.id };
  const endpoint = new URL(r.endpoint);
  const allowed = ctx.config.PUSH_ALLOW_ORIGINS.includes(endpoint.origin);
  if (!refusals.has(endpoint.origin)) refusals.set(endpoint.origin, refusalOf({ ...ctx, config: { ...ctx.config, WEBHOOK_ALLOW_ORIGINS: ctx.config.PUSH_ALLOW_ORIGINS } }, r.endpoint));
  const refusal = await refusals.get(endpoint.origin)!;
  if (refusal) return { ...outcome, status: null, error: `Refused, no connection made: ${refusal}` };
  try {
    // The library signs for https push services only (RFC 8030); a push service played over http by a local test (an
    // allowed origin) is signed as its https twin.
    const signedFor = allowed && endpoint.protocol === "http:" ? `https://${endpoint.host}${endpoint.pathname}${endpoint.search}` : r.endpoint;
    const message = await buildPushPayload(
      { data: payload, options: { ttl: TTL_SECONDS, urgency: "normal" } },
      { endpoint: signedFor, expirationTime: null, keys: { p256dh: r.p256dh, auth: r.auth } },
      { subject: ctx.config.VAPID_SUBJECT, publicKey: ctx.config.VAPID_PUBLIC_KEY, privateKey: ctx.config.VAPID_PRIVATE_KEY },
    );
    const res = await fetch(r.endpoint, { method: "POST", headers: message.headers, body: message.body, redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    await res.body?.cancel();
    return { ...outcome, status: res.status };
  } catch (err) {
    return { ...outcome, status: null, error: String(err).slice(0, 300) };
  }
}
