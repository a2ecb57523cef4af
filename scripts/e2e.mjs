// `npm run test:e2e` (after the build): one network (migrations, wrangler dev, the demo seed), then the browser tests in
// lanes side by side against it, each a vitest process running its files one after another (e2e/lanes.mjs says
// which file goes where). Each lane's report is printed whole when it ends, the first to end first. Arguments are
// passed to a single vitest instead (`npm run test:e2e -- e2e/x.e2e.ts`), which then starts its own network.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { planLanes } from "../e2e/lanes.mjs";
import { chromiumPath, startNetwork } from "./lib/e2e-network.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const CONFIG = ["--config", "e2e/vitest.config.ts"];

function vitest(args, env, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, "run", ...CONFIG, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) for (const stream of [child.stdout, child.stderr]) stream.on("data", (d) => { output += d; });
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const args = process.argv.slice(2);
if (args.length > 0) process.exit((await vitest(args, {}, false)).code);

chromiumPath(); // fails at once, with what to install, when Chromium is missing
const all = readdirSync(path.join(ROOT, "e2e")).filter((f) => f.endsWith(".e2e.ts")).map((f) => `e2e/${f}`).sort();
const lanes = planLanes(all);

const started = Date.now();
const network = await startNetwork();
let failed = false;
try {
  const env = { COMPTOIR_E2E_BASE_URL: network.url, FORCE_COLOR: process.stdout.isTTY ? "1" : "0" };
  await Promise.all(
    lanes.map(async ([name, files]) => {
      const laneStarted = Date.now();
      const { code, output } = await vitest(files, env, true);
      const took = ((Date.now() - laneStarted) / 1000).toFixed(1);
      process.stdout.write(`\n━━━━ Lane ${name} (${files.length} files): ${code === 0 ? "passed" : "FAILED"} in ${took} s ━━━━\n${output}\n`);
      if (code !== 0) failed = true;
    }),
  );
} finally {
  network.stop();
}
console.log(`Browser tests ${failed ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s (network and all lanes).`);
process.exit(failed ? 1 : 0);
