import { defineConfig } from "vitest/config";

/**
 * The browser tests sign in as the demo administrator through the client, whose language and screens they change (the
 * identity test switches it from French to English; first-day sets French), or rely on what the others leave: they run
 * one after another, in this lane. Every other file works with members and groups of its own (or its own server) and
 * runs in the second lane, beside the first: two files at a time against the one server, half the wall-clock time.
 * A new file goes in the second lane unless it drives the demo administrator's own screens or reads a demo member's
 * bell; questions and coffee share a lane because the coffee test pairs every opted-in member (a notification each).
 */
const DEMO_ADMIN_LANE = [
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
  "e2e/xss.e2e.ts",
];

// Browser tests: plain Node (not workerd), one real server for the run, Chromium driven by playwright-core.
export default defineConfig({
  test: {
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One more attempt for a test that failed: a browser test on a shared 2-core machine can lose a page load to a
    // stalled request (seen once in CI: a navigation whose load event never came). A test that fails twice fails the run,
    // and the report names every test that needed its second attempt.
    retry: 1,
    projects: [
      { extends: true, test: { name: "demo-admin", include: DEMO_ADMIN_LANE, fileParallelism: false } },
      { extends: true, test: { name: "own-data", include: ["e2e/**/*.e2e.ts"], exclude: DEMO_ADMIN_LANE, fileParallelism: false } },
    ],
  },
});
