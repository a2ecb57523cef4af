import { chromium, type APIRequestContext, type Browser, type BrowserContext } from "playwright-core";
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
