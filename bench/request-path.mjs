#!/usr/bin/env node
// The request path itself (issue 13, part 6): what a feed page and a comment cost against `GET /api/v1/me`, on the
// same server, and what the start commit of the work cost against the end, in one run.
//
//   - `GET /api/v1/me` (the session check and a member's summary), `GET /api/v1/feed?limit=20` (a feed page) and
//     `POST /api/v1/posts/{id}/comments` (a comment: the write, its after-answer room push and queue job), each loaded
//     by autocannon (`--connections` connections, `--duration` s), routes and builds alternating, `--runs` rounds;
//     req/s, p50, p99 and their medians;
//   - each build is a checkout: `--start <commit>` (a detached worktree of that commit) and the working tree; each
//     serves its own copy of one database (the bench seed at `--scale`, 20,000 posts by default), side by side;
//   - the aims: feed ≥ 0.7× and a comment ≥ 0.5× of `/me`'s throughput on the Miniflare engine, and `/me` under
//     `wrangler dev` ≥ 1.5× the start commit's;
//   - `--profile`: after the rounds, a CPU profile of the working tree's workerd (its inspector) under each route's
//     load, summed by where the time goes (our modules by directory, each package, the runtime), top functions too;
//   - under `--engine wrangler`, each request's CPU per process: wrangler's Node, its proxy worker, the Worker.
//
// Usage: node bench/request-path.mjs [--engine miniflare|wrangler] [--start <commit>] [--runs 5] [--duration 8]
//                                    [--connections 10] [--warmup 2] [--dir .wrangler/bench-path] [--scale 0.02]
//                                    [--routes me,feed,comment] [--profile [me,feed,comment]] [--var NAME=value]
// A miss prints MISS, never a failing exit code. The last line is the JSON of the run.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { freePort, startWrangler } from "../scripts/lib/server.mjs";
import { BENCH_VARS } from "./feed.mjs";
import { ROOT, parseArgs, printProfile, seedReportPath, startIsolateProfile, stateDir, summariseProfile } from "./lib/common.mjs";
import { startMiniflare } from "./lib/miniflare-server.mjs";

const a = parseArgs();
const engine = a.engine ?? "miniflare";
const runs = Number(a.runs ?? 5);
const duration = Number(a.duration ?? 8);
const connections = Number(a.connections ?? 10);
const warmup = Number(a.warmup ?? 2);
const dir = a.dir ?? join(ROOT, ".wrangler", "bench-path");
const scale = a.scale ?? "0.02";
/** `--var NAME=value` (repeatable): a variable of wrangler.toml's [vars] for both builds, e.g. `--var ACCESS_LOG=errors`. */
const extraVars = Object.fromEntries([a.var ?? []].flat().filter((v) => typeof v === "string").map((v) => v.split(/=(.*)/s).slice(0, 2)));
const vars = { ...BENCH_VARS, ...extraVars };
/** `--end-var NAME=value`: for the end build only (a setting's cost: `--start HEAD --end-var ACCESS_LOG=errors`). */
const endVars = Object.fromEntries([a["end-var"] ?? []].flat().filter((v) => typeof v === "string").map((v) => v.split(/=(.*)/s).slice(0, 2)));
const AIMS = { feed: 0.7, comment: 0.5, meAgainstStart: 1.5 };

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/**
 * The workerd processes this process started (Miniflare's: one per build, its D1, rooms and queue consumer inside), by
 * pid, with their CPU time so far in ms (user + system, from /proc; Linux only, else none). The CPU a build spends per
 * request is read from it: much steadier than req/s on a machine other work loads, since it counts only the build's own.
 */
function childWorkerds() {
  const found = new Map();
  let pids = [];
  try { pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)); } catch { return found; }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (comm === "workerd" && Number(f[1]) === process.pid) found.set(Number(pid), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {}
  }
  return found;
}
const cpuMsOf = (pid) => (pid === undefined ? undefined : childWorkerds().get(pid));

/** CPU time so far (ms, user + system) of a process, from /proc; undefined when it is gone or not on Linux. */
function cpuMsOfPid(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Under `wrangler dev`, the processes that serve a request: wrangler's own Node process (its request log comes to it
 * through Miniflare's loopback, one local HTTP request per answer), the workerd of its proxy worker (every request
 * passes through it), and the workerd of the Worker itself (with its D1, rooms and queue: the one holding the build's
 * database open). Their pids, found from the launcher's: the split says how much of a request's CPU is the Worker's.
 */
