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
