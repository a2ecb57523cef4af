import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../lib/ids";
import { hitRateWindow, RATE_WINDOW_MS } from "../services/rate";
import { api, createGroup, createMember, expectError, send, testContext, type TestMember } from "../test/factories";

/**
 * API tokens (API.md "Integrations"): made from a session, shown once, stored hashed; `Authorization: Bearer` on every
 * route its scopes cover, refused (401) when revoked, expired or its member deactivated; exempt from the Origin check,
 * never from permissions; 429 past the per-minute limit.
 */

async function makeToken(member: TestMember, scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await api("/api/v1/me/tokens", { as: member, body: { name: `Token ${scopes.join("+")}`, scopes, ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; token: string; scopes: string[] };
}

/** A request as an integration makes it: the Bearer token, no cookie, no Origin unless told. */
function withToken(token: string, path: string, call: { method?: string; body?: unknown; origin?: string | null; cookie?: string } = {}) {
  return send(path, {
    method: call.method,
    body: call.body,
    origin: call.origin ?? null,
    headers: { Authorization: `Bearer ${token}`, ...(call.cookie ? { Cookie: call.cookie } : {}) },
  });
}

let invitation = 0;
const CALLS = {
  get: (t: string) => withToken(t, "/api/v1/me"),
  mutation: (t: string) => withToken(t, "/api/v1/me/profile", { method: "PATCH", body: { bio: "Set through a token" } }),
  adminGet: (t: string) => withToken(t, "/api/v1/admin/invitations?limit=10"),
  adminMutation: (t: string) => withToken(t, "/api/v1/admin/invitations", { body: { email: `token.invite${++invitation}.${Date.now()}@example.test`, role: "member" } }),
};

/** Written by hand from API.md: `read` GET routes, `write` all but admin routes, `admin` the admin routes. */
const SCOPE_TABLE: [string[], { get: number; mutation: number; adminGet: number; adminMutation: number }][] = [
  [["read"], { get: 200, mutation: 403, adminGet: 403, adminMutation: 403 }],
  [["write"], { get: 200, mutation: 200, adminGet: 403, adminMutation: 403 }],
  [["admin"], { get: 403, mutation: 403, adminGet: 200, adminMutation: 201 }],
  [["read", "admin"], { get: 200, mutation: 403, adminGet: 200, adminMutation: 201 }],
  [["write", "admin"], { get: 200, mutation: 200, adminGet: 200, adminMutation: 201 }],
];

describe("scopes: an administrator's token against a GET, a mutation and admin routes", () => {
  it.each(SCOPE_TABLE.map(([scopes, expected]) => [scopes.join("+"), scopes, expected] as const))("%s", async (_name, scopes, expected) => {
    const admin = await createMember({ role: "admin" });
    const { token } = await makeToken(admin, [...scopes]);
    const got: Record<string, number> = {};
    for (const [name, call] of Object.entries(CALLS)) {
      const res = await call(token);
      got[name] = res.status;
      if (res.status === 403) await expectError(res, 403, "forbidden");
    }
    expect(got).toEqual(expected);
  });

  it("a member's write token: everything the member may do, admin routes 403", async () => {
    const member = await createMember();
    const { token } = await makeToken(member, ["write"]);
    expect([(await CALLS.get(token)).status, (await CALLS.mutation(token)).status, (await CALLS.adminGet(token)).status]).toEqual([200, 200, 403]);
  });

  it("an administrator's powers inside member routes need the admin scope too (reading a private group they are not in)", async () => {
    const owner = await createMember();
    const admin = await createMember({ role: "admin" });
    const group = await createGroup([{ user: owner }], "Private of someone else");
    const write = await makeToken(admin, ["write"]);
    const withAdmin = await makeToken(admin, ["read", "admin"]);
    expect((await withToken(write.token, `/api/v1/groups/${group}/posts`)).status).toBe(403);
    expect((await withToken(withAdmin.token, `/api/v1/groups/${group}/posts`)).status).toBe(200);
  });

  it("permission checks still apply: a write token cannot post in a group its member is not in", async () => {
    const owner = await createMember();
    const member = await createMember();
    const group = await createGroup([{ user: owner }], "Closed to the token's member");
    const { token } = await makeToken(member, ["write"]);
    await expectError(await withToken(token, `/api/v1/groups/${group}/posts`, { body: { body: "Hello" } }), 403, "forbidden");
  });
});

describe("making, listing and revoking tokens", () => {
  it("a non-administrator asking for the admin scope → 403, nothing made", async () => {
    const member = await createMember();
    await expectError(await api("/api/v1/me/tokens", { as: member, body: { name: "Too much", scopes: ["read", "admin"] } }), 403, "forbidden");
    expect((await api("/api/v1/me/tokens", { as: member })).json.items).toEqual([]);
  });

  it("an expiry in the past → 400 validation_failed", async () => {
    const member = await createMember();
    const error = await expectError(await api("/api/v1/me/tokens", { as: member, body: { name: "Old", scopes: ["read"], expiresAt: Date.now() - 1000 } }), 400, "validation_failed");
    expect(error.details).toEqual([{ path: "expiresAt", message: "The expiry must be in the future" }]);
  });

  it("the token is shown once, starts with cpt_, is stored hashed; the list never has it and shows the last use", async () => {
    const member = await createMember();
    const made = await makeToken(member, ["read"]);
    expect(made.token).toMatch(/^cpt_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?").bind(made.id).first<{ token_hash: string }>();
    expect(row!.token_hash).not.toBe(made.token);
    expect(row!.token_hash).toBe(await hashSecret(made.token));
    const before = await api("/api/v1/me/tokens", { as: member });
    expect(before.json.items).toEqual([{ id: made.id, name: "Token read", scopes: ["read"], createdAt: expect.any(Number), expiresAt: null, lastUsedAt: null }]);
    expect(before.text).not.toContain(made.token.slice(4));
    expect((await CALLS.get(made.token)).status).toBe(200);
    const after = await api("/api/v1/me/tokens", { as: member });
    expect(after.json.items[0].lastUsedAt).toBeGreaterThan(0);
  });

  it("with a token: read lists, write revokes, but making a new token needs a session (403)", async () => {
    const member = await createMember();
    const read = await makeToken(member, ["read"]);
    const write = await makeToken(member, ["write"]);
    expect((await withToken(read.token, "/api/v1/me/tokens")).status).toBe(200);
    await expectError(await withToken(write.token, "/api/v1/me/tokens", { body: { name: "Minted", scopes: ["read"] } }), 403, "forbidden");
    await expectError(await withToken(read.token, `/api/v1/me/tokens/${write.id}`, { method: "DELETE" }), 403, "forbidden");
    expect((await withToken(write.token, `/api/v1/me/tokens/${read.id}`, { method: "DELETE" })).status).toBe(204);
    await expectError(await CALLS.get(read.token), 401, "unauthenticated");
  });

  it("another member's token id → 404 and it keeps working", async () => {
    const owner = await createMember();
    const other = await createMember();
    const made = await makeToken(owner, ["read"]);
    await expectError(await api(`/api/v1/me/tokens/${made.id}`, { as: other, method: "DELETE" }), 404, "not_found");
    expect((await CALLS.get(made.token)).status).toBe(200);
  });
});

describe("tokens that no longer work → 401", () => {
  it("revoked", async () => {
    const member = await createMember();
    const made = await makeToken(member, ["write"]);
    expect((await api(`/api/v1/me/tokens/${made.id}`, { as: member, method: "DELETE" })).status).toBe(204);
    await expectError(await CALLS.get(made.token), 401, "unauthenticated");
  });

  it("expired", async () => {
    const member = await createMember();
    const made = await makeToken(member, ["write"], { expiresAt: Date.now() + 60_000 });
    expect((await CALLS.get(made.token)).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, made.id).run();
    await expectError(await CALLS.get(made.token), 401, "unauthenticated");
  });

  it("its member deactivated: at once", async () => {
    const member = await createMember();
    const admin = await createMember({ role: "admin" });
    const made = await makeToken(member, ["write"]);
    expect((await CALLS.get(made.token)).status).toBe(200);
    expect((await api(`/api/v1/admin/users/${member.id}/deactivate`, { as: admin, method: "POST" })).status).toBe(204);
    await expectError(await CALLS.get(made.token), 401, "unauthenticated");
    await expectError(await CALLS.mutation(made.token), 401, "unauthenticated");
  });

  it.each([
    ["an unknown cpt_ token", "cpt_not-a-real-token-0000000000000000000000000"],
    ["a session token sent as Bearer", "not-even-a-cpt-token"],
  ])("%s, even on a public route", async (_name, token) => {
    await expectError(await withToken(token, "/api/v1/me"), 401, "unauthenticated");
    await expectError(await withToken(token, "/api/v1/charter"), 401, "unauthenticated");
  });
});

describe("the Origin check: tokens are not cookies", () => {
  it("a cross-origin Bearer mutation is accepted", async () => {
    const member = await createMember();
    const { token } = await makeToken(member, ["write"]);
    const res = await withToken(token, "/api/v1/me/profile", { method: "PATCH", body: { bio: "From elsewhere" }, origin: "https://elsewhere.example" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.bio).toBe("From elsewhere");
  });

  it("a cookie with a bad Origin and no Bearer is still refused", async () => {
    const member = await createMember();
    await expectError(await send("/api/v1/me/profile", { method: "PATCH", as: member, body: { bio: "Forged" }, origin: "https://elsewhere.example" }), 403, "forbidden");
  });

  it("a cookie with a bad Origin and a bogus Bearer is refused (401: the cookie is not used)", async () => {
    const member = await createMember();
    await expectError(await withToken("cpt_bogus", "/api/v1/me/profile", { method: "PATCH", body: { bio: "Forged" }, origin: "https://elsewhere.example", cookie: member.cookie }), 401, "unauthenticated");
    expect((await api("/api/v1/me", { as: member })).json.user.bio).not.toBe("Forged");
  });
});

describe("the rate limit", () => {
  it("exactly `limit` of N concurrent hits pass in one window (the counter is one statement)", async () => {
    const ctx = testContext();
    const key = `test:${crypto.randomUUID()}`;
    const now = Date.now();
    const hits = await Promise.all(Array.from({ length: 25 }, () => hitRateWindow(ctx, key, 7, now)));
    expect(hits.filter((h) => h.allowed).length).toBe(7);
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // The next window starts again from one.
    expect((await hitRateWindow(ctx, key, 7, now + RATE_WINDOW_MS)).count).toBe(1);
  });

  it("past 600 requests in the minute a token gets 429 rate_limited with Retry-After", async () => {
    const member = await createMember();
    const made = await makeToken(member, ["read"]);
    // Not at the very end of a minute, so the window filled below is the one the requests hit.
    if (Date.now() % RATE_WINDOW_MS > RATE_WINDOW_MS - 3000) await new Promise((r) => setTimeout(r, 3500));
    const now = Date.now();
    const windowStart = now - (now % RATE_WINDOW_MS);
    await env.DB.prepare("INSERT INTO rate_windows (key, window_start, count) VALUES (?, ?, ?)").bind(`tok:${made.id}`, windowStart, 598).run();
    // A small concurrent burst of 5 at 598 used: exactly 2 pass.
    const burst = await Promise.all(Array.from({ length: 5 }, () => CALLS.get(made.token)));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 429, 429, 429]);
    const refused = burst.find((r) => r.status === 429)!;
    await expectError(refused, 429, "rate_limited");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

describe("the OpenAPI document", () => {
  it("declares the bearer scheme beside the session cookie, on every non-public route", async () => {
    const doc = (await api("/api/v1/openapi.json")).json;
    expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer", description: "An API token (`cpt_…`) from POST /api/v1/me/tokens" });
    expect(doc.components.securitySchemes.session).toEqual({ type: "apiKey", in: "cookie", name: "comptoir_session" });
    expect(doc.paths["/api/v1/me/tokens"].post.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.paths["/api/v1/hooks/{token}"].post.security).toEqual([]);
  });
});
