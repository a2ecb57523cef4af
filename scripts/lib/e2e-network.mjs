// The network the browser tests run against: a fresh database, migrations, wrangler dev on a free port, the demo seed,
// and a wait for the queue to drain. Shared by `npm run test:e2e` (scripts/e2e.mjs: one network, two lanes) and by the
// browser tests' global setup when vitest runs alone (`npx vitest run --config e2e/vitest.config.ts e2e/x.e2e.ts`).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, freePort, startWrangler } from "./server.mjs";
import { seedDemoIfEmpty } from "../seed/demo.mjs";

/** No queue batch ended for this long: the seed's jobs are done. */
const QUEUE_QUIET_MS = 4_000;
const QUEUE_WAIT_MAX_MS = 180_000;

export function chromiumPath() {
  const found = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(found)) {
    throw new Error(`No Chromium at ${found}. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return found;
}

/** Starts the network; `stop()` ends the server and deletes its database. */
export async function startNetwork({ log = console.log } = {}) {
  const persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-e2e-"));
  const started = Date.now();
  applyMigrations(persistTo);
  const migrated = Date.now();
  // The server's log is read line by line for the queue's batches (Miniflare logs "QUEUE comptoir-jobs 10/10 (…ms)",
  // maybe coloured, as each one ends); E2E_SERVER_LOG=1 shows it too.
  const showLog = process.env.E2E_SERVER_LOG === "1";
  const queue = { batches: 0, last: 0 };
  const onLine = (line) => {
    if (/QUEUE\S* comptoir-jobs\S* \S*\d+\/\d+/.test(line.replace(/\x1b\[[0-9;]*m/g, ""))) {
      queue.batches += 1;
      queue.last = Date.now();
    }
    if (showLog) log(line);
  };
  const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, onLine });
  const up = Date.now();
  try {
    await seedDemoIfEmpty(server.url, server.setupToken, { persistTo, log });
  } catch (err) {
    server.stop();
    rmSync(persistTo, { recursive: true, force: true });
    throw err;
  }
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
  const s = (a, b) => `${((b - a) / 1000).toFixed(1)} s`;
  log(
    `e2e server: migrations ${s(started, migrated)}, wrangler dev up ${s(migrated, up)}, demo seed ${s(up, seeded)}, ` +
      `queue drained after it ${s(seeded, drained)} (${queue.batches - batchesAtSeedEnd} more batches, ${queue.batches} in all)`,
  );
  return {
    url: server.url,
    stop() {
      server.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
