import { z } from "zod";
import { serviceContext } from "../context";
import { WEBHOOK_EVENTS } from "../../contract/events";
import { fanOutPostQuery, membersChunkQuery, tellMembers, toFanOutPost, type FanOutPost, type MemberToTell } from "../services/notifications/fanout";
import { PUSH_JOB_IDS } from "../services/push/enqueue";
import { sendPushes } from "../services/push/send";
import { attemptDelivery } from "../services/webhooks/deliver";
import { emitPostsCreated, enabledEndpointsQuery, existingDeliveriesQueries, fanOutEvent, likelyPostDeliveries, rememberEndpoints, type EndpointCandidate, type KnownDeliveries } from "../services/webhooks/events";

/** Every message on the JOBS queue. */
export const Job = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ping"), at: z.number() }),
  z.object({ kind: z.literal("post-fanout"), postId: z.string() }),
  /** A webhook event, after the write that caused it committed: fanned out to the endpoints that carry it. */
  z.object({ kind: z.literal("webhook-event"), id: z.string().min(1).max(100), type: z.enum(WEBHOOK_EVENTS), data: z.record(z.string(), z.unknown()), at: z.number().int() }),
  /** Attempt `n` of a webhook delivery (a stale or duplicate one does nothing). */
  z.object({ kind: z.literal("webhook-attempt"), deliveryId: z.string().min(1).max(100), n: z.number().int().min(1) }),
  /** Notifications that became due, sent as web push to their recipients' devices (services/push/send.ts). */
  z.object({ kind: z.literal("push"), notificationIds: z.array(z.string().min(1).max(100)).min(1).max(PUSH_JOB_IDS) }),
]);
export type Job = z.infer<typeof Job>;

/**
 * Consumes a batch, its messages at once (webhook attempts wait on receivers, fan-outs on D1: one slow receiver must
 * not hold the others back): malformed messages are acknowledged and logged (retrying cannot fix them), failures retried.
 * The batch's post fan-outs go together (`fanOutPosts`): their posts, the first chunk of each one's members, the
 * enabled endpoints and which of their deliveries exist already in one read; their webhook deliveries then attempted,
 * and written with the attempts' outcomes in one more D1 batch: two D1 calls a batch.
 */
export async function consumeJobs(batch: MessageBatch<Job>, env: Env): Promise<void> {
  const ctx = serviceContext(env, "http://queue.invalid", `queue:${batch.queue}`);
  const fanOuts: { message: Message<Job>; postId: string }[] = [];
  const events: { message: Message<Job>; job: Extract<Job, { kind: "webhook-event" }> }[] = [];
  const others: { message: Message<Job>; job: Exclude<Job, { kind: "post-fanout" | "webhook-event" }> }[] = [];
  for (const message of batch.messages) {
    const job = Job.safeParse(message.body);
    if (!job.success) {
      console.error(JSON.stringify({ queue: batch.queue, id: message.id, error: "malformed job" }));
      message.ack();
    } else if (job.data.kind === "post-fanout") fanOuts.push({ message, postId: job.data.postId });
    else if (job.data.kind === "webhook-event") events.push({ message, job: job.data });
    else others.push({ message, job: job.data });
  }
  const otherWork = others.map(({ message, job }) => settle(batch.queue, message, job.kind, () => consumeOne(ctx, job)));
  if (fanOuts.length || events.length) {
    // The enabled endpoints, once for the whole batch, with the fan-outs' posts, their groups and the first chunk of
    // their members to tell: one round trip.
    // Which of the posts' deliveries exist already (a redelivered message), for the endpoints the last batch saw, in
    // the same read: making the deliveries then needs no call of its own, they are written with their first attempts.
    const likely = fanOuts.length ? await likelyPostDeliveries(fanOuts.map((j) => j.postId)) : [];
    const existing = existingDeliveriesQueries(ctx, likely);
    const read = ctx.db.batch([enabledEndpointsQuery(ctx), ...fanOuts.map((j) => fanOutPostQuery(ctx, j.postId)), ...fanOuts.map((j) => membersChunkQuery(ctx, j.postId)), ...existing]);
    otherWork.push(
      read.then(
        async ([endpoints, ...rows]) => {
          rememberEndpoints(endpoints);
          const posts = rows.slice(0, fanOuts.length) as Awaited<ReturnType<typeof fanOutPostQuery>>[];
          const members = rows.slice(fanOuts.length, 2 * fanOuts.length) as MemberToTell[][];
          const found = (rows.slice(2 * fanOuts.length) as { id: string }[][]).flat().map((d) => d.id);
          const known: KnownDeliveries = { checked: new Set(likely), found: new Set(found) };
          await Promise.all([
            fanOutPosts(ctx, batch.queue, fanOuts.map((job, i) => ({ ...job, post: toFanOutPost(posts[i]), members: members[i] })), endpoints, known),
            ...events.map(({ message, job }) => settle(batch.queue, message, job.kind, () => fanOutEvent(ctx, job, undefined, endpoints))),
          ]);
        },
        async (err) => {
          for (const { message } of [...fanOuts, ...events]) await settle(batch.queue, message, message.body.kind, () => Promise.reject(err));
        },
      ),
    );
  }
  await Promise.all(otherWork);
}

/** Acknowledges a message once its work is done; logs and retries it (with a growing delay) when the work failed. */
async function settle(queue: string, message: Message<Job>, kind: Job["kind"], work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    message.ack();
  } catch (err) {
    console.error(JSON.stringify({ queue, id: message.id, kind, error: String(err) }));
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
}

/**
 * The batch's `post-fanout` jobs, their posts, the first chunk of their members, the enabled webhook endpoints and
 * which deliveries exist already read (in the batch's one read): each post's members told (bell and live feed in one
 * pass) and the posts' `post.created` deliveries made at once. A redelivered job makes nothing twice (notifications are
 * checked, delivery ids derived from the post's, and an existing delivery is not attempted again).
 */
async function fanOutPosts(ctx: ReturnType<typeof serviceContext>, queue: string, jobs: { message: Message<Job>; post: FanOutPost | null; members: MemberToTell[] }[], endpoints: EndpointCandidate[], known: KnownDeliveries): Promise<void> {
  if (!jobs.length) return;
  const posts = jobs.flatMap((j) => (j.post ? [j.post] : []));
  // The webhooks of all the posts are one piece of work: if it fails, every job that had a post is retried with it.
  const webhooks = emitPostsCreated(ctx, posts, endpoints, known);
  await Promise.all(jobs.map(({ message, post, members }) => settle(queue, message, "post-fanout", () => (post ? Promise.all([tellMembers(ctx, post, { bell: true, feed: true }, members), webhooks]) : Promise.resolve()))));
}

async function consumeOne(ctx: ReturnType<typeof serviceContext>, job: Exclude<Job, { kind: "post-fanout" | "webhook-event" }>): Promise<void> {
  switch (job.kind) {
    case "ping":
      break;
    case "webhook-attempt":
      await attemptDelivery(ctx, job);
      break;
    case "push":
      await sendPushes(ctx, job.notificationIds);
      break;
  }
}
