import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, openApiDocument } from "../app";
import { hashSecret } from "../lib/ids";
import {
  answerOf,
  api,
  checkedFetch,
  createGroup,
  createInvitation,
  createMember,
  currentCharterVersion,
  expectError,
  newCharterVersion,
  ORIGIN,
  PASSWORD,
  send,
  tableCounts,
  type ApiResponse,
  type TestMember,
} from "../test/factories";
import { describeCommonAuthFailures, FOREIGN_ORIGIN, type RouteUnderTest } from "../test/route-table";
import { IMAGES } from "../test/images";

// Some tests make a hundred requests; on a busy machine a timeout would leave them running into the next test.
vi.setConfig({ testTimeout: 60_000 });

const SETUP_TOKEN = "test-setup-token-0123456789"; // vitest.config.ts
const TOKEN_URL = /^http:\/\/example\.test\/invite\/[\w-]{43}$/;

/** Lowercase letters only: a word the directory's full-text index keeps whole, unique to one test. */
function word(prefix = "w") {
  return prefix + Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

const TWO_MB = 2 * 1024 * 1024;

function sessionToken(member: TestMember) {
  return member.cookie.split("=")[1];
}

function cookieOf(res: ApiResponse) {
  const set = res.headers.get("Set-Cookie");
  if (!set) throw new Error(`no Set-Cookie: ${res.status} ${res.text}`);
  return set.split(";")[0];
}

/** A member as seen through a cookie from a response (login, setup, accept-invitation). */
function asCookie(base: TestMember, res: ApiResponse): TestMember {
  return { ...base, cookie: cookieOf(res) };
}

async function login(email: string, password: string, address = "198.51.100.1") {
  return api("/api/v1/auth/login", { body: { email, password }, headers: { "CF-Connecting-IP": address } });
}

/** Every page of a list, following nextCursor; fails on a page over the limit or a loop. */
async function walk(path: string, as: TestMember, limit: number) {
  const pages: any[][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await api(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { as });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(limit);
    pages.push(res.json.items);
    cursor = res.json.nextCursor;
    expect(pages.length, "too many pages: the cursor does not advance").toBeLessThan(500);
  } while (cursor !== null);
  return pages;
}

/** Runs `fn` with every administrator demoted for a while, as on a network that has none yet. */
async function withoutAdministrators(fn: () => Promise<void>) {
  const { results } = await env.DB.prepare("UPDATE users SET role = 'member' WHERE role = 'admin' RETURNING id").all<{ id: string }>();
  try {
    await fn();
  } finally {
    if (results.length) await env.DB.batch(results.map((r) => env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(r.id)));
  }
}

/** Runs `fn` on a network where no charter was published yet, then puts the versions back. */
async function withoutCharter(fn: () => Promise<void>) {
  const { results } = await env.DB.prepare("SELECT version, body, html, published_by, published_at FROM charter_versions").all<any>();
  await env.DB.prepare("DELETE FROM charter_versions").run();
  try {
    await fn();
  } finally {
    if (results.length) {
      await env.DB.batch(
        results.map((r) =>
          env.DB.prepare("INSERT INTO charter_versions (version, body, html, published_by, published_at) VALUES (?, ?, ?, ?, ?)").bind(r.version, r.body, r.html, r.published_by, r.published_at),
        ),
      );
    }
  }
}

/** The app with other settings (PUBLIC_ORIGIN, no SETUP_TOKEN), called directly. */
async function callWithEnv(overrides: Partial<Env>, url: string, init: RequestInit = {}): Promise<ApiResponse> {
  const res = await createApp().fetch(new Request(url, init), { ...env, ...overrides } as Env);
  return answerOf(res);
}

async function deactivate(admin: TestMember, member: TestMember) {
  const res = await api(`/api/v1/admin/users/${member.id}/deactivate`, { as: admin, method: "POST" });
  expect(res.status, res.text).toBe(204);
}

beforeAll(async () => {
  // A network with a published charter: the gate is on, and members created from here on have accepted it.
  await newCharterVersion(await createMember({ role: "admin" }), "# Our charter\n\nBe **kind**.");
});

const IDENTITY_ROUTES: RouteUnderTest[] = [
  { method: "GET", route: "/api/v1/setup", access: "public", ok: 200, build: async () => ({ path: "/api/v1/setup" }) },
  {
    method: "POST",
    route: "/api/v1/setup",
    access: "public",
    // An administrator exists (the builder makes sure), so a request that gets through answers 409; the first
    // administrator's creation is tested on its own below.
    ok: 409,
    build: async () => {
      await createMember({ role: "admin" });
      return { path: "/api/v1/setup", body: { token: SETUP_TOKEN, email: `${word("setup")}@example.test`, name: "Late Admin", password: PASSWORD } };
    },
  },
  { method: "POST", route: "/api/v1/auth/login", access: "public", ok: 200, build: async (caller) => ({ path: "/api/v1/auth/login", body: { email: caller.email, password: PASSWORD } }) },
  // Signing out without a session is a harmless no-op: 204 either way.
  { method: "POST", route: "/api/v1/auth/logout", access: "public", charterExempt: true, ok: 204, build: async () => ({ path: "/api/v1/auth/logout" }) },
  {
    method: "POST",
    route: "/api/v1/auth/accept-invitation",
    access: "public",
    ok: 200,
    build: async () => {
      const invitation = await createInvitation(await createMember({ role: "admin" }));
      return { path: "/api/v1/auth/accept-invitation", body: { token: invitation.token, name: "New Colleague", password: PASSWORD, charterVersion: await currentCharterVersion() } };
    },
  },
  { method: "GET", route: "/api/v1/me", access: "member", charterExempt: true, ok: 200, build: async () => ({ path: "/api/v1/me" }) },
  { method: "PATCH", route: "/api/v1/me/profile", access: "member", ok: 200, build: async () => ({ path: "/api/v1/me/profile", body: { title: "Engineer" } }) },
  {
    method: "PUT",
    route: "/api/v1/me/avatar",
    access: "member",
    ok: 200,
    build: async () => ({ path: "/api/v1/me/avatar", raw: IMAGES["image/png"], headers: { "Content-Type": "image/png" } }),
  },
  { method: "GET", route: "/api/v1/charter", access: "member", charterExempt: true, ok: 200, build: async () => ({ path: "/api/v1/charter" }) },
  {
    method: "POST",
    route: "/api/v1/charter/accept",
    access: "member",
    charterExempt: true,
    ok: 204,
    build: async () => ({ path: "/api/v1/charter/accept", body: { version: await currentCharterVersion() } }),
  },
  {
    method: "GET",
    route: "/api/v1/invitations/:token",
    access: "public",
    ok: 200,
    build: async () => ({ path: `/api/v1/invitations/${(await createInvitation(await createMember({ role: "admin" }))).token}` }),
  },
  { method: "GET", route: "/api/v1/users", access: "member", ok: 200, build: async () => ({ path: "/api/v1/users" }) },
  { method: "GET", route: "/api/v1/users/facets", access: "member", ok: 200, build: async () => ({ path: "/api/v1/users/facets" }) },
  { method: "GET", route: "/api/v1/users/:id", access: "member", ok: 200, build: async () => ({ path: `/api/v1/users/${(await createMember()).id}` }) },
  {
    method: "GET",
    route: "/api/v1/files/avatars/:userId/:fileId",
    access: "member",
    ok: 200,
    build: async () => {
      const owner = await createMember();
      const res = await api("/api/v1/me/avatar", { as: owner, method: "PUT", raw: IMAGES["image/gif"], headers: { "Content-Type": "image/gif" } });
      expect(res.status, res.text).toBe(200);
      return { path: res.json.avatarUrl };
    },
  },
  { method: "POST", route: "/api/v1/admin/charter", access: "admin", ok: 201, build: async () => ({ path: "/api/v1/admin/charter", body: { body: "# Charter\n\nStill kind." } }) },
  { method: "GET", route: "/api/v1/admin/charter", access: "admin", ok: 200, build: async () => ({ path: "/api/v1/admin/charter" }) },
  {
    method: "POST",
    route: "/api/v1/admin/invitations",
    access: "admin",
    ok: 201,
    build: async () => ({ path: "/api/v1/admin/invitations", body: { email: `${word("inv")}@example.test`, role: "member" } }),
  },
  {
    method: "POST",
    route: "/api/v1/admin/invitations/bulk",
    access: "admin",
    ok: 200,
    build: async () => ({ path: "/api/v1/admin/invitations/bulk", raw: `email,role,name\n${word("bulk")}@example.test,member,Bulk One\n`, headers: { "Content-Type": "text/csv" } }),
  },
  { method: "GET", route: "/api/v1/admin/invitations", access: "admin", ok: 200, build: async () => ({ path: "/api/v1/admin/invitations" }) },
  {
    method: "POST",
    route: "/api/v1/admin/users/:id/deactivate",
    access: "admin",
    ok: 204,
    build: async () => ({ path: `/api/v1/admin/users/${(await createMember()).id}/deactivate` }),
  },
  {
    method: "POST",
    route: "/api/v1/admin/users/:id/reactivate",
    access: "admin",
    ok: 204,
    build: async () => {
      const target = await createMember();
      await env.DB.prepare("UPDATE users SET deactivated_at = ? WHERE id = ?").bind(Date.now(), target.id).run();
      return { path: `/api/v1/admin/users/${target.id}/reactivate` };
    },
  },
];

describe("the identity route table", () => {
  it("lists routes the app serves, and every route the OpenAPI document tags Identity", () => {
    const app = createApp();
    const servedPaths = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const listed = IDENTITY_ROUTES.map((r) => `${r.method} ${r.route}`);
    expect(listed.filter((r) => !servedPaths.has(r)), "table entries the app does not serve").toEqual([]);
    const doc = openApiDocument(app);
    const tagged = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes("Identity"))
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    expect(tagged.filter((r) => !listed.includes(r)), "Identity routes missing from the table").toEqual([]);
  });
});

