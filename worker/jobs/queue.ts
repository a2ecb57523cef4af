import { z } from "zod";

/** Every message on the JOBS queue; later issues add webhook deliveries. */
export const Job = z.discriminatedUnion("kind", [z.object({ kind: z.literal("ping"), at: z.number() })]);
export type Job = z.infer<typeof Job>;

/** Consumes a batch: malformed messages are acknowledged and logged (retrying cannot fix them), failures retried. */
export async function consumeJobs(batch: MessageBatch<Job>, _env: Env): Promise<void> {
  for (const message of batch.messages) {
    const job = Job.safeParse(message.body);
    if (!job.success) {
      console.error(JSON.stringify({ queue: batch.queue, id: message.id, error: "malformed job" }));
      message.ack();
      continue;
    }
    switch (job.data.kind) {
      case "ping":
        message.ack();
        break;
    }
  }
}
