import { serviceContext } from "../context";
import { sweepSessions } from "../services/auth/sessions";
import { sweepIdempotencyKeys } from "../services/idempotency";
import { runWeeklyPairing } from "../services/coffee/pairing";
import { releaseQuietNotifications } from "../services/notifications/notify";
import { sweepRateWindows } from "../services/rate";
import { sendCampaignEvents } from "../services/ideas/campaigns";
import { sweepPresence, sweepQuestions } from "../services/questions/escalation";
import { sweepSsoPending } from "../services/sso/flow";
import { applyChatRetention, applyRetention } from "../services/privacy/retention";
import { tellFirstLooks } from "../services/posts/first-look";

/**
 * The cron entry (every minute; `npm start` triggers it locally): sweeps expired sessions and login failures that fell
 * out of the throttle window and the rate windows that ended (API tokens, incoming hooks), pushes live the notifications whose recipients' quiet hours just ended, and runs the
 * weekly coffee pairing. Only the schedule lives here; each job is a service.
 */
export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<{ sessions: number; failures: number; released: number; idempotencyKeys: number; rateWindows: number; campaignEvents: number; questions: { nudged: number; overdue: number; ms: number }; presenceGone: number; ssoPending: number; firstLooks: number }> {
  const ctx = serviceContext(env, "http://cron.invalid", `cron:${controller.scheduledTime}`);
  const now = controller.scheduledTime;
  const swept = {
    ...(await sweepSessions(ctx, now)),
    released: await releaseQuietNotifications(ctx, now),
    idempotencyKeys: await sweepIdempotencyKeys(ctx, now),
    rateWindows: await sweepRateWindows(ctx, now),
    // Campaigns that opened or closed since the last run send campaign.opened / campaign.closed, once each.
    campaignEvents: await sendCampaignEvents(ctx, now),
    // Questions: the 75% nudge to online members with matching skills, then overdue ones to support and animators.
    questions: await sweepQuestions(ctx, now),
    // Presence rows whose room has not confirmed them lately (a lost close).
    presenceGone: await sweepPresence(ctx, now),
    // Single sign-ons started and never finished (10 minutes).
    ssoPending: await sweepSsoPending(ctx, now),
    // First-look announcements whose time came: their wider audience is told, once (services/posts/first-look.ts).
    firstLooks: await tellFirstLooks(ctx, now),
  };
  // Weekly cross-silo coffee pairing: from Monday 08:00 UTC, once per week (the run is idempotent).
  const at = new Date(now);
  if (at.getUTCDay() === 1 && at.getUTCHours() >= 8) {
    const run = await runWeeklyPairing(ctx, now);
    if (!run.alreadyRan) console.log(JSON.stringify({ cron: "coffee-pairing", ...run }));
  }
  // Retention (the network settings' days): hourly for D1 rows, daily at 03:00 UTC for the rooms' stored chats.
  if (at.getUTCMinutes() === 7) console.log(JSON.stringify({ cron: "retention", ...(await applyRetention(ctx, now)) }));
  if (at.getUTCHours() === 3 && at.getUTCMinutes() === 7) console.log(JSON.stringify({ cron: "chat-retention", messages: await applyChatRetention(ctx, now) }));
  console.log(JSON.stringify({ cron: controller.cron, ...swept }));
  return swept;
}
