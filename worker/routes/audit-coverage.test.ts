import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, openApiDocument } from "../app";
import { api, createMember, type ApiResponse, type TestMember } from "../test/factories";
import { PNG } from "../test/images";

/**
 * A complete audit (issue 12, item 4): every privileged action — an administrator's route, an animator's or owner's
 * on their group, a moderator's — writes exactly one audit row, of the action written here by hand, carrying the
 * request's id; and the unprivileged actions listed below write none. Every administrators' mutation of the OpenAPI
 * document must have a row here: a route added later fails until it is listed (with the audit action it writes).
 */

type Fixture = {
  admin: TestMember;
  owner: TestMember;
  member: TestMember;
  other: TestMember;
  group: string;
};
type Call = (f: Fixture) => Promise<ApiResponse>;

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const id = (res: ApiResponse) => res.json.id as string;
const post = async (f: Fixture, as = f.member, body = "A post") => id(await api(`/api/v1/groups/${f.group}/posts`, { as, body: { body } }));
const comment = async (f: Fixture) => id(await api(`/api/v1/posts/${await post(f)}/comments`, { as: f.member, body: { body: "A comment" } }));
const endpoint = async (f: Fixture) => id(await api("/api/v1/admin/webhooks", { as: f.admin, body: { url: "https://hooks.example.com/audit", events: ["webhook.test"] } }));
const campaign = async (f: Fixture) => id(await api("/api/v1/campaigns", { as: f.owner, body: { title: "Audit campaign", brief: "", groupId: f.group, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000 } }));
const idea = async (f: Fixture, c: string, title = "An idea") => id(await api(`/api/v1/campaigns/${c}/ideas`, { as: f.member, body: { title, body: "Let us" } }));