describe("common auth failures of every identity route", () => {
  describeCommonAuthFailures(IDENTITY_ROUTES);
});

describe("the error shape", () => {
  it("is the same for every code, with the request id of the X-Request-Id header", async () => {
    const member = await createMember();
    const admin = await createMember({ role: "admin" });
    const taken = await createMember();
    await expectError(await api("/api/v1/me"), 401, "unauthenticated");
    await expectError(await api("/api/v1/admin/invitations", { as: member }), 403, "forbidden");
    await expectError(await api(`/api/v1/users/usr_${"0".repeat(26)}`, { as: member }), 404, "not_found");
    await expectError(await api("/api/v1/me/profile", { as: member, method: "PATCH", body: { handle: taken.handle } }), 409, "conflict");
    await expectError(await api("/api/v1/auth/login", { raw: '{"a":', headers: { "Content-Type": "application/json" } }), 400, "bad_request");
    const invalid = await expectError(await api("/api/v1/admin/invitations", { as: admin, body: { email: "nope", role: "boss" } }), 400, "validation_failed");
    expect(invalid.details.map((d: any) => d.path).sort()).toEqual(["email", "role"]);
    await expectError(await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: "text" }), 415, "unsupported_media_type");
    await expectError(await api("/api/v1/nothing-here", { as: member }), 404, "not_found");
  });
});

