import { env } from "cloudflare:test";
import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newId } from "../lib/ids";
import { createMember, expectError, send, type TestMember } from "../test/factories";
import { PUSH_ROLES, PUSH_ROUTE_ACCESS } from "../test/authorization-table";
import { describeCommonAuthFailures, type RouteUnderTest } from "../test/route-table";

/**
 * The web push routes (API.md "Devices and push"): the common auth failures of every route, and the authorization
 * table's cells through HTTP. What is sent, and to whom: worker/services/push/push.test.ts.
 */

/** A browser's subscription on a public push service (never sent to: no notification is made here). */
function subscription() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { endpoint: `https://push.example.com/${crypto.randomUUID()}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
}

/** A subscription of `member`, written straight into D1 (so that it exists whatever the caller's state). */
async function subscribed(member: TestMember) {
  const s = subscription();
  const id = newId("psb");
  await env.DB.prepare("INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, session_hash, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)").bind(id, member.id, s.endpoint, s.keys.p256dh, s.keys.auth, Date.now()).run();
  return id;
}

const ROUTES: (RouteUnderTest & { cell: string })[] = [
  { cell: "GET /api/v1/push/key", method: "GET", route: "/api/v1/push/key", access: "member", ok: 200, build: async () => ({ path: "/api/v1/push/key" }) },
  { cell: "POST /api/v1/me/push-subscriptions", method: "POST", route: "/api/v1/me/push-subscriptions", access: "member", ok: 201, build: async () => ({ path: "/api/v1/me/push-subscriptions", body: subscription() }) },
  {
    cell: "DELETE /api/v1/me/push-subscriptions/:id",
    method: "DELETE",
    route: "/api/v1/me/push-subscriptions/:id",
    access: "member",
    ok: 204,
    build: async (caller) => ({ path: `/api/v1/me/push-subscriptions/${await subscribed(caller)}` }),
  },
];

describe("common auth failures of the push routes", () => {
  describeCommonAuthFailures(ROUTES);
});

describe("the push authorization table", () => {
  it("lists the routes above, and another member's subscription", () => {
    expect(Object.keys(PUSH_ROUTE_ACCESS)).toEqual([...ROUTES.map((r) => r.cell), "DELETE /api/v1/me/push-subscriptions/:id (another member's)"]);
  });

  for (const [cell, row] of Object.entries(PUSH_ROUTE_ACCESS)) {
    for (const role of PUSH_ROLES) {
      const expected = row[role];
      it(`${cell} · ${role} → ${expected}`, async () => {
        const caller = role === "anonymous" ? null : await createMember({ role });
        const owner = cell.endsWith("(another member's)") ? await createMember() : caller ?? (await createMember());
        const route = ROUTES.find((r) => cell.startsWith(`${r.method} ${r.route}`))!;
        const req = await route.build(owner);
        const res = await send(req.path, { method: route.method, body: req.body, as: caller });
        if (expected === "allow") expect(res.status, res.text.slice(0, 300)).toBe(route.ok);
        else await expectError(res, expected, { 401: "unauthenticated", 403: "forbidden", 404: "not_found" }[expected]);
      });
    }
  }
});
