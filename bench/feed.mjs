#!/usr/bin/env node
// The home feed benchmark, through the real HTTP stack (`wrangler dev` on the seeded bench database):
//   - rows read per feed page, from the `Server-Timing: d1-rows` header (first page, then deeper pages by cursor);
//   - requests/s, p50 and p99 of GET /api/v1/feed?limit=20 (first page) and of deeper pages, as ratios against
//     GET /api/v1/me (the cheapest authenticated D1 read) measured in the same run, in alternating runs; medians.
// A miss against the aims is printed, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/feed.mjs [--engine wrangler|miniflare] [--dir .wrangler/bench] [--runs 5] [--duration 10] [--connections 10] [--warmup 3]
//                            [--deep 10] [--no-explain]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { freePort, startWrangler } from "../scripts/lib/server.mjs";
import { DEFAULT_DIR, fmtInt, parseArgs, seedReportPath, stateDir } from "./lib/common.mjs";
import { explainFeed, printExplain } from "./lib/feed-plan.mjs";
import { startMiniflare } from "./lib/miniflare-server.mjs";

/** Throttles raised for the benchmark through their variables (wrangler.toml, API.md), never removed. */
export const BENCH_VARS = {
  LOGIN_MAX_FAILS_PER_EMAIL: "1000000",
  LOGIN_MAX_FAILS_PER_ADDRESS: "1000000",
  ROOM_FRAMES_PER_SECOND: "100000",
};

