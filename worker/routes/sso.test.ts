import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sessionInsert } from "../services/auth/sessions";
import { SSO_PENDING_TTL_MS, sweepSsoPending } from "../services/sso/flow";
import { hashSecret } from "../lib/ids";
import { SSO_ROLES, SSO_ROUTE_ACCESS } from "../test/authorization-table";
import { answerOf, api, createMember, expectError, ORIGIN, PASSWORD, send, tableCounts, testContext, workerFetch, type TestMember } from "../test/factories";
import { describeCommonAuthFailures, type RouteUnderTest } from "../test/route-table";

/**
 * Single sign-on (issue 12): the administrators' settings, the domain check, the start redirect and the callback's
 * refusals that need no provider, each against a literal table. The flow against a real provider (discovery, the code
 * exchange, the ID token's checks, just-in-time accounts, the charter first) is e2e/sso.e2e.ts: the test pool has no
 * provider to reach, nor the client secret, so here a configured network still answers `not_configured` past the
 * domain check.
 */

const SETTINGS = { issuer: "https://login.example.test/tenant/v2.0", clientId: "comptoir-network", domains: ["corp.example.test", "corp.example.fr"], jit: true, mandatory: false };
const CALLBACK = `${ORIGIN}/api/v1/auth/sso/callback`;

const put = (admin: TestMember, body: unknown) => api("/api/v1/admin/sso", { as: admin, method: "PUT", body });

/** What a sign-in that succeeded leaves (the test pool has no provider to sign in through): the configuration proven. */
const markVerified = (at = Date.now()) => env.DB.prepare("UPDATE sso_config SET verified_at = ?").bind(at).run();

const ROUTES: RouteUnderTest[] = [
  { method: "GET", route: "/api/v1/admin/sso", access: "admin", ok: 200, build: async () => ({ path: "/api/v1/admin/sso" }) },
  { method: "PUT", route: "/api/v1/admin/sso", access: "admin", ok: 200, build: async () => ({ path: "/api/v1/admin/sso", body: SETTINGS }) },
  { method: "GET", route: "/api/v1/auth/sso/domain", access: "public", charterExempt: true, ok: 200, build: async () => ({ path: "/api/v1/auth/sso/domain?email=someone%40corp.example.test" }) },
  { method: "GET", route: "/api/v1/auth/sso/start", access: "public", charterExempt: true, ok: 302, build: async () => ({ path: "/api/v1/auth/sso/start?email=someone%40corp.example.test" }) },
  { method: "GET", route: "/api/v1/auth/sso/callback", access: "public", charterExempt: true, ok: 302, build: async () => ({ path: "/api/v1/auth/sso/callback?code=c&state=s" }) },
];

describe("common auth failures of every single sign-on route", () => {
  describeCommonAuthFailures(ROUTES);
});

describe("the single sign-on authorization table", () => {
  it("lists exactly the routes above", () => {
    expect(Object.keys(SSO_ROUTE_ACCESS)).toEqual(ROUTES.map((r) => `${r.method} ${r.route}`));
  });

  for (const route of ROUTES) {
    for (const role of SSO_ROLES) {
      const expected = SSO_ROUTE_ACCESS[`${route.method} ${route.route}`][role];
      it(`${route.method} ${route.route} · ${role} → ${expected}`, async () => {
        const admin = await createMember({ role: "admin" });
        const req = await route.build(admin);
        const caller = role === "anonymous" ? null : role === "admin" ? admin : await createMember({ role });
        const res = await send(req.path, { method: route.method, body: req.body, as: caller });
        if (expected === "allow") expect(res.status, res.text.slice(0, 300)).toBe(route.ok);
        else await expectError(res, expected, expected === 401 ? "unauthenticated" : "forbidden");
      });
    }
  }
});