describe("security headers", () => {
  it.each(["/", "/people", "/invite/x", "/api/docs"])("every HTML answer (%s) carries the strict CSP, nosniff and same-origin referrers", async (path) => {
    const res = await checkedFetch(`${ORIGIN}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'self'; script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
    await res.arrayBuffer();
  });

  it("API answers, errors included, carry nosniff and a request id", async () => {
    for (const res of [await api("/api/v1/me", { as: await createMember() }), await api("/api/v1/me")]) {
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("X-Request-Id")).toMatch(/\S/);
    }
  });
});

describe("CSRF: the Origin check", () => {
  it("refuses a login from a foreign origin even with the right password: no session, no failure recorded", async () => {
    const member = await createMember();
    const before = await tableCounts();
    const res = await api("/api/v1/auth/login", { body: { email: member.email, password: PASSWORD }, headers: { Origin: FOREIGN_ORIGIN } });
    await expectError(res, 403, "forbidden");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses `Origin: null` (sandboxed frames) and a foreign origin whatever the content type", async () => {
    const member = await createMember();
    await expectError(await api("/api/v1/auth/login", { body: { email: member.email, password: PASSWORD }, headers: { Origin: "null" } }), 403, "forbidden");
    await expectError(
      await api("/api/v1/me/profile", { as: member, method: "PATCH", raw: "title=Pwned", headers: { Origin: FOREIGN_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" } }),
      403,
      "forbidden",
    );
    expect((await api("/api/v1/me", { as: member })).json.user.title).toBe("");
  });

  it("lets reads through from any origin (only mutations are checked)", async () => {
    const member = await createMember();
    const res = await api("/api/v1/me", { as: member, headers: { Origin: FOREIGN_ORIGIN } });
    expect(res.status).toBe(200);
  });

  it("uses PUBLIC_ORIGIN when set: for the check and for the links it answers", async () => {
    const admin = await createMember({ role: "admin" });
    const body = (email: string) => JSON.stringify({ email, role: "member" });
    const headers = (origin: string) => ({ Origin: origin, Cookie: admin.cookie, "Content-Type": "application/json" });
    const ok = await callWithEnv({ PUBLIC_ORIGIN: "https://comptoir.example" }, "http://internal.test/api/v1/admin/invitations", {
      method: "POST",
      headers: headers("https://comptoir.example"),
      body: body(`${word("pub")}@example.test`),
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.url).toMatch(/^https:\/\/comptoir\.example\/invite\/[\w-]{43}$/);
    const before = await tableCounts();
    const refused = await callWithEnv({ PUBLIC_ORIGIN: "https://comptoir.example" }, "http://internal.test/api/v1/admin/invitations", {
      method: "POST",
      headers: headers("http://internal.test"),
      body: body(`${word("pub")}@example.test`),
    });
    await expectError(refused, 403, "forbidden");
    expect(await tableCounts()).toEqual(before);
  });
});

describe("POST and GET /api/v1/setup", () => {
  it("creates the first administrator once, with the setup token", async () => {
    await withoutAdministrators(async () => {
      expect((await api("/api/v1/setup")).json).toEqual({ needed: true });

      const before = await tableCounts();
      const valid = { token: SETUP_TOKEN, email: "First.Admin@Example.test", name: "  First Admin ", password: "a long admin password" };
      await expectError(await api("/api/v1/setup", { body: { ...valid, token: "not-the-setup-token" } }), 403, "forbidden");
      const short = await expectError(await api("/api/v1/setup", { body: { ...valid, password: "short" } }), 400, "validation_failed");
      expect(short.details.map((d: any) => d.path)).toEqual(["password"]);
      const badEmail = await expectError(await api("/api/v1/setup", { body: { ...valid, email: "first admin" } }), 400, "validation_failed");
      expect(badEmail.details.map((d: any) => d.path)).toEqual(["email"]);
      const missing = await expectError(await api("/api/v1/setup", { body: { email: valid.email, name: valid.name, password: valid.password } }), 400, "validation_failed");
      expect(missing.details.map((d: any) => d.path)).toEqual(["token"]);
      expect(await tableCounts(), "refused setups write nothing").toEqual(before);

      const created = await api("/api/v1/setup", { body: valid });
      expect(created.status, created.text).toBe(201);
      expect(created.json.user).toMatchObject({ role: "admin", email: "first.admin@example.test", handle: "first.admin", name: "First Admin" });
      const me = await api("/api/v1/me", { as: { ...(await createMember()), cookie: cookieOf(created) } });
      expect(me.json.user).toMatchObject({ id: created.json.user.id, role: "admin" });
      expect((await login("first.admin@example.test", "a long admin password")).status).toBe(200);

      expect((await api("/api/v1/setup")).json).toEqual({ needed: false });
      await expectError(await api("/api/v1/setup", { body: { ...valid, email: "second.admin@example.test" } }), 409, "conflict");
    });
  });

  it("is off without a SETUP_TOKEN", async () => {
    await withoutAdministrators(async () => {
      const status = await callWithEnv({ SETUP_TOKEN: undefined }, `${ORIGIN}/api/v1/setup`);
      expect(status.json).toEqual({ needed: false });
      const before = await tableCounts();
      const res = await callWithEnv({ SETUP_TOKEN: undefined }, `${ORIGIN}/api/v1/setup`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: SETUP_TOKEN, email: "nobody.admin@example.test", name: "Nobody", password: "a long admin password" }),
      });
      await expectError(res, 404, "not_found");
      expect(await tableCounts()).toEqual(before);
    });
  });
});

describe("POST /api/v1/auth/login", () => {
  it("signs in with a new session token every time, in an HttpOnly SameSite=Lax cookie", async () => {
    const member = await createMember({ name: "Login Person" });
    const first = await login(member.email.toUpperCase(), PASSWORD);
    expect(first.status, first.text).toBe(200);
    expect(first.json.user).toMatchObject({ id: member.id, name: "Login Person", email: member.email, handle: member.handle });
    expect(first.json.user).not.toHaveProperty("passwordHash");
    // The D1 bookmark's cookie comes beside it (API.md "Always").
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="))!;
    expect(setCookie).toMatch(/^comptoir_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const second = await login(member.email, PASSWORD);
    expect(cookieOf(second)).not.toBe(cookieOf(first));
    for (const res of [first, second]) {
      expect((await api("/api/v1/me", { as: asCookie(member, res) })).json.user.id).toBe(member.id);
    }
  });

  it("marks the cookie Secure on https", async () => {
    const member = await createMember();
    const res = await send("/api/v1/auth/login", { base: "https://example.test", origin: "https://example.test", body: { email: member.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toContain("; Secure");
  });

  it("answers the same 401 invalid_credentials for a wrong password and an unknown email, without a cookie", async () => {
    const member = await createMember();
    const wrong = await login(member.email, "not the password", "198.51.100.20");
    const unknown = await login(`${word("ghost")}@example.test`, "not the password", "198.51.100.20");
    for (const res of [wrong, unknown]) {
      await expectError(res, 401, "invalid_credentials");
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    const { requestId: _a, ...a } = wrong.json.error;
    const { requestId: _b, ...b } = unknown.json.error;
    expect(a).toEqual(b);
  });

  it("refuses malformed and invalid bodies", async () => {
    await expectError(await api("/api/v1/auth/login", { raw: '{"a":', headers: { "Content-Type": "application/json" } }), 400, "bad_request");
    const noPassword = await expectError(await api("/api/v1/auth/login", { body: { email: "someone@example.test" } }), 400, "validation_failed");
    expect(noPassword.details.map((d: any) => d.path)).toEqual(["password"]);
    const badEmail = await expectError(await api("/api/v1/auth/login", { body: { email: "someone", password: "x" } }), 400, "validation_failed");
    expect(badEmail.details.map((d: any) => d.path)).toEqual(["email"]);
    await expectError(await api("/api/v1/auth/login", { raw: JSON.stringify({ email: "a@example.test", password: "x" }), headers: { "Content-Type": "text/plain" } }), 415, "unsupported_media_type");
  });
});

describe("the login throttle", () => {
  async function expectThrottled(res: ApiResponse) {
    await expectError(res, 429, "rate_limited");
    const retryAfter = res.headers.get("Retry-After") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  }

  it("answers 429 with Retry-After after 5 failures for one email, even with the right password, whatever its case", async () => {
    const member = await createMember();
    const other = await createMember();
    const address = "198.51.100.30";
    for (let i = 0; i < 5; i++) {
      const email = i % 2 ? member.email.toUpperCase() : member.email;
      await expectError(await login(email, `wrong password ${i}`, address), 401, "invalid_credentials");
    }
    await expectThrottled(await login(member.email, PASSWORD, address));
    await expectThrottled(await login(member.email, PASSWORD, "198.51.100.31"));
    expect((await login(other.email, PASSWORD, address)).status, "other emails are not held back").toBe(200);
  });

  it("throttles an unknown email the same way", async () => {
    const ghost = `${word("ghost")}@example.test`;
    for (let i = 0; i < 5; i++) await expectError(await login(ghost, "guess", "198.51.100.40"), 401, "invalid_credentials");
    await expectThrottled(await login(ghost, "guess", "198.51.100.40"));
  });

  it("starts counting again after a successful sign-in", async () => {
    const member = await createMember();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await expectError(await login(member.email, "wrong", "198.51.100.50"), 401, "invalid_credentials");
      expect((await login(member.email, PASSWORD, "198.51.100.50")).status).toBe(200);
    }
  });

  it("answers 429 after 100 failures from one address (CF-Connecting-IP), for any email, and not to other addresses", async () => {
    const member = await createMember();
    const address = "203.0.113.77";
    for (let i = 0; i < 100; i++) {
      // A new email each time: the per-email limit never triggers, only the per-address one.
      const res = await login(`spray${i}.${word()}@example.test`, "guess", address);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    await expectThrottled(await login(member.email, PASSWORD, address));
    expect((await login(member.email, PASSWORD, "203.0.113.78")).status).toBe(200);
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("ends this session only and clears the cookie", async () => {
    const member = await createMember();
    const other = asCookie(member, await login(member.email, PASSWORD));
    const res = await api("/api/v1/auth/logout", { as: member, method: "POST" });
    expect(res.status).toBe(204);
    expect(res.headers.get("Set-Cookie")).toMatch(/^comptoir_session=; Max-Age=0; Path=\//);
    await expectError(await api("/api/v1/me", { as: member }), 401, "unauthenticated");
    expect((await api("/api/v1/me", { as: other })).status).toBe(200);
  });

  it("refuses a body, and then does not sign out", async () => {
    const member = await createMember();
    await expectError(await api("/api/v1/auth/logout", { as: member, body: { everywhere: true } }), 400, "validation_failed");
    expect((await api("/api/v1/me", { as: member })).status).toBe(200);
  });
});

describe("GET /api/v1/me", () => {
  it("answers my full profile and whether I accepted the current charter", async () => {
    const member = await createMember({ name: "Me Myself", profile: { phone: "+33 1 00 00 00 00", department: "Ops" } });
    const res = await api("/api/v1/me", { as: member });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ charterAccepted: true, currentCharter: await currentCharterVersion() });
    expect(res.json.user).toMatchObject({ id: member.id, name: "Me Myself", email: member.email, phone: "+33 1 00 00 00 00", department: "Ops", role: "member", deactivated: false });
    for (const field of ["id", "handle", "name", "title", "department", "location", "timezone", "locale", "languages", "phone", "email", "bio", "bioHtml", "hobbies", "hotTopics", "skills", "avatarUrl"]) {
      expect(res.json.user, field).toHaveProperty(field);
    }
  });

  it("answers 401 for an expired session", async () => {
    const member = await createMember();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ?").bind(Date.now() - 1000, await hashSecret(sessionToken(member))).run();
    await expectError(await api("/api/v1/me", { as: member }), 401, "unauthenticated");
  });
});

describe("the charter", () => {
  it("GET /charter answers the current version, its markdown and safe HTML", async () => {
    const admin = await createMember({ role: "admin" });
    const version = await newCharterVersion(admin, "# Charter\n\nBe **fair**. <script>alert(1)</script>");
    const member = await createMember();
    const res = await api("/api/v1/charter", { as: member });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ version, body: expect.stringContaining("Be **fair**") });
    expect(res.json.html).toContain("<strong>fair</strong>");
    expect(res.json.html).not.toContain("<script>");
  });

  it("a newer version gates every member but its publisher until they accept it; a stale version is refused", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const otherAdmin = await createMember({ role: "admin" });
    const previous = (await currentCharterVersion())!;

    const published = await api("/api/v1/admin/charter", { as: admin, body: { body: "# Charter\n\nA new version." } });
    expect(published.status, published.text).toBe(201);
    expect(published.json).toEqual({ version: previous + 1 });
    const version = published.json.version;

    expect((await api("/api/v1/users", { as: admin })).status, "the publisher accepted it by publishing it").toBe(200);
    for (const who of [member, otherAdmin]) {
      const gated = await expectError(await api("/api/v1/users", { as: who }), 403, "charter_required");
      expect(gated.details).toEqual({ version });
    }
    expect((await api("/api/v1/me", { as: member })).json).toMatchObject({ charterAccepted: false, currentCharter: version });
    expect((await api("/api/v1/charter", { as: member })).json.version).toBe(version);

    const stale = await expectError(await api("/api/v1/charter/accept", { as: member, body: { version: previous } }), 409, "conflict");
    expect(stale.details).toEqual({ current: version });
    await expectError(await api("/api/v1/users", { as: member }), 403, "charter_required");

    expect((await api("/api/v1/charter/accept", { as: member, body: { version } })).status).toBe(204);
    expect((await api("/api/v1/users", { as: member })).status).toBe(200);
    expect((await api("/api/v1/me", { as: member })).json.charterAccepted).toBe(true);
    expect((await api("/api/v1/charter/accept", { as: member, body: { version } })).status, "accepting twice is harmless").toBe(204);
    await expectError(await api("/api/v1/users", { as: otherAdmin }), 403, "charter_required");
  });

  it("POST /charter/accept refuses malformed versions", async () => {
    const member = await createMember();
    for (const body of [{ version: "1" }, {}, { version: 0 }, { version: 1.5 }]) {
      const error = await expectError(await api("/api/v1/charter/accept", { as: member, body }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path)).toEqual(["version"]);
    }
  });

  it("POST /admin/charter refuses an empty body and writes nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const before = await tableCounts();
    for (const body of [{ body: "   " }, {}, { body: 42 }]) {
      const error = await expectError(await api("/api/v1/admin/charter", { as: admin, body }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path)).toEqual(["body"]);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("GET /admin/charter lists every version newest first with its acceptances, page by page", async () => {
    const admin = await createMember({ role: "admin" });
    await newCharterVersion(admin, "# Charter\n\nListed.");
    const accepting = await createMember({ charterAccepted: false });
    const latest = (await currentCharterVersion())!;
    const countOf = async () => (await api("/api/v1/admin/charter?limit=1", { as: admin })).json.items[0];
    const before = await countOf();
    expect(before).toMatchObject({ version: latest, publishedBy: admin.id, publishedAt: expect.any(Number), acceptances: expect.any(Number) });
    expect((await api("/api/v1/charter/accept", { as: accepting, body: { version: latest } })).status).toBe(204);
    expect((await countOf()).acceptances).toBe(before.acceptances + 1);

    const pages = await walk("/api/v1/admin/charter", admin, 2);
    const versions = pages.flat().map((v) => v.version);
    const { results } = await env.DB.prepare("SELECT version FROM charter_versions ORDER BY version DESC").all<{ version: number }>();
    expect(versions).toEqual(results.map((r) => r.version));
    expect(pages.length).toBeGreaterThan(1);
  });

  it("before a first charter is published: no gate, invitations carry charter null and accept charterVersion null", async () => {
    const admin = await createMember({ role: "admin" });
    await withoutCharter(async () => {
      const member = await createMember({ charterAccepted: false });
      expect((await api("/api/v1/users", { as: member })).status).toBe(200);
      expect((await api("/api/v1/me", { as: member })).json).toMatchObject({ charterAccepted: true, currentCharter: null });
      await expectError(await api("/api/v1/charter", { as: member }), 404, "not_found");
      await expectError(await api("/api/v1/charter/accept", { as: member, body: { version: 1 } }), 409, "conflict");

      const invitation = await createInvitation(admin);
      expect((await api(`/api/v1/invitations/${invitation.token}`)).json).toMatchObject({ email: invitation.email, charter: null });
      await expectError(await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Early Bird", password: PASSWORD, charterVersion: 1 } }), 409, "conflict");
      const accepted = await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Early Bird", password: PASSWORD, charterVersion: null } });
      expect(accepted.status, accepted.text).toBe(200);
      expect((await api("/api/v1/users", { as: asCookie(member, accepted) })).status).toBe(200);
    });
  });
});

describe("invitations", () => {
  it("POST /admin/invitations answers the one-time link on this origin; GET /invitations/:token shows the email and the charter", async () => {
    const admin = await createMember({ role: "admin" });
    const email = `${word("Nadia")}@Example.test`;
    const res = await api("/api/v1/admin/invitations", { as: admin, body: { email, role: "member" } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ id: expect.stringMatching(/^inv_/), email: email.toLowerCase(), url: expect.stringMatching(TOKEN_URL) });
    const token = res.json.url.split("/invite/")[1];
    const shown = await api(`/api/v1/invitations/${token}`);
    expect(shown.status).toBe(200);
    const charter = await api("/api/v1/charter", { as: admin });
    expect(shown.json).toMatchObject({ email: email.toLowerCase(), charter: charter.json });
    await expectError(await api(`/api/v1/invitations/${token.slice(0, -1)}x`), 404, "not_found");
  });

  it("refuses an email that is a member or has a pending invitation (409), and invalid fields (400), writing nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const pending = await createInvitation(admin);
    const before = await tableCounts();
    await expectError(await api("/api/v1/admin/invitations", { as: admin, body: { email: member.email.toUpperCase(), role: "member" } }), 409, "conflict");
    await expectError(await api("/api/v1/admin/invitations", { as: admin, body: { email: pending.email, role: "guest" } }), 409, "conflict");
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "not-an-email", role: "member" }, "email"],
      [{ email: `${word()}@example.test`, role: "boss" }, "role"],
      [{ email: `${word()}@example.test` }, "role"],
      [{ email: `${word()}@example.test`, role: "member", groupIds: ["not-a-group-id"] }, "groupIds.0"],
      [{ email: `${word()}@example.test`, role: "member", groupIds: [`grp_${"0".repeat(26)}`] }, "groupIds"],
      [{ email: `${word()}@example.test`, role: "member", name: "Not a field" }, "name"],
    ];
    for (const [body, path] of cases) {
      const error = await expectError(await api("/api/v1/admin/invitations", { as: admin, body }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path), JSON.stringify(body)).toEqual([path]);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("an expired invitation no longer blocks a new one, and its link is dead (404)", async () => {
    const admin = await createMember({ role: "admin" });
    const old = await createInvitation(admin);
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, old.id).run();
    await expectError(await api(`/api/v1/invitations/${old.token}`), 404, "not_found");
    const before = await tableCounts();
    await expectError(
      await api("/api/v1/auth/accept-invitation", { body: { token: old.token, name: "Too Late", password: PASSWORD, charterVersion: await currentCharterVersion() } }),
      404,
      "not_found",
    );
    expect(await tableCounts(), "an expired link creates nothing").toEqual(before);
    const again = await api("/api/v1/admin/invitations", { as: admin, body: { email: old.email, role: "member" } });
    expect(again.status).toBe(201);
  });

  it("accept-invitation creates the account with the invited role and groups, records the charter, and spends the link", async () => {
    const admin = await createMember({ role: "admin" });
    const colleague = await createMember();
    const groupId = await createGroup([{ user: colleague }], "Invited group");
    const invitation = await createInvitation(admin, { role: "guest", groupIds: [groupId] });
    const version = await currentCharterVersion();

    const before = await tableCounts();
    await expectError(await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Gina", password: PASSWORD, charterVersion: version! + 1 } }), 409, "conflict");
    const short = await expectError(await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Gina", password: "short", charterVersion: version } }), 400, "validation_failed");
    expect(short.details.map((d: any) => d.path)).toEqual(["password"]);
    const noName = await expectError(await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "  ", password: PASSWORD, charterVersion: version } }), 400, "validation_failed");
    expect(noName.details.map((d: any) => d.path)).toEqual(["name"]);
    await expectError(await api("/api/v1/auth/accept-invitation", { body: { token: "x".repeat(43), name: "Gina", password: PASSWORD, charterVersion: version } }), 404, "not_found");
    expect(await tableCounts(), "refused acceptances write nothing").toEqual(before);
    expect((await api(`/api/v1/invitations/${invitation.token}`)).status, "still usable after refusals").toBe(200);

    const accepted = await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "  Gina Guest ", password: PASSWORD, charterVersion: version } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.user).toMatchObject({ name: "Gina Guest", email: invitation.email, role: "guest" });
    expect(accepted.headers.get("Set-Cookie")).toMatch(/^comptoir_session=[\w-]{43};.*HttpOnly/);
    const gina = asCookie(colleague, accepted);
    expect((await api("/api/v1/me", { as: gina })).json).toMatchObject({ charterAccepted: true, user: { id: accepted.json.user.id } });
    const seen = await api("/api/v1/users?limit=100", { as: gina });
    expect(seen.json.items.map((u: any) => u.id), "the invited group makes colleagues visible to the guest").toContain(colleague.id);

    await expectError(await api(`/api/v1/invitations/${invitation.token}`), 404, "not_found");
    const reuse = await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Again", password: PASSWORD, charterVersion: version } });
    await expectError(reuse, 404, "not_found");
    expect((await login(invitation.email, PASSWORD)).status).toBe(200);
  });

  it("gives new members their email's local part as handle, with a number on a clash (jo, jo2)", async () => {
    const admin = await createMember({ role: "admin" });
    const version = await currentCharterVersion();
    const handles: string[] = [];
    for (const email of ["Jo@first.example.test", "jo@second.example.test", "JO@third.example.test", "Jean-Luc.O'Neil+news@example.test"]) {
      const invitation = await createInvitation(admin, { email });
      const res = await api("/api/v1/auth/accept-invitation", { body: { token: invitation.token, name: "Jo", password: PASSWORD, charterVersion: version } });
      expect(res.status, res.text).toBe(200);
      handles.push(res.json.user.handle);
    }
    expect(handles).toEqual(["jo", "jo2", "jo3", "jean-luc.oneilnews"]);
  });
});

describe("POST /api/v1/admin/invitations/bulk", () => {
  const csvPost = (admin: TestMember, csv: string, query = "") =>
    api(`/api/v1/admin/invitations/bulk${query}`, { as: admin, raw: csv, headers: { "Content-Type": "text/csv" } });

  it("checks and invites an import of 150 lines at once (past D1's 100 bound parameters a statement)", async () => {
    const admin = await createMember({ role: "admin" });
    const d = `${word("big")}.test`;
    const csv = ["email,role,name", ...Array.from({ length: 150 }, (_, i) => `person${i + 1}@${d},member,Person ${i + 1}`)].join("\n");
    const dry = await csvPost(admin, csv, "?dryRun=1");
    expect(dry.status, dry.text.slice(0, 300)).toBe(200);
    expect([dry.json.created.length, dry.json.rejected]).toEqual([150, []]);
    const res = await csvPost(admin, csv);
    expect([res.json.created.length, res.json.rejected]).toEqual([150, []]);
    // Again: every line is now a pending invitation.
    const again = await csvPost(admin, csv, "?dryRun=1");
    expect([again.json.created.length, again.json.rejected.length, again.json.rejected[0]]).toEqual([0, 150, { line: 2, reason: "exists" }]);
  });

  it("checks every line (line 1 is the header), writes nothing with ?dryRun=1, then invites the valid lines", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const d = `${word("d")}.test`;
    const pending = await createInvitation(admin, { email: `pending@${d}` });
    const expired = await createInvitation(admin, { email: `expired@${d}` });
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, expired.id).run();
    const csv = [
      "email,role,name", // 1
      `new1@${d},member,New One`, // 2
      "not-an-email,member,X", // 3
      `${member.email},member,Already Here`, // 4
      `${pending.email},guest,`, // 5
      "", // 6
      `new2@${d},chief,X`, // 7
      `NEW1@${d},member,Dup`, // 8
      `new3@${d},guest,"Doe, Jane"`, // 9
      `expired@${d},member,Back Again`, // 10
    ].join("\n");
    const rejected = [
      { line: 3, reason: "invalid_email" },
      { line: 4, reason: "exists" },
      { line: 5, reason: "exists" },
      { line: 7, reason: "invalid_role" },
      { line: 8, reason: "duplicate" },
    ];
    const created = [
      { email: `new1@${d}`, role: "member" },
      { email: `new3@${d}`, role: "guest" },
      { email: `expired@${d}`, role: "member" },
    ];

    const before = await tableCounts();
    const dry = await csvPost(admin, csv, "?dryRun=1");
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json.rejected).toEqual(rejected);
    expect(dry.json.created.map(({ email, role }: any) => ({ email, role }))).toEqual(created);
    expect(await tableCounts(), "a dry run writes nothing").toEqual(before);

    const real = await csvPost(admin, csv);
    expect(real.status, real.text).toBe(200);
    expect(real.json.rejected).toEqual(rejected);
    expect(real.json.created.map(({ email, role }: any) => ({ email, role }))).toEqual(created);
    for (const c of real.json.created) expect(c.url).toMatch(TOKEN_URL);
    const after = await tableCounts();
    expect(after.invitations).toBe(before.invitations + 3);

    const new3 = real.json.created[1].url.split("/invite/")[1];
    expect((await api(`/api/v1/invitations/${new3}`)).json.email).toBe(`new3@${d}`);
    const joined = await api("/api/v1/auth/accept-invitation", { body: { token: new3, name: "Jane Doe", password: PASSWORD, charterVersion: await currentCharterVersion() } });
    expect(joined.json.user).toMatchObject({ role: "guest", email: `new3@${d}` });

    const again = await csvPost(admin, csv);
    expect(again.json.created).toEqual([]);
    expect(again.json.rejected.filter((r: any) => [2, 9, 10].includes(r.line))).toEqual([
      { line: 2, reason: "exists" },
      { line: 9, reason: "exists" },
      { line: 10, reason: "exists" },
    ]);
  });

  it("reads Excel's CSV: a byte-order mark, CRLF line ends and a header in capitals", async () => {
    const admin = await createMember({ role: "admin" });
    const d = `${word("d")}.test`;
    const res = await csvPost(admin, `\uFEFFEmail,Role,Name\r\nuno@${d},member,Uno\r\ndos@${d},admin,Dos\r\n`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.created.map((c: any) => c.email)).toEqual([`uno@${d}`, `dos@${d}`]);
    expect(res.json.rejected).toEqual([]);
  });

  it("refuses a wrong header, an unreadable CSV, a wrong Content-Type and a body over 256 KB, writing nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const before = await tableCounts();
    const header = await expectError(await csvPost(admin, `email,name\nx@${word()}.test,X\n`), 400, "validation_failed");
    expect(header.details.map((d: any) => d.path)).toEqual(["header"]);
    await expectError(await csvPost(admin, `email,role,name\n"x@${word()}.test,member,X\n`), 400, "bad_request");
    await expectError(
      await api("/api/v1/admin/invitations/bulk", { as: admin, raw: `email,role,name\nx@${word()}.test,member,X\n`, headers: { "Content-Type": "application/json" } }),
      415,
      "unsupported_media_type",
    );
    const big = `email,role,name\n${Array.from({ length: 950 }, (_, i) => `big${i}@${word()}.test,member,${"N".repeat(300)}`).join("\n")}`;
    expect(big.length).toBeGreaterThan(256 * 1024);
    await expectError(await csvPost(admin, big), 413, "too_large");
    const query = await expectError(await csvPost(admin, `email,role,name\nx@${word()}.test,member,X\n`, "?dryRun=yes"), 400, "validation_failed");
    expect(query.details.map((d: any) => d.path)).toEqual(["dryRun"]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("paging of every identity list", () => {
  it.each(["/api/v1/users", "/api/v1/admin/invitations", "/api/v1/admin/charter"])("%s refuses limit=0, 101, abc, a malformed cursor and unknown parameters", async (path) => {
    // At least two of each, so that a page of one has a next page.
    const publisher = await createMember({ role: "admin" });
    await newCharterVersion(publisher, "# Charter\n\nPaged.");
    for (let i = 0; i < 2; i++) await createInvitation(publisher);
    const admin = await createMember({ role: "admin" });
    for (const query of ["limit=0", "limit=101", "limit=abc", "cursor=!!!", `cursor=${btoa('{"x":1}')}`, "unknown=1"]) {
      const error = await expectError(await api(`${path}?${query}`, { as: admin }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path), query).toEqual([query.split("=")[0]]);
    }
    const page = await api(`${path}?limit=1`, { as: admin });
    expect(page.status).toBe(200);
    expect(page.json).toEqual({ items: [expect.anything()], nextCursor: expect.any(String) });
  });
});

describe("GET /api/v1/admin/invitations", () => {
  it("lists invitations newest first, page by page with no duplicate and no gap, without their secrets", async () => {
    const admin = await createMember({ role: "admin" });
    for (let i = 0; i < 5; i++) await createInvitation(admin);
    const pages = await walk("/api/v1/admin/invitations", admin, 3);
    const ids = pages.flat().map((i) => i.id);
    const { results } = await env.DB.prepare("SELECT id FROM invitations ORDER BY created_at DESC, id DESC").all<{ id: string }>();
    expect(ids).toEqual(results.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.length).toBeGreaterThan(2);
    for (const item of pages.flat()) {
      expect(Object.keys(item).sort()).toEqual(["acceptedAt", "createdAt", "email", "expiresAt", "id", "role"]);
    }
  });
});

describe("POST /api/v1/admin/users/:id/deactivate and /reactivate", () => {
  it("ends the member's sessions at once, refuses their password like a wrong one, hides them; reactivation lets them back", async () => {
    const admin = await createMember({ role: "admin" });
    const observer = await createMember();
    const name = word("Zed");
    const member = await createMember({ name });
    const secondSession = asCookie(member, await login(member.email, PASSWORD));
    expect((await api(`/api/v1/users?q=${name}`, { as: observer })).json.items.map((u: any) => u.id)).toEqual([member.id]);

    await deactivate(admin, member);
    for (const session of [member, secondSession]) await expectError(await api("/api/v1/me", { as: session }), 401, "unauthenticated");

    const right = await login(member.email, PASSWORD, "198.51.100.60");
    const wrong = await login(observer.email, "wrong password", "198.51.100.60");
    await expectError(right, 401, "invalid_credentials");
    expect(right.headers.get("Set-Cookie")).toBeNull();
    const { requestId: _r, ...rightError } = right.json.error;
    const { requestId: _w, ...wrongError } = wrong.json.error;
    expect(rightError, "a deactivated member cannot be told from a wrong password").toEqual(wrongError);

    expect((await api(`/api/v1/users?q=${name}`, { as: observer })).json.items).toEqual([]);
    await expectError(await api(`/api/v1/users/${member.id}`, { as: observer }), 404, "not_found");
    expect((await api(`/api/v1/users/${member.id}`, { as: admin })).json).toMatchObject({ id: member.id, deactivated: true });

    expect((await api(`/api/v1/admin/users/${member.id}/reactivate`, { as: admin, method: "POST" })).status).toBe(204);
    await expectError(await api("/api/v1/me", { as: member }), 401, "unauthenticated");
    const back = await login(member.email, PASSWORD, "198.51.100.61");
    expect(back.status).toBe(200);
    expect(back.json.user.deactivated).toBe(false);
    expect((await api(`/api/v1/users?q=${name}`, { as: observer })).json.items.map((u: any) => u.id)).toEqual([member.id]);
  });

  it("answers 404 for an unknown member and 409 to an administrator deactivating themselves", async () => {
    const admin = await createMember({ role: "admin" });
    for (const action of ["deactivate", "reactivate"]) {
      await expectError(await api(`/api/v1/admin/users/usr_${"0".repeat(26)}/${action}`, { as: admin, method: "POST" }), 404, "not_found");
    }
    await expectError(await api(`/api/v1/admin/users/${admin.id}/deactivate`, { as: admin, method: "POST" }), 409, "conflict");
    expect((await api("/api/v1/me", { as: admin })).status).toBe(200);
  });

  it("refuses a body and then changes nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    await expectError(await api(`/api/v1/admin/users/${member.id}/deactivate`, { as: admin, body: { reason: "x" } }), 400, "validation_failed");
    expect((await api("/api/v1/me", { as: member })).status).toBe(200);
  });
});

describe("GET /api/v1/users", () => {
  it("searches free text and filters by skill, department and location, folding accents", async () => {
    const tok = word("t");
    const viewer = await createMember();
    const nadia = await createMember({ name: "Nadia Santos", profile: { location: "São Paulo", department: "Sales", skills: JSON.stringify(["Salesforce", tok]) } });
    const omar = await createMember({ name: "Omar Haddad", profile: { location: "Paris", department: "Sales", skills: JSON.stringify([tok]) } });
    const li = await createMember({ name: "Li Wei", profile: { location: "Sao Paulo", department: "Engineering", skills: JSON.stringify(["Go"]), hobbies: JSON.stringify([tok]) } });
    const ids = async (query: string) => {
      const res = await api(`/api/v1/users?${query}`, { as: viewer });
      expect(res.status, res.text).toBe(200);
      return (res.json.items as any[]).map((u) => u.id).sort();
    };
    const sorted = (...members: TestMember[]) => members.map((m) => m.id).sort();
    expect(await ids(`q=${tok}`)).toEqual(sorted(nadia, omar, li));
    expect(await ids(`q=${encodeURIComponent(`sao paulo ${tok}`)}`)).toEqual(sorted(nadia, li));
    expect(await ids(`q=${encodeURIComponent(`São Paulo ${tok}`)}`)).toEqual(sorted(nadia, li));
    expect(await ids(`q=${tok}&location=${encodeURIComponent("sao paulo")}`)).toEqual(sorted(nadia, li));
    expect(await ids(`q=${tok}&skill=salesforce`)).toEqual(sorted(nadia));
    expect(await ids(`skill=${tok}`)).toEqual(sorted(nadia, omar));
    expect(await ids(`q=${tok}&department=sales`)).toEqual(sorted(nadia, omar));
    expect(await ids(`q=${tok}&department=sales&location=paris`)).toEqual(sorted(omar));
    expect(await ids(`q=${tok.slice(0, 6)}`), "the last word is a prefix").toEqual(expect.arrayContaining(sorted(nadia, omar, li)));
    const profile = (await api(`/api/v1/users?q=${tok}&skill=salesforce`, { as: viewer })).json.items[0];
    expect(profile).toMatchObject({ id: nadia.id, name: "Nadia Santos", location: "São Paulo", skills: ["Salesforce", tok], email: nadia.email });
  });

  it("never lets search text become query syntax", async () => {
    const viewer = await createMember();
    for (const q of ['"', "AND OR NOT", "name:x", "*", "(a", "NEAR(a b)", "a'b", "-x"]) {
      const res = await api(`/api/v1/users?q=${encodeURIComponent(q)}`, { as: viewer });
      expect(res.status, `${q}: ${res.text}`).toBe(200);
    }
  });

  it("pages a search by relevance with no duplicate and no gap, ties included", async () => {
    const tok = word("p");
    const viewer = await createMember();
    const byName = [];
    for (let i = 0; i < 3; i++) byName.push(await createMember({ name: `${tok} Person` }));
    const bySkill = [];
    for (let i = 0; i < 4; i++) bySkill.push(await createMember({ name: "Same Name", profile: { skills: JSON.stringify([tok]) } }));
    const byHobby = [];
    for (let i = 0; i < 3; i++) byHobby.push(await createMember({ name: "Same Name", profile: { hobbies: JSON.stringify([tok]) } }));
    const pages = await walk(`/api/v1/users?q=${tok}`, viewer, 2);
    const ids = pages.flat().map((u) => u.id);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 2]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...byName, ...bySkill, ...byHobby].map((m) => m.id).sort());
    const rank = (m: TestMember) => ids.indexOf(m.id);
    expect(Math.max(...byName.map(rank)), "a match on the name ranks above a match on a hobby").toBeLessThan(Math.min(...byHobby.map(rank)));
  });

  it("pages the whole directory alphabetically with no duplicate and no gap", async () => {
    const viewer = await createMember();
    for (let i = 0; i < 3; i++) await createMember({ name: "Aaron Twin" });
    const pages = await walk("/api/v1/users", viewer, 37);
    const ids = pages.flat().map((u) => u.id);
    const { results } = await env.DB.prepare("SELECT id FROM users WHERE deactivated_at IS NULL ORDER BY name, id").all<{ id: string }>();
    expect(ids).toEqual(results.map((r) => r.id));
    expect(pages.length).toBeGreaterThan(3);
  });


  it("shows a guest only the members who share a group with them, without phone or email", async () => {
    const tok = word("g");
    const guest = await createMember({ role: "guest", name: `${tok} Guest` });
    const profile = (dept: string) => ({ phone: "+33 6 11 22 33 44", department: dept, skills: JSON.stringify([tok]) });
    const shared = await createMember({ name: `${tok} Shared`, profile: profile(`Visible ${tok}`) });
    const outsider = await createMember({ name: `${tok} Outsider`, profile: profile(`Hidden ${tok}`) });
    const pendingWithGuest = await createMember({ name: `${tok} Pending`, profile: profile(`Hidden ${tok}`) });
    const guestPending = await createMember({ name: `${tok} Requested`, profile: profile(`Hidden ${tok}`) });
    await createGroup([{ user: guest }, { user: shared }, { user: pendingWithGuest, state: "pending" }]);
    await createGroup([{ user: outsider }]);
    await createGroup([{ user: guestPending }, { user: guest, state: "pending" }]);

    const everyone = (await walk("/api/v1/users", guest, 100)).flat();
    expect(everyone.map((u) => u.id).sort()).toEqual([guest.id, shared.id].sort());
    const seen = everyone.find((u) => u.id === shared.id);
    expect(seen.email).toBe("");
    expect(seen.phone).toBe("");
    expect(JSON.stringify(seen)).not.toContain(shared.email);
    expect(everyone.find((u) => u.id === guest.id).email, "a guest sees their own email").toBe(guest.email);

    const search = await api(`/api/v1/users?q=${tok}`, { as: guest });
    expect(search.json.items.map((u: any) => u.id).sort()).toEqual([guest.id, shared.id].sort());
    expect((await api(`/api/v1/users?skill=${tok}`, { as: guest })).json.items.map((u: any) => u.id)).toEqual([shared.id]);

    const one = await api(`/api/v1/users/${shared.id}`, { as: guest });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: shared.id, email: "", phone: "" });
    for (const hidden of [outsider, pendingWithGuest, guestPending]) {
      await expectError(await api(`/api/v1/users/${hidden.id}`, { as: guest }), 404, "not_found");
    }

    const facets = await api("/api/v1/users/facets", { as: guest });
    expect(facets.json.departments).toContain(`Visible ${tok}`);
    expect(facets.json.departments).not.toContain(`Hidden ${tok}`);

    const member = await createMember();
    const all = await api(`/api/v1/users?q=${tok}`, { as: member });
    expect(all.json.items).toHaveLength(5);
    expect(all.json.items.find((u: any) => u.id === outsider.id)).toMatchObject({ email: outsider.email, phone: "+33 6 11 22 33 44" });
  });
});

