import { env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { WebhookEndpointBody } from "../../contract/integrations";
import { newId } from "../lib/ids";
import { createEndpoint } from "../services/webhooks/endpoints";
import { api, createGroup, createMember, expectError, queueSettled, send, tableCounts, testContext, type TestMember } from "../test/factories";
import { WEBHOOK_ROLES, WEBHOOK_ROUTE_ACCESS } from "../test/authorization-table";
import { describeCommonAuthFailures, fillPath, type RouteUnderTest } from "../test/route-table";

/**
 * The outgoing-webhook routes (API.md "Integrations"). The test pool runs the queue consumer by itself: a delivery a
 * test queues is attempted in the background (its DNS lookup fails here, so the attempt is a refused one), which
 * `quiet()` prevents from writing during the next test's "writes nothing" checks by removing every webhook row first.
 */

const HOOK_URL = "https://hooks.example.com/comptoir";

async function quiet() {
  await env.DB.batch(["DELETE FROM webhook_attempts", "DELETE FROM webhook_deliveries", "DELETE FROM webhook_endpoints"].map((q) => env.DB.prepare(q)));
}

/** An endpoint made through the service (a route table's build runs after a newer charter may have been published). */
async function endpoint(admin: TestMember, body: Partial<WebhookEndpointBody> = {}) {
  return createEndpoint(testContext(), admin.actor, { url: HOOK_URL, events: ["post.created"], ...body });
}

/** A delivery written straight into D1, settled (failed after one attempt), ready for a replay. */
async function settledDelivery(endpointId: string, id = `msg_${crypto.randomUUID().replaceAll("-", "").slice(0, 26)}`) {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, attempt_count, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'webhook.test', '{}', 'failed', 1, NULL, ?, ?)").bind(id, endpointId, now, now),
    env.DB.prepare("INSERT INTO webhook_attempts (delivery_id, n, at, status_code, latency_ms, response) VALUES (?, 1, ?, 500, 12, 'no')").bind(id, now),
  ]);
  return id;
}

