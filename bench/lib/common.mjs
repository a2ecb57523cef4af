// Shared by the benchmark scripts: where the bench database lives, and a Miniflare handle on its D1 from Node.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Miniflare } from "miniflare";
import WebSocket from "ws";

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
/** The bench database (wrangler's `--persist-to` layout) and the seed report live here, apart from `npm start`'s data. */
export const DEFAULT_DIR = join(ROOT, ".wrangler", "bench");
export const stateDir = (dir) => join(dir, "state");
export const seedReportPath = (dir) => join(dir, "seed.json");

/** The D1 database id of wrangler.toml: the local SQLite file is named after it, so Miniflare and wrangler share it. */
export function databaseId() {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const m = /\[\[d1_databases\]\][^[]*?database_id\s*=\s*"([^"]+)"/s.exec(toml);
  if (!m) throw new Error("bench: no [[d1_databases]] database_id in wrangler.toml");
  return m[1];
}

/** A Miniflare instance whose `DB` is the same local D1 database `wrangler dev --persist-to <persistTo>` serves. */
export async function openD1(persistTo) {
  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response(null, { status: 204 }); } };",
    d1Databases: { DB: databaseId() },
    d1Persist: join(persistTo, "v3", "d1"),
  });
  const db = await mf.getD1Database("DB");
  return { mf, db };
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) continue;
    const [k, v] = a.slice(2).split("=", 2);
    if (v !== undefined) out[k] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) out[k] = argv[++i];
    else out[k] = true;
  }
  return out;
}

export const fmtMs = (ms) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
export const fmtInt = (n) => Math.round(n).toLocaleString("en-US");

/**
 * A CPU profiler session on one isolate through workerd's inspector (Chrome's protocol), started at once, sampling
 * every 200 µs: `stop()` answers the profile and closes the session.
 */
export async function startIsolateProfile(webSocketDebuggerUrl) {
  const ws = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); });
  let id = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
  });
  const send = (method, params = {}) => new Promise((resolve) => { const n = ++id; waiting.set(n, resolve); ws.send(JSON.stringify({ id: n, method, params })); });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 200 });
  await send("Profiler.start");
  return {
    async stop() {
      const { result: { profile } } = await send("Profiler.stop");
      ws.close();
      return profile;
    },
  };
}

/**
 * A CPU profile (`Profiler.stop`'s) summed up: self time by function (runtime frames by name, the bundle's by file and
 * line), and the bundle's functions by inclusive time (their callees counted once per stack, so a recursive call is
 * not counted twice). Shares are of the time not idle.
 */
export function summariseProfile(profile, { functions = 30, inclusive: inclusiveCount = 40 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((nodeId, i) => self.set(nodeId, (self.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let idle = 0;
  for (const [nodeId, us] of self) {
    total += us;
    if (byId.get(nodeId).callFrame.functionName === "(idle)") idle += us;
  }
  const where = (f) => (f.url ? `${f.functionName || "(anonymous)"} ${f.url.split("/").at(-1)} @${f.lineNumber + 1}` : `(runtime) ${f.functionName || "(anonymous)"}`);
  const byFunction = new Map();
  for (const [nodeId, us] of self) {
    const key = where(byId.get(nodeId).callFrame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  for (const [nodeId, us] of self) {
    const seen = new Set();
    for (let n = nodeId; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n).callFrame;
      if (!f.url) continue;
      const key = where(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const top = (m, n) => [...m].filter(([k]) => k !== "(runtime) (idle)").sort((x, y) => y[1] - x[1]).slice(0, n).map(([what, us]) => ({ what, ms: us / 1000, share: us / busy }));
  return { sampledMs: total / 1000, busyMs: busy / 1000, functions: top(byFunction, functions), inclusive: top(inclusive, inclusiveCount) };
}

/** Prints a {@link summariseProfile} summary under `title` (what was under load). */
export function printProfile(title, p) {
  console.log(`\nCPU profile ${title} (${p.sampledMs.toFixed(0)} ms sampled, ${p.busyMs.toFixed(0)} ms not idle; shares of the latter): by self time`);
  for (const f of p.functions) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.what}`);
  console.log("  … and by inclusive time (the bundle's functions, with their callees):");
  for (const f of p.inclusive) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.what}`);
}
