import type { TestProject } from "vitest/node";
// @ts-expect-error plain ES module shared with scripts/e2e.mjs
import { chromiumPath, startNetwork } from "../scripts/lib/e2e-network.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

/**
 * The network the browser tests run against. Under `npm run test:e2e` (scripts/e2e.mjs) it is already running, shared
 * by the two lanes: its address comes in `COMPTOIR_E2E_BASE_URL`. Run alone, vitest starts a fresh one and stops it after.
 */
export default async function setup(project: TestProject) {
  project.provide("chromiumPath", chromiumPath());
  const given = process.env.COMPTOIR_E2E_BASE_URL;
  if (given) {
    project.provide("baseUrl", given);
    return;
  }
  const network = await startNetwork();
  project.provide("baseUrl", network.url);
  return () => network.stop();
}