describe("the settings", () => {
  it("answer nulls while nothing is configured, then what was saved; each save is audited sso.update", async () => {
    await env.DB.prepare("DELETE FROM sso_config").run();
    const admin = await createMember({ role: "admin" });
    const empty = await api("/api/v1/admin/sso", { as: admin });
    expect(empty.json).toEqual({ issuer: null, clientId: null, domains: null, jit: false, mandatory: false, clientSecretSet: false, redirectUri: CALLBACK, updatedAt: null, updatedBy: null, verifiedAt: null });

    const saved = await put(admin, { ...SETTINGS, domains: ["Corp.Example.TEST", "corp.example.fr", "corp.example.test"] });
    expect(saved.status, saved.text).toBe(200);
    const { updatedAt, ...rest } = saved.json;
    expect(rest).toEqual({ ...SETTINGS, clientSecretSet: false, redirectUri: CALLBACK, updatedBy: admin.id, verifiedAt: null });
    expect(typeof updatedAt).toBe("number");
    expect((await api("/api/v1/admin/sso", { as: admin })).json).toEqual(saved.json);

    await markVerified();
    expect((await put(admin, { ...SETTINGS, jit: false, mandatory: true })).status).toBe(200);
    const rows = await env.DB.prepare("SELECT actor_id, action, target_type, target_id, group_id, before, after FROM audit_log WHERE action = 'sso.update' ORDER BY created_at, id").all();
    const fields = { issuer: SETTINGS.issuer, clientId: SETTINGS.clientId, domains: SETTINGS.domains };
    expect(rows.results.slice(-2)).toEqual([
      { actor_id: admin.id, action: "sso.update", target_type: "sso", target_id: "sso", group_id: null, before: null, after: JSON.stringify({ ...fields, jit: true, mandatory: false }) },
      { actor_id: admin.id, action: "sso.update", target_type: "sso", target_id: "sso", group_id: null, before: JSON.stringify({ ...fields, jit: true, mandatory: false }), after: JSON.stringify({ ...fields, jit: false, mandatory: true }) },
    ]);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });

  it("refuses what cannot be a provider's settings with 400 on the field, and writes nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const cases: [string, Record<string, unknown>, string][] = [
      ["an http issuer", { issuer: "http://login.example.test/tenant" }, "issuer"],
      // OIDC_ALLOW_HTTP_LOOPBACK is off here (its default): loopback gets no exception either.
      ["an http loopback issuer while the variable is off", { issuer: "http://127.0.0.1:9000" }, "issuer"],
      ["an issuer with a query", { issuer: "https://login.example.test/?tenant=1" }, "issuer"],
      ["an issuer that is not a URL", { issuer: "login.example.test" }, "issuer"],
      ["no domain", { domains: [] }, "domains"],
      ["a domain with a scheme", { domains: ["https://corp.example.test"] }, "domains.0"],
      ["an email instead of a domain", { domains: ["a@corp.example.test"] }, "domains.0"],
      ["a domain without a dot", { domains: ["localhost"] }, "domains.0"],
      ["an empty client id", { clientId: "" }, "clientId"],
      ["jit missing", { jit: undefined }, "jit"],
    ];
    for (const [name, change, field] of cases) {
      const before = await tableCounts({ files: false });
      const res = await put(admin, { ...SETTINGS, ...change });
      const error = await expectError(res, 400, "validation_failed");
      expect(error.details.map((d: { path: string }) => d.path), name).toEqual([field]);
      expect(await tableCounts({ files: false }), name).toEqual(before);
    }
  });
});

