#!/usr/bin/env node
// Outgoing webhooks, through the real HTTP stack (`wrangler dev` on a scratch database of its own) and a receiver on
// loopback that answers 204 at once (its origin in WEBHOOK_ALLOW_ORIGINS):
//   (a) throughput: posts created as fast as --connections clients can, each a `post.created` delivery to one endpoint;
//       events delivered per second against posts created per second, in the same run (aim: >= 1.0x, the queue keeps up);
//   (b) added latency: POST a post with 3 endpoints subscribed against none, alternating rounds, medians (aim: <= 1.05x,
//       delivery never sits on the request path).
// A miss against the aims is printed, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/webhooks.mjs [--posts 300] [--connections 8] [--latency-posts 60] [--rounds 4] [--keep] [--only throughput]
//                                [--engine wrangler|miniflare]
// --engine miniflare serves the `wrangler deploy --dry-run` bundle with Miniflare from Node (bench/lib/miniflare-server.mjs),
// without wrangler dev's proxy in front of every request.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, freePort, startWrangler, varsFromEnvironment } from "../scripts/lib/server.mjs";
import { fetchRetrying } from "../scripts/lib/http.mjs";
import { parseArgs } from "./lib/common.mjs";

export const AIMS = { throughputRatio: 1.0, latencyRatio: 1.05 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, d = 1) => n.toFixed(d);

export async function webhooksBench({ posts = 300, connections = 8, latencyPosts = 60, rounds = 4, keep = false, only = "", engine = "wrangler", log = console.log } = {}) {
  const arrivals = []; // [time, type]
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      try {
        arrivals.push([performance.now(), JSON.parse(body).type]);
      } catch {}
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverOrigin = `http://127.0.0.1:${receiver.address().port}`;

  const result = {};
  const persistTo = mkdtempSync(join(tmpdir(), "comptoir-bench-webhooks-"));
  applyMigrations(persistTo);
  const vars = varsFromEnvironment(readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8"), { WEBHOOK_ALLOW_ORIGINS: receiverOrigin, WEBHOOK_RETRY_SCHEDULE: "0,5" });
  log(`Starting ${engine === "miniflare" ? "Miniflare" : "wrangler dev"} on a scratch database (${persistTo}), receiver at ${receiverOrigin}`);
  let server;
  if (engine === "miniflare") {
    const { startMiniflare } = await import("./lib/miniflare-server.mjs");
    const setupToken = randomBytes(24).toString("hex");
    server = { ...(await startMiniflare({ persistTo, port: await freePort(), vars: { ...vars, SETUP_TOKEN: setupToken } })), setupToken };
  } else {
    server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true, vars });
  }
  result.engine = engine;
  const stop = async () => {
    await server.stop();
    receiver.closeAllConnections();
    receiver.close();
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

    // (a) Throughput: one endpoint, `posts` posts from `connections` clients, every delivery counted at the receiver.
    const hook = await call("POST", "/api/v1/admin/webhooks", { url: `${receiverOrigin}/hook`, events: ["post.created"] });
    arrivals.length = 0;
    const created = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < posts) {
          const i = next++;
          await post(i);
          created.push(performance.now());
        }
      }),
    );
    const deadline = Date.now() + (process.env.BENCH_WAIT_MS ? Number(process.env.BENCH_WAIT_MS) : 120_000);
    while (arrivals.filter(([, t]) => t === "post.created").length < posts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const delivered = arrivals.filter(([, t]) => t === "post.created").map(([at]) => at).sort((a, b) => a - b);
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
    for (const [mode, perRound, pauseMs] of [["back to back", latencyPosts, 0], ["queue drained", Math.max(5, Math.round(latencyPosts / 4)), 1500]]) {
      const samples = { none: [], three: [] };
      for (let r = 0; r < rounds; r++) {
        for (const phase of r % 2 ? ["three", "none"] : ["none", "three"]) {
          await setEnabled(phase === "three");
          await new Promise((res) => setTimeout(res, pauseMs));
          for (let i = 0; i < perRound; i++) {
            const before = arrivals.length;
            const start = performance.now();
            await post(`latency ${mode} ${phase} ${r} ${i}`);
            samples[phase].push(performance.now() - start);
            if (pauseMs) {
              // Drained: this post's deliveries (3 with the endpoints on) have all arrived, then the pause (the fan-out
              // of the other side has no delivery to wait for: the pause alone, longer than the queue's batch timeout).
              const expected = phase === "three" ? 3 : 0;
              const until = Date.now() + 30_000;
              while (arrivals.length - before < expected && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
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
    await stop();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const result = await webhooksBench({
    posts: Number(args.posts ?? 300),
    connections: Number(args.connections ?? 8),
    latencyPosts: Number(args["latency-posts"] ?? 60),
    rounds: Number(args.rounds ?? 4),
    keep: Boolean(args.keep),
    only: args.only ?? "",
    engine: args.engine === "miniflare" ? "miniflare" : "wrangler",
  });
  console.log(`\n${JSON.stringify(result)}`);
  setTimeout(() => process.exit(0), 3000).unref();
}
