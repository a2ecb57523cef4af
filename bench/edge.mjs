#!/usr/bin/env node
// The hot reads under distance (issue 13, "Latency budget under distance"): the same small network served twice by
// Miniflare (the deploy bundle), once as is and once with every D1 round trip delayed by --delay ms (D1_TRIP_DELAY_MS,
// the test-only variable of worker/db/trips.ts: never set in production), side by side in one run.
//   For each hot read: its D1 round trips (Server-Timing d1-trips), the median latency with no delay and with the delay
//   (--samples sequential requests per route and server in each of --runs alternating rounds; the median of the
//   rounds' medians), and the ratio against the aim: median with the delay <= 1.2 x (delay + median with none).
// A miss is printed as MISS, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/edge.mjs [--delay 150] [--runs 5] [--samples 20] [--keep]
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { applyMigrations, freePort } from "../scripts/lib/server.mjs";
import { parseArgs } from "./lib/common.mjs";
import { startMiniflare } from "./lib/miniflare-server.mjs";

export const AIM = 1.2;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const tripsOf = (res) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN);

/** A small network through the API: the administrator, a second member, an open group with a post, comments, a mention. */
async function seed(url, setupToken) {
  const word = `edge${randomBytes(4).toString("hex")}`;
  const call = async (method, path, body, cookie) => {
    const res = await fetch(url + path, { method, headers: { "Content-Type": "application/json", Origin: url, ...(cookie && { Cookie: cookie }) }, body: body && JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`bench: ${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  const setup = await call("POST", "/api/v1/setup", { token: setupToken, email: "bench@edge.test", name: "Bench Admin", password: "a long enough password" });
  const cookie = setup.headers.getSetCookie().find((c) => c.startsWith("comptoir_session=")).split(";")[0];
  const group = await (await call("POST", "/api/v1/groups", { name: "Edge", description: "Far from the primary", visibility: "open", kind: "community" }, cookie)).json();
  let post;
  for (let i = 0; i < 5; i++) post = await (await call("POST", `/api/v1/groups/${group.id}/posts`, { body: `Post ${i} about ${word}`, tags: ["edge"] }, cookie)).json();
  for (let i = 0; i < 5; i++) await call("POST", `/api/v1/posts/${post.id}/comments`, { body: `Comment ${i}` }, cookie);
  return {
    cookie,
    routes: {
      "GET /me": "/api/v1/me",
      "GET /feed": "/api/v1/feed?limit=20",
      "GET /groups/:id": `/api/v1/groups/${group.id}`,
      "GET /groups/:id/posts": `/api/v1/groups/${group.id}/posts?limit=20`,
      "GET /posts/:id": `/api/v1/posts/${post.id}`,
      "GET /posts/:id/comments": `/api/v1/posts/${post.id}/comments?limit=20`,
      "GET /notifications": "/api/v1/notifications?limit=20",
      "GET /search": `/api/v1/search?q=${word}&limit=20`,
      "GET /users": "/api/v1/users?limit=20",
    },
  };
}

/** `samples` sequential GETs of `path` (a browser's cookies: the session, then the bookmark and what else it was given). */
async function sample(url, path, jar, samples) {
  const ms = [];
  let trips = NaN;
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const res = await fetch(url + path, { headers: { Cookie: [...jar.values()].join("; "), Accept: "application/json" } });
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`bench: GET ${path} answered ${res.status}`);
    for (const c of res.headers.getSetCookie()) jar.set(c.split("=")[0], c.split(";")[0]);
    trips = tripsOf(res);
  }
  return { ms: median(ms), trips };
}

export async function edgeBench({ delay = 150, runs = 5, samples = 20, keep = false, log = console.log } = {}) {
  const near = mkdtempSync(join(tmpdir(), "comptoir-bench-edge-"));
  const far = `${near}-far`;
  const setupToken = randomBytes(24).toString("hex");
  const servers = [];
  const loadavgAtStart = os.loadavg();
  try {
    applyMigrations(near);
    let seeding = await startMiniflare({ persistTo: near, port: await freePort(), vars: { SETUP_TOKEN: setupToken, ACCESS_LOG: "errors" } });
    const network = await seed(seeding.url, setupToken).finally(() => seeding.stop());
    // The same data under both servers: a copy of the database once seeded.
    cpSync(near, far, { recursive: true });
    log(`Seeded a small network (${Object.keys(network.routes).length} hot reads to measure); starting two Miniflare servers: D1_TRIP_DELAY_MS=0 and ${delay}`);
    for (const [dir, ms] of [[near, 0], [far, delay]]) {
      servers.push({ delay: ms, ...(await startMiniflare({ persistTo: dir, port: await freePort(), vars: { ACCESS_LOG: "errors", D1_TRIP_DELAY_MS: String(ms) } })) });
    }
    const jars = servers.map(() => new Map([["comptoir_session", network.cookie]]));
    const names = Object.keys(network.routes);
    const rounds = Object.fromEntries(names.map((n) => [n, { 0: [], 1: [], trips: [NaN, NaN] }]));
    log(`Warm-up: one pass over every route on both servers`);
    for (const [i, s] of servers.entries()) for (const n of names) await sample(s.url, network.routes[n], jars[i], 2);
    log(`${runs} alternating rounds, ${samples} sequential requests per route and server:`);
    for (let round = 1; round <= runs; round++) {
      // Alternate which server goes first, and rotate the routes, so that neither always runs on a warmer machine.
      const order = round % 2 ? [0, 1] : [1, 0];
      const rotated = names.map((_, i) => names[(i + round - 1) % names.length]);
      for (const n of rotated) {
        for (const i of order) {
          const r = await sample(servers[i].url, network.routes[n], jars[i], samples);
          rounds[n][i].push(r.ms);
          rounds[n].trips[i] = r.trips;
        }
      }
      log(`  round ${round} done`);
    }
    log(`\nHot reads, medians of ${runs} rounds (ms); aim: median at ${delay} ms a trip <= ${AIM} x (${delay} + median at 0):`);
    log(`  ${"route".padEnd(24)} trips   at 0 ms   at ${String(delay).padEnd(3)} ms   ratio to aim`);
    const result = { machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: os.loadavg() }, config: { delay, runs, samples }, routes: {} };
    for (const n of names) {
      const m0 = median(rounds[n][0]);
      const m1 = median(rounds[n][1]);
      const ratio = m1 / (delay + m0);
      const ok = ratio <= AIM;
      result.routes[n] = { trips: rounds[n].trips[1], m0, m1, ratio, ok };
      log(`  ${n.padEnd(24)} ${String(rounds[n].trips[1]).padStart(5)}   ${m0.toFixed(1).padStart(7)}   ${m1.toFixed(1).padStart(9)}   ${ratio.toFixed(2)}x ${ok ? "PASS" : "MISS"}`);
    }
    log(`\nMachine: ${result.machine.cpus} CPUs, load ${loadavgAtStart.map((x) => x.toFixed(2)).join(" ")} at start, ${result.machine.loadavgAtEnd.map((x) => x.toFixed(2)).join(" ")} at the end`);
    return result;
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    if (!keep) for (const dir of [near, far]) rmSync(dir, { recursive: true, force: true });
    else log(`Kept ${near} and ${far}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = parseArgs();
  await edgeBench({ delay: Number(a.delay ?? 150), runs: Number(a.runs ?? 5), samples: Number(a.samples ?? 20), keep: Boolean(a.keep) });
}
