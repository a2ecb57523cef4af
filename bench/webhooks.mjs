#!/usr/bin/env node
// Outgoing webhooks, through the real HTTP stack (`wrangler dev` on a scratch database of its own) and a receiver on
// loopback that answers 204 at once (its origin in WEBHOOK_ALLOW_ORIGINS), in a process of its own
// (bench/lib/webhook-receiver.mjs; `--receiver same-process` runs it on this process's event loop, as before session 14):
//   (a) throughput: posts created as fast as --connections clients can, each a `post.created` delivery to one endpoint;
//       events delivered per second against posts created per second, in the same run (aim: >= 1.0x, the queue keeps up);
//   (b) added latency: POST a post with 3 endpoints subscribed against none, alternating rounds, medians (aim: <= 1.05x,
//       delivery never sits on the request path).
// A miss against the aims is printed, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/webhooks.mjs [--posts 300] [--connections 8] [--latency-posts 60] [--rounds 4] [--keep] [--only throughput]
//                                [--latency back-to-back|queue-drained|back-to-back,queue-drained (the default)] [--fan K]
// --fan K (miniflare) adds a phase of the same posts with K endpoints subscribed: workerd's CPU of a delivery, K a post.
//                                [--engine wrangler|miniflare] [--root DIR] [--profile] [--receiver own-process|same-process]
// --engine miniflare serves the `wrangler deploy --dry-run` bundle with Miniflare from Node (bench/lib/miniflare-server.mjs),
// without wrangler dev's proxy in front of every request.
// With miniflare, the workerd process's CPU time (user + system, /proc) is read around each throughput phase: a first
// phase posts with no endpoint, so that CPU per post with one delivery minus CPU per post alone is the CPU of a delivery
// (steadier than rates on a shared machine). --root DIR serves another checkout's Worker (a `git worktree add --detach`
// of the commit to compare against) with this bench; --profile takes a CPU profile of the Worker's isolate (workerd's
// inspector) during the throughput phases and prints where the time goes, by isolate (the profiler's own sampling
// adds to workerd's CPU: compare CPU figures of runs without --profile) (--profile FILE also writes
// the .cpuprofile there).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
import { applyMigrations, freePort, startWrangler, varsFromEnvironment } from "../scripts/lib/server.mjs";
import { fetchRetrying } from "../scripts/lib/http.mjs";
import { parseArgs, printProfile, startIsolateProfile, summariseProfile } from "./lib/common.mjs";
import { startReceiver } from "./lib/webhook-receiver.mjs";

export const AIMS = { throughputRatio: 1.0, latencyRatio: 1.05 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, d = 1) => n.toFixed(d);
/** Wall-clock milliseconds, comparable with the receiver's arrival times (another process). */
const clock = () => performance.timeOrigin + performance.now();

/** The receiver of the bench before session 14: on this process's event loop, beside the client timing the posts. */
async function sameProcessReceiver() {
  let arrivals = []; // [time, type]
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      try {
        arrivals.push([clock(), JSON.parse(body).type]);
      } catch {}
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const of = (type) => (type ? arrivals.filter(([, t]) => t === type) : arrivals);
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    count: async (type) => of(type).length,
    arrivals: async (type) => of(type).map(([at]) => at),
    reset: async () => void (arrivals = []),
    cpuMs: async () => null, // shares this process: not told apart
    async stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** CPU seconds (user + system) of this process's workerd children, from /proc; null where there is no /proc. */
function workerdCpuSeconds() {
  try {
    const tick = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue;
      }
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== process.pid || !name.includes("workerd")) continue;
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    }
    return total;
  } catch {
    return null;
  }
}

/** Waits until workerd's CPU time stops moving (the queue drained), at most `maxMs`. */
async function settleCpu(maxMs = 10_000) {
  const until = Date.now() + maxMs;
  let last = workerdCpuSeconds();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 300));
    const now = workerdCpuSeconds();
    if (now === last) return now;
    last = now;
  }
  return last;
}

