import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PUBLIC_ROUTES, SIGNED_IN_ROUTES } from "../web/src/routes";
import { acceptCharterIfAsked, baseUrl, DEMO_ADMIN, DEMO_PASSWORD, launchBrowser } from "./browser";

// The accessibility sweep (issue 14, "What must show"): every client route, read from the client's own route list
// (web/src/routes.ts), in English and in French, at phone and desktop widths, in light and dark, signed in and signed
// out, passes axe with no serious or critical violation. Each page's section tabs (`nav.tabs`) are followed too, so a new tab is swept
// without editing this test. A route with parameters needs one example address below: the test fails and says so
// when a new one has none.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true };

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function json<T>(context: BrowserContext, path: string, init?: { method?: string; data?: unknown }): Promise<T> {
  const res = await context.request.fetch(path, { method: init?.method ?? "GET", data: init?.data });
  expect(res.status(), `${init?.method ?? "GET"} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A new administrator (so every route, admin ones included, is theirs to see) who reads Comptoir in `locale`: their
 * context, signed in (the caller closes it). */
async function newAdmin(admin: BrowserContext, locale: "en" | "fr", stamp: string, groupIds: string[]) {
  const email = `a11y-${locale}-${stamp}@demo.test`;
  const invitation = await json<{ url: string }>(admin, "/api/v1/admin/invitations", { method: "POST", data: { email, role: "admin", groupIds } });
  const token = decodeURIComponent(new URL(invitation.url).pathname.split("/invite/")[1]);
  const charter = await admin.request.get("/api/v1/charter");
  const version = charter.ok() ? ((await charter.json()) as { version: number }).version : null;
  const context = await browser.newContext({ baseURL: baseUrl() });
  const accepted = await context.request.post("/api/v1/auth/accept-invitation", { data: { token, name: `Axe ${locale.toUpperCase()}`, password: DEMO_PASSWORD, charterVersion: version } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await acceptCharterIfAsked(context.request);
  await json(context, "/api/v1/me/profile", { method: "PATCH", data: { locale } });
  return { email, context };
}

type Watched = { page: Page; inflight: Set<unknown>; quietSince: number };

/** A page whose requests are counted, so that a screen can be called settled once nothing is loading any more. */
async function watchedPage(context: BrowserContext): Promise<Watched> {
  // Each document notes when its DOM last changed.
  await context.addInitScript(() => {
    const w = window as unknown as { __a11yChanged: number };
    w.__a11yChanged = performance.now();
    new MutationObserver(() => {
      w.__a11yChanged = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const page = await context.newPage();
  const watched: Watched = { page, inflight: new Set(), quietSince: Date.now() };
  page.on("request", (r) => watched.inflight.add(r));
  const done = (r: unknown) => {
    watched.inflight.delete(r);
    if (watched.inflight.size === 0) watched.quietSince = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return watched;
}

/**
 * Waits for the screen to settle: its code and data in (no request under way, no skeleton or splash left) and its DOM
 * still for 150 ms. Live parts (presence, counts) may keep changing: 8 s at most.
 */
async function settle(watched: Watched) {
  const { page, inflight } = watched;
  await page.locator("main, .auth-page").first().waitFor({ timeout: 15_000 });
  const until = Date.now() + 8_000;
  while (Date.now() < until) {
    if (inflight.size === 0 && Date.now() - watched.quietSince >= 150) {
      const still = await page.evaluate(() => !document.querySelector(".skeleton, .splash") && performance.now() - (window as unknown as { __a11yChanged: number }).__a11yChanged >= 150);
      if (still && inflight.size === 0) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs axe on the page: only the rules that can find something serious or critical (those axe itself rates minor or
 * moderate are left out, they cannot fail this test), and, once the frame has been swept in this context, without the
 * frame (sidebar, top bar, tab bar: the same on every route).
 */
async function axe(page: Page, withFrame: boolean): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const result = (await page.evaluate(async (withFrame) => {
    type Axe = { run: (ctx: object, opts: object) => Promise<{ violations: Violation[] }>; _audit?: { rules: { id: string; impact?: string }[] } };
    const axe = (window as unknown as { axe: Axe }).axe;
    const rules = Object.fromEntries((axe._audit?.rules ?? []).filter((r) => r.impact === "minor" || r.impact === "moderate").map((r) => [r.id, { enabled: false }]));
    const context = withFrame ? { include: [["html"]] } : { include: [["html"]], exclude: [[".sidebar"], [".topbar"], [".tabbar"]] };
    return axe.run(context, { resultTypes: ["violations"], rules });
  }, withFrame)) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Which half of the section tabs an address is in (a small hash of it: the same in every context). */
function halfOf(address: string): 0 | 1 {
  let hash = 0;
  for (const c of address) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return (Math.abs(hash) % 2) as 0 | 1;
}

/**
 * Visits each address (and the section tabs it shows), runs axe, and returns the serious and critical findings. The
 * first address is loaded; the others are reached as a member does, by the client's own navigation (no reload), which
 * keeps the sweep quick.
 */
async function sweep(watched: Watched, addresses: string[], label: string, tabHalf: 0 | 1 | null): Promise<string[]> {
  const { page } = watched;
  const seen = new Set<string>();
  const queue = [...addresses];
  const findings: string[] = [];
  let loaded = false;
  let frameSwept = false;
  while (queue.length) {
    const address = queue.shift()!;
    if (seen.has(address)) continue;
    seen.add(address);
    const t0 = Date.now();
    if (!loaded) {
      await page.goto(address, { waitUntil: "domcontentloaded" });
      loaded = true;
    } else {
      await page.evaluate((href) => {
        history.pushState(null, "", href);
        dispatchEvent(new PopStateEvent("popstate"));
      }, address);
    }
    await settle(watched);
    const t1 = Date.now();
    const withFrame = !(await page.locator(".shell").count()) || !frameSwept;
    if (withFrame && (await page.locator(".shell").count())) frameSwept = true;
    const violations = await axe(page, withFrame);
    if (process.env.A11Y_TIMES) console.log(`${label} ${address}: load ${t1 - t0} ms, axe ${Date.now() - t1} ms`);
    for (const v of violations) {
      const finding = `${label} ${address}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)}`).join(" | ")}`;
      // Said at once as well, so that a sweep cut short still tells what it found.
      console.log(finding);
      findings.push(finding);
    }
    const tabs = await page.locator("nav.tabs a.tab-link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    for (const href of tabs) if (href.startsWith("/") && !seen.has(href) && (tabHalf === null || halfOf(href) === tabHalf)) queue.push(href);
  }
  return findings;
}

