import { availableParallelism } from "node:os";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
// @ts-expect-error plain ES module shared with `npm run vapid`
import { generateVapidKeys } from "./scripts/vapid.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The origin of the push service the web push tests play (scripts/lib/push-service.mjs). */
    pushService: string;
  }
}

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
          SETUP_TOKEN: "test-setup-token-0123456789",
          ACCESS_LOG: "errors",
          // The contract fuzz (worker/routes/fuzz.test.ts): runs per route and base seed; `node bench/fuzz.mjs` sets more.
          FUZZ_RUNS: process.env.FUZZ_RUNS ?? "200",
          FUZZ_SEED: process.env.FUZZ_SEED ?? "20260702",
          // Web push (worker/services/push): a key pair of the run, and the loopback push service the tests play,
          // allowed past the outgoing-address checks.
          ...(await vapidBindings()),
          PUSH_ALLOW_ORIGINS: inject("pushService"),
        },
      },
    })),
  ],
  test: {
    include: ["worker/**/*.test.ts", "party/**/*.test.ts"],
    setupFiles: ["./worker/test/apply-migrations.ts"],
    globalSetup: ["./scripts/lib/push-service.mjs"],
    // Route tests take well under a second alone; a loaded 2-core CI machine can stretch one past vitest's default 5 s.
    testTimeout: 20_000,
    // vitest's default (cores − 1) gives a 2-core machine one worker, which then waits on workerd half the time: two
    // workers took the suite from about 570 s to 420 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
}));

async function vapidBindings() {
  const keys = await generateVapidKeys();
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: "mailto:push-tests@example.com" };
}
