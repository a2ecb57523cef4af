import { lt } from "drizzle-orm";
import { createDb } from "../db/client";
import { loginFailures, sessions } from "../db/users";
import { readConfig } from "../env";

/**
 * The cron entry (every minute; `npm start` triggers it locally). For now it sweeps expired sessions and login failures
 * that fell out of the throttle window; later issues add digests, escalations and roll-ups here.
 */
export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<{ sessions: number; failures: number }> {
  const db = createDb(env.DB);
  const now = controller.scheduledTime;
  const windowMs = readConfig(env).LOGIN_WINDOW_SECONDS * 1000;
  const [s, f] = await db.batch([
    db.delete(sessions).where(lt(sessions.expiresAt, now)),
    db.delete(loginFailures).where(lt(loginFailures.at, now - windowMs)),
  ]);
  const swept = { sessions: s.meta.changes, failures: f.meta.changes };
  console.log(JSON.stringify({ cron: controller.cron, ...swept }));
  return swept;
}
