// The browser tests' two lanes (scripts/e2e.mjs runs them side by side against one network).
//
// These files sign in as the demo administrator through the client, whose language and screens they change (the
// identity test switches it from French to English; first-day sets French), or rely on what the others leave: they run
// one after another, in this lane. Every other file works with members and groups of its own (or a server of its own)
// and runs in the second lane. A new file goes in the second lane unless it drives the demo administrator's own screens
// or counts a demo member's notifications; questions and coffee share the second lane because the coffee test pairs
// every opted-in member (a notification each) while the questions test counts an expert's bell.
//
// Two files that start servers of their own and touch nothing of the shared network (webhooks, start-vars) run in
// this lane too, only to even out the lanes' times (session 8: 324 s against 466 s before the move).
export const DEMO_ADMIN_LANE = [
  "e2e/admin.e2e.ts",
  "e2e/churn.e2e.ts",
  "e2e/conversations.e2e.ts",
  "e2e/first-day.e2e.ts",
  "e2e/hooks.e2e.ts",
  "e2e/identity.e2e.ts",
  "e2e/ideas.e2e.ts",
  "e2e/integrations.e2e.ts",
  "e2e/live-news.e2e.ts",
  "e2e/privacy.e2e.ts",
  "e2e/start-vars.e2e.ts",
  "e2e/webhooks.e2e.ts",
  "e2e/xss.e2e.ts",
];
