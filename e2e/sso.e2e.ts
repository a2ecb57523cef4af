import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ES module shared with `npm start`
import { applyMigrations, freePort, startWrangler } from "../scripts/lib/server.mjs";
import { launchBrowser } from "./browser";

/**
 * Single sign-on against a real OpenID Connect provider (issue 12, "What must show"): `oidc-provider` runs in this
 * process on loopback with a client registered for the network's callback, and the network runs on a wrangler of its
 * own with OIDC_ALLOW_HTTP_LOOPBACK=1 and the client secret. The provider signs in whoever types a login (its
 * development interactions), with that login as subject and email.
 *
 * The ID token checks are proven by making the provider itself answer a bad token: a post-processing middleware on its
 * token endpoint re-signs the ID token with one claim changed (nonce, issuer, expiry) with the provider's own key, or
 * signs it with a foreign key. Each lands on /login?sso_error=token, and the network's log says which check refused it.
 */

const CLIENT_ID = "comptoir-network";
const CLIENT_SECRET = "a-client-secret-for-the-sso-browser-test";
const PASSWORD = "a long enough password";

let provider: Provider;
let providerServer: Server;
let issuer: string;
let server: { url: string; setupToken: string; stop: () => void; output: () => string };
let persistTo: string;
let browser: Browser;
let adminCookie: string;
let charterVersion: number;

const { privateKey: signingKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const { privateKey: foreignKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

/**
 * While `capturing`, the provider does not send the browser back to the network: it answers a page, and `captured` is
 * the callback address it would have redirected to (its code and state unspent).
 */
let capturing = false;
let captured: string | undefined;

/** What the provider's token endpoint does to the ID token it answers (null: nothing). */
let tamper: null | { claims?: (c: Record<string, unknown>) => Record<string, unknown>; key?: KeyObject } = null;

function resign(jwt: string, change: (c: Record<string, unknown>) => Record<string, unknown>, key: KeyObject): string {
  const [header, payload] = jwt.split(".");
  const claims = change(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = createSign("RSA-SHA256").update(`${header}.${body}`).sign(key).toString("base64url");
  return `${header}.${body}.${signature}`;
}

async function call(method: string, url: string, options: { json?: unknown; cookie?: string } = {}) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    redirect: "manual",
    headers: { ...(options.json !== undefined ? { "Content-Type": "application/json" } : {}), ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="))?.split(";")[0];
  return { status: res.status, json: text && text.startsWith("{") ? JSON.parse(text) : null, text, cookie, location: res.headers.get("Location") };
}

const configure = async (settings: { jit: boolean; mandatory: boolean }) => {
  const res = await call("PUT", "/api/v1/admin/sso", { cookie: adminCookie, json: { issuer, clientId: CLIENT_ID, domains: ["corp.test"], ...settings } });
  expect(res.status, res.text).toBe(200);
};

const startUrl = (email: string) => `${server.url}/api/v1/auth/sso/start?email=${encodeURIComponent(email)}`;

/**
 * Goes through the provider from wherever `page` is headed (its sign-in form and consent the first time in a context,
 * nothing once it has a session there) until the browser leaves the provider. With `capture`, the network's callback
 * is not followed: its URL is returned as the provider sent it.
 */
async function throughProvider(page: Page, go: () => Promise<unknown>, capture = false): Promise<string> {
  captured = undefined;
  capturing = capture;
  await go();
  for (let i = 0; i < 4 && page.url().startsWith(`${issuer}/interaction/`); i++) {
    const login = await page.locator('input[name="password"]').count();
    if (login) await page.fill('input[name="password"]', "anything: the development provider takes any password");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click('button[type="submit"]')]);
  }
  capturing = false;
  if (capture) {
    expect(captured, `the provider sent the browser back (now at ${page.url()})`).toBeDefined();
    return captured!;
  }
  return page.url();
}

/** The network's log lines of refused sign-ins, in order. */
const ssoErrors = () =>
  server
    .output()
    .split("\n")
    .filter((l) => l.includes('"ssoError"'))
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as { ssoError: string; detail: string });

