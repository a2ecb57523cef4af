import { z } from "zod";
import { serviceContext } from "../context";
import { WEBHOOK_EVENTS } from "../../contract/events";
import { announceNewPost, fanOutPost } from "../services/notifications/fanout";
import { attemptDelivery } from "../services/webhooks/deliver";
import { emitPostCreated, fanOutEvent } from "../services/webhooks/events";

/** Every message on the JOBS queue. */
export const Job = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ping"), at: z.number() }),
  z.object({ kind: z.literal("post-fanout"), postId: z.string() }),
  /** A webhook event, after the write that caused it committed: fanned out to the endpoints that carry it. */
  z.object({ kind: z.literal("webhook-event"), id: z.string().min(1).max(100), type: z.enum(WEBHOOK_EVENTS), data: z.record(z.string(), z.unknown()), at: z.number().int() }),
  /** Attempt `n` of a webhook delivery (a stale or duplicate one does nothing). */
  z.object({ kind: z.literal("webhook-attempt"), deliveryId: z.string().min(1).max(100), n: z.number().int().min(1) }),
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
    await withinLimit(runJob(ctx, job.data), JOB_TIME_LIMIT_MS);
    message.ack();
  } catch (err) {
    console.error(JSON.stringify({ queue, id: message.id, kind: job.data.kind, error: String(err) }));
    message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
  }
}

/**
 * How long one job may run. A batch ends when its last job does, and the local queue (Miniflare) hands out the next
 * batch only then: one job that never settles (seen under load: a batch of post fan-outs pending for minutes) held
 * every later job, and live "new post" banners never came. Past the limit the job is retried later (every job is
 * idempotent: notifications are not written twice, deliveries have ids derived from the event, a feed.new twice is
 * one banner) and the batch ends. The slowest legitimate job is a webhook attempt: two DNS lookups of 5 s and a 15 s POST.
 */
export const JOB_TIME_LIMIT_MS = 60_000;

function withinLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms / 1000} s: left behind, retried later`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function runJob(ctx: ReturnType<typeof serviceContext>, job: Job): Promise<void> {
  switch (job.kind) {
    case "ping":
      break;
    case "post-fanout":
      await fanOutPost(ctx, job.postId);
      await announceNewPost(ctx, job.postId);
      await emitPostCreated(ctx, job.postId);
      break;
    case "webhook-event":
      await fanOutEvent(ctx, job);
      break;
    case "webhook-attempt":
      await attemptDelivery(ctx, job);
      break;
  }
}
