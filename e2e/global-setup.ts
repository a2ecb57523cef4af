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

/** No queue batch ended for this long: the seed's jobs are done. */
const QUEUE_QUIET_MS = 4_000;
const QUEUE_WAIT_MAX_MS = 180_000;

type Network = { baseUrl: string; chromiumPath: string; stop: () => void };

/**
 * The one network of the run. Each lane (vitest project, e2e/vitest.config.ts) runs the global setup of its own: the
 * first starts the network and the others share it (a promise kept on the main process's global object, which every
 * project's copy of this module sees); the last lane to finish stops it.
 */
const shared = globalThis as typeof globalThis & { comptoirE2E?: { network: Promise<Network>; users: number } };

export default async function setup(project: TestProject) {
  shared.comptoirE2E ??= { network: startNetwork(), users: 0 };
  const run = shared.comptoirE2E;
  run.users += 1;
  const network = await run.network;
  project.provide("baseUrl", network.baseUrl);
  project.provide("chromiumPath", network.chromiumPath);
  return () => {
    run.users -= 1;
    if (run.users === 0) {
      network.stop();
      delete shared.comptoirE2E;
    }
  };
}

/** Starts a fresh network (its own database, a free port) for the browser tests. */
async function startNetwork(): Promise<Network> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-e2e-"));
  const started = Date.now();
  applyMigrations(persistTo);
  const migrated = Date.now();
  // The server's log is read line by line for the queue's batches (Miniflare logs "QUEUE comptoir-jobs 10/10 (…ms)", maybe coloured, as
  // each one ends); E2E_SERVER_LOG=1 shows it too.
  const showLog = process.env.E2E_SERVER_LOG === "1";
  const queue = { batches: 0, last: 0 };
  const onLine = (line: string) => {
    if (/QUEUE\S* comptoir-jobs\S* \S*\d+\/\d+/.test(line.replace(/\x1b\[[0-9;]*m/g, ""))) {
      queue.batches += 1;
      queue.last = Date.now();
    }
    if (showLog) console.log(line);
  };
  const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, onLine });
  const up = Date.now();
  await seedDemoIfEmpty(server.url, server.setupToken, { persistTo, log: (line: string) => console.log(line) });
  const seeded = Date.now();
  // The seed leaves thousands of jobs behind it (fan-outs, webhook events of every comment and reaction), and the local
  // queue hands out one batch at a time: the first tests would wait behind them for their own post's feed.new (a live
  // banner waited for in vain). The run starts once no batch has ended for QUEUE_QUIET_MS (two of the consumer's
  // 1 s batch timeouts, and more), or after QUEUE_WAIT_MAX_MS at most.
  const batchesAtSeedEnd = queue.batches;
  while (Date.now() - Math.max(queue.last, seeded) < QUEUE_QUIET_MS && Date.now() - seeded < QUEUE_WAIT_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const drained = Date.now();
  const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
  console.log(
    `e2e server: migrations ${s(started, migrated)}, wrangler dev up ${s(migrated, up)}, demo seed ${s(up, seeded)}, ` +
      `queue drained after it ${s(seeded, drained)} (${queue.batches - batchesAtSeedEnd} more batches, ${queue.batches} in all)`,
  );
  return {
    baseUrl: server.url,
    chromiumPath,
    stop: () => {
      server.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