/** The network's log line of the refused sign-in after the `seen` first ones (wrangler's output comes a little late). */
async function ssoErrorAfter(seen: number): Promise<{ ssoError: string; detail: string }> {
  const deadline = Date.now() + 15_000;
  while (ssoErrors().length <= seen) {
    if (Date.now() > deadline) throw new Error(`no new ssoError line in the network's log:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return ssoErrors()[seen];
}

beforeAll(async () => {
  const providerPort = await freePort();
  issuer = `http://127.0.0.1:${providerPort}`;
  const networkPort = await freePort();
  const network = `http://127.0.0.1:${networkPort}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${network}/api/v1/auth/sso/callback`], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    jwks: { keys: [{ ...(signingKey.export({ format: "jwk" }) as object), kid: "provider-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["a-cookie-key-for-the-test-provider"] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Scope claims in the ID token itself, as Google, Keycloak and Okta put them.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: `subject-of-${id}`, email: id, email_verified: true, name: id.split("@")[0].split(".").map((s) => s[0].toUpperCase() + s.slice(1)).join(" ") }),
    }),
  });
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    await next();
    const location = ctx.response.get("Location");
    if (capturing && [302, 303].includes(ctx.status) && typeof location === "string" && location.startsWith(`${network}/api/v1/auth/sso/callback`)) {
      captured = location;
      ctx.response.remove("Location");
      ctx.status = 200;
      ctx.type = "html";
      ctx.body = "<p>captured</p>";
    }
    if (tamper && ctx.oidc?.route === "token" && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, tamper.claims ?? ((c) => c), tamper.key ?? signingKey) };
    }
  });
  providerServer = provider.listen(providerPort, "127.0.0.1");

  persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-sso-"));
  applyMigrations(persistTo);
  server = await startWrangler({ port: networkPort, inspectorPort: await freePort(), persistTo, quiet: true, vars: { OIDC_ALLOW_HTTP_LOOPBACK: "1", OIDC_CLIENT_SECRET: CLIENT_SECRET } });
  const setup = await call("POST", "/api/v1/setup", { json: { token: server.setupToken, email: "admin@admins.test", name: "Ada Admin", password: PASSWORD } });
  expect(setup.status, setup.text).toBe(201);
  adminCookie = setup.cookie!;
  const charter = await call("POST", "/api/v1/admin/charter", { cookie: adminCookie, json: { body: "# Charter\n\nBe kind to each other." } });
  expect(charter.status, charter.text).toBe(201);
  charterVersion = charter.json.version;
  await configure({ jit: true, mandatory: false });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await new Promise((r) => providerServer?.close(r));
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
});

