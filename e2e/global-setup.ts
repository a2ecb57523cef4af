import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ES module shared with `npm start`
import { applyMigrations, freePort, startWrangler } from "../scripts/lib/server.mjs";
// @ts-expect-error plain ES module shared with `npm start`
import { seedDemoIfEmpty } from "../scripts/seed/demo.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

/** Starts a fresh network (its own database, a free port) for the browser tests, and stops it after. */
export default async function setup(project: TestProject) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-e2e-"));
  applyMigrations(persistTo);
  const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: process.env.E2E_SERVER_LOG !== "1" });
  await seedDemoIfEmpty(server.url, server.setupToken, { persistTo });
  project.provide("baseUrl", server.url);
  project.provide("chromiumPath", chromiumPath);
  return () => {
    server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
