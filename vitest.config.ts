import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
          SETUP_TOKEN: "test-setup-token-0123456789",
        },
      },
    }),
  ],
  test: {
    include: ["worker/**/*.test.ts", "party/**/*.test.ts"],
    setupFiles: ["./worker/test/apply-migrations.ts"],
  },
}));
