import { lt } from "drizzle-orm";
import { serviceContext } from "../context";
import { loginFailures, sessions } from "../db/users";
import { runWeeklyPairing } from "../services/coffee/pairing";
import type { NotificationKind } from "../services/notifications/notification-view";
import { pushNotifications } from "../services/notifications/notify";

/**
 * The cron entry (every minute; `npm start` triggers it locally): sweeps expired sessions and login failures that fell
 * out of the throttle window, and pushes live the notifications whose recipients' quiet hours just ended.
 */
export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<{ sessions: number; failures: number; released: number }> {
  const ctx = serviceContext(env, "http://cron.invalid", `cron:${controller.scheduledTime}`);
  const db = ctx.db;
  const now = controller.scheduledTime;
  const windowMs = ctx.config.LOGIN_WINDOW_SECONDS * 1000;
  const [s, f] = await db.batch([
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(loginFailures).where(lt(loginFailures.at, now - windowMs)),
  ]);
  const { results: released } = await env.DB.prepare(
    "SELECT id, user_id AS userId, kind FROM notifications WHERE deliver_at > created_at AND deliver_at > ? AND deliver_at <= ?",
  )
    .bind(now - 60_000, now)
    .all<{ id: string; userId: string; kind: NotificationKind }>();
  await pushNotifications(ctx, released);
  const swept = { sessions: s.meta.changes, failures: f.meta.changes, released: released.length };
  // Weekly cross-silo coffee pairing: from Monday 08:00 UTC, once per week (the run is idempotent).
  const at = new Date(now);
  if (at.getUTCDay() === 1 && at.getUTCHours() >= 8) {
    const run = await runWeeklyPairing(ctx, now);
    if (!run.alreadyRan) console.log(JSON.stringify({ cron: "coffee-pairing", ...run }));
  }
  console.log(JSON.stringify({ cron: controller.cron, ...swept }));
  return swept;
}
