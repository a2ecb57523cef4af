// `npm start`: build the client, apply local migrations, start the server, seed the demo if empty, then say where it is.
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { applyMigrations, cronTimer, startWrangler, varsFromEnvironment } from "./lib/server.mjs";
import { DEMO_ADMIN, DEMO_PASSWORD, seedDemoIfEmpty } from "./seed/demo.mjs";
import { ensureLocalVapidKeys } from "./vapid.mjs";

const port = Number(process.env.PORT ?? 8787);
const inspectorPort = Number(process.env.INSPECTOR_PORT ?? 9229);

/**
 * What the console shows of wrangler dev: one line per request, not two. wrangler writes its own line for every request
 * ("[wrangler:info] GET /api/v1/feed 200 OK (12ms)") and the Worker writes one as JSON for the API, with the request id
 * its error answers carry: API requests keep the Worker's line (shortened to `GET /api/v1/feed 200 12 ms req_…`), the
 * rest (the client's page and files, rooms) wrangler's. Wrangler's "Ready on" line is dropped: the address is given
 * once the demo network is whole. While the demo is seeded, request lines are counted, not shown.
 */
let seeding = false;
let hiddenDuringSeed = 0;
const WRANGLER_REQUEST = /^\[wrangler:info\] (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\S+) \d{3}/;

function showLine(raw) {
  const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
  const wranglerRequest = WRANGLER_REQUEST.exec(line);
  if (wranglerRequest) {
    if (seeding) hiddenDuringSeed++;
    else if (!wranglerRequest[2].startsWith("/api/")) console.log(line);
    return;
  }
  if (/Ready on https?:\/\//.test(line)) return;
  // The queue's batches (notification fan-out of the seeded posts): counted with the requests while seeding.
  if (seeding && /^\[wrangler:info\] QUEUE /.test(line)) return void hiddenDuringSeed++;
  if (line.startsWith("{")) {
    try {
      const entry = JSON.parse(line);
      if (entry.requestId && entry.method && entry.path && entry.status && !entry.level) {
        if (!seeding) console.log(`${entry.method} ${entry.path} ${entry.status} ${entry.ms} ms ${entry.requestId}`);
        return;
      }
    } catch {
      // not JSON after all: shown as it is
    }
  }
  if (line.trim() !== "" || !seeding) console.log(raw);
}

console.log("Building the client…");
execSync("npm run build", { stdio: "inherit" });
applyMigrations();
// Web push needs a VAPID key pair: a local one the first time (README, "Web push").
const vapid = await ensureLocalVapidKeys();
console.log(`Web push: ${vapid.said}.`);
console.log("Starting the local server (wrangler dev)…");
const started = Date.now();
// Any variable of wrangler.toml's [vars] set in this environment reaches the Worker (README, "Variables").
const vars = varsFromEnvironment(readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8"), process.env);
for (const [name, value] of Object.entries(vars)) console.log(`  ${name}=${value} (from the environment)`);
const server = await startWrangler({ port, inspectorPort, onLine: showLine, vars: { ...vars, ...vapid.vars } });
console.log(`The server answers (${((Date.now() - started) / 1000).toFixed(1)} s).`);

seeding = true;
const seedStarted = Date.now();
let summary = "";
const seeded = await seedDemoIfEmpty(server.url, server.setupToken, {
  log: (line) => (summary = line),
  progress: (line) => console.log(line),
}).catch((err) => {
  console.error(`\nThe demo seed failed: ${err.message}\nRun \`npm run reset\` and \`npm start\` again to start from an empty network.`);
  server.stop();
  setTimeout(() => process.exit(1), 300);
  return null;
});
seeding = false;
if (seeded === null) await new Promise(() => {});
if (seeded) {
  console.log(`Demo network ready in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (${hiddenDuringSeed} requests and queue batches, not listed). ${summary}`);
  console.log(`Sign in as ${DEMO_ADMIN} / ${DEMO_PASSWORD} (every demo member has the same password).`);
} else {
  console.log("The database already holds a network: nothing seeded (`npm run reset` empties it).");
}
const timer = cronTimer(server.url);
console.log(`\nComptoir is running on http://localhost:${port}  (Ctrl-C to stop)\n`);
const shutdown = () => {
  clearInterval(timer);
  server.stop();
  setTimeout(() => process.exit(0), 300);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
