#!/usr/bin/env node
// The first screen on a phone (issue 13, part 5): Lighthouse's mobile preset (its default config: a mid-range phone,
// simulated slow 4G and a 4x slower CPU) on four pages of a signed-in plain member — the home feed, a group page, a post
// page and the coffee lobby — with only the performance and accessibility categories. Per page it prints the median
// of --runs runs of each score and metric against the aims (performance >= 0.95, accessibility 1.00, LCP <= 2.0 s,
// CLS <= 0.05; TBT and FCP for reading), whether the page's first data started before its code had arrived (no
// waterfall) and was fetched once (a preload the page reused) or not at all (its answer came in the page), how many
// requests ended before the LCP, and the last line is the JSON of it all. A miss prints
// MISS, never an exit code: these are measurements, on a machine that may be shared.
//
// Usage: node bench/lighthouse.mjs [--runs 3] [--url http://127.0.0.1:8787] [--member sophie.lefevre@demo.test] [--why] [--save DIR [--trace]] [--only home,group,post,coffee]
//   Without --url it starts its own network the way the browser tests do (scratch database, migrations, wrangler dev,
//   the demo seed, ~1.5 min) and stops it at the end; with --url it uses a running one that has the demo seed.
//   --why prints, for each page, the LCP element and the audits that cost points. Needs `npm run build` first.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import WebSocket from "ws";
import { startNetwork, chromiumPath } from "../scripts/lib/e2e-network.mjs";
import { fetchRetrying } from "../scripts/lib/http.mjs";
import { DEMO_PASSWORD } from "../scripts/seed/demo.mjs";
import { parseArgs } from "./lib/common.mjs";

export const AIMS = { performance: 0.95, accessibility: 1, lcpMs: 2000, cls: 0.05 };

const args = parseArgs();
const runs = Math.max(1, Number(args.runs ?? 3));
const memberEmail = typeof args.member === "string" ? args.member : "sophie.lefevre@demo.test";
const why = args.why === true;
/** --save DIR: every run's whole Lighthouse report (JSON), to open in the Lighthouse viewer or read. */
const saveDir = typeof args.save === "string" ? args.save : null;

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ok = (pass) => (pass ? "ok" : "MISS");

/** Signs the member in through the API: the session cookie, and the ids of a group and a post they can read. */
async function signIn(base) {
  const { res, text } = await fetchRetrying(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: memberEmail, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Sign-in of ${memberEmail} answered ${res.status}: ${text.slice(0, 300)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="))?.split(";")[0];
  if (!cookie) throw new Error("The sign-in answered no session cookie");
  const get = async (path) => {
    const answer = await fetchRetrying(`${base}${path}`, { headers: { Cookie: cookie } });
    if (answer.res.status !== 200) throw new Error(`GET ${path} answered ${answer.res.status}: ${answer.text.slice(0, 300)}`);
    return JSON.parse(answer.text);
  };
  const me = await get("/api/v1/me");
  if (!me.charterAccepted) throw new Error(`${memberEmail} has not accepted the current charter: the pages would show it instead`);
  const groups = (await get("/api/v1/groups?mine=1&limit=100")).items.filter((g) => g.membership?.state === "member");
  const group = groups.find((g) => g.visibility === "open") ?? groups[0];
  const post = (await get(`/api/v1/groups/${group.id}/posts?limit=20`)).items[0] ?? (await get("/api/v1/feed?limit=20")).items[0];
  if (!group || !post) throw new Error(`${memberEmail} sees no group or no post: is the demo seeded?`);
  return { cookie, group, post, me };
}

/** The page's requests as Lighthouse observed them (unthrottled): when the first data started against the code. */
function requestTimeline(lhr) {
  const items = lhr.audits["network-requests"]?.details?.items ?? [];
  const path = (u) => {
    try {
      const url = new URL(u);
      return url.pathname + url.search;
    } catch {
      return u;
    }
  };
  const entry = items.find((i) => /\/assets\/index-[\w-]+\.js$/.test(i.url));
  const data = items.filter((i) => new URL(i.url).pathname.startsWith("/api/v1/"));
  const me = data.filter((i) => new URL(i.url).pathname === "/api/v1/me");
  const firstData = data.reduce((a, b) => (a === null || b.networkRequestTime < a.networkRequestTime ? b : a), null);
  const observedLcp = lhr.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint ?? null;
  return {
    // Requests the simulated LCP counts: every one that ended before the LCP painted (on a phone over HTTP/1.1, six
    // at a time, each at least a round trip).
    beforeLcp: observedLcp === null ? null : items.filter((i) => i.networkEndTime <= observedLcp).length,
    entryEndMs: entry?.networkEndTime ?? null,
    meStartMs: me[0]?.networkRequestTime ?? null,
    meFetches: me.length,
    firstData: firstData ? { path: path(firstData.url), startMs: firstData.networkRequestTime } : null,
    data: data.map((i) => ({ path: path(i.url), startMs: Math.round(i.networkRequestTime), endMs: Math.round(i.networkEndTime), status: i.statusCode })),
  };
}

/** A DevTools protocol connection to the whole browser: `send(method, params, sessionId?)` answers the result. */
async function devtools(port) {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const ws = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`${w.method}: ${msg.error.message}`));
    else w.resolve(msg.result);
  });
  return {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject, method });
        ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      }),
    close: () => ws.close(),
  };
}