describe("single sign-on with OpenID Connect", () => {
  it("a first sign-in creates the account just in time, shows the charter, then lands in the network", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.fill("#login-email", "camille.martin@corp.test");
    const landed = await throughProvider(page, () => Promise.all([page.waitForURL((u) => u.href.startsWith(issuer)), page.getByRole("button", { name: "Continue with single sign-on" }).click()]));
    expect(landed.startsWith(server.url), landed).toBe(true);
    // The charter comes first.
    await page.getByRole("checkbox", { name: "I have read the charter and I accept it" }).check();
    await page.getByRole("button", { name: "Accept and continue" }).click();
    await page.getByRole("button", { name: "Account menu for Camille Martin" }).waitFor();
    const me = await (await context.request.get("/api/v1/me")).json();
    expect({ email: me.user.email, name: me.user.name, role: me.user.role, charterAccepted: me.charterAccepted }).toEqual({ email: "camille.martin@corp.test", name: "Camille Martin", role: "member", charterAccepted: true });
    // A second sign-in (another browser) finds the same member by the provider's subject.
    const other = await browser.newContext({ baseURL: server.url });
    const again = await other.newPage();
    await throughProvider(again, () => again.goto(startUrl("camille.martin@corp.test")));
    expect((await (await other.request.get("/api/v1/me")).json()).user.id).toBe(me.user.id);
    await other.close();
    await context.close();
  });

  it("refuses a tampered state, a replayed callback and a replayed code", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    const callback = new URL(await throughProvider(page, () => page.goto(startUrl("lea.dubois@corp.test")), true));
    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    await page.goto(tampered.href);
    expect(new URL(page.url()).search).toBe("?sso_error=state");
    await page.getByText("This sign-in link expired or was already used. Start again.").waitFor();
    // The untouched callback still works once (the tampered one spent nothing)…
    expect((await call("GET", callback.pathname + callback.search)).location).toBe(`${server.url}/`);
    // …and not twice.
    expect((await call("GET", callback.pathname + callback.search)).location).toBe(`${server.url}/login?sso_error=state`);
    // The spent code under a fresh, valid state: the provider refuses the code itself.
    const fresh = new URL(await throughProvider(page, () => page.goto(startUrl("lea.dubois@corp.test")), true));
    fresh.searchParams.set("code", callback.searchParams.get("code")!);
    const seen = ssoErrors().length;
    expect((await call("GET", fresh.pathname + fresh.search)).location).toBe(`${server.url}/login?sso_error=token`);
    expect((await ssoErrorAfter(seen)).detail).toContain("invalid_grant");
    await context.close();
  });

  it("refuses an ID token with a wrong nonce, a wrong issuer, an expired one and a foreign signature", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, NonNullable<typeof tamper>, string][] = [
      ["a nonce that is not the one sent", { claims: (c) => ({ ...c, nonce: "not-the-nonce-sent" }) }, "nonce"],
      ["another issuer", { claims: (c) => ({ ...c, iss: "http://127.0.0.1:9/" }) }, '"iss"'],
      ["an expired ID token", { claims: (c) => ({ ...c, iat: now - 3600, exp: now - 1800 }) }, '"exp"'],
      ["a signature by another key", { key: foreignKey }, "signature"],
    ];
    for (const [name, change, why] of cases) {
      tamper = change;
      const seen = ssoErrors().length;
      try {
        const landed = await throughProvider(page, () => page.goto(startUrl("noor.haddad@corp.test")));
        expect(landed, name).toBe(`${server.url}/login?sso_error=token`);
      } finally {
        tamper = null;
      }
      expect((await ssoErrorAfter(seen)).detail, name).toContain(why);
    }
    await page.getByText("Your company's sign-in could not be verified.", { exact: false }).waitFor();
    // No account was created by any of them.
    const directory = await call("GET", "/api/v1/users?q=Noor", { cookie: adminCookie });
    expect({ status: directory.status, items: directory.json.items }).toEqual({ status: 200, items: [] });
    expect((await call("GET", "/api/v1/auth/sso/domain?email=noor.haddad%40corp.test")).json).toEqual({ sso: true, mandatory: false, start: "/api/v1/auth/sso/start?email=noor.haddad%40corp.test" });
    await context.close();
  });

  it("without just-in-time accounts, only an invited email gets in (with its invitation's role)", async () => {
    await configure({ jit: false, mandatory: false });
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    expect(await throughProvider(page, () => page.goto(startUrl("hugo.bernard@corp.test")))).toBe(`${server.url}/login?sso_error=not_invited`);
    await page.getByText("You have no account here yet", { exact: false }).waitFor();
    const invited = await call("POST", "/api/v1/admin/invitations", { cookie: adminCookie, json: { email: "hugo.bernard@corp.test", role: "guest" } });
    expect(invited.status, invited.text).toBe(201);
    expect(await throughProvider(page, () => page.goto(startUrl("hugo.bernard@corp.test")))).toBe(`${server.url}/`);
    const me = await (await context.request.get("/api/v1/me")).json();
    expect({ email: me.user.email, role: me.user.role, charterAccepted: me.charterAccepted }).toEqual({ email: "hugo.bernard@corp.test", role: "guest", charterAccepted: false });
    await context.close();
  });

  it("mandatory single sign-on refuses the password of a member of the domain, and the sign-in page sends them to SSO", async () => {
    await configure({ jit: true, mandatory: false });
    const invited = await call("POST", "/api/v1/admin/invitations", { cookie: adminCookie, json: { email: "paul.roux@corp.test", role: "member" } });
    const token = new URL(invited.json.url).pathname.split("/").pop();
    const accepted = await call("POST", "/api/v1/auth/accept-invitation", { json: { token, name: "Paul Roux", password: PASSWORD, charterVersion } });
    expect(accepted.status, accepted.text).toBe(200);
    expect((await call("POST", "/api/v1/auth/login", { json: { email: "paul.roux@corp.test", password: PASSWORD } })).status).toBe(200);
    await configure({ jit: true, mandatory: true });
    const refused = await call("POST", "/api/v1/auth/login", { json: { email: "paul.roux@corp.test", password: PASSWORD } });
    expect({ status: refused.status, code: refused.json.error.code, sso: refused.json.error.details?.sso }).toEqual({ status: 403, code: "forbidden", sso: true });
    expect(refused.json.error.message).toContain("single sign-on");
    // Outside the domain, passwords still work.
    expect((await call("POST", "/api/v1/auth/login", { json: { email: "admin@admins.test", password: PASSWORD } })).status).toBe(200);
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.fill("#login-email", "paul.roux@corp.test");
    await page.fill("#login-password", PASSWORD);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(issuer)), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
    expect(await throughProvider(page, async () => {})).toBe(`${server.url}/`);
    const me = await (await context.request.get("/api/v1/me")).json();
    expect(me.user.email).toBe("paul.roux@corp.test");
    await context.close();
  });

  it("a member who signs in only through SSO deletes their account after confirming at the provider (no password asked)", async () => {
    // SSO is mandatory for corp.test now (the test above): the page offers no password, only the provider.
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const page = await context.newPage();
    expect(await throughProvider(page, () => page.goto(startUrl("zoe.leroy@corp.test")))).toBe(`${server.url}/`);
    const accept = await context.request.post("/api/v1/charter/accept", { data: { version: charterVersion } });
    expect(accept.status(), await accept.text()).toBe(204);
    const me = (await (await context.request.get("/api/v1/me")).json()).user as { id: string };
    // An older session (not begun through SSO: an API token of the member here) is refused without a password.
    const token = (await (await context.request.post("/api/v1/me/tokens", { data: { name: "old", scopes: ["write"] } })).json()).token as string;
    const stale = await fetch(`${server.url}/api/v1/me`, { method: "DELETE", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: "{}" });
    expect(stale.status).toBe(400);

    await page.goto("/settings");
    await page.getByRole("heading", { level: 2, name: "Your data" }).waitFor();
    const confirm = page.getByRole("link", { name: "Confirm with single sign-on" });
    await confirm.waitFor();
    expect(await page.getByLabel("Your password").count()).toBe(0);
    expect(new URL((await confirm.getAttribute("href"))!, server.url).searchParams.get("returnTo")).toBe("/settings?reauth=sso");
    // Through the provider (its session in this browser: straight back) to the settings page, with a fresh SSO session.
    expect(await throughProvider(page, () => Promise.all([page.waitForURL((u) => u.pathname === "/settings"), confirm.click()]))).toBe(`${server.url}/settings?reauth=sso`);
    await page.getByText("You confirmed it is you through single sign-on.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Delete my account now" }).click();
    await page.getByRole("dialog", { name: "Delete your account for good?" }).getByRole("button", { name: "Delete my account" }).click();
    await expect.poll(async () => (await context.request.get("/api/v1/me")).status(), { timeout: 10_000 }).toBe(401);
    const directory = await call("GET", `/api/v1/users/${me.id}`, { cookie: adminCookie });
    expect(directory.status).toBe(404);
    await context.close();
  });
});