/** Privileged route → the audit action it writes, and how to call it once (fixtures are made before counting). */
const PRIVILEGED: Record<string, { action: string; prepare: (f: Fixture) => Promise<Call> }> = {
  "POST /api/v1/admin/invitations": { action: "invitation.create", prepare: async () => (f) => api("/api/v1/admin/invitations", { as: f.admin, body: { email: `audit.${crypto.randomUUID()}@example.test`, role: "member" } }) },
  "POST /api/v1/admin/invitations/bulk": {
    action: "invitation.create",
    prepare: async () => (f) => api("/api/v1/admin/invitations/bulk", { as: f.admin, raw: `email,role,name\naudit.${crypto.randomUUID()}@example.test,member,Bulk\n`, headers: { "Content-Type": "text/csv" } }),
  },
  "POST /api/v1/admin/users/{id}/deactivate": { action: "member.deactivate", prepare: async () => { const m = await createMember(); return (f) => api(`/api/v1/admin/users/${m.id}/deactivate`, { as: f.admin, method: "POST" }); } },
  "POST /api/v1/admin/users/{id}/reactivate": { action: "member.reactivate", prepare: async () => { const m = await createMember(); return (f) => api(`/api/v1/admin/users/${m.id}/reactivate`, { as: f.admin, method: "POST" }); } },
  "DELETE /api/v1/admin/members/{id}": { action: "member.erase", prepare: async () => { const m = await createMember(); return (f) => api(`/api/v1/admin/members/${m.id}`, { as: f.admin, method: "DELETE" }); } },
  // The admin console, single sign-on and SCIM tokens (issue 12).
  "PATCH /api/v1/admin/members/{id}": { action: "member.role", prepare: async () => { const m = await createMember(); return (f) => api(`/api/v1/admin/members/${m.id}`, { as: f.admin, method: "PATCH", body: { role: "guest" } }); } },
  "POST /api/v1/admin/invitations/{id}/resend": {
    action: "invitation.resend",
    prepare: async (f) => { const inv = id(await api("/api/v1/admin/invitations", { as: f.admin, body: { email: `audit.${crypto.randomUUID()}@example.test`, role: "member" } })); return () => api(`/api/v1/admin/invitations/${inv}/resend`, { as: f.admin, method: "POST" }); },
  },
  "PUT /api/v1/admin/settings": {
    action: "settings.update",
    prepare: async () => (f) =>
      api("/api/v1/admin/settings", { as: f.admin, method: "PUT", body: { name: "Audited network", colour: "#0f5e5e", defaultLocale: "en", defaultPromise: { mode: "none" }, erasure: "anonymise", retention: { chatDays: 365, notificationDays: 180, auditDays: 1825, deliveryDays: 30 } } }),
  },
  "PUT /api/v1/admin/sso": { action: "sso.update", prepare: async () => (f) => api("/api/v1/admin/sso", { as: f.admin, method: "PUT", body: { issuer: "https://login.example.test/tenant/v2.0", clientId: "comptoir-audit", domains: ["audit-sso.example.test"], jit: false, mandatory: false } }) },
  "POST /api/v1/admin/scim-tokens": { action: "scim_token.create", prepare: async () => (f) => api("/api/v1/admin/scim-tokens", { as: f.admin, body: { name: "Audit IdP" } }) },
  "DELETE /api/v1/admin/scim-tokens/{id}": { action: "scim_token.revoke", prepare: async (f) => { const t = id(await api("/api/v1/admin/scim-tokens", { as: f.admin, body: { name: "Audit IdP" } })); return () => api(`/api/v1/admin/scim-tokens/${t}`, { as: f.admin, method: "DELETE" }); } },
  "POST /api/v1/admin/coffee/pairing/run": { action: "coffee.pairing_run", prepare: async () => (f) => api("/api/v1/admin/coffee/pairing/run", { as: f.admin, method: "POST" }) },
  "POST /api/v1/admin/webhooks": { action: "webhook.create", prepare: async () => (f) => api("/api/v1/admin/webhooks", { as: f.admin, body: { url: "https://hooks.example.com/audit", events: ["webhook.test"] } }) },
  "PATCH /api/v1/admin/webhooks/{id}": { action: "webhook.update", prepare: async (f) => { const e = await endpoint(f); return () => api(`/api/v1/admin/webhooks/${e}`, { as: f.admin, method: "PATCH", body: { description: "Changed" } }); } },
  "DELETE /api/v1/admin/webhooks/{id}": { action: "webhook.delete", prepare: async (f) => { const e = await endpoint(f); return () => api(`/api/v1/admin/webhooks/${e}`, { as: f.admin, method: "DELETE" }); } },
  "POST /api/v1/admin/webhooks/{id}/rotate": { action: "webhook.rotate", prepare: async (f) => { const e = await endpoint(f); return () => api(`/api/v1/admin/webhooks/${e}/rotate`, { as: f.admin, method: "POST" }); } },
  "POST /api/v1/admin/webhooks/{id}/test": { action: "webhook.test", prepare: async (f) => { const e = await endpoint(f); return () => api(`/api/v1/admin/webhooks/${e}/test`, { as: f.admin, method: "POST" }); } },
  "POST /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay": {
    action: "webhook.replay",
    prepare: async (f) => {
      const e = await endpoint(f);
      const d = `msg_${crypto.randomUUID().replaceAll("-", "").slice(0, 26)}`;
      await env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, attempt_count, created_at, updated_at) VALUES (?, ?, 'webhook.test', '{}', 'failed', 1, ?, ?)").bind(d, e, Date.now(), Date.now()).run();
      return () => api(`/api/v1/admin/webhooks/${e}/deliveries/${d}/replay`, { as: f.admin, method: "POST" });
    },
  },
  // A group's owner (an animator's rights) on their group.
  "PATCH /api/v1/groups/{id}": { action: "group.update", prepare: async () => (f) => api(`/api/v1/groups/${f.group}`, { as: f.owner, method: "PATCH", body: { description: `Changed ${Date.now()}` } }) },
  "PUT /api/v1/groups/{id}/cover": { action: "group.update", prepare: async () => (f) => api(`/api/v1/groups/${f.group}/cover`, { as: f.owner, method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" } }) },
  "DELETE /api/v1/groups/{id}/cover": { action: "group.update", prepare: async (f) => (await api(`/api/v1/groups/${f.group}/cover`, { as: f.owner, method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" } }), () => api(`/api/v1/groups/${f.group}/cover`, { as: f.owner, method: "DELETE" })) },
  "POST /api/v1/groups/{id}/members": { action: "group.member_add", prepare: async () => { const m = await createMember(); return (f) => api(`/api/v1/groups/${f.group}/members`, { as: f.owner, body: { userId: m.id, role: "member" } }); } },
  "DELETE /api/v1/groups/{id}/members/{userId}": {
    action: "group.member_remove",
    prepare: async (f) => {
      const m = await createMember();
      await api(`/api/v1/groups/${f.group}/join`, { as: m, method: "POST" });
      return () => api(`/api/v1/groups/${f.group}/members/${m.id}`, { as: f.owner, method: "DELETE" });
    },
  },
  "POST /api/v1/groups/{id}/hooks": { action: "hook.create", prepare: async () => (f) => api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body: { name: "CI" } }) },
  "DELETE /api/v1/groups/{id}/hooks/{hookId}": { action: "hook.delete", prepare: async (f) => { const h = id(await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body: { name: "CI" } })); return () => api(`/api/v1/groups/${f.group}/hooks/${h}`, { as: f.owner, method: "DELETE" }); } },
  "POST /api/v1/campaigns": { action: "campaign.create", prepare: async () => (f) => api("/api/v1/campaigns", { as: f.owner, body: { title: "A campaign", brief: "", groupId: f.group, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000 } }) },
  "PATCH /api/v1/campaigns/{id}": { action: "campaign.update", prepare: async (f) => { const c = await campaign(f); return () => api(`/api/v1/campaigns/${c}`, { as: f.owner, method: "PATCH", body: { title: "Renamed" } }); } },
  "PATCH /api/v1/ideas/{id}/status": { action: "idea.status", prepare: async (f) => { const i = await idea(f, await campaign(f)); return () => api(`/api/v1/ideas/${i}/status`, { as: f.owner, method: "PATCH", body: { status: "studied", reason: "Looking" } }); } },
  "POST /api/v1/ideas/{id}/merge": { action: "idea.merge", prepare: async (f) => { const c = await campaign(f); const [a, b] = [await idea(f, c, "One"), await idea(f, c, "Two")]; return () => api(`/api/v1/ideas/${a}/merge`, { as: f.owner, body: { intoId: b } }); } },
  // Moderation of someone else's content by the group's owner.
  "POST /api/v1/posts/{id}/hide": { action: "post.hide", prepare: async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}/hide`, { as: f.owner, method: "POST" }); } },
  "POST /api/v1/posts/{id}/restore": { action: "post.restore", prepare: async (f) => { const p = await post(f); await api(`/api/v1/posts/${p}/hide`, { as: f.owner, method: "POST" }); return () => api(`/api/v1/posts/${p}/restore`, { as: f.owner, method: "POST" }); } },
  "PUT /api/v1/posts/{id}/pin": { action: "post.pin", prepare: async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}/pin`, { as: f.owner, method: "PUT" }); } },
  "DELETE /api/v1/posts/{id}/pin": { action: "post.unpin", prepare: async (f) => { const p = await post(f); await api(`/api/v1/posts/${p}/pin`, { as: f.owner, method: "PUT" }); return () => api(`/api/v1/posts/${p}/pin`, { as: f.owner, method: "DELETE" }); } },
  "DELETE /api/v1/posts/{id}": { action: "post.delete", prepare: async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}`, { as: f.owner, method: "DELETE" }); } },
  "POST /api/v1/comments/{id}/hide": { action: "comment.hide", prepare: async (f) => { const c = await comment(f); return () => api(`/api/v1/comments/${c}/hide`, { as: f.owner, method: "POST" }); } },
  "POST /api/v1/comments/{id}/restore": { action: "comment.restore", prepare: async (f) => { const c = await comment(f); await api(`/api/v1/comments/${c}/hide`, { as: f.owner, method: "POST" }); return () => api(`/api/v1/comments/${c}/restore`, { as: f.owner, method: "POST" }); } },
  "DELETE /api/v1/comments/{id}": { action: "comment.delete", prepare: async (f) => { const c = await comment(f); return () => api(`/api/v1/comments/${c}`, { as: f.owner, method: "DELETE" }); } },
  "POST /api/v1/moderation/reports/{id}/dismiss": {
    action: "report.dismiss",
    prepare: async (f) => {
      const p = await post(f);
      await api(`/api/v1/posts/${p}/report`, { as: f.other, body: { reason: "Off topic" } });
      const r = await env.DB.prepare("SELECT id FROM reports WHERE target_id = ?").bind(p).first<{ id: string }>();
      return () => api(`/api/v1/moderation/reports/${r!.id}/dismiss`, { as: f.owner, method: "POST" });
    },
  },
  // A member's API tokens act for them: made and revoked on the record.
  "POST /api/v1/me/tokens": { action: "token.create", prepare: async () => (f) => api("/api/v1/me/tokens", { as: f.member, body: { name: "Script", scopes: ["read"] } }) },
  "DELETE /api/v1/me/tokens/{id}": { action: "token.revoke", prepare: async (f) => { const t = id(await api("/api/v1/me/tokens", { as: f.member, body: { name: "Script", scopes: ["read"] } })); return () => api(`/api/v1/me/tokens/${t}`, { as: f.member, method: "DELETE" }); } },
  // Expert office hours: the group's owner cancels a member's session.
  "DELETE /api/v1/office-hours/{id}": {
    action: "office_hour.cancel",
    prepare: async (f) => { const o = id(await api("/api/v1/office-hours", { as: f.member, body: { groupId: f.group, topic: "Audited hour", startsAt: Date.now() + 3600_000, durationMinutes: 30 } })); return () => api(`/api/v1/office-hours/${o}`, { as: f.owner, method: "DELETE" }); },
  },
  // Last: a new charter version asks everyone to accept it again.
  "POST /api/v1/admin/charter": { action: "charter.publish", prepare: async () => (f) => api("/api/v1/admin/charter", { as: f.admin, body: { body: "# Charter\n\nAudited." } }) },
};

/** Unprivileged actions: none writes an audit row (the author acting on their own content included). */
const UNPRIVILEGED: Record<string, (f: Fixture) => Promise<Call>> = {
  "a member opens a group": async () => (f) => api("/api/v1/groups", { as: f.member, body: { name: `Mine ${Date.now()}`, description: "", visibility: "open", kind: "community" } }),
  "a member joins an open group": async () => (f) => api(`/api/v1/groups/${f.group}/join`, { as: f.other, method: "POST" }),
  "a member posts": async () => (f) => api(`/api/v1/groups/${f.group}/posts`, { as: f.member, body: { body: "Hello" } }),
  "a member comments": async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}/comments`, { as: f.member, body: { body: "Hi" } }); },
  "a member reacts": async (f) => { const p = await post(f, f.owner); return () => api(`/api/v1/posts/${p}/reactions/like`, { as: f.member, method: "PUT" }); },
  "a member reports": async (f) => { const p = await post(f, f.owner); return () => api(`/api/v1/posts/${p}/report`, { as: f.member, body: { reason: "Spam" } }); },
  "an author edits their post": async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}`, { as: f.member, method: "PATCH", body: { body: "Edited" } }); },
  "an author deletes their post": async (f) => { const p = await post(f); return () => api(`/api/v1/posts/${p}`, { as: f.member, method: "DELETE" }); },
  "an author deletes their comment": async (f) => { const c = await comment(f); return () => api(`/api/v1/comments/${c}`, { as: f.member, method: "DELETE" }); },
  "a member edits their profile": async () => (f) => api("/api/v1/me/profile", { as: f.member, method: "PATCH", body: { title: "Engineer" } }),
  "a member follows a tag": async () => (f) => api("/api/v1/me/follows/tags/audit", { as: f.member, method: "PUT" }),
  "a member sets quiet hours": async () => (f) => api("/api/v1/notifications/quiet-hours", { as: f.member, method: "PUT", body: { quietHours: { from: "22:00", to: "07:00" } } }),
  "a member opens a coffee room": async () => (f) => api("/api/v1/coffee/rooms", { as: f.member, body: { title: "Coffee" } }),
  "a member proposes and supports ideas": async (f) => { const c = await campaign(f); const i = id(await api(`/api/v1/campaigns/${c}/ideas`, { as: f.owner, body: { title: "Owner's", body: "x" } })); return () => api(`/api/v1/ideas/${i}/support`, { as: f.member, method: "PUT" }); },
  "a member leaves a group": async () => (f) => api(`/api/v1/groups/${f.group}/leave`, { as: f.other, method: "POST" }),
  "a member downloads their data": async () => (f) => api("/api/v1/me/export", { as: f.member }),
  "a member schedules an office hour": async () => (f) => api("/api/v1/office-hours", { as: f.member, body: { groupId: f.group, topic: "Mine", startsAt: Date.now() + 3600_000, durationMinutes: 30 } }),
  "an expert cancels their own office hour": async (f) => { const o = id(await api("/api/v1/office-hours", { as: f.member, body: { groupId: f.group, topic: "Mine", startsAt: Date.now() + 3600_000, durationMinutes: 30 } })); return () => api(`/api/v1/office-hours/${o}`, { as: f.member, method: "DELETE" }); },
};

let f: Fixture;

beforeAll(async () => {
  const [admin, owner, member, other] = [await createMember({ role: "admin" }), await createMember(), await createMember(), await createMember()];
  const group = id(await api("/api/v1/groups", { as: owner, body: { name: "Audited group", description: "", visibility: "open", kind: "community" } }));
  await api(`/api/v1/groups/${group}/join`, { as: member, method: "POST" });
  f = { admin, owner, member, other, group };
});

const auditRows = async () => (await env.DB.prepare("SELECT id, action, request_id FROM audit_log ORDER BY id").all<{ id: string; action: string; request_id: string | null }>()).results;

// First: the privileged list ends with a new charter version, which every member must then accept.
describe("unprivileged actions write no audit row", () => {
  for (const [name, prepare] of Object.entries(UNPRIVILEGED)) {
    it(name, async () => {
      const call = await prepare(f);
      const before = (await auditRows()).length;
      const res = await call(f);
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
      expect((await auditRows()).length).toBe(before);
    });
  }
});

describe("every privileged action writes exactly one audit row", () => {
  it("lists every administrators' mutation of the API", () => {
    const doc = openApiDocument(createApp());
    const adminMutations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { "x-access"?: string }>)
        .filter(([method, op]) => MUTATIONS.has(method.toUpperCase()) && op["x-access"] === "admin")
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const missing = adminMutations.filter((route) => !(route in PRIVILEGED));
    expect(missing, `privileged routes without an audit expectation — add each to the audit-coverage list (worker/routes/audit-coverage.test.ts, PRIVILEGED) with the audit action it writes: ${missing.join(", ")}`).toEqual([]);
  });

  for (const [route, row] of Object.entries(PRIVILEGED)) {
    it(`${route} → ${row.action}`, async () => {
      const call = await row.prepare(f);
      const before = new Set((await auditRows()).map((r) => r.id));
      const res = await call(f);
      expect(res.status, `${route}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
      const added = (await auditRows()).filter((r) => !before.has(r.id));
      expect(added.map((r) => r.action), `${route} must write exactly one audit row (add it to the audit-coverage list if it is new)`).toEqual([row.action]);
      expect(added[0].request_id).toBe(res.headers.get("X-Request-Id"));
    });
  }
});