it("finds no serious or critical accessibility violation on any route, in both languages, at both widths, signed in and out", { timeout: Number(process.env.A11Y_TIMEOUT ?? 300_000) }, async () => {
  const stamp = Date.now().toString(36);
  const admin = await browser.newContext({ baseURL: baseUrl() });
  expect((await admin.request.post("/api/v1/auth/login", { data: { email: DEMO_ADMIN, password: DEMO_PASSWORD } })).status()).toBe(200);
  await acceptCharterIfAsked(admin.request);

  // The demo administrator only reads (and invites the two sweepers): whatever the sweep needs written (a group, a coffee
  // room, a question, an office hour) is written by the English sweeper, so that this file runs beside the demo
  // administrator's lane.
  const groups = (await json<{ items: { id: string; name: string; visibility: string }[] }>(admin, "/api/v1/groups?limit=100")).items;
  const openGroups = groups.filter((g) => g.visibility === "open");
  const group = openGroups[0];
  const toolbox = groups.find((g) => g.name === "Toolbox") ?? group;
  const memberOf = openGroups.slice(0, 3).map((g) => g.id);
  const en = await newAdmin(admin, "en", stamp, memberOf);
  const fr = await newAdmin(admin, "fr", stamp, memberOf);
  await fr.context.close();
  const emails = { en: en.email, fr: fr.email };

  const people = (await json<{ items: { id: string }[] }>(admin, "/api/v1/users?limit=5")).items;
  const posts = (await json<{ items: { id: string }[] }>(admin, `/api/v1/groups/${group.id}/posts?limit=5`)).items;
  const campaigns = (await json<{ items: { id: string; state: string }[] }>(admin, "/api/v1/campaigns?limit=20")).items;
  const campaign = campaigns.find((c) => c.state === "open") ?? campaigns[0];
  const ideas = (await json<{ items: { id: string }[] }>(admin, `/api/v1/campaigns/${campaign.id}/ideas?limit=5`)).items;
  await admin.close();
  // A group of its own for what it writes, so that nothing reaches the demo members' feeds.
  const own = await json<{ id: string }>(en.context, "/api/v1/groups", { method: "POST", data: { name: `Accessibility ${stamp}`, visibility: "open", kind: "community" } });
  const room = await json<{ id: string }>(en.context, "/api/v1/coffee/rooms", { method: "POST", data: { title: `Accessibility ${stamp}` } });
  const question = await json<{ id: string }>(en.context, `/api/v1/groups/${own.id}/posts`, {
    method: "POST",
    data: { kind: "question", title: `Is the sweep green ${stamp}?`, body: "Every route, both languages, both widths." },
  });
  const officeHour = await json<{ id: string }>(en.context, "/api/v1/office-hours", {
    method: "POST",
    data: { groupId: own.id, topic: `Accessibility clinic ${stamp}`, startsAt: Date.now() + 86_400_000, durationMinutes: 30 },
  });
  await en.context.close();

  const EXAMPLES: Record<string, string[]> = {
    "/people/:id": [`/people/${people[0].id}`],
    "/admin/:tab?": ["/admin"],
    "/groups/:id/:tab?": [`/groups/${group.id}`],
    "/coffee/:roomId": [`/coffee/${room.id}`],
    "/ideas/box/:groupId": [`/ideas/box/${toolbox.id}`],
    "/ideas/:id": [`/ideas/${ideas[0].id}`],
    "/campaigns/:id": [`/campaigns/${campaign.id}`],
    "/posts/:id": [`/posts/${posts[0].id}`],
    "/notifications/:tab?": ["/notifications"],
    "/search": ["/search?q=demo"],
    "/questions/:id?": ["/questions", "/questions/ask", `/questions/${question.id}`],
    "/office-hours/:id": [`/office-hours/${officeHour.id}`],
    "/invite/:token": ["/invite/not-a-real-invitation"],
  };
  const addressesOf = (routes: readonly string[]) =>
    routes.flatMap((route) => {
      if (EXAMPLES[route]) return EXAMPLES[route];
      expect(route, `the route ${route} has parameters: add an example address for it to EXAMPLES in e2e/a11y.e2e.ts`).not.toContain(":");
      return [route];
    });
  const signedIn = addressesOf(SIGNED_IN_ROUTES);
  const signedOut = addressesOf(PUBLIC_ROUTES);

  // Four sweeps at once (each language at each width), each in its own context. The colour schemes are crossed with
  // them (English on a light desktop and a dark phone, French on a dark desktop and a light phone): every route is
  // swept in both schemes, both languages and both widths, and contrast is checked in light and dark alike. A page's
  // further section tabs (the admin console's, a group's, the search's…) are shared out to keep the run short: half of
  // them in the two light contexts, the other half in the two dark ones, so each is still swept in both languages and
  // at both widths.
  const runs = (["en", "fr"] as const).flatMap((locale) =>
    ([["desktop", DESKTOP], ["phone", PHONE]] as const).map(async ([width, options]) => {
      const started = Date.now();
      const colorScheme = (locale === "en") === (width === "desktop") ? "light" : "dark";
      const context = await browser.newContext({ baseURL: baseUrl(), locale: locale === "fr" ? "fr-FR" : "en-US", bypassCSP: true, colorScheme, ...options });
      const label = `${locale} ${width} ${colorScheme}`;
      const tabHalf = colorScheme === "light" ? 0 : 1;
      const watched = await watchedPage(context);
      const outside = await sweep(watched, signedOut, `${label} signed out`, null);
      const login = await context.request.post("/api/v1/auth/login", { data: { email: emails[locale], password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
      await acceptCharterIfAsked(context.request);
      const inside = await sweep(watched, signedIn, label, tabHalf);
      // The language swept really was this one, and the sweep was signed in.
      await watched.page.locator(".shell main").waitFor();
      expect(await watched.page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await context.close();
      console.log(`a11y sweep ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return [...outside, ...inside];
    }),
  );
  const findings = (await Promise.all(runs)).flat();
  expect(findings).toEqual([]);
});