describe("the sign-in routes", () => {
  it("say which emails sign in through SSO, and which must", async () => {
    const admin = await createMember({ role: "admin" });
    const domain = async (query: string) => (await api(`/api/v1/auth/sso/domain?email=${query.split("&").map((p, i) => (i === 0 ? encodeURIComponent(p) : p.replace(/=(.*)/, (_m, v: string) => `=${encodeURIComponent(v)}`))).join("&")}`)).json;
    await env.DB.prepare("DELETE FROM sso_config").run();
    expect(await domain("ana@corp.example.test")).toEqual({ sso: false, mandatory: false, start: null });
    await put(admin, SETTINGS);
    await markVerified();
    expect((await put(admin, { ...SETTINGS, mandatory: true, domains: ["corp.example.test"] })).status).toBe(200);
    const start = "/api/v1/auth/sso/start?email=ana%40corp.example.test";
    const table: [string, { sso: boolean; mandatory: boolean; start: string | null }][] = [
      ["ana@corp.example.test", { sso: true, mandatory: true, start }],
      ["ANA@Corp.Example.Test", { sso: true, mandatory: true, start }],
      ["ana@corp.example.test&returnTo=/groups/grp_1?tab=posts", { sso: true, mandatory: true, start: `${start}&returnTo=%2Fgroups%2Fgrp_1%3Ftab%3Dposts` }],
      ["ana@corp.example.fr", { sso: false, mandatory: false, start: null }],
      ["ana@sub.corp.example.test", { sso: false, mandatory: false, start: null }],
      ["ana@example.test", { sso: false, mandatory: false, start: null }],
    ];
    for (const [email, expected] of table) expect(await domain(email), email).toEqual(expected);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });

  it("start: back to the sign-in page with the reason when it cannot start, and nothing stored", async () => {
    const admin = await createMember({ role: "admin" });
    await env.DB.prepare("DELETE FROM sso_config").run();
    // What a start stores, leaving out the throttle's counters (rate_windows: every attempt counts, and a new row
    // begins with each window, whenever the clock crosses one).
    const stored = async () => {
      const { rate_windows: _counters, ...rows } = await tableCounts({ files: false });
      return rows;
    };
    const start = async (email: string) => {
      const before = await stored();
      const res = await api(`/api/v1/auth/sso/start?email=${encodeURIComponent(email)}&returnTo=%2Fgroups`);
      expect(await stored()).toEqual(before);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      return `${res.status} ${res.headers.get("Location")}`;
    };
    expect(await start("ana@corp.example.test")).toBe(`302 ${ORIGIN}/login?sso_error=not_configured`);
    await put(admin, SETTINGS);
    expect(await start("ana@elsewhere.example.test")).toBe(`302 ${ORIGIN}/login?sso_error=domain`);
    // A served domain, but no OIDC_CLIENT_SECRET in this Worker: not configured yet.
    expect(await start("ana@corp.example.test")).toBe(`302 ${ORIGIN}/login?sso_error=not_configured`);
    const bad: [string, string][] = [
      ["not-an-email", "email"],
      ["ana@corp.example.test&returnTo=https%3A%2F%2Fevil.test%2F", "returnTo"],
      ["ana@corp.example.test&returnTo=%2F%2Fevil.test", "returnTo"],
      ["ana@corp.example.test&returnTo=%2F%5Cevil.test", "returnTo"],
      // Not ASCII, or a control character: a Location header could not carry it as it is.
      ["ana@corp.example.test&returnTo=%2F%E2%82%AC", "returnTo"],
      ["ana@corp.example.test&returnTo=%2Fa%00b", "returnTo"],
      ["ana@corp.example.test&returnTo=%2Fa%20b", "returnTo"],
    ];
    for (const [query, field] of bad) {
      const error = await expectError(await api(`/api/v1/auth/sso/start?email=${query}`), 400, "validation_failed");
      expect(error.details.map((d: { path: string }) => d.path), query).toEqual([field]);
    }
    await env.DB.prepare("DELETE FROM sso_config").run();
  });

  it("callback: a missing, unknown, expired or spent state lands on the sign-in page; a pending sign-in is spent once", async () => {
    const admin = await createMember({ role: "admin" });
    await put(admin, SETTINGS);
    const now = Date.now();
    const pending = async (state: string, expiresAt: number) =>
      env.DB.prepare("INSERT INTO sso_pending (state_hash, nonce, code_verifier, issuer, return_to, created_at, expires_at) VALUES (?, 'n', 'v', ?, '/', ?, ?)")
        .bind(await hashSecret(state), SETTINGS.issuer, now, expiresAt)
        .run();
    await pending("a-live-state", now + SSO_PENDING_TTL_MS);
    await pending("an-expired-state", now - 1);
    const callback = async (query: string) => {
      const res = await api(`/api/v1/auth/sso/callback${query}`);
      expect(res.headers.get("Set-Cookie"), query).toBeNull();
      return `${res.status} ${res.headers.get("Location")}`;
    };
    const table: [string, string][] = [
      ["", "state"],
      ["?code=c", "state"],
      ["?code=c&state=an-unknown-state", "state"],
      [`?code=c&state=${"x".repeat(600)}`, "state"],
      ["?code=c&state=an-expired-state", "state"],
      ["?error=access_denied&state=an-unknown-state", "state"],
      // The live one gets past the state (and is spent), then finds no client secret in this Worker.
      ["?code=c&state=a-live-state", "not_configured"],
      ["?code=c&state=a-live-state", "state"],
      ["?code=c&state=a-live-state&unknown=1&session_state=x", "state"],
    ];
    for (const [query, code] of table) expect(await callback(query), query).toBe(`302 ${ORIGIN}/login?sso_error=${code}`);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM sso_pending").first<{ n: number }>())!.n).toBe(0);
    // The same callback twice at once: exactly one gets past the state.
    await pending("a-raced-state", Date.now() + SSO_PENDING_TTL_MS);
    const raced = await Promise.all([callback("?code=c&state=a-raced-state"), callback("?code=c&state=a-raced-state")]);
    expect(raced.sort()).toEqual([`302 ${ORIGIN}/login?sso_error=not_configured`, `302 ${ORIGIN}/login?sso_error=state`]);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });

  it("the cron deletes the sign-ins never finished, and only those", async () => {
    await env.DB.prepare("DELETE FROM sso_pending").run();
    const now = Date.now();
    for (const [state, expiresAt] of [["old", now - 1000], ["fresh", now + 60_000]] as const) {
      await env.DB.prepare("INSERT INTO sso_pending (state_hash, nonce, code_verifier, issuer, return_to, created_at, expires_at) VALUES (?, 'n', 'v', 'https://x.test', '/', ?, ?)").bind(state, now, expiresAt).run();
    }
    expect(await sweepSsoPending(testContext(), now)).toBe(1);
    expect((await env.DB.prepare("SELECT state_hash FROM sso_pending").all()).results).toEqual([{ state_hash: "fresh" }]);
  });

  it("a session begun through SSO is marked with its time; others are not", async () => {
    const member = await createMember();
    const ctx = testContext();
    const viaSso = await sessionInsert(ctx, member.id, 1_000, { ssoAt: 1_000 });
    const plain = await sessionInsert(ctx, member.id, 2_000);
    await ctx.db.batch([viaSso.insert, plain.insert]);
    const rows = await env.DB.prepare("SELECT created_at, sso_at FROM sessions WHERE user_id = ? AND created_at IN (1000, 2000) ORDER BY created_at").bind(member.id).all();
    expect(rows.results).toEqual([{ created_at: 1000, sso_at: 1000 }, { created_at: 2000, sso_at: null }]);
  });
});