function wranglerParts(wranglerPid, persistTo) {
  const children = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {}
  }
  const tree = [];
  for (let next = [wranglerPid]; next.length; next = next.flatMap((p) => children.get(p) ?? [])) tree.push(...next);
  const workerds = tree.filter((pid) => {
    try { return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd"; } catch { return false; }
  });
  const holdsDb = (pid) => {
    try { return readdirSync(`/proc/${pid}/fd`).some((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(persistTo); } catch { return false; } }); } catch { return false; }
  };
  const worker = workerds.find(holdsDb);
  // wrangler's launcher starts its CLI as a child Node process: both count as wrangler's.
  return { wrangler: tree.filter((pid) => !workerds.includes(pid)), proxy: workerds.filter((pid) => pid !== worker), worker: worker === undefined ? [] : [worker] };
}
/** The CPU time so far (ms) of a set of processes; undefined when one is gone. */
function cpuMsOfPids(pids) {
  let sum = 0;
  for (const pid of pids) {
    const ms = cpuMsOfPid(pid);
    if (ms === undefined) return undefined;
    sum += ms;
  }
  return pids.length ? sum : undefined;
}
const PARTS = { wrangler: "wrangler's Node", proxy: "its proxy worker", worker: "the Worker" };
const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

if (!existsSync(seedReportPath(dir))) {
  console.log(`No bench database in ${dir}: seeding one (--scale ${scale})`);
  execFileSync(process.execPath, [join(ROOT, "bench", "seed-large.mjs"), "--dir", dir, "--scale", scale], { stdio: "inherit" });
}
const seed = JSON.parse(readFileSync(seedReportPath(dir), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "comptoir-request-path-"));

/** A checkout of `commit` beside this one, sharing its installed packages and its built client. */
function checkout(commit) {
  const path = join(scratch, `at-${commit}`);
  execFileSync("git", ["worktree", "add", "--detach", path, commit], { cwd: ROOT, stdio: "pipe" });
  symlinkSync(join(ROOT, "node_modules"), join(path, "node_modules"));
  symlinkSync(join(ROOT, "web", "dist"), join(path, "web", "dist"));
  return path;
}