export const AIMS = { rowsPerPage: 200, throughputRatio: 0.5, p99Ratio: 2 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rowsFromServerTiming = (h) => {
  const m = /d1-rows;[^,]*dur=(\d+(?:\.\d+)?)/.exec(h ?? "");
  return m ? Number(m[1]) : null;
};

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** `wrangler dev` (what developers run) or Miniflare serving the deploy bundle (less proxying, closer to production). */
async function startServer(engine, { persistTo, vars }) {
  const port = await freePort();
  if (engine === "miniflare") return startMiniflare({ persistTo, port, vars });
  if (engine !== "wrangler") throw new Error(`bench: unknown engine ${engine} (wrangler or miniflare)`);
  const server = await startWrangler({ port, inspectorPort: await freePort(), persistTo, quiet: true, vars });
  return {
    url: server.url,
    async stop() {
      server.stop(); // SIGTERM to the process group, SIGKILL 2 s later if it is still there
      await new Promise((r) => setTimeout(r, 2500));
    },
  };
}

export async function feedBench({ engine = "wrangler", dir = DEFAULT_DIR, runs = 5, duration = 10, connections = 10, warmup = 3, deep = 10, limit = 20, explain = true, log = console.log } = {}) {
  const reportPath = seedReportPath(dir);
  if (!existsSync(reportPath)) throw new Error(`bench: no seeded database in ${dir} (run node bench/seed-large.mjs first)`);
  const seed = JSON.parse(readFileSync(reportPath, "utf8"));
  const persistTo = stateDir(dir);
  const headers = { cookie: seed.bench.cookie, accept: "application/json" };

  log(`Starting ${engine === "wrangler" ? "wrangler dev" : "Miniflare (deploy bundle)"} on the bench database (${dir}), throttles raised: ${Object.entries(BENCH_VARS).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  const server = await startServer(engine, { persistTo, vars: BENCH_VARS });
  const stopOnSignal = () => { server.stop().finally(() => process.exit(130)); };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  const os = await import("node:os");
  const result = { engine, machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart: os.loadavg() }, config: { runs, duration, connections, warmup, deep, limit } };
  try {
    const base = server.url;
    const get = async (path) => {
      const res = await fetch(base + path, { headers });
      const body = await res.json();
      if (!res.ok) throw new Error(`bench: GET ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return { body, rows: rowsFromServerTiming(res.headers.get("server-timing")) };
    };

    // Who we are, and the pages: rows read per page along the cursor.
    const me = await get("/api/v1/me");
    if (me.body.user.id !== seed.bench.id) throw new Error("bench: the session cookie is not the bench member's");
    // The seeded password hash (computed once in Node) must be one the Worker verifies: one real login says so.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: seed.bench.email, password: seed.bench.password }),
    });
    log(`Password login of the bench member: ${login.status === 200 ? "works" : `FAILED (${login.status}: ${(await login.text()).slice(0, 200)})`}`);
    const feedPath = `/api/v1/feed?limit=${limit}`;
    const pages = [];
    let cursor = null;
    for (let page = 1; page <= deep + 1; page++) {
      const path = cursor ? `${feedPath}&cursor=${encodeURIComponent(cursor)}` : feedPath;
      const { body, rows } = await get(path);
      pages.push({ page, path, rows, items: body.items.length, announcements: body.unreadAnnouncements.length, unreadGroups: body.unreadGroups.length });
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const memberGroups = seed.bench.groups.filter((g) => g.state === "member");
    log(`Bench member ${seed.bench.email}: ${memberGroups.length} groups (${memberGroups.filter((g) => g.visibility === "open").length} open, ` +
      `${memberGroups.filter((g) => g.visibility !== "open").length} private/secret), ${fmtInt(memberGroups.reduce((s, g) => s + g.posts, 0))} posts in them`);
    log(`Rows read per feed page (Server-Timing d1-rows, limit=${limit}):`);
    for (const p of pages) log(`  page ${String(p.page).padStart(2)}: ${String(p.rows).padStart(5)} rows read, ${p.items} items${p.page === 1 ? `, ${p.announcements} unread announcements, ${p.unreadGroups} unread groups` : ""}`);
    const deepPages = pages.slice(1);
    result.pages = pages;

    // Load: /me, the first feed page, and the deeper pages (each connection walks pages 2..N in turn).
    const targets = {
      me: { url: `${base}/api/v1/me` },
      feed: { url: `${base}${feedPath}` },
      ...(deepPages.length ? { deep: { url: base, requests: deepPages.map((p) => ({ method: "GET", path: p.path })) } } : {}),
    };
    const load = async (name, seconds) => {
      const r = await cannon({ ...targets[name], headers, connections, duration: seconds, pipelining: 1 });
      const bad = r.errors + r.timeouts + r.non2xx;
      // What went wrong, when something did: connection errors, timeouts, and the answers by status code.
      const detail = bad ? { errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statusCodes: r.statusCodeStats } : undefined;
      if (detail) log(`  (${name}: ${JSON.stringify(detail)})`);
      return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, bad, ...(detail && { detail }) };
    };
    log(`Warm-up: ${warmup} s on each route`);
    for (const name of Object.keys(targets)) await load(name, warmup);

    const order = Object.keys(targets);
    const samples = Object.fromEntries(order.map((k) => [k, []]));
    log(`\n${runs} alternating rounds, ${connections} connections, ${duration} s per run (autocannon):`);
    log(`  round  route   req/s    p50 ms   p99 ms   errors`);
    for (let round = 1; round <= runs; round++) {
      // Rotate the order every round so that no route always runs first or last.
      const rotated = order.map((_, i) => order[(i + round - 1) % order.length]);
      for (const name of rotated) {
        const s = await load(name, duration);
        samples[name].push(s);
        log(`  ${String(round).padStart(5)}  ${name.padEnd(6)} ${s.rps.toFixed(0).padStart(6)}   ${String(s.p50).padStart(6)}   ${String(s.p99).padStart(6)}   ${s.bad}`);
      }
    }
    const med = Object.fromEntries(order.map((k) => [k, {
      rps: median(samples[k].map((s) => s.rps)), p50: median(samples[k].map((s) => s.p50)), p99: median(samples[k].map((s) => s.p99)),
      bad: samples[k].reduce((a, s) => a + s.bad, 0),
    }]));
    result.samples = samples;
    result.medians = med;

    log(`\nMedians:`);
    for (const k of order) log(`  ${k.padEnd(6)} ${med[k].rps.toFixed(0).padStart(6)} req/s   p50 ${med[k].p50} ms   p99 ${med[k].p99} ms${med[k].bad ? `   (${med[k].bad} errors/non-2xx!)` : ""}`);
    // The ratios of the aims are ratios of medians. The median of the per-round ratios (each route against /me in the
    // same round, minutes apart at most) is printed beside them: on a shared machine it is the steadier of the two.
    const ratios = {};
    const paired = {};
    for (const k of order.filter((k) => k !== "me")) {
      ratios[k] = { throughput: med[k].rps / med.me.rps, p50: med[k].p50 / med.me.p50, p99: med[k].p99 / med.me.p99 };
      const per = samples[k].map((s, i) => ({ throughput: s.rps / samples.me[i].rps, p99: s.p99 / samples.me[i].p99 }));
      paired[k] = { throughput: median(per.map((x) => x.throughput)), p99: median(per.map((x) => x.p99)) };
    }
    result.ratios = ratios;
    result.pairedRatios = paired;

    const firstRows = pages[0].rows;
    const deepRows = deepPages.length ? median(deepPages.map((p) => p.rows)) : null;
    const maxDeepRows = deepPages.length ? Math.max(...deepPages.map((p) => p.rows)) : null;
    const verdict = (ok) => (ok ? "PASS" : "MISS");
    const aims = [
      ["rows read, first page", `${firstRows}`, `≤ ${AIMS.rowsPerPage}`, firstRows <= AIMS.rowsPerPage],
      ...(deepPages.length ? [["rows read, deeper pages (median / max)", `${deepRows} / ${maxDeepRows}`, `≤ ${AIMS.rowsPerPage}`, maxDeepRows <= AIMS.rowsPerPage]] : []),
      ...Object.entries(ratios).flatMap(([k, r]) => [
        [`throughput ${k} / me`, `${r.throughput.toFixed(2)}×`, `≥ ${AIMS.throughputRatio}×`, r.throughput >= AIMS.throughputRatio],
        [`p99 ${k} / me`, `${r.p99.toFixed(2)}×`, `≤ ${AIMS.p99Ratio}×`, r.p99 <= AIMS.p99Ratio],
      ]),
      ...Object.entries(ratios).map(([k, r]) => [`(info) p50 ${k} / me`, `${r.p50.toFixed(2)}×`, "", null]),
      ...Object.entries(paired).map(([k, r]) => [`(info) per-round throughput ${k} / me`, `${r.throughput.toFixed(2)}×`, "median of rounds", null]),
      ...Object.entries(paired).map(([k, r]) => [`(info) per-round p99 ${k} / me`, `${r.p99.toFixed(2)}×`, "median of rounds", null]),
    ];
    result.aims = aims.map(([what, value, aim, ok]) => ({ what, value, aim, ok }));
    log(`\nAgainst the aims (member of ${memberGroups.length} groups):`);
    for (const [what, value, aim, ok] of aims) log(`  ${(ok === null ? "    " : verdict(ok))}  ${what.padEnd(40)} ${value.padStart(10)}   ${aim}`);
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    await server.stop();
  }

  if (explain) {
    // With the server stopped: the same pages through Miniflare's D1, statement by statement, with their plans.
    const pagesExplained = await explainFeed({ persistTo, member: seed.bench, limit, deep });
    printExplain(pagesExplained, log);
    result.explain = pagesExplained;
  }
  result.finishedAt = new Date().toISOString();
  result.machine.loadavgAtEnd = os.loadavg();
  const out = join(dir, `feed-result-${engine}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  log(`\nFull results: ${out}`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = parseArgs();
  await feedBench({
    engine: a.engine ?? "wrangler",
    dir: a.dir ?? DEFAULT_DIR,
    runs: Number(a.runs ?? 5),
    duration: Number(a.duration ?? 10),
    connections: Number(a.connections ?? 10),
    warmup: Number(a.warmup ?? 3),
    deep: Number(a.deep ?? 10),
    explain: !a["no-explain"],
  });
}
