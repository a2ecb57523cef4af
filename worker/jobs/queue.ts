import { z } from "zod";
import { serviceContext } from "../context";
import { announceNewPost, fanOutPost } from "../services/notifications/fanout";

/** Every message on the JOBS queue. */
export const Job = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ping"), at: z.number() }),
  z.object({ kind: z.literal("post-fanout"), postId: z.string() }),
]);
export type Job = z.infer<typeof Job>;

/** Consumes a batch: malformed messages are acknowledged and logged (retrying cannot fix them), failures retried. */
export async function consumeJobs(batch: MessageBatch<Job>, env: Env): Promise<void> {
  const ctx = serviceContext(env, "http://queue.invalid", `queue:${batch.queue}`);
  for (const message of batch.messages) {
    const job = Job.safeParse(message.body);
    if (!job.success) {
      console.error(JSON.stringify({ queue: batch.queue, id: message.id, error: "malformed job" }));
      message.ack();
      continue;
    }
    try {
      switch (job.data.kind) {
        case "ping":
          break;
        case "post-fanout":
          await fanOutPost(ctx, job.data.postId);
          await announceNewPost(ctx, job.data.postId);
          break;
      }
      message.ack();
    } catch (err) {
      console.error(JSON.stringify({ queue: batch.queue, id: message.id, kind: job.data.kind, error: String(err) }));
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}
