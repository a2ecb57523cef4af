import { describe, expect, it } from "vitest";
import { api, createMember, expectError, PASSWORD, send } from "../test/factories";
import { PRIVACY_ROLES, PRIVACY_ROUTE_ACCESS } from "../test/authorization-table";
import { describeCommonAuthFailures, type RouteUnderTest } from "../test/route-table";

/**
 * The member's own data routes (API.md "Administration and privacy"): the common auth failures of every route, and the
 * authorization table's cells through HTTP. What an export holds and what an erasure leaves: worker/services/privacy/gdpr.test.ts.
 */

const ROUTES: RouteUnderTest[] = [
  { method: "GET", route: "/api/v1/me/export", access: "member", charterExempt: true, ok: 200, build: async () => ({ path: "/api/v1/me/export" }) },
  { method: "DELETE", route: "/api/v1/me", access: "member", charterExempt: true, ok: 204, build: async () => ({ path: "/api/v1/me", body: { password: PASSWORD } }) },
  { method: "DELETE", route: "/api/v1/admin/members/:id", access: "admin", ok: 204, build: async () => ({ path: `/api/v1/admin/members/${(await createMember()).id}` }) },
];

describe("common auth failures of the privacy routes", () => {
  describeCommonAuthFailures(ROUTES);
});

describe("the privacy authorization table", () => {
  it("lists exactly the routes above", () => {
    expect(Object.keys(PRIVACY_ROUTE_ACCESS)).toEqual(ROUTES.map((r) => `${r.method} ${r.route}`));
  });

  for (const route of ROUTES) {
    for (const role of PRIVACY_ROLES) {
      const expected = PRIVACY_ROUTE_ACCESS[`${route.method} ${route.route}`][role];
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

  it("an export is the caller's own: another member's id in the path is not a route, and the archive names only the caller", async () => {
    const a = await createMember();
    const res = await api("/api/v1/me/export", { as: a });
    expect(res.json.memberId).toBe(a.id);
    expect(res.json.tables.users).toEqual([expect.objectContaining({ id: a.id, email: a.email })]);
  });

  it("the network's last administrator cannot erase themselves (409), and nothing changes", async () => {
    // Other administrators exist in this file's database: make this one the last active one for the check.
    const { env } = await import("cloudflare:test");
    const last = await createMember({ role: "admin" });
    const others = await env.DB.prepare("SELECT id FROM users WHERE role = 'admin' AND id <> ? AND deactivated_at IS NULL").bind(last.id).all<{ id: string }>();
    const now = Date.now();
    await env.DB.batch(others.results.map((o) => env.DB.prepare("UPDATE users SET deactivated_at = ? WHERE id = ?").bind(now, o.id)));
    try {
      await expectError(await api("/api/v1/me", { as: last, method: "DELETE", body: { password: PASSWORD } }), 409, "conflict");
    } finally {
      await env.DB.batch(others.results.map((o) => env.DB.prepare("UPDATE users SET deactivated_at = NULL WHERE id = ?").bind(o.id)));
    }
  });
});