describe("mandatory single sign-on", () => {
  it("refuses the password of an email of a mandatory domain with 403 forbidden pointing to SSO; other domains and non-mandatory ones sign in", async () => {
    const admin = await createMember({ role: "admin" });
    await createMember({ profile: { email: "lea@corp.example.test" } });
    await createMember({ profile: { email: "lea@partner.example.test" } });
    const login = (email: string) => api("/api/v1/auth/login", { body: { email, password: PASSWORD } });
    await put(admin, { ...SETTINGS, mandatory: false });
    expect((await login("lea@corp.example.test")).status).toBe(200);
    await markVerified();
    expect((await put(admin, { ...SETTINGS, mandatory: true })).status).toBe(200);
    const before = await tableCounts({ files: false });
    const error = await expectError(await login("lea@corp.example.test"), 403, "forbidden");
    expect(error.message).toContain("single sign-on");
    expect(error.details).toEqual({ sso: true });
    expect(await tableCounts({ files: false }), "a refused sign-in writes nothing (not even a failure)").toEqual(before);
    // The same answer whatever the password, and for an email of the domain that is no member: nothing told.
    await expectError(await api("/api/v1/auth/login", { body: { email: "lea@corp.example.test", password: "wrong password" } }), 403, "forbidden");
    await expectError(await login("nobody@corp.example.test"), 403, "forbidden");
    expect((await login("lea@partner.example.test")).status).toBe(200);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });
});

