import { defineConfig } from "vitest/config";

// Browser tests: plain Node (not workerd), one real server for the run, Chromium driven by playwright-core. One file at
// a time per vitest process; `npm run test:e2e` (scripts/e2e.mjs) runs two such processes side by side, its two lanes.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    // Prints the error of an attempt that failed, the first of a retried test included.
    setupFiles: ["./e2e/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One more attempt for a test that failed: a browser test on a shared 2-core machine can lose a page load to a
    // stalled request (seen once in CI: a navigation whose load event never came). A test that fails twice fails the run,
    // and the report names every test that needed its second attempt.
    retry: 1,
    // `expect.poll` waits 1 s by default: on a loaded 2-core machine a list fetched after a navigation can take longer
    // (seen in CI: the directory filtered by skill, read back empty within the second). A poll that waits on the server
    // gets 10 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
