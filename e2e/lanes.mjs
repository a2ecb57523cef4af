// The browser tests' lanes (scripts/e2e.mjs runs them side by side against one network, each a vitest process running
// its files one after another).
//
// These files sign in as the demo administrator through the client, whose language and screens they change (the
// identity test switches it from French to English; first-day sets French), or rely on what the others leave: they run
// one after another, in the first lane. Every other file works with members and groups of its own (or a server of its
// own) and goes to one of the other lanes. A new file goes there unless it drives the demo administrator's own screens
// or counts a demo member's notifications.
export const DEMO_ADMIN_LANE = [
  "e2e/admin.e2e.ts",
  "e2e/churn.e2e.ts",
  "e2e/first-day.e2e.ts",
  "e2e/hooks.e2e.ts",
  "e2e/identity.e2e.ts",
  "e2e/ideas.e2e.ts",
  "e2e/integrations.e2e.ts",
  "e2e/live-news.e2e.ts",
  "e2e/privacy.e2e.ts",
  "e2e/xss.e2e.ts",
];

/** How many lanes share the files outside the demo administrator's. */
export const OTHER_LANES = 2;

/**
 * Files that must not run at the same time: each group stays in one lane. The coffee test pairs every opted-in member
 * (a notification each) while the questions test counts an expert's bell.
 */
export const TOGETHER = [["e2e/coffee.e2e.ts", "e2e/questions.e2e.ts"]];

/**
 * Seconds each file took in a clean-clone CI run on a quiet machine (session 10; first look and steady: their own runs,
 * loaded), to balance the lanes; a file not listed counts 30.
 */
export const SECONDS = {
  "e2e/a11y.e2e.ts": 60,
  "e2e/coffee.e2e.ts": 18,
  "e2e/coffee-ticket.e2e.ts": 5,
  "e2e/conversations.e2e.ts": 28,
  "e2e/first-look.e2e.ts": 35,
  "e2e/follows.e2e.ts": 10,
  "e2e/keyboard.e2e.ts": 27,
  "e2e/knowledge.e2e.ts": 11,
  "e2e/must-read.e2e.ts": 6,
  "e2e/office-hours.e2e.ts": 22,
  "e2e/offline.e2e.ts": 5,
  "e2e/push.e2e.ts": 6,
  "e2e/questions.e2e.ts": 60,
  "e2e/shell.e2e.ts": 3,
  "e2e/sso.e2e.ts": 54,
  "e2e/start-vars.e2e.ts": 7,
  "e2e/steady.e2e.ts": 21,
  "e2e/uploads.e2e.ts": 23,
  "e2e/webhooks.e2e.ts": 43,
};

/** The lanes, as [name, files]: the demo administrator's, then the others filled longest first, each to the emptiest. */
export function planLanes(all) {
  const missing = DEMO_ADMIN_LANE.filter((f) => !all.includes(f));
  if (missing.length) throw new Error(`e2e/lanes.mjs names files that do not exist: ${missing.join(", ")}`);
  const rest = all.filter((f) => !DEMO_ADMIN_LANE.includes(f));
  const units = [
    ...TOGETHER.map((group) => group.filter((f) => rest.includes(f))).filter((group) => group.length > 0),
    ...rest.filter((f) => !TOGETHER.flat().includes(f)).map((f) => [f]),
  ].map((files) => ({ files, seconds: files.reduce((sum, f) => sum + (SECONDS[f] ?? 30), 0) }));
  units.sort((a, b) => b.seconds - a.seconds || a.files[0].localeCompare(b.files[0]));
  const others = Array.from({ length: OTHER_LANES }, () => ({ files: [], seconds: 0 }));
  for (const unit of units) {
    const emptiest = others.reduce((min, lane) => (lane.seconds < min.seconds ? lane : min));
    emptiest.files.push(...unit.files);
    emptiest.seconds += unit.seconds;
  }
  return [["demo-admin", DEMO_ADMIN_LANE], ...others.map((lane, i) => [`own-data-${i + 1}`, lane.files.sort()])];
}