describe("GET /api/v1/users/facets", () => {
  it("answers the departments, locations and skills of visible members", async () => {
    const tok = word("f");
    await createMember({ profile: { department: `Dept ${tok}`, location: `City ${tok}`, skills: JSON.stringify([`Skill ${tok}`]) } });
    const viewer = await createMember();
    const res = await api("/api/v1/users/facets", { as: viewer });
    expect(res.status).toBe(200);
    expect(res.json.departments).toContain(`Dept ${tok}`);
    expect(res.json.locations).toContain(`City ${tok}`);
    expect(res.json.skills).toContain(`Skill ${tok}`);
  });
});

describe("GET /api/v1/users/:id", () => {
  it("answers a colleague's profile with their contact details to a member, 404 for an unknown id", async () => {
    const viewer = await createMember();
    const colleague = await createMember({ name: "Colleague", profile: { phone: "+1 555 0100", title: "Buyer" } });
    const res = await api(`/api/v1/users/${colleague.id}`, { as: viewer });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: colleague.id, name: "Colleague", title: "Buyer", phone: "+1 555 0100", email: colleague.email, role: "member" });
    await expectError(await api(`/api/v1/users/usr_${"z".repeat(26)}`, { as: viewer }), 404, "not_found");
    await expectError(await api("/api/v1/users/not-an-id", { as: viewer }), 404, "not_found");
  });
});

