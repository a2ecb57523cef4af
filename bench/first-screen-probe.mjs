// Where a screen's first load spends the main thread, by function and by task (issue 13, part 5: Lighthouse's Total
// Blocking Time). Debian's Chromium through playwright-core, a phone's screen (412 × 823 at 1.75), the CPU slowed 4 times
// (CDP Emulation.setCPUThrottlingRate, as Lighthouse's mobile preset simulates it), cache off, a returning member (signed
// in, their language remembered, no service worker yet), on a running network that has the demo seed.
//
// Usage: node bench/first-screen-probe.mjs --url http://127.0.0.1:8787 [--path /] [--runs 1] [--mode profile|count|trace]
//          [--member sophie.lefevre@demo.test] [--count PostCard,t,...]
//   profile: a CPU profile (Profiler, 200 µs samples) around the load: self time by script and by function, total time
//            by function, and the page's long tasks (PerformanceObserver) with its first paints.
//   count:   how many times each function ran (Profiler precise coverage with call counts): the components drawn and how
//            often. --count filters by name. The build minifies our names away: for this mode serve a build made with
//            `npx vite build --config web/vite.config.ts --minify false` (Preact's own are minified either way).
//   trace:   a Chromium trace; per task over 50 ms, its self time by trace event (Layout, UpdateLayoutTree, FunctionCall…),
//            its script entries and its layouts' object counts; the blocking time beyond 50 ms before and after FCP.
// The times are the machine's × 4 and swing with its load: compare builds in the same minutes, and trust the counts.
import { chromium } from "playwright-core";
import { chromiumPath } from "../scripts/lib/e2e-network.mjs";
import { parseArgs } from "./lib/common.mjs";

const args = parseArgs();
if (typeof args.url !== "string") throw new Error("--url http://127.0.0.1:PORT (a running network with the demo seed) is required");
const origin = args.url.replace(/\/$/, "");
const path = typeof args.path === "string" ? args.path : "/";
const runs = Math.max(1, Number(args.runs ?? 1));
const mode = typeof args.mode === "string" ? args.mode : "profile";
const member = typeof args.member === "string" ? args.member : "sophie.lefevre@demo.test";
const countNames = typeof args.count === "string" ? new Set(args.count.split(",")) : null;

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const phone = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, baseURL: origin };

/** What "loaded" means for the screen: the home feed's list drawn whole, else a post on screen. */
async function settled(page) {
  if (path === "/") {
    await page.waitForFunction(() => {
      const list = document.querySelector(".feed-list");
      return list !== null && !list.hasAttribute("aria-busy") && list.children.length >= 10;
    }, null, { timeout: 60_000 });
  } else {
    await page.waitForSelector(".post, .card", { timeout: 60_000 });
  }
  await page.waitForTimeout(2_500);
}

// Signed in once (the language remembered in local storage), without a service worker: each run starts cold.
const warm = await browser.newContext({ ...phone, serviceWorkers: "block" });
const login = await warm.request.post("/api/v1/auth/login", { data: { email: member, password: "comptoir-demo" } });
if (login.status() !== 200) throw new Error(`sign-in of ${member}: ${login.status()}`);
const warmPage = await warm.newPage();
await warmPage.goto("/");
await warmPage.waitForSelector(".feed-list li", { timeout: 60_000 });
await warmPage.waitForTimeout(1_500);
const storageState = await warm.storageState();
await warm.close();

const ms = (us) => (us / 1000).toFixed(0);
const frameKey = (f) => `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
const top = (map, n, unit = 1000) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / unit).toFixed(1).padStart(8)} ms  ${k}`).join("\n");

function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampled = new Map();
  for (let i = 0; i < profile.samples.length; i++) sampled.set(profile.samples[i], (sampled.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  const self = new Map(), total = new Map(), byScript = new Map();
  for (const [id, us] of sampled) {
    const node = byId.get(id);
    const key = frameKey(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    const script = node.callFrame.url.split("/").pop() || node.callFrame.functionName;
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    const seen = new Set(); // a recursive function counts once per sample
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = frameKey(byId.get(cur).callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + us);
      }
    }
  }
  for (const k of ["(root) :0:0", "(idle) :0:0", "(program) :0:0"]) total.delete(k);
  console.log(`self time by script:\n${top(byScript, 12)}\nself time by function:\n${top(self, 30)}\ntotal time by function:\n${top(total, 30)}`);
}

