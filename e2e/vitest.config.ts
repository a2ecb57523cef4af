import { defineConfig } from "vitest/config";

// Browser tests: plain Node (not workerd), one real server for the run, Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