describe("the single sign-on start's rate limit", () => {
  it("lets exactly SSO_STARTS_PER_MINUTE starts of one address through per minute, then 429 rate_limited with Retry-After; other addresses are not counted", async () => {
    const admin = await createMember({ role: "admin" });
    await put(admin, SETTINGS);
    // A limit of 3 for this test: the Worker's configuration is read from the bindings it is handed.
    const bindings = { ...env, SSO_STARTS_PER_MINUTE: "3" } as unknown as Env;
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const start = async (from: string) =>
      answerOf(await workerFetch(`${ORIGIN}/api/v1/auth/sso/start?email=ana%40corp.example.test`, { headers: { "CF-Connecting-IP": from } }, bindings));
    if (Date.now() % 60_000 > 57_000) await new Promise((r) => setTimeout(r, 3500));
    const burst = await Promise.all(Array.from({ length: 8 }, () => start(address)));
    // The three that pass go on as usual (no client secret in this Worker: back to the sign-in page).
    expect(burst.map((r) => `${r.status} ${r.headers.get("Location") ?? r.json?.error?.code}`).sort()).toEqual([
      `302 ${ORIGIN}/login?sso_error=not_configured`,
      `302 ${ORIGIN}/login?sso_error=not_configured`,
      `302 ${ORIGIN}/login?sso_error=not_configured`,
      "429 rate_limited",
      "429 rate_limited",
      "429 rate_limited",
      "429 rate_limited",
      "429 rate_limited",
    ]);
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.json.error).toMatchObject({ code: "rate_limited", details: { retryAfter: Number(refused.headers.get("Retry-After")) } });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    // Another address starts as usual.
    expect((await start("198.51.100.7")).status).toBe(302);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });
});

describe("mandatory single sign-on cannot lock everybody out", () => {
  it("is refused (409, nothing written) until a sign-in through this issuer and client id has succeeded; another issuer or client id starts untested again", async () => {
    await env.DB.prepare("DELETE FROM sso_config").run();
    const admin = await createMember({ role: "admin" });
    const refused = async (body: unknown, why: string) => {
      const before = await tableCounts({ files: false });
      const config = await env.DB.prepare("SELECT * FROM sso_config").all();
      const error = await expectError(await put(admin, body), 409, "conflict");
      expect(error.message, why).toContain("mandatory only after a sign-in");
      expect(error.details, why).toEqual({ ssoVerified: false });
      expect(await tableCounts({ files: false }), why).toEqual(before);
      expect((await env.DB.prepare("SELECT * FROM sso_config").all()).results, why).toEqual(config.results);
    };
    await refused({ ...SETTINGS, mandatory: true }, "nothing configured yet");
    expect((await put(admin, SETTINGS)).json.verifiedAt).toBe(null);
    await refused({ ...SETTINGS, mandatory: true }, "configured, never signed in through");
    // A sign-in through it succeeded (the callback sets verified_at in its batch: e2e/sso.e2e.ts): mandatory is accepted,
    // and a later save of the same provider and client keeps the proof.
    await markVerified(1_700_000_000_000);
    const made = await put(admin, { ...SETTINGS, mandatory: true });
    expect({ status: made.status, mandatory: made.json.mandatory, verifiedAt: made.json.verifiedAt }).toEqual({ status: 200, mandatory: true, verifiedAt: 1_700_000_000_000 });
    expect((await put(admin, { ...SETTINGS, mandatory: true, domains: ["corp.example.test"] })).json.verifiedAt).toBe(1_700_000_000_000);
    // Another issuer, or another client id, is untested: mandatory is refused, and saving it optional forgets the proof.
    await refused({ ...SETTINGS, issuer: "https://login.example.test/other/v2.0", mandatory: true }, "another issuer");
    await refused({ ...SETTINGS, clientId: "another-client", mandatory: true }, "another client id");
    const other = await put(admin, { ...SETTINGS, clientId: "another-client", mandatory: false });
    expect({ status: other.status, verifiedAt: other.json.verifiedAt }).toEqual({ status: 200, verifiedAt: null });
    await refused({ ...SETTINGS, clientId: "another-client", mandatory: true }, "the new client id, not yet signed in through");
    // Turning it off is always possible.
    expect((await put(admin, { ...SETTINGS, mandatory: false })).status).toBe(200);
    await env.DB.prepare("DELETE FROM sso_config").run();
  });
});