function printTrace(traceEvents) {
  const parse = traceEvents.find((e) => e.name === "ParseHTML" && e.args?.beginData?.url?.startsWith(origin));
  const { pid, tid } = parse;
  const nav = traceEvents.filter((e) => e.name === "navigationStart" && e.pid === pid && e.args?.data?.documentLoaderURL?.startsWith(origin)).at(-1);
  const t0 = nav?.ts ?? parse.ts;
  const fcp = traceEvents.find((e) => e.name === "firstContentfulPaint" && e.pid === pid);
  const main = traceEvents.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const isTask = (e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask";
  console.log(`first contentful paint at ${fcp ? ms(fcp.ts - t0) : "?"} ms`);
  let before = 0, after = 0;
  for (const task of main.filter(isTask)) {
    if (task.dur <= 50_000) continue;
    if (fcp && task.ts > fcp.ts) after += task.dur - 50_000;
    else before += task.dur - 50_000;
    const inside = main.filter((e) => e !== task && !isTask(e) && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const self = new Map();
    const stack = [];
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      if (stack.length) self.set(stack.at(-1).name, (self.get(stack.at(-1).name) ?? 0) - e.dur);
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
      stack.push(e);
    }
    const parts = [...self].filter(([, v]) => v > 2_000).sort((a, b) => b[1] - a[1]).slice(0, 7).map(([k, v]) => `${k} ${ms(v)}`);
    console.log(`task at ${ms(task.ts - t0)} ms, ${ms(task.dur)} ms: ${parts.join(", ")}`);
    const entries = inside
      .filter((e) => ["FunctionCall", "EvaluateScript", "v8.evaluateModule", "TimerFire", "FireAnimationFrame", "EventDispatch", "RunMicrotasks"].includes(e.name) && e.dur > 3_000)
      .slice(0, 6)
      .map((e) => `${e.name}${e.args?.data?.functionName ? `:${e.args.data.functionName}` : ""}${e.args?.data?.url ? `@${e.args.data.url.split("/").pop()}` : ""} ${ms(e.dur)}`);
    if (entries.length) console.log(`    entries: ${entries.join(" | ")}`);
    const layouts = inside.filter((e) => e.name === "Layout" && e.dur > 5_000).map((e) => `${ms(e.dur)} ms, ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects} objects`);
    if (layouts.length) console.log(`    layouts: ${layouts.join(" | ")}`);
  }
  console.log(`blocking beyond 50 ms: ${ms(before)} ms before the first contentful paint, ${ms(after)} ms after it`);
}

for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ ...phone, storageState });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const tasks = [];
    Object.assign(window, { __longTasks: tasks });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: "longtask", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  if (mode === "trace") {
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading"] });
  } else {
    await cdp.send("Profiler.enable");
    if (mode === "count") await cdp.send("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
    else {
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
  }
  await page.goto(path, { waitUntil: "load" });
  await settled(page);
  console.log(`--- ${path}, run ${run + 1} of ${runs} (${mode})`);
  if (mode === "trace") {
    printTrace(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
  } else if (mode === "count") {
    const { result } = await cdp.send("Profiler.takePreciseCoverage");
    const counts = [];
    for (const script of result) {
      for (const f of script.functions) {
        if (f.functionName && f.ranges[0].count > 0 && (!countNames || countNames.has(f.functionName))) counts.push([f.ranges[0].count, `${f.functionName} ${script.url.split("/").pop()}`]);
      }
    }
    counts.sort((a, b) => b[0] - a[0]);
    console.log(counts.slice(0, countNames ? counts.length : 60).map(([c, name]) => `${String(c).padStart(8)}  ${name}`).join("\n"));
  } else {
    const { profile } = await cdp.send("Profiler.stop");
    const seen = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const paints = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, Math.round(p.startTime)]));
      return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), ...paints, longTasks: window.__longTasks, elements: document.getElementsByTagName("*").length };
    });
    console.log(JSON.stringify(seen));
    printProfile(profile);
  }
  await context.close();
}
await browser.close();
