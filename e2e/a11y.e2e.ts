import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PUBLIC_ROUTES, SIGNED_IN_ROUTES } from "../web/src/routes";
import { acceptCharterIfAsked, baseUrl, DEMO_ADMIN, DEMO_PASSWORD, launchBrowser } from "./browser";

// The accessibility sweep (issue 14, "What must show"): every client route, read from the client's own route list
// (web/src/routes.ts), in English and in French, at phone and desktop widths, signed in and signed out, passes axe
// with no serious or critical violation. Each page's section tabs (`nav.tabs`) are followed too, so a new tab is swept
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

/** Waits for the screen to settle: the chunk loaded, its data in (no skeleton left), fonts and layout done. */
async function settle(page: Page) {
  await page.waitForLoadState("domcontentloaded");
  await page.locator("main, .auth-page").first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector(".skeleton, .splash"), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(150);
}

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe.run(document, { resultTypes: ["violations"] }),
  )) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Visits each address (and the section tabs it shows), runs axe, and returns the serious and critical findings. */
async function sweep(context: BrowserContext, addresses: string[], label: string): Promise<string[]> {
  const page = await context.newPage();
  const seen = new Set<string>();
  const queue = [...addresses];
  const findings: string[] = [];
  while (queue.length) {
    const address = queue.shift()!;
    if (seen.has(address)) continue;
    seen.add(address);
    const t0 = Date.now();
    await page.goto(address, { waitUntil: "domcontentloaded" });
    await settle(page);
    const t1 = Date.now();
    const violations = await axe(page);
    if (process.env.A11Y_TIMES) console.log(`${label} ${address}: load ${t1 - t0} ms, axe ${Date.now() - t1} ms`);
    for (const v of violations) {
      findings.push(`${label} ${address}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
    const tabs = await page.locator("nav.tabs a.tab-link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    for (const href of tabs) if (href.startsWith("/") && !seen.has(href)) queue.push(href);
  }
  await page.close();
  return findings;
}

it("finds no serious or critical accessibility violation on any route, in both languages, at both widths, signed in and out", { timeout: 300_000 }, async () => {
  const stamp = Date.now().toString(36);
  const admin = await browser.newContext({ baseURL: baseUrl() });
  expect((await admin.request.post("/api/v1/auth/login", { data: { email: DEMO_ADMIN, password: DEMO_PASSWORD } })).status()).toBe(200);
  await acceptCharterIfAsked(admin.request);

  // The demo administrator only reads (and invites the two sweepers): whatever the sweep needs written (a coffee room,
  // a question, an office hour) is written by the English sweeper, so that this file runs beside the demo admin's lane.
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
  const room = await json<{ id: string }>(en.context, "/api/v1/coffee/rooms", { method: "POST", data: { title: `Accessibility ${stamp}` } });
  const question = await json<{ id: string }>(en.context, `/api/v1/groups/${group.id}/posts`, {
    method: "POST",
    data: { kind: "question", title: `Is the sweep green ${stamp}?`, body: "Every route, both languages, both widths." },
  });
  const officeHour = await json<{ id: string }>(en.context, "/api/v1/office-hours", {
    method: "POST",
    data: { groupId: group.id, topic: `Accessibility clinic ${stamp}`, startsAt: Date.now() + 86_400_000, durationMinutes: 30 },
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

  // Four sweeps at once (each language at each width), each in its own context.
  const runs = (["en", "fr"] as const).flatMap((locale) =>
    ([["desktop", DESKTOP], ["phone", PHONE]] as const).map(async ([width, options]) => {
      const started = Date.now();
      const context = await browser.newContext({ baseURL: baseUrl(), locale: locale === "fr" ? "fr-FR" : "en-US", bypassCSP: true, ...options });
      const outside = await sweep(context, signedOut, `${locale} ${width} signed out`);
      const login = await context.request.post("/api/v1/auth/login", { data: { email: emails[locale], password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
      await acceptCharterIfAsked(context.request);
      const inside = await sweep(context, signedIn, `${locale} ${width}`);
      // The language really is the one swept.
      const page = await context.newPage();
      await page.goto("/", { waitUntil: "domcontentloaded" });
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await context.close();
      console.log(`a11y sweep ${locale} ${width}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return [...outside, ...inside];
    }),
  );
  const findings = (await Promise.all(runs)).flat();
  expect(findings).toEqual([]);
});
