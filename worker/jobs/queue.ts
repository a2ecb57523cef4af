import { z } from "zod";
import { serviceContext } from "../context";
import { WEBHOOK_EVENTS } from "../../contract/events";
import { fanOutPostQuery, tellMembers, toFanOutPost } from "../services/notifications/fanout";
import { PUSH_JOB_IDS } from "../services/push/enqueue";
import { sendPushes } from "../services/push/send";
import { attemptDelivery } from "../services/webhooks/deliver";
import { emitPostCreated, enabledEndpointsQuery, fanOutEvent } from "../services/webhooks/events";

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
 */
export async function consumeJobs(batch: MessageBatch<Job>, env: Env): Promise<void> {
  const ctx = serviceContext(env, "http://queue.invalid", `queue:${batch.queue}`);
  await Promise.all(batch.messages.map((message) => consumeOne(ctx, batch.queue, message)));
}

async function consumeOne(ctx: ReturnType<typeof serviceContext>, queue: string, message: Message<Job>): Promise<void> {
  const job = Job.safeParse(message.body);
  if (!job.success) {
    console.error(JSON.stringify({ queue, id: message.id, error: "malformed job" }));
    message.ack();
    return;
  }
  try {
    switch (job.data.kind) {
      case "ping":
        break;
      case "post-fanout": {
        // The post, its group and the enabled webhook endpoints read in one round trip; then the members (bell and live
        // feed in one pass) and the webhooks at once.
        const [rows, endpoints] = await ctx.db.batch([fanOutPostQuery(ctx, job.data.postId), enabledEndpointsQuery(ctx)]);
        const post = toFanOutPost(rows);
        if (post) await Promise.all([tellMembers(ctx, post, { bell: true, feed: true }), emitPostCreated(ctx, post, endpoints)]);
        break;
      }
      case "webhook-event":
        await fanOutEvent(ctx, job.data);
        break;
      case "webhook-attempt":
        await attemptDelivery(ctx, job.data);
        break;
      case "push":
        await sendPushes(ctx, job.data.notificationIds);
        break;
    }
    message.ack();
  } catch (err) {
    console.error(JSON.stringify({ queue, id: message.id, kind: job.data.kind, error: String(err) }));
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
}