export async function webhooksBench({ posts = 300, fan = 1, connections = 8, latencyPosts = 60, rounds = 4, keep = false, only = "", modes = ["back to back", "queue drained"], engine = "wrangler", root, profile = false, receiverMode = "own-process", log = console.log } = {}) {
  // The receiver runs in a process of its own (bench/lib/webhook-receiver.mjs), as another company's server would:
  // `--receiver same-process` puts it back on this process's event loop, beside the client that times the posts (the
  // method before session 14, kept to compare).
  const receiver = receiverMode === "same-process" ? await sameProcessReceiver() : await startReceiver();
  const receiverOrigin = receiver.origin;

  const result = {};
  const persistTo = mkdtempSync(join(tmpdir(), "comptoir-bench-webhooks-"));
  applyMigrations(persistTo);
  const vars = varsFromEnvironment(readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8"), { WEBHOOK_ALLOW_ORIGINS: receiverOrigin, WEBHOOK_RETRY_SCHEDULE: "0,5" });
  log(`Starting ${engine === "miniflare" ? "Miniflare" : "wrangler dev"} on a scratch database (${persistTo}), receiver at ${receiverOrigin}`);
  let server;
  if (engine === "miniflare") {
    const { startMiniflare } = await import("./lib/miniflare-server.mjs");
    const setupToken = randomBytes(24).toString("hex");
    const inspectorPort = profile ? await freePort() : undefined;
    server = { ...(await startMiniflare({ persistTo, port: await freePort(), vars: { ...vars, SETUP_TOKEN: setupToken }, ...(root ? { root } : {}), inspectorPort })), setupToken };
  } else {
    server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true, vars });
  }
  result.engine = engine;
  if (root) result.root = root;
  result.load = { atStart: loadavg() };
  log(`Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const stop = async () => {
    await server.stop();
    await receiver.stop();
    if (!keep) rmSync(persistTo, { recursive: true, force: true });
  };
  process.once("SIGINT", () => { void stop().finally(() => process.exit(130)); });
  try {
    let cookie = "";
    const call = async (method, path, json) => {
      // A request wrangler dev's proxy lost is sent again. No Idempotency-Key: it would add its own D1 work to every post
      // measured (a post the proxy lost after it landed may then be made twice: one delivery more, counted apart).
      const headers = { ...(json ? { "Content-Type": "application/json" } : {}), ...(cookie ? { Cookie: cookie } : {}) };
      const { res, text } = await fetchRetrying(server.url + path, { method, headers, body: json ? JSON.stringify(json) : undefined }, { what: `bench: ${method} ${path}` });
      if (res.status >= 300) throw new Error(`bench: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      const set = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="));
      if (set) cookie = set.split(";")[0];
      return text ? JSON.parse(text) : null;
    };
    await call("POST", "/api/v1/setup", { token: server.setupToken, email: "bench@webhooks.test", name: "Bench Admin", password: "a long enough password" });
    const group = (await call("POST", "/api/v1/groups", { name: "Bench news", description: "Posts", visibility: "open", kind: "community" })).id;
    const post = (i) => call("POST", `/api/v1/groups/${group}/posts`, { body: `Bench post ${i}` });
    for (let i = 0; i < 10; i++) await post(`warm-up ${i}`); // warm the isolate before any endpoint exists
    const postMany = async (label) => {
      const created = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next < posts) {
            const i = next++;
            await post(`${label} ${i}`);
            created.push(clock());
          }
        }),
      );
      return created;
    };

    // (a0) The same posts with no endpoint: workerd's CPU per post alone (the request and the members' fan-out job).
    const measureCpu = engine === "miniflare" && workerdCpuSeconds() !== null;
    if (measureCpu) {
      // Both paths warmed first (the JIT), so that neither phase pays for it: posts with an endpoint, then it is disabled.
      const warm = await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/warm`, events: ["post.created"] });
      await postMany("warm-up");
      await settleCpu();
      await call("PATCH", `/api/v1/admin/webhooks/${warm.id}`, { enabled: false });
      const cpu0 = await settleCpu();
      const profiler0 = profile && server.inspectorUrl ? await startProfile(await server.inspectorUrl()) : null;
      const s0 = performance.now();
      await postMany("no endpoint");
      const wall = (performance.now() - s0) / 1000;
      const cpu1 = await settleCpu();
      result.noEndpoint = { posts, postsPerSecond: posts / wall, cpuMsPerPost: ((cpu1 - cpu0) * 1000) / posts };
      if (profiler0) {
        const profiles = await profiler0.stop();
        if (typeof profile === "string") writeFileSync(profile.replace(/(\.cpuprofile)?$/, ".no-endpoint.cpuprofile"), JSON.stringify(profiles["core:user:comptoir"]));
      }
      log(`\n(a0) ${posts} posts, no endpoint: ${fmt(posts / wall)} created/s; workerd CPU ${fmt(result.noEndpoint.cpuMsPerPost, 2)} ms per post`);
    }

    // (a) Throughput: one endpoint, `posts` posts from `connections` clients, every delivery counted at the receiver.
    const hook = await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/hook`, events: ["post.created"] });
    await receiver.reset();
    const receiverCpuBefore = await receiver.cpuMs();
    const cpuBefore = measureCpu ? await settleCpu() : null;
    const profiler = profile && server.inspectorUrl ? await startProfile(await server.inspectorUrl()) : null;
    // The bench's own event loop during (a): it runs the posting clients and, with Miniflare, the simulator's loopback
    // (the queue broker awaits a log line there after every batch), so its delays would hold the queue too.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t0 = clock();
    const created = await postMany("throughput");
    const deadline = Date.now() + (process.env.BENCH_WAIT_MS ? Number(process.env.BENCH_WAIT_MS) : 120_000);
    while ((await receiver.count("post.created")) < posts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const delivered = (await receiver.arrivals("post.created")).sort((a, b) => a - b);
    loopDelay.disable();
    const receiverCpuAfter = await receiver.cpuMs();
    if (measureCpu) {
      const cpuAfter = await settleCpu();
      const cpuMsPerPost = ((cpuAfter - cpuBefore) * 1000) / posts;
      result.cpu = { msPerPostWithDelivery: cpuMsPerPost, msPerPostAlone: result.noEndpoint.cpuMsPerPost, msPerDelivery: cpuMsPerPost - result.noEndpoint.cpuMsPerPost };
    }
    if (profiler) {
      const profiles = await profiler.stop();
      const cpuProfile = profiles["core:user:comptoir"];
      if (typeof profile === "string") writeFileSync(profile, JSON.stringify(cpuProfile));
      result.profile = summariseProfile(cpuProfile, { functions: 25 });
    }
    if (process.env.BENCH_DUMP && server.output) log(`The Worker's stderr so far (tail):\n${server.output()}`);
    if (delivered.length < posts && server.output) log(`Only ${delivered.length} of ${posts} delivered; the server's last words:\n${server.output().slice(-3000)}`);
    created.sort((a, b) => a - b);
    const postsPerSecond = posts / ((created.at(-1) - t0) / 1000);
    const deliveredPerSecond = delivered.length / ((delivered.at(-1) - t0) / 1000);
    const lagMs = delivered.at(-1) - created.at(-1);
    // The steady rates: from the first post answered / first delivery to the last of each (the pipeline's fixed delay,
    // queue batch timeouts included, is not throughput).
    const steadyPosts = (created.length - 1) / ((created.at(-1) - created[0]) / 1000);
    const steadyDelivered = (delivered.length - 1) / ((delivered.at(-1) - delivered[0]) / 1000);
    result.throughput = { posts, connections, delivered: delivered.length, postsPerSecond, deliveredPerSecond, ratioWholeRun: deliveredPerSecond / postsPerSecond, steadyPostsPerSecond: steadyPosts, steadyDeliveredPerSecond: steadyDelivered, ratio: steadyDelivered / steadyPosts, lastDeliveryAfterLastPostMs: lagMs };
    log(`\n(a) Throughput, ${posts} posts from ${connections} clients, one endpoint subscribed to post.created`);
    log(`    posts created:      ${fmt(postsPerSecond)} /s (the last answered after ${fmt((created.at(-1) - t0) / 1000, 2)} s)`);
    log(`    events delivered:   ${fmt(deliveredPerSecond)} /s (${delivered.length} of ${posts}; the last ${fmt(lagMs / 1000, 2)} s after the last post)`);
    log(`    whole run (from the first post sent to the last delivery): ${fmt(result.throughput.ratioWholeRun, 2)}x`);
    log(`    steady rates: ${fmt(steadyDelivered)} delivered/s against ${fmt(steadyPosts)} created/s`);
    log(`    ratio delivered/created (steady): ${fmt(result.throughput.ratio, 2)}x  (aim >= ${AIMS.throughputRatio}x) ${result.throughput.ratio >= AIMS.throughputRatio ? "ok" : "MISS"}`);
    // Each rate over its own span (session 14): the posts from the first request sent to the last answer, the deliveries
    // from the first arrival to the last. A pipeline with a fixed delay (the queue's hop, a batch's D1 calls) shifts the
    // deliveries' span without lengthening it; only a backlog that grows lengthens it. So does the lag: the last
    // delivery's delay behind the last post, against the first delivery's behind the first request.
    const ownSpanPosts = postsPerSecond;
    const ownSpanDelivered = steadyDelivered;
    const firstDeliveryMs = delivered[0] - t0;
    result.throughput.ownSpans = { postsPerSecond: ownSpanPosts, deliveredPerSecond: ownSpanDelivered, ratio: ownSpanDelivered / ownSpanPosts, firstDeliveryAfterFirstRequestMs: firstDeliveryMs, lastDeliveryAfterLastPostMs: lagMs, backlogGrowthMs: lagMs - firstDeliveryMs };
    log(`    each over its own span: ${fmt(ownSpanDelivered)} delivered/s (first to last arrival) against ${fmt(ownSpanPosts)} created/s (first request to last answer): ${fmt(result.throughput.ownSpans.ratio, 2)}x (aim >= ${AIMS.throughputRatio}x) ${result.throughput.ownSpans.ratio >= AIMS.throughputRatio ? "ok" : "MISS"}`);
    log(`    lag: the first delivery ${fmt(firstDeliveryMs / 1000, 3)} s after the first request, the last ${fmt(lagMs / 1000, 3)} s after the last answer (the backlog grew by ${fmt((lagMs - firstDeliveryMs) / 1000, 3)} s over ${fmt((created.at(-1) - t0) / 1000, 2)} s of posting)`);
    // The lag's slope (session 15): the i-th delivery's arrival minus the i-th post's answer, against the time of that
    // answer, fitted by least squares over the middle 80 % of the posts (the first and last tenths are the pipeline
    // filling and emptying). A queue that keeps up has a flat lag, whatever its fixed delay (the queue's hop, one batch in
    // flight); a backlog that grows has a lag that grows: slope = created/delivered - 1, so delivered/created = 1 / (1 +
    // slope). Unlike the spans above, a constant delay that is longer at the end than at the start (the last post's job
    // waits for the batch in flight, the first found the queue idle) does not read as missing throughput.
    if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify({ t0, created, delivered }));
    const steadyFit = lagSlope(created, delivered);
    if (steadyFit) {
      result.throughput.lagSlope = steadyFit;
      log(`    the lag's slope over the middle 80 %: ${fmt(steadyFit.slope * 1000, 1)} ms per second of posting (lag ${fmt(steadyFit.lagStartMs, 0)} -> ${fmt(steadyFit.lagEndMs, 0)} ms): delivered/created ${fmt(steadyFit.ratio, 3)}x (aim >= ${AIMS.throughputRatio}x within 0.01) ${steadyFit.ratio >= AIMS.throughputRatio - 0.01 ? "ok" : "MISS"}`);
    }
    result.throughput.benchLoopDelayMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    log(`    the bench's event loop delay during (a): p50 ${fmt(result.throughput.benchLoopDelayMs.p50)} ms, p99 ${fmt(result.throughput.benchLoopDelayMs.p99)} ms, max ${fmt(result.throughput.benchLoopDelayMs.max)} ms`);
    if (receiverCpuBefore !== null && delivered.length) {
      // What handling the deliveries costs a Node process: before session 14, the timing client's own event loop paid it.
      result.throughput.receiverCpuMsPerDelivery = (receiverCpuAfter - receiverCpuBefore) / delivered.length;
      log(`    receiver CPU (its own process): ${fmt(result.throughput.receiverCpuMsPerDelivery, 3)} ms per delivery`);
    }
    if (result.cpu) log(`    workerd CPU: ${fmt(result.cpu.msPerPostWithDelivery, 2)} ms per post with its delivery, ${fmt(result.cpu.msPerPostAlone, 2)} ms per post alone: ${fmt(result.cpu.msPerDelivery, 2)} ms per delivery`);
    if (result.profile) printProfile("of the Worker's isolate during (a)", result.profile);

    // (a') With --fan K: the same posts with K endpoints subscribed, K deliveries a post, so that workerd's CPU of a
    // delivery stands out of the noise of a post's (a delivery is a tenth of a post: one a post is within the spread of
    // two phases on a shared machine). CPU per delivery = (CPU per post with K deliveries - CPU per post alone) / K.
    if (fan > 1 && measureCpu) {
      const extra = [];
      for (let i = 1; i < fan; i++) extra.push(await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/fan${i}`, events: ["post.created"] }));
      await receiver.reset();
      const c0 = await settleCpu();
      const fanProfiler = profile && server.inspectorUrl ? await startProfile(await server.inspectorUrl()) : null;
      const s0 = performance.now();
      await postMany(`fan ${fan}`);
      const wall = (performance.now() - s0) / 1000;
      const until = Date.now() + 120_000;
      while ((await receiver.count("post.created")) < posts * fan && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const c1 = await settleCpu();
      const got = await receiver.count("post.created");
      const fanProfile = fanProfiler ? (await fanProfiler.stop())["core:user:comptoir"] : null;
      const perPost = ((c1 - c0) * 1000) / posts;
      result.fan = { endpoints: fan, posts, delivered: got, postsPerSecond: posts / wall, cpuMsPerPost: perPost, cpuMsPerDelivery: (perPost - result.noEndpoint.cpuMsPerPost) / fan };
      log(`\n(a') ${posts} posts, ${fan} endpoints subscribed: ${fmt(posts / wall)} created/s, ${got} of ${posts * fan} delivered`);
      log(`    workerd CPU: ${fmt(perPost, 2)} ms per post with its ${fan} deliveries, ${fmt(result.noEndpoint.cpuMsPerPost, 2)} ms alone: ${fmt(result.fan.cpuMsPerDelivery, 3)} ms per delivery`);
      if (fanProfile) {
        if (typeof profile === "string") writeFileSync(profile.replace(/(\.cpuprofile)?$/, `.fan${fan}.cpuprofile`), JSON.stringify(fanProfile));
        result.fan.profile = summariseProfile(fanProfile, { functions: 30 });
        printProfile(`of the Worker's isolate during (a'), ${fan} deliveries a post`, result.fan.profile);
      }
      await Promise.all(extra.map((e) => call("PATCH", `/api/v1/admin/webhooks/${e.id}`, { enabled: false })));
    }

    if (only === "throughput") return result;
    // (b) Added latency of POST a post: no endpoint enabled against 3 subscribed, alternating rounds, sequential posts.
    const more = [await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/b`, events: ["post.created"] }), await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/c`, events: ["post.created", "comment.created"] })];
    const three = [hook, ...more];
    const setEnabled = (enabled) => Promise.all(three.map((e) => call("PATCH", `/api/v1/admin/webhooks/${e.id}`, { enabled })));
    // Two ways: back to back (the local simulator runs the queue consumer in the same single-threaded isolate as the
    // requests, so the deliveries of the previous posts compete with this one for the CPU), and with the queue drained
    // between posts (a pause longer than the queue's batch timeout): the request path alone, as in production where
    // consumers run in their own invocations.
    const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
    result.latency = {};
    const allModes = [["back to back", latencyPosts, 0], ["queue drained", Math.max(5, Math.round(latencyPosts / 4)), 1500]];
    for (const [mode, perRound, pauseMs] of allModes.filter(([m]) => modes.includes(m))) {
      const samples = { none: [], three: [] };
      for (let r = 0; r < rounds; r++) {
        for (const phase of r % 2 ? ["three", "none"] : ["none", "three"]) {
          await setEnabled(phase === "three");
          await new Promise((res) => setTimeout(res, pauseMs));
          for (let i = 0; i < perRound; i++) {
            const before = pauseMs ? await receiver.count() : 0;
            const start = performance.now();
            await post(`latency ${mode} ${phase} ${r} ${i}`);
            samples[phase].push(performance.now() - start);
            if (pauseMs) {
              // Drained: this post's deliveries (3 with the endpoints on) have all arrived, then the pause (the fan-out
              // of the other side has no delivery to wait for: the pause alone, longer than the queue's batch timeout).
              const expected = phase === "three" ? 3 : 0;
              const until = Date.now() + 30_000;
              while ((await receiver.count()) - before < expected && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
              await new Promise((res) => setTimeout(res, pauseMs));
            }
          }
        }
      }
      const none = median(samples.none);
      const withThree = median(samples.three);
      const m = { posts: samples.none.length, medianNoneMs: none, medianThreeMs: withThree, ratio: withThree / none, p90NoneMs: p90(samples.none), p90ThreeMs: p90(samples.three) };
      result.latency[mode] = m;
      log(`\n(b) POST a post, ${mode}: ${rounds} alternating rounds, ${m.posts} sequential posts per side`);
      log(`    no endpoint:          median ${fmt(none)} ms, p90 ${fmt(m.p90NoneMs)} ms`);
      log(`    3 endpoints enabled:  median ${fmt(withThree)} ms, p90 ${fmt(m.p90ThreeMs)} ms`);
      log(`    ratio: ${fmt(m.ratio, 3)}x  (aim <= ${AIMS.latencyRatio}x) ${m.ratio <= AIMS.latencyRatio ? "ok" : "MISS"}`);
    }
  } finally {
    result.load.atEnd = loadavg();
    log(`\nLoad average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    await stop();
  }
  return result;
}

/**
 * The least-squares slope of the i-th delivery's lag behind the i-th post (both sorted) against the post's time, over
 * the middle 80 % of the posts; with the fitted lag at the start and the end of that range, and the ratio of rates it
 * implies (delivered/created = 1 / (1 + slope)). Null with too few deliveries.
 */
export function lagSlope(created, delivered) {
  const n = Math.min(created.length, delivered.length);
  const from = Math.floor(n * 0.1);
  const to = Math.ceil(n * 0.9);
  if (to - from < 10) return null;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = from; i < to; i++) {
    const x = (created[i] - created[from]) / 1000;
    const y = (delivered[i] - created[i]) / 1000;
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const m = to - from;
  const slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  const intercept = (sy - slope * sx) / m;
  const span = (created[to - 1] - created[from]) / 1000;
  return { slope, ratio: 1 / (1 + slope), lagStartMs: intercept * 1000, lagEndMs: (intercept + slope * span) * 1000, spanSeconds: span };
}

/**
 * The isolates profiled: the Worker only. (workerd runs the simulator's isolates, D1's Durable Object and the queue
 * broker among them, on the same thread, and each one's sampler counts the others' time as not idle: their profiles
 * do not say which isolate the time went to.)
 */
const ISOLATES = ["core:user:comptoir"];

/**
 * Starts a CPU profile of each of workerd's isolates in ISOLATES (its inspector: Chrome's protocol); `stop()` answers
 * them by isolate id.
 */
async function startProfile(inspector) {
  const list = await (await fetch(`http://${inspector.host}/json/list`)).json();
  const sessions = await Promise.all(
    list
      .filter((t) => ISOLATES.includes(t.id))
      .map(async (t) => ({ id: t.id, session: await startIsolateProfile(t.webSocketDebuggerUrl) })),
  );
  return {
    async stop() {
      const out = {};
      for (const { id, session } of sessions) out[id] = await session.stop();
      return out;
    },
  };
}


if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const result = await webhooksBench({
    posts: Number(args.posts ?? 300),
    fan: Number(args.fan ?? 1),
    connections: Number(args.connections ?? 8),
    latencyPosts: Number(args["latency-posts"] ?? 60),
    rounds: Number(args.rounds ?? 4),
    keep: Boolean(args.keep),
    only: args.only ?? "",
    ...(typeof args.latency === "string" ? { modes: args.latency.split(",").map((m) => m.replaceAll("-", " ")) } : {}),
    engine: args.engine === "miniflare" ? "miniflare" : "wrangler",
    root: typeof args.root === "string" ? args.root : undefined,
    profile: typeof args.profile === "string" ? args.profile : Boolean(args.profile),
    receiverMode: args.receiver === "same-process" ? "same-process" : "own-process",
  });
  console.log(`\n${JSON.stringify(result)}`);
  setTimeout(() => process.exit(0), 3000).unref();
}