/**
 * Makes the browser a phone this member has signed in on: the session cookie in its own cookie jar (Storage.setCookies),
 * and the app opened once, so that it remembers the member's language as it does after a sign-in (web/src/session.ts).
 * Not Lighthouse's `extraHeaders`: a Cookie header given that way is replaced by the jar's as soon as the Worker sets a
 * cookie of its own (the session hint), and the page then signs out halfway. Lighthouse's reset between runs empties
 * the caches and service workers but keeps cookies and local storage (its clearStorageTypes): every run is a returning
 * member with a cold cache.
 */
async function signInBrowser(port, origin, cookie, locale) {
  const cdp = await devtools(port);
  try {
    const [name, ...rest] = cookie.split("=");
    await cdp.send("Storage.setCookies", { cookies: [{ name, value: rest.join("="), url: `${origin}/`, path: "/", httpOnly: true, sameSite: "Lax" }] });
    const { targetId } = await cdp.send("Target.createTarget", { url: `${origin}/` });
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
    const deadline = Date.now() + 60_000;
    for (;;) {
      // The home feed on screen, in the member's language (English, the browser's, is not written down).
      const expression = "[document.querySelector('.feed-page') !== null, document.documentElement.lang, localStorage.getItem('comptoir.locale')]";
      const { result } = await cdp.send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
      const [home, lang, saved] = result.value ?? [];
      if (home && lang === locale && (saved === locale || (saved === null && locale === "en"))) break;
      if (Date.now() > deadline) throw new Error(`The app did not show the home feed in ${locale} within 60 s (${JSON.stringify(result.value)})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await cdp.send("Target.closeTarget", { targetId });
  } finally {
    cdp.close();
  }
}

async function audit(url, port) {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  const lhr = result.lhr;
  if (saveDir) {
    mkdirSync(saveDir, { recursive: true });
    const name = `${new URL(url).pathname.replace(/\W+/g, "_") || "_"}-${Date.now()}`;
    writeFileSync(join(saveDir, `${name}.json`), result.report);
    // --trace: the run's own trace too (Chromium's, as Lighthouse recorded it), for a look at the main thread task by task.
    if (args.trace && result.artifacts?.Trace) writeFileSync(join(saveDir, `${name}.trace.json`), JSON.stringify(result.artifacts.Trace));
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id) => lhr.audits[id]?.numericValue ?? null;
  const failing = (category) =>
    lhr.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 || category === "performance")
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < (category === "performance" ? 0.9 : 1) && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
      .map((a) => `${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ""})`);
  const lcpItem = lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
  return {
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    lcpMs: num("largest-contentful-paint"),
    cls: num("cumulative-layout-shift"),
    tbtMs: num("total-blocking-time"),
    fcpMs: num("first-contentful-paint"),
    finalUrl: lhr.finalDisplayedUrl,
    timeline: requestTimeline(lhr),
    lcpElement: lcpItem ? `${lcpItem.selector ?? ""} ${String(lcpItem.snippet ?? "").slice(0, 120)}` : null,
    failing: { performance: failing("performance"), accessibility: failing("accessibility") },
  };
}

const base = typeof args.url === "string" ? args.url.replace(/\/$/, "") : null;
const network = base ? null : await startNetwork({ log: (line) => console.log(line) });
const origin = base ?? network.url;
let chrome;
try {
  const { cookie, group, post, me } = await signIn(origin);
  const only = typeof args.only === "string" ? args.only.split(",") : null;
  const pages = [
    { name: "home feed", path: "/" },
    { name: "group page", path: `/groups/${group.id}` },
    { name: "post page", path: `/posts/${post.id}` },
    { name: "coffee lobby", path: "/coffee" },
  ].filter((p) => !only || only.includes(p.name.split(" ")[0]));
  console.log(`Lighthouse ${lighthouse.version ?? "12"} mobile preset, ${runs} run(s) a page, as ${me.user.name} (${memberEmail}) on ${origin}`);
  console.log(`  group: ${group.name} (${group.id}); post: ${post.id}`);
  chrome = await launch({ chromePath: chromiumPath(), chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  await signInBrowser(chrome.port, origin, cookie, me.user.locale);
  const report = [];
  for (const page of pages) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await audit(`${origin}${page.path}`, chrome.port));
    const m = (key) => median(samples.map((s) => s[key]));
    const t = samples.map((s) => s.timeline);
    const row = {
      page: page.name,
      path: page.path,
      performance: m("performance"),
      accessibility: m("accessibility"),
      lcpMs: m("lcpMs"),
      cls: m("cls"),
      tbtMs: m("tbtMs"),
      fcpMs: m("fcpMs"),
      // The first data came in the page (the Worker's inlined answers: /me not fetched at all), or was asked before the
      // entry script had finished arriving: started by the HTML, not the code.
      inlined: t.every((x) => x.meFetches === 0),
      parallel: t.every((x) => x.meFetches === 0 || (x.meStartMs !== null && x.entryEndMs !== null && x.meStartMs < x.entryEndMs)),
      meFetches: Math.max(...t.map((x) => x.meFetches)),
      requestsBeforeLcp: median(t.map((x) => x.beforeLcp)),
      meStartMs: median(t.map((x) => x.meStartMs)),
      entryEndMs: median(t.map((x) => x.entryEndMs)),
      data: t[0].data,
      finalUrl: samples[0].finalUrl,
    };
    const aims = {
      performance: row.performance !== null && row.performance >= AIMS.performance,
      accessibility: row.accessibility !== null && row.accessibility >= AIMS.accessibility,
      lcp: row.lcpMs !== null && row.lcpMs <= AIMS.lcpMs,
      cls: row.cls !== null && row.cls <= AIMS.cls,
    };
    row.aims = aims;
    report.push(row);
    const f = (n, d = 0) => (n === null ? "n/a" : n.toFixed(d));
    console.log(
      `${page.name.padEnd(13)} performance ${f(row.performance, 2)} (aim ≥ ${AIMS.performance}: ${ok(aims.performance)})  ` +
        `accessibility ${f(row.accessibility, 2)} (aim ${AIMS.accessibility.toFixed(2)}: ${ok(aims.accessibility)})  ` +
        `LCP ${f(row.lcpMs)} ms (aim ≤ ${AIMS.lcpMs}: ${ok(aims.lcp)})  CLS ${f(row.cls, 3)} (aim ≤ ${AIMS.cls}: ${ok(aims.cls)})  ` +
        `TBT ${f(row.tbtMs)} ms  FCP ${f(row.fcpMs)} ms`,
    );
    console.log(
      (row.inlined
        ? `${"".padEnd(13)} no waterfall: the first reads came in the page (/api/v1/me not fetched: ok)`
        : `${"".padEnd(13)} no waterfall: /api/v1/me started at ${f(row.meStartMs)} ms, the entry script arrived at ${f(row.entryEndMs)} ms ` +
          `(${ok(row.parallel)}); /api/v1/me fetched ${row.meFetches} time(s) (${ok(row.meFetches === 1)})`) +
        `; ${f(row.requestsBeforeLcp)} requests ended before the observed LCP` +
        (row.finalUrl !== `${origin}${page.path}` ? `; landed on ${row.finalUrl}` : ""),
    );
    if (why) {
      const s = samples[0];
      console.log(`${"".padEnd(13)} LCP element: ${s.lcpElement ?? "none"}`);
      console.log(`${"".padEnd(13)} data: ${row.data.map((d) => `${d.path} ${d.startMs}-${d.endMs} ms ${d.status}`).join(", ")}`);
      if (s.failing.performance.length) console.log(`${"".padEnd(13)} performance audits under 0.9: ${s.failing.performance.join(", ")}`);
      if (s.failing.accessibility.length) console.log(`${"".padEnd(13)} accessibility audits failed: ${s.failing.accessibility.join(", ")}`);
    }
  }
  console.log(JSON.stringify({ runs, member: memberEmail, aims: AIMS, pages: report.map(({ data, ...r }) => r) }));
} finally {
  await chrome?.kill();
  network?.stop();
}
