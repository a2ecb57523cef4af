import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("chromiumPath"),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A context that records every Content-Security-Policy violation and page error, so tests can assert there were none. */
export async function newContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context: BrowserContext = await browser.newContext({ baseURL: baseUrl(), locale: "en-US", ...options });
  const problems: string[] = [];
  context.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  context.on("weberror", (err) => problems.push(String(err.error())));
  return { context, problems };
}

/** The demo seed's administrator, and the password of every demo account (scripts/seed/demo.mjs). */
export const DEMO_ADMIN = "admin@demo.test";
export const DEMO_PASSWORD = "comptoir-demo";

/** Accepts the current charter when another test published a new version since this member last accepted. */
export async function acceptCharterIfAsked(request: APIRequestContext) {
  const me = (await (await request.get("/api/v1/me")).json()) as { charterAccepted: boolean };
  if (me.charterAccepted) return;
  const charter = (await (await request.get("/api/v1/charter")).json()) as { version: number };
  expect((await request.post("/api/v1/charter/accept", { data: { version: charter.version } })).status()).toBe(204);
}

/** Signs the context in through the API (its pages share the session), past a charter another test published. */
export async function signInByApi(context: BrowserContext, email: string, password = DEMO_PASSWORD) {
  const login = await context.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  await acceptCharterIfAsked(context.request);
}

/** An API session for someone (its own browser context), for the set-up steps a test is not about. */
export async function apiAs(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  await signInByApi(context, email, password);
  return { request: context.request, close: () => context.close() };
}

export type NewMember = { id: string; email: string; name: string; handle: string };

/**
 * Signs `who` up in `request`'s context (its cookie is then theirs) through an invitation `admin` sends: the charter
 * of the day accepted, the profile's language (English unless said) and time zone set. Answers the member as `/me`
 * gives them.
 */
export async function signUpInto(
  admin: APIRequestContext,
  request: APIRequestContext,
  who: { name: string; email: string; role?: "member" | "admin"; locale?: "en" | "fr"; timezone?: string; groupIds?: string[]; password?: string },
): Promise<{ id: string; name: string; handle: string }> {
  const invited = await admin.post("/api/v1/admin/invitations", { data: { email: who.email, role: who.role ?? "member", groupIds: who.groupIds ?? [] } });
  expect(invited.status(), `invitation of ${who.email}: ${await invited.text()}`).toBe(201);
  const token = decodeURIComponent(new URL(((await invited.json()) as { url: string }).url).pathname.split("/invite/")[1]);
  // The charter the newcomer accepts as they sign up (read by a member: it is not public).
  const charter = await admin.get("/api/v1/charter");
  const charterVersion = charter.ok() ? ((await charter.json()) as { version: number }).version : null;
  const accepted = await request.post("/api/v1/auth/accept-invitation", { data: { token, name: who.name, password: who.password ?? DEMO_PASSWORD, charterVersion } });
  expect(accepted.status(), `sign-up of ${who.email}: ${await accepted.text()}`).toBe(200);
  await acceptCharterIfAsked(request);
  const profile = await request.patch("/api/v1/me/profile", { data: { locale: who.locale ?? "en", ...(who.timezone ? { timezone: who.timezone } : {}) } });
  expect(profile.status(), await profile.text()).toBe(200);
  return ((await (await request.get("/api/v1/me")).json()) as { user: { id: string; name: string; handle: string } }).user;
}

/**
 * A member of the test's own, invited by the demo administrator and signed up through the invitation (charter
 * accepted, the language set): nothing another test does can reach their bell or their feed unless this test asks.
 */
export async function newMember(browser: Browser, who: { name: string; email: string; role?: "member" | "admin"; locale?: "en" | "fr"; groupIds?: string[] }): Promise<NewMember> {
  const admin = await apiAs(browser, DEMO_ADMIN);
  const context = await browser.newContext({ baseURL: baseUrl() });
  const user = await signUpInto(admin.request, context.request, who);
  await Promise.all([admin.close(), context.close()]);
  return { id: user.id, email: who.email, name: who.name, handle: user.handle };
}

/** The bell's unread count, read from its accessible name ("Notifications, 3 unread"). */
export async function bellCount(page: Page): Promise<number> {
  const name = (await page.locator("a.bell").getAttribute("aria-label")) ?? "";
  const match = /(\d+)/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** Slows the page's uploads down to `bytesPerSecond` (Chromium's network emulation), or lifts the limit with -1. */
export async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}