const ROUTES: RouteUnderTest[] = [
  { method: "POST", route: "/api/v1/admin/webhooks", access: "admin", ok: 201, build: async () => (await quiet(), { path: "/api/v1/admin/webhooks", body: { url: HOOK_URL, events: ["member.joined"] } }) },
  { method: "GET", route: "/api/v1/admin/webhooks", access: "admin", ok: 200, build: async () => ({ path: "/api/v1/admin/webhooks" }) },
  { method: "GET", route: "/api/v1/admin/webhooks/:id", access: "admin", ok: 200, build: async (a) => ({ path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}` }) },
  { method: "PATCH", route: "/api/v1/admin/webhooks/:id", access: "admin", ok: 200, build: async (a) => ({ path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}`, body: { events: ["comment.created"] } }) },
  { method: "DELETE", route: "/api/v1/admin/webhooks/:id", access: "admin", ok: 204, build: async (a) => ({ path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}` }) },
  { method: "POST", route: "/api/v1/admin/webhooks/:id/rotate", access: "admin", ok: 200, build: async (a) => ({ path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}/rotate` }) },
  { method: "POST", route: "/api/v1/admin/webhooks/:id/test", access: "admin", ok: 202, build: async (a) => (await quiet(), { path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}/test` }) },
  { method: "GET", route: "/api/v1/admin/webhooks/:id/deliveries", access: "admin", ok: 200, build: async (a) => ({ path: `/api/v1/admin/webhooks/${(await endpoint(a)).id}/deliveries` }) },
  {
    method: "GET",
    route: "/api/v1/admin/webhooks/:id/deliveries/:deliveryId",
    access: "admin",
    ok: 200,
    build: async (a) => {
      const e = await endpoint(a);
      return { path: `/api/v1/admin/webhooks/${e.id}/deliveries/${await settledDelivery(e.id)}` };
    },
  },
  {
    method: "POST",
    route: "/api/v1/admin/webhooks/:id/deliveries/:deliveryId/replay",
    access: "admin",
    ok: 202,
    build: async (a) => {
      await quiet();
      const e = await endpoint(a);
      return { path: `/api/v1/admin/webhooks/${e.id}/deliveries/${await settledDelivery(e.id)}/replay` };
    },
  },
  { method: "GET", route: "/api/v1/webhooks/events", access: "member", ok: 200, build: async () => ({ path: "/api/v1/webhooks/events" }) },
];

describe("common auth failures of every webhook route", () => {
  describeCommonAuthFailures(ROUTES);
});

describe("the webhook authorization table", () => {
  it("lists exactly the routes above", () => {
    expect(Object.keys(WEBHOOK_ROUTE_ACCESS)).toEqual(ROUTES.map((r) => `${r.method} ${r.route}`));
  });

  for (const route of ROUTES) {
    for (const role of WEBHOOK_ROLES) {
      const expected = WEBHOOK_ROUTE_ACCESS[`${route.method} ${route.route}`][role];
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

describe("registering an endpoint", () => {
  it("grants an endpoint 150 groups at once (the most is 200; past D1's 100 bound parameters a statement)", async () => {
    const admin = await createMember({ role: "admin" });
    const groupIds = Array.from({ length: 150 }, () => newId("grp"));
    await env.DB.prepare(
      "INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) SELECT value, 'Granted ' || value, '', 'private', 'community', ?, 0, 0 FROM json_each(?)",
    ).bind(admin.id, JSON.stringify(groupIds)).run();
    const res = await api("/api/v1/admin/webhooks", { as: admin, body: { url: HOOK_URL, events: ["post.created"], groupIds } });
    expect(res.status, res.text.slice(0, 300)).toBe(201);
    expect(res.json.groupIds).toEqual(groupIds);
  });

  it("answers the endpoint and its whsec_ secret once; the secret signs and verifies with standardwebhooks", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const res = await api("/api/v1/admin/webhooks", { as: admin, body: { url: HOOK_URL, description: "Payroll", events: ["member.joined", "member.left"] } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url: HOOK_URL, description: "Payroll", events: ["member.joined", "member.left"], groupIds: [], enabled: true, disabledReason: null });
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const hook = new Webhook(res.json.secret);
    const at = new Date();
    const signature = hook.sign("msg_1", at, "{}");
    expect(hook.verify("{}", { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature })).toEqual({});
    const read = await api(`/api/v1/admin/webhooks/${res.json.id}`, { as: admin });
    expect(Object.keys(read.json).sort()).toEqual(["createdAt", "description", "disabledReason", "enabled", "events", "groupIds", "id", "url"]);
    const list = await api("/api/v1/admin/webhooks", { as: admin });
    expect(list.json.items.map((e: { id: string }) => e.id)).toEqual([res.json.id]);
  });

  it("grants existing groups only, each once; each event once; refusals write nothing", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const group = await createGroup([{ user: admin }], "Payroll team");
    const cases: [string, Record<string, unknown>, string][] = [
      ["an http URL", { url: "http://hooks.example.com/x", events: ["post.created"] }, "url"],
      ["a loopback address", { url: "https://127.0.0.1/x", events: ["post.created"] }, "url"],
      ["the metadata address in decimal", { url: "https://2852039166/x", events: ["post.created"] }, "url"],
      ["a .internal name", { url: "https://billing.internal/x", events: ["post.created"] }, "url"],
      ["a group that does not exist", { url: HOOK_URL, events: ["post.created"], groupIds: ["grp_0000000000aaaaaaaaaaaaaaaa"] }, "groupIds"],
      ["a group twice", { url: HOOK_URL, events: ["post.created"], groupIds: [group, group] }, "groupIds"],
      ["an event twice", { url: HOOK_URL, events: ["post.created", "post.created"] }, "events"],
      ["an event outside the catalogue", { url: HOOK_URL, events: ["room.closed"] }, "events.0"],
    ];
    for (const [name, body, field] of cases) {
      const before = await tableCounts({ files: false });
      const res = await api("/api/v1/admin/webhooks", { as: admin, body });
      const error = await expectError(res, 400, "validation_failed");
      expect(error.details.map((d: { path: string }) => d.path), name).toEqual([field]);
      expect(await tableCounts({ files: false }), name).toEqual(before);
    }
    const granted = await api("/api/v1/admin/webhooks", { as: admin, body: { url: HOOK_URL, events: ["post.created"], groupIds: [group] } });
    expect(granted.status).toBe(201);
    expect(granted.json.groupIds).toEqual([group]);
  });
});

describe("changing, rotating, testing, replaying and deleting", () => {
  it("changes what was sent; turning off says 'admin', turning on clears it; a bad URL changes nothing", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const e = await endpoint(admin);
    const path = `/api/v1/admin/webhooks/${e.id}`;
    expect((await api(path, { as: admin, method: "PATCH", body: { events: ["comment.created", "reaction.changed"], description: "Tickets" } })).json).toMatchObject({ events: ["comment.created", "reaction.changed"], description: "Tickets", url: HOOK_URL });
    expect((await api(path, { as: admin, method: "PATCH", body: { enabled: false } })).json).toMatchObject({ enabled: false, disabledReason: "admin" });
    expect((await api(path, { as: admin, method: "PATCH", body: { enabled: true } })).json).toMatchObject({ enabled: true, disabledReason: null });
    const before = await tableCounts({ files: false });
    const row = await env.DB.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(e.id).first();
    await expectError(await api(path, { as: admin, method: "PATCH", body: { url: "https://[::ffff:10.0.0.1]/x" } }), 400, "validation_failed");
    expect(await tableCounts({ files: false })).toEqual(before);
    expect(await env.DB.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(e.id).first()).toEqual(row);
    await expectError(await api("/api/v1/admin/webhooks/whk_0000000000aaaaaaaaaaaaaaaa", { as: admin, method: "PATCH", body: { description: "x" } }), 404, "not_found");
  });

  it("rotates: a new secret, the previous one kept 24 hours", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const e = await endpoint(admin);
    const before = Date.now();
    const res = await api(`/api/v1/admin/webhooks/${e.id}/rotate`, { as: admin, method: "POST" });
    expect(res.status).toBe(200);
    expect(res.json.secret).toMatch(/^whsec_/);
    expect(res.json.secret).not.toBe(e.secret);
    const row = await env.DB.prepare("SELECT secret, previous_secret, previous_secret_until FROM webhook_endpoints WHERE id = ?").bind(e.id).first<{ secret: string; previous_secret: string; previous_secret_until: number }>();
    expect(row!.secret).toBe(res.json.secret);
    expect(row!.previous_secret).toBe(e.secret);
    expect(row!.previous_secret_until - before).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(row!.previous_secret_until - before).toBeLessThan(24 * 3600 * 1000 + 60_000);
  });

  it("tests: one webhook.test delivery to that endpoint only, in its log; replays only a settled delivery, with the same id", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const e = await endpoint(admin);
    const other = await endpoint(admin, { events: ["webhook.test"] });
    const res = await api(`/api/v1/admin/webhooks/${e.id}/test`, { as: admin, method: "POST" });
    expect(res.status).toBe(202);
    const id = res.json.deliveryId as string;
    const log = await api(`/api/v1/admin/webhooks/${e.id}/deliveries`, { as: admin });
    expect(log.json.items.map((d: { id: string; type: string }) => [d.id, d.type])).toEqual([[id, "webhook.test"]]);
    expect((await api(`/api/v1/admin/webhooks/${other.id}/deliveries`, { as: admin })).json.items).toEqual([]);
    const payload = await env.DB.prepare("SELECT payload FROM webhook_deliveries WHERE id = ?").bind(id).first<{ payload: string }>();
    expect(JSON.parse(payload!.payload)).toMatchObject({ type: "webhook.test", data: { endpointId: e.id, requestedBy: admin.id } });
    // Another endpoint's delivery is not this one's.
    await expectError(await api(`/api/v1/admin/webhooks/${other.id}/deliveries/${id}`, { as: admin }), 404, "not_found");
    await quiet();
    const again = await endpoint(admin);
    const settled = await settledDelivery(again.id);
    const replay = await api(`/api/v1/admin/webhooks/${again.id}/deliveries/${settled}/replay`, { as: admin, method: "POST" });
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual({ deliveryId: settled });
    expect(await env.DB.prepare("SELECT state FROM webhook_deliveries WHERE id = ?").bind(settled).first()).toMatchObject({ state: expect.stringMatching(/pending|failed/) });
    await env.DB.prepare("UPDATE webhook_deliveries SET state = 'pending' WHERE id = ?").bind(settled).run();
    await expectError(await api(`/api/v1/admin/webhooks/${again.id}/deliveries/${settled}/replay`, { as: admin, method: "POST" }), 409, "conflict");
    await api(`/api/v1/admin/webhooks/${again.id}`, { as: admin, method: "PATCH", body: { enabled: false } });
    await expectError(await api(`/api/v1/admin/webhooks/${again.id}/test`, { as: admin, method: "POST" }), 409, "conflict");
    await quiet();
  });

  it("deletes an endpoint with its deliveries and their attempts; every change is in the audit log", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const e = await endpoint(admin);
    const d = await settledDelivery(e.id);
    await api(`/api/v1/admin/webhooks/${e.id}`, { as: admin, method: "PATCH", body: { description: "x" } });
    await api(`/api/v1/admin/webhooks/${e.id}/rotate`, { as: admin, method: "POST" });
    expect((await api(`/api/v1/admin/webhooks/${e.id}`, { as: admin, method: "DELETE" })).status).toBe(204);
    await expectError(await api(`/api/v1/admin/webhooks/${e.id}`, { as: admin }), 404, "not_found");
    await expectError(await api(`/api/v1/admin/webhooks/${e.id}/deliveries/${d}`, { as: admin }), 404, "not_found");
    expect(await env.DB.prepare("SELECT (SELECT count(*) FROM webhook_deliveries WHERE id = ?) AS d, (SELECT count(*) FROM webhook_attempts WHERE delivery_id = ?) AS a").bind(d, d).first()).toEqual({ d: 0, a: 0 });
    const audit = await api("/api/v1/moderation/audit?limit=100", { as: admin });
    const mine = audit.json.items.filter((i: { target: { id: string } }) => i.target.id === e.id).map((i: { action: string }) => i.action);
    expect(mine).toEqual(["webhook.delete", "webhook.rotate", "webhook.update", "webhook.create"]);
  });
});

describe("a comment's event", () => {
  // A comment's event goes through the queue after the answer (services/posts/comments.ts): the endpoint that
  // subscribes to comments gets its delivery, the others none.
  it("reaches the endpoints that subscribe to comments, and makes no delivery while none does", async () => {
    await quiet();
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const made = await api("/api/v1/groups", { as: admin, body: { name: `Webhook comments ${crypto.randomUUID().slice(0, 8)}`, description: "Comments told", visibility: "open", kind: "community" } });
    expect(made.status).toBe(201);
    const post = await api(`/api/v1/groups/${made.json.id}/posts`, { as: admin, body: { body: "A post to comment" } });
    expect(post.status).toBe(201);
    const comment = async () => {
      const res = await api(`/api/v1/posts/${post.json.id}/comments`, { as: member, body: { body: "A comment told to the integrations" } });
      expect(res.status, res.text).toBe(201);
      await queueSettled();
      return res.json.id as string;
    };
    const delivered = () => env.DB.prepare("SELECT endpoint_id AS endpointId, payload FROM webhook_deliveries WHERE type = 'comment.created'").all<{ endpointId: string; payload: string }>();

    await endpoint(admin, { events: ["post.created"] });
    await comment();
    expect((await delivered()).results).toEqual([]);

    const listening = await endpoint(admin, { events: ["comment.created"] });
    const id = await comment();
    const rows = (await delivered()).results;
    expect(rows.map((r) => r.endpointId)).toEqual([listening.id]);
    expect(JSON.parse(rows[0].payload).data).toEqual({ postId: post.json.id, commentId: id, parentId: null, authorId: member.id });
    await quiet();
  });
});

describe("the event catalogue", () => {
  it("lists every webhook event with its version, JSON schema and example, to any member", async () => {
    const guest = await createMember({ role: "guest" });
    const res = await api("/api/v1/webhooks/events", { as: guest });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { type: string; version: number }) => [i.type, i.version])).toEqual([
      ["post.created", 1],
      ["comment.created", 1],
      ["reaction.changed", 1],
      ["member.joined", 1],
      ["member.left", 1],
      ["group.created", 1],
      ["group.updated", 1],
      ["webhook.test", 1],
      ["idea.created", 1],
      ["idea.supported", 1],
      ["idea.status_changed", 1],
      ["campaign.opened", 1],
      ["campaign.closed", 1],
      ["question.created", 1],
      ["question.answered", 1],
      ["question.accepted", 1],
      ["question.overdue", 1],
    ]);
    const joined = res.json.items.find((i: { type: string }) => i.type === "member.joined");
    expect(joined.example).toEqual({ type: "member.joined", timestamp: "2026-01-15T09:30:00.000Z", data: { userId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", role: "member", via: "invitation" } });
    expect(joined.schema).toMatchObject({ type: "object", required: ["userId", "role", "via"], additionalProperties: false });
    expect(joined.schema.properties.via.enum).toEqual(["invitation", "sso", "scim", "setup"]);
  });
});

describe("paths", () => {
  it("fills the table's paths", () => expect(fillPath("/api/v1/admin/webhooks/:id", { id: "whk_1" })).toBe("/api/v1/admin/webhooks/whk_1"));
});
