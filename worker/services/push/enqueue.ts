import type { ServiceContext } from "../../context";
import { pushConfigured } from "./subscriptions";
import { PUSHED_KINDS } from "./text";
import type { NotificationKind } from "../../../contract/enums";

/**
 * The door from the notifications to web push (send.ts): notify.ts calls `enqueuePushes` with the notifications that
 * just became due, and the queue's `push` job sends them. Kept apart from send.ts so that notify.ts does not depend on
 * the webhooks' address checks (which depend on notify.ts).
 */

/** Ids per job: one D1 statement binds them all (D1 allows 100 bound parameters). */
export const PUSH_JOB_IDS = 90;
export type PushJob = { kind: "push"; notificationIds: string[] };

/** Queues the pushes of notifications that just became due (the kinds that are pushed; nothing when push is off). */
export async function enqueuePushes(ctx: ServiceContext, rows: { id: string; kind: NotificationKind }[]): Promise<void> {
  if (!pushConfigured(ctx)) return;
  const ids = rows.filter((r) => PUSHED_KINDS.has(r.kind)).map((r) => r.id);
  if (!ids.length) return;
  const jobs: { body: PushJob }[] = [];
  for (let i = 0; i < ids.length; i += PUSH_JOB_IDS) jobs.push({ body: { kind: "push", notificationIds: ids.slice(i, i + PUSH_JOB_IDS) } });
  try {
    for (let i = 0; i < jobs.length; i += 100) await ctx.env.JOBS.sendBatch(jobs.slice(i, i + 100));
  } catch (err) {
    // The notifications are written and in the bell: a queue that refuses the job costs the push only, never the request.
    console.error(JSON.stringify({ push: "enqueue failed", notifications: ids.length, error: String(err) }));
  }
}