describe("PATCH /api/v1/me/profile", () => {
  it("updates my profile, renders the bio safely, and the directory finds the new values", async () => {
    const member = await createMember();
    const tok = word("s");
    const patch = {
      name: "Renamed Person",
      title: "Key account manager",
      department: "Sales",
      location: "Lyon",
      timezone: "Europe/Paris",
      locale: "fr",
      languages: ["French", "English"],
      phone: "+33 4 00 00 00 00",
      bio: "I *love* [Comptoir](https://example.com) <script>alert(1)</script>",
      hobbies: ["Climbing"],
      hotTopics: ["Accessibility"],
      skills: ["Negotiation", tok],
    };
    const res = await api("/api/v1/me/profile", { as: member, method: "PATCH", body: patch });
    expect(res.status, res.text).toBe(200);
    const { bio: _bio, ...plain } = patch;
    expect(res.json).toMatchObject({ ...plain, id: member.id, email: member.email, handle: member.handle });
    expect(res.json.bioHtml).toContain("<em>love</em>");
    expect(res.json.bioHtml).toContain('rel="nofollow ugc noopener"');
    expect(res.json.bioHtml).not.toContain("<script");
    expect((await api("/api/v1/me", { as: member })).json.user).toMatchObject(plain);
    const found = await api(`/api/v1/users?skill=${tok}`, { as: await createMember() });
    expect(found.json.items.map((u: any) => u.id)).toEqual([member.id]);
  });

  it("changes the handle; a taken one answers 409 and changes nothing", async () => {
    const member = await createMember();
    const other = await createMember();
    const handle = word("h");
    expect((await api("/api/v1/me/profile", { as: member, method: "PATCH", body: { handle } })).json.handle).toBe(handle);
    expect((await api("/api/v1/me/profile", { as: member, method: "PATCH", body: { handle } })).status, "keeping one's own handle").toBe(200);
    const clash = await expectError(await api("/api/v1/me/profile", { as: other, method: "PATCH", body: { handle, title: "Thief" } }), 409, "conflict");
    expect(clash.details).toEqual([{ path: "handle", message: expect.any(String) }]);
    expect((await api("/api/v1/me", { as: other })).json.user).toMatchObject({ handle: other.handle, title: "" });
    for (const bad of ["Upper", "has space", ".dot", "dot.", "é", "x".repeat(41)]) {
      const error = await expectError(await api("/api/v1/me/profile", { as: other, method: "PATCH", body: { handle: bad } }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path), bad).toEqual(["handle"]);
    }
  });

  it("refuses id, email, avatarUrl, role and invalid values, changing nothing", async () => {
    const member = await createMember();
    const before = (await api("/api/v1/me", { as: member })).json.user;
    const cases: [Record<string, unknown>, string][] = [
      [{ id: "usr_someoneelse" }, "id"],
      [{ email: "new@example.test" }, "email"],
      [{ avatarUrl: "https://evil.test/x.png" }, "avatarUrl"],
      [{ role: "admin" }, "role"],
      [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
      [{ locale: "de" }, "locale"],
      [{ phone: "call me maybe" }, "phone"],
      [{ skills: "TypeScript" }, "skills"],
      [{ name: "" }, "name"],
      [{ title: "x".repeat(121) }, "title"],
    ];
    for (const [body, path] of cases) {
      const error = await expectError(await api("/api/v1/me/profile", { as: member, method: "PATCH", body: { ...body, department: "Changed" } }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path), JSON.stringify(body)).toEqual([path]);
    }
    expect((await api("/api/v1/me", { as: member })).json.user).toEqual(before);
  });
});

describe("PUT /api/v1/me/avatar", () => {
  it.each(Object.keys(IMAGES) as (keyof typeof IMAGES)[])("stores a %s told by its bytes and serves it back with its type and nosniff", async (type) => {
    const member = await createMember();
    const viewer = await createMember();
    const res = await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: IMAGES[type], headers: { "Content-Type": type } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ avatarUrl: expect.stringMatching(new RegExp(`^/api/v1/files/avatars/${member.id}/fil_[0-9a-z]{26}$`)) });
    expect((await api("/api/v1/me", { as: member })).json.user.avatarUrl).toBe(res.json.avatarUrl);
    const served = await checkedFetch(`${ORIGIN}${res.json.avatarUrl}`, { headers: { Cookie: viewer.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe(type);
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(IMAGES[type]);
  });

  it("goes by the bytes, not the declared type, and replaces the previous avatar", async () => {
    const member = await createMember();
    const first = await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: IMAGES["image/jpeg"], headers: { "Content-Type": "image/png" } });
    expect(first.status).toBe(200);
    const served = await checkedFetch(`${ORIGIN}${first.json.avatarUrl}`, { headers: { Cookie: member.cookie } });
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    await served.arrayBuffer();
    const second = await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: IMAGES["image/webp"], headers: { "Content-Type": "application/octet-stream" } });
    expect(second.status).toBe(200);
    expect(second.json.avatarUrl).not.toBe(first.json.avatarUrl);
    await expectError(await api(first.json.avatarUrl, { as: member }), 404, "not_found");
    expect((await api(second.json.avatarUrl, { as: member })).status).toBe(200);
  });

  it("refuses text and SVG (415, even declared image/png) and anything over 2 MB (413), keeping the avatar", async () => {
    const member = await createMember();
    const kept = await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: IMAGES["image/png"], headers: { "Content-Type": "image/png" } });
    const before = await tableCounts();
    const put = (raw: BodyInit, type: string) => api("/api/v1/me/avatar", { as: member, method: "PUT", raw, headers: { "Content-Type": type } });
    await expectError(await put("hello, I am a text file", "text/plain"), 415, "unsupported_media_type");
    await expectError(await put('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png"), 415, "unsupported_media_type");
    await expectError(await put('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"), 415, "unsupported_media_type");
    await expectError(await put(new Uint8Array(0), "image/png"), 415, "unsupported_media_type");
    const tooBig = new Uint8Array(TWO_MB + 1);
    tooBig.set(IMAGES["image/png"]);
    await expectError(await put(tooBig, "image/png"), 413, "too_large");
    expect(await tableCounts(), "refused uploads store nothing").toEqual(before);
    expect((await api("/api/v1/me", { as: member })).json.user.avatarUrl).toBe(kept.json.avatarUrl);

    const justFits = new Uint8Array(TWO_MB);
    justFits.set(IMAGES["image/png"]);
    expect((await put(justFits, "image/png")).status, "2 MB exactly is accepted").toBe(200);
  });
});