const builds = [];
if (a.start) {
  const sha = execFileSync("git", ["rev-parse", "--short", a.start], { cwd: ROOT, encoding: "utf8" }).trim();
  builds.push({ name: `start ${sha}`, key: "start", root: checkout(sha) });
}
const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
const dirty = execFileSync("git", ["status", "--porcelain", "--", "worker", "party", "contract", "wrangler.toml"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
builds.push({ name: `end ${head}${dirty ? "+changes" : ""}${Object.keys(endVars).length ? ` ${Object.entries(endVars).map(([k, v]) => `${k}=${v}`).join(" ")}` : ""}`, key: "end", root: ROOT });

const result = { engine, config: { runs, duration, connections, warmup, scale: seed.scale ?? scale }, load: { atStart: loadavg() }, builds: {} };
console.log(`Request path on ${engine === "miniflare" ? "Miniflare (the deploy bundle)" : "wrangler dev"}: ${builds.map((b) => b.name).join(" against ")}; ` +
  `${connections} connections, ${duration} s per load, ${runs} rounds; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);

try {
  for (const b of builds) {
    const persistTo = join(scratch, `db-${b.key}`);
    cpSync(stateDir(dir), persistTo, { recursive: true });
    const port = await freePort();
    if (engine === "miniflare") {
      const inspectorPort = b.key === "end" && a.profile ? await freePort() : undefined;
      const before = new Set(childWorkerds().keys());
      b.server = await startMiniflare({ persistTo, port, vars: b.key === "end" ? { ...vars, ...endVars } : vars, root: b.root, inspectorPort });
      b.pid = [...childWorkerds().keys()].find((pid) => !before.has(pid));
    } else {
      const server = await startWrangler({ port, inspectorPort: await freePort(), persistTo, quiet: true, vars: b.key === "end" ? { ...vars, ...endVars } : vars, cwd: b.root });
      b.server = { url: server.url, stop: async () => { server.stop(); await new Promise((r) => setTimeout(r, 2500)); } };
      b.wrangler = { pid: server.child.pid, persistTo };
    }
  }

  // The member, and a post of an open group of theirs to comment on (the same post id in both copies).
  const headers = { cookie: seed.bench.cookie, accept: "application/json" };
  const probe = builds.at(-1).server.url;
  const me = await (await fetch(`${probe}/api/v1/me`, { headers })).json();
  if (me.user?.id !== seed.bench.id) throw new Error(`bench: the seeded session does not answer /me: ${JSON.stringify(me).slice(0, 300)}`);
  const feed = await (await fetch(`${probe}/api/v1/feed?limit=20`, { headers })).json();
  const target = feed.items.find((p) => p.group?.visibility === "open" && p.kind === "post") ?? feed.items[0];
  if (!target) throw new Error("bench: the member's feed is empty");
  console.log(`Member ${seed.bench.email}; comments go to post ${target.id} (${target.group?.name ?? "?"})`);

  const routes = {
    me: { method: "GET", path: "/api/v1/me" },
    feed: { method: "GET", path: "/api/v1/feed?limit=20" },
    comment: {
      method: "POST",
      path: `/api/v1/posts/${target.id}/comments`,
      body: JSON.stringify({ body: "A comment from the request-path bench: nothing to see." }),
      extra: { "content-type": "application/json" },
    },
  };
  // Each server's client keeps the cookies its first answer set, as a browser does: the session's hint (the session
  // check rides with the first reads, worker/middleware/auth.ts) and the D1 bookmark.
  for (const b of builds) {
    const res = await fetch(`${b.server.url}/api/v1/me`, { headers });
    await res.arrayBuffer();
    const set = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    b.headers = { ...headers, cookie: [headers.cookie, ...set].join("; ") };
  }
  const load = async (b, name, seconds) => {
    const r = routes[name];
    const cpuBefore = cpuMsOf(b.pid);
    const partsBefore = b.parts && Object.fromEntries(Object.entries(b.parts).map(([k, pids]) => [k, cpuMsOfPids(pids)]));
    const res = await cannon({
      url: b.server.url + r.path,
      method: r.method,
      body: r.body,
      headers: { ...b.headers, origin: b.server.url, ...(r.extra ?? {}) },
      connections,
      duration: seconds,
      pipelining: 1,
    });
    const bad = res.errors + res.timeouts + res.non2xx;
    // The build's CPU per answered request (its workerd: the Worker, D1, the rooms, the queue's consumer), the work a
    // comment leaves to run after its answer included as far as it ran during the load.
    const cpuAfter = cpuMsOf(b.pid);
    let cpu = cpuBefore !== undefined && cpuAfter !== undefined && res.requests.total ? (cpuAfter - cpuBefore) / res.requests.total : undefined;
    // Under wrangler dev: each process's CPU per request, and the Worker's as the build's.
    let parts;
    if (partsBefore && res.requests.total) {
      parts = Object.fromEntries(Object.entries(b.parts).map(([k, pids]) => {
        const after = cpuMsOfPids(pids);
        return [k, after !== undefined && partsBefore[k] !== undefined ? (after - partsBefore[k]) / res.requests.total : undefined];
      }));
      cpu = parts.worker;
    }
    return { rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99, cpu, parts, bad, ...(bad && { statusCodes: res.statusCodeStats }) };
  };
  // A first answer of each route, checked: a route that fails here would only measure its error.
  for (const b of builds) {
    for (const [name, r] of Object.entries(routes)) {
      const res = await fetch(b.server.url + r.path, { method: r.method, body: r.body, headers: { ...b.headers, origin: b.server.url, ...(r.extra ?? {}) } });
      if (!res.ok) throw new Error(`bench: ${b.name}: ${r.method} ${r.path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      b.trips = { ...b.trips, [name]: /d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? "not told" };
      await res.arrayBuffer();
    }
    // Its processes under wrangler dev, now that the Worker's has opened its database.
    if (b.wrangler) b.parts = wranglerParts(b.wrangler.pid, b.wrangler.persistTo);
    for (const name of typeof a.routes === "string" ? a.routes.split(",") : Object.keys(routes)) await load(b, name, warmup);
    console.log(`  ${b.name}: D1 round trips ${Object.entries(b.trips).map(([n, t]) => `${n} ${t}`).join(", ")}`);
  }

  const names = typeof a.routes === "string" ? a.routes.split(",") : Object.keys(routes);
  const samples = Object.fromEntries(builds.map((b) => [b.key, Object.fromEntries(names.map((n) => [n, []]))]));
  console.log(`\n  round  build${" ".repeat(16)}route     req/s   p50 ms   p99 ms   cpu ms/req   errors`);
  for (let round = 1; round <= runs; round++) {
    // Builds and routes rotate, so that none always runs first or last.
    const order = builds.map((_, i) => builds[(i + round - 1) % builds.length]);
    const routeOrder = names.map((_, i) => names[(i + round - 1) % names.length]);
    for (const name of routeOrder) {
      for (const b of order) {
        const s = await load(b, name, duration);
        samples[b.key][name].push(s);
        console.log(`  ${String(round).padStart(5)}  ${b.name.padEnd(21)}${name.padEnd(8)} ${s.rps.toFixed(0).padStart(7)}   ${String(s.p50).padStart(6)}   ${String(s.p99).padStart(6)}   ${(s.cpu?.toFixed(2) ?? "?").padStart(10)}   ${s.bad}${s.bad ? ` ${JSON.stringify(s.statusCodes)}` : ""}`);
      }
    }
  }

  const verdict = (ok) => (ok ? "met " : "MISS");
  console.log(`\nMedians (load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}):`);
  for (const b of builds) {
    const med = Object.fromEntries(names.map((n) => [n, {
      rps: median(samples[b.key][n].map((s) => s.rps)),
      p50: median(samples[b.key][n].map((s) => s.p50)),
      p99: median(samples[b.key][n].map((s) => s.p99)),
      cpu: samples[b.key][n].every((s) => s.cpu !== undefined) ? median(samples[b.key][n].map((s) => s.cpu)) : undefined,
    }]));
    result.builds[b.key] = { name: b.name, medians: med, samples: samples[b.key] };
    console.log(`  ${b.name}: ${names.map((n) => `${n} ${med[n].rps.toFixed(0)} req/s (p50 ${med[n].p50}, p99 ${med[n].p99} ms${med[n].cpu !== undefined ? `, cpu ${med[n].cpu.toFixed(2)} ms/req` : ""})`).join("; ")}`);
    if (b.parts) {
      // Where a request's CPU went under wrangler dev (medians of the rounds, ms per request).
      const split = Object.fromEntries(names.map((n) => [n, Object.fromEntries(Object.keys(PARTS).map((k) => [k, samples[b.key][n].every((s) => s.parts?.[k] !== undefined) ? median(samples[b.key][n].map((s) => s.parts[k])) : undefined]))]));
      result.builds[b.key].cpuSplit = split;
      for (const n of names) {
        const total = Object.values(split[n]).reduce((x, y) => x + (y ?? 0), 0);
        console.log(`    ${n} cpu per request: ${Object.entries(PARTS).map(([k, label]) => `${label} ${split[n][k]?.toFixed(2) ?? "?"} ms`).join(", ")} (the Worker's share ${total ? ((split[n].worker ?? 0) / total * 100).toFixed(0) : "?"} %)`);
      }
    }
    result.builds[b.key].ratios = {};
    for (const [name, aim] of [["feed", AIMS.feed], ["comment", AIMS.comment]]) {
      if (!med[name] || !med.me) continue;
      const ratio = med[name].rps / med.me.rps;
      result.builds[b.key].ratios[name] = ratio;
      console.log(`    ${name} / me ${ratio.toFixed(2)}× ${engine === "miniflare" ? `${verdict(ratio >= aim)} (aim ≥ ${aim}×)` : "(the aims are on the Miniflare engine)"}`);
    }
  }
  if (result.builds.start) {
    const s = result.builds.start.medians;
    const e = result.builds.end.medians;
    console.log(`  end / start: ${names.map((n) => `${n} ${(e[n].rps / s[n].rps).toFixed(2)}×${e[n].cpu !== undefined && s[n].cpu !== undefined ? ` (${engine === "wrangler" ? "the Worker's " : ""}cpu per request ${(e[n].cpu / s[n].cpu).toFixed(2)}×)` : ""}`).join(", ")}` +
      (engine === "wrangler" && e.me ? `; /me ${verdict(e.me.rps / s.me.rps >= AIMS.meAgainstStart)} (aim ≥ ${AIMS.meAgainstStart}× under wrangler dev)` : ""));
    result.endAgainstStart = Object.fromEntries(names.map((n) => [n, e[n].rps / s[n].rps]));
  }

  if (a.profile && engine === "miniflare") {
    const end = builds.at(-1);
    result.profile = {};
    const profiled = typeof a.profile === "string" ? a.profile.split(",") : names;
    for (const name of profiled) {
      const profile = await profileDuring(await end.server.inspectorUrl(), () => load(end, name, duration));
      result.profile[name] = summariseProfile(profile);
      if (typeof a["save-profile"] === "string") writeFileSync(join(a["save-profile"], `${name}.cpuprofile`), JSON.stringify(profile));
      printProfile(`under ${name}'s load`, result.profile[name]);
    }
  }
} finally {
  for (const b of builds) await b.server?.stop().catch(() => {});
  for (const b of builds) if (b.root !== ROOT) execFileSync("git", ["worktree", "remove", "--force", b.root], { cwd: ROOT, stdio: "pipe" });
  rmSync(scratch, { recursive: true, force: true });
}
result.load.atEnd = loadavg();
console.log(JSON.stringify(result));

/** A CPU profile of the Worker's isolate (workerd's inspector: Chrome's protocol) while `work` runs. */
async function profileDuring(inspector, work) {
  const list = await (await fetch(`http://${inspector.host}/json/list`)).json();
  const targetUrl = list.find((t) => /comptoir/.test(t.title ?? t.id ?? ""))?.webSocketDebuggerUrl ?? list[0]?.webSocketDebuggerUrl;
  const session = await startIsolateProfile(targetUrl);
  await work();
  return session.stop();
}

