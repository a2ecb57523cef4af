import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createGroup, createInvitation, createMember, expectError, send, tableCounts, workerFetch, ORIGIN, type TestMember } from "../test/factories";
import { ADMIN_CONSOLE_ROLES, ADMIN_CONSOLE_ROUTE_ACCESS } from "../test/authorization-table";
import { PNG } from "../test/images";
import { newId } from "../lib/ids";

/**
 * The admin console's routes (API.md "Administration and privacy"): members, every group, the network's settings and
 * public face, SCIM tokens and the audit log, each checked against literal expectations; who may call each route from
 * the hand-written table of authorization-table.ts.
 */

let seq = 0;
const tag = () => `${++seq}${newId("req").slice(-5)}`;

/** A valid request per route of the table, for `admin`. */
const REQUESTS: Record<string, (admin: TestMember) => Promise<{ method: string; path: string; body?: unknown; ok: number }>> = {
  "GET /api/v1/admin/members": async () => ({ method: "GET", path: "/api/v1/admin/members?limit=5", ok: 200 }),
  "PATCH /api/v1/admin/members/:id": async () => ({ method: "PATCH", path: `/api/v1/admin/members/${(await createMember()).id}`, body: { role: "guest" }, ok: 200 }),
  "POST /api/v1/admin/invitations/:id/resend": async (admin) => ({ method: "POST", path: `/api/v1/admin/invitations/${(await createInvitation(admin)).id}/resend`, ok: 200 }),
  "GET /api/v1/admin/groups": async () => ({ method: "GET", path: "/api/v1/admin/groups", ok: 200 }),
  "GET /api/v1/admin/settings": async () => ({ method: "GET", path: "/api/v1/admin/settings", ok: 200 }),
  "PUT /api/v1/admin/settings": async () => ({ method: "PUT", path: "/api/v1/admin/settings", body: settingsBody({ name: "Comptoir" }), ok: 200 }),
  "POST /api/v1/admin/scim-tokens": async () => ({ method: "POST", path: "/api/v1/admin/scim-tokens", body: { name: "IdP" }, ok: 201 }),
  "GET /api/v1/admin/scim-tokens": async () => ({ method: "GET", path: "/api/v1/admin/scim-tokens", ok: 200 }),
  "DELETE /api/v1/admin/scim-tokens/:id": async (admin) => ({ method: "DELETE", path: `/api/v1/admin/scim-tokens/${(await api("/api/v1/admin/scim-tokens", { as: admin, body: { name: "To revoke" } })).json.id}`, ok: 204 }),
  "GET /api/v1/admin/audit": async () => ({ method: "GET", path: "/api/v1/admin/audit?limit=5", ok: 200 }),
  "GET /api/v1/network": async () => ({ method: "GET", path: "/api/v1/network", ok: 200 }),
};

const DEFAULT_RETENTION = { chatDays: 365, notificationDays: 180, auditDays: 1825, deliveryDays: 30 };

function settingsBody(over: Record<string, unknown> = {}) {
  return { name: "Comptoir", colour: "#0f5e5e", defaultLocale: "en", defaultPromise: { mode: "none" }, erasure: "anonymise", retention: DEFAULT_RETENTION, ...over };
}

async function animator(): Promise<TestMember> {
  const m = await createMember();
  const g = await createGroup([{ user: m }], "Animated group");
  await env.DB.prepare("UPDATE group_members SET role = 'animator' WHERE group_id = ? AND user_id = ?").bind(g, m.id).run();
  return m;
}

describe("the admin console's authorization table", () => {
  it("lists every route of the table", () => {
    expect(Object.keys(REQUESTS)).toEqual(Object.keys(ADMIN_CONSOLE_ROUTE_ACCESS));
  });

  for (const route of Object.keys(ADMIN_CONSOLE_ROUTE_ACCESS)) {
    for (const role of ADMIN_CONSOLE_ROLES) {
      const expected = ADMIN_CONSOLE_ROUTE_ACCESS[route][role];
      it(`${route} · ${role} → ${expected}`, async () => {
        const admin = await createMember({ role: "admin" });
        const req = await REQUESTS[route](admin);
        const caller = role === "anonymous" ? null : role === "admin" ? admin : role === "animator" ? await animator() : await createMember({ role });
        const before = expected === "allow" ? null : await tableCounts({ files: false });
        const res = await send(req.path, { method: req.method, body: req.body, as: caller });
        if (expected === "allow") expect(res.status, res.text.slice(0, 300)).toBe(req.ok);
        else {
          await expectError(res, expected, expected === 401 ? "unauthenticated" : "forbidden");
          expect(await tableCounts({ files: false })).toEqual(before);
        }
      });
    }
  }
});

describe("members", () => {
  it("are searched by name or email and filtered by role, status and department", async () => {
    const admin = await createMember({ role: "admin" });
    const t = tag();
    const ada = await createMember({ name: `Ada Quokka${t}`, profile: { department: `Finance${t}` } });
    const bob = await createMember({ name: `Bob Quokka${t}`, role: "guest", profile: { department: `Finance${t}` } });
    const cyd = await createMember({ name: `Cyd Quokka${t}`, profile: { department: `Legal${t}` } });
    expect((await api(`/api/v1/admin/users/${cyd.id}/deactivate`, { as: admin, method: "POST" })).status).toBe(204);
    const names = async (query: string) => (await api(`/api/v1/admin/members?${query}`, { as: admin })).json.items.map((m: any) => m.name);
    expect(await names(`q=Quokka${t}`)).toEqual([`Ada Quokka${t}`, `Bob Quokka${t}`, `Cyd Quokka${t}`]);
    expect(await names(`q=${encodeURIComponent(ada.email.slice(0, 12))}`)).toContain(`Ada Quokka${t}`);
    expect(await names(`q=Quokka${t}&role=guest`)).toEqual([`Bob Quokka${t}`]);
    expect(await names(`q=Quokka${t}&status=deactivated`)).toEqual([`Cyd Quokka${t}`]);
    expect(await names(`department=Finance${t}`)).toEqual([`Ada Quokka${t}`, `Bob Quokka${t}`]);
    expect(await names(`q=Quokka${t}&status=active&department=Finance${t}&role=member`)).toEqual([`Ada Quokka${t}`]);
    const first = await api(`/api/v1/admin/members?q=Quokka${t}&limit=2`, { as: admin });
    expect(first.json.items.map((m: any) => m.name)).toEqual([`Ada Quokka${t}`, `Bob Quokka${t}`]);
    const second = await api(`/api/v1/admin/members?q=Quokka${t}&limit=2&cursor=${first.json.nextCursor}`, { as: admin });
    expect(second.json).toMatchObject({ items: [{ name: `Cyd Quokka${t}`, status: "deactivated" }], nextCursor: null });
    expect(first.json.items[1]).toEqual({
      id: bob.id,
      email: bob.email,
      handle: bob.handle,
      name: `Bob Quokka${t}`,
      role: "guest",
      title: "",
      department: `Finance${t}`,
      location: "",
      avatarUrl: null,
      status: "active",
      externalId: null,
      createdAt: expect.any(Number),
    });
  });

  it("get a new role, audited with before and after and the request id", async () => {
    const admin = await createMember({ role: "admin" });
    const m = await createMember();
    const res = await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "PATCH", body: { role: "admin" } });
    expect(res.status).toBe(200);
    expect(res.json.role).toBe("admin");
    const audit = await api(`/api/v1/admin/audit?targetId=${m.id}&action=member.role`, { as: admin });
    expect(audit.json.items).toEqual([
      { id: expect.stringMatching(/^aud_/), at: expect.any(Number), actor: { id: admin.id, name: expect.any(String), kind: "member" }, action: "member.role", target: { type: "user", id: m.id }, before: { role: "member" }, after: { role: "admin" }, requestId: res.headers.get("X-Request-Id") },
    ]);
    // The same role again changes nothing and writes no audit row.
    const counts = await tableCounts({ files: false });
    expect((await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "PATCH", body: { role: "admin" } })).status).toBe(200);
    expect(await tableCounts({ files: false })).toEqual(counts);
    await expectError(await api(`/api/v1/admin/members/usr_0000000000aaaaaaaaaaaaaaaa`, { as: admin, method: "PATCH", body: { role: "admin" } }), 404, "not_found");
  });

  it("keep an active administrator: the last one cannot lose the role, even when two demote each other at once", async () => {
    const a = await createMember({ role: "admin" });
    const b = await createMember({ role: "admin" });
    // Only a and b are administrators now.
    await env.DB.prepare("UPDATE users SET role = 'member' WHERE role = 'admin' AND id NOT IN (?, ?)").bind(a.id, b.id).run();
    const auditBefore = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'member.role'").first<{ n: number }>())!.n;
    const [ab, ba] = await Promise.all([
      api(`/api/v1/admin/members/${b.id}`, { as: a, method: "PATCH", body: { role: "member" } }),
      api(`/api/v1/admin/members/${a.id}`, { as: b, method: "PATCH", body: { role: "member" } }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    const admins = await env.DB.prepare("SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL").all<{ id: string }>();
    expect(admins.results.length).toBe(1);
    const auditAfter = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'member.role'").first<{ n: number }>())!.n;
    expect(auditAfter - auditBefore, "one audit row: the refused change wrote none").toBe(1);
    // The last one cannot demote themselves.
    const last = admins.results[0].id === a.id ? a : b;
    await expectError(await api(`/api/v1/admin/members/${last.id}`, { as: last, method: "PATCH", body: { role: "guest" } }), 409, "conflict");
  });
});

describe("invitations sent again", () => {
  it("get a new link (the old one stops), are audited, and an accepted one is 409", async () => {
    const admin = await createMember({ role: "admin" });
    const inv = await createInvitation(admin);
    const res = await api(`/api/v1/admin/invitations/${inv.id}/resend`, { as: admin, method: "POST" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: inv.id, email: inv.email, role: "member", url: expect.stringMatching(/\/invite\/[\w-]+$/) });
    expect(res.json.url).not.toBe(inv.url);
    expect((await api(`/api/v1/invitations/${inv.token}`)).status).toBe(404);
    expect((await api(`/api/v1/invitations/${res.json.url.split("/invite/")[1]}`)).status).toBe(200);
    const audit = await api(`/api/v1/admin/audit?targetId=${inv.id}`, { as: admin });
    // Newest first: the resend, then the invitation itself (audited since every privileged write is).
    expect(audit.json.items.map((e: any) => e.action)).toEqual(["invitation.resend", "invitation.create"]);
    await env.DB.prepare("UPDATE invitations SET accepted_at = ? WHERE id = ?").bind(Date.now(), inv.id).run();
    await expectError(await api(`/api/v1/admin/invitations/${inv.id}/resend`, { as: admin, method: "POST" }), 409, "conflict");
    await expectError(await api(`/api/v1/admin/invitations/inv_0000000000aaaaaaaaaaaaaaaa/resend`, { as: admin, method: "POST" }), 404, "not_found");
  });
});

describe("every group", () => {
  it("lists secret ones too, with owners and counts, to administrators", async () => {
    const admin = await createMember({ role: "admin" });
    const owner = await createMember({ name: "Owner Ouistiti" });
    const other = await createMember();
    const name = `Hidden ${tag()}`;
    const id = await createGroup([{ user: owner }, { user: other, state: "pending" }], name);
    await env.DB.batch([
      env.DB.prepare("UPDATE groups SET visibility = 'secret', member_count = 1 WHERE id = ?").bind(id),
      env.DB.prepare("UPDATE group_members SET role = 'owner' WHERE group_id = ? AND user_id = ?").bind(id, owner.id),
    ]);
    const res = await api(`/api/v1/admin/groups?q=${encodeURIComponent(name)}&visibility=secret`, { as: admin });
    expect(res.json).toEqual({
      items: [{ id, name, visibility: "secret", kind: "project", owners: [{ id: owner.id, name: "Owner Ouistiti" }], memberCount: 1, pendingCount: 1, postCount: 0, lastPostAt: null, createdAt: expect.any(Number) }],
      nextCursor: null,
    });
    // The ordinary group list does not show it to the admin's own members view… but this one is the admin's alone.
    await expectError(await api(`/api/v1/admin/groups`, { as: owner }), 403, "forbidden");
  });
});

describe("the network's settings", () => {
  it("are read, replaced (audited with the changed fields) and shown publicly", async () => {
    const admin = await createMember({ role: "admin", name: "Settings Admin" });
    const put = await api("/api/v1/admin/settings", {
      as: admin,
      method: "PUT",
      body: settingsBody({ name: "Banque Exemple", colour: "#AA3300", defaultLocale: "fr", defaultPromise: { mode: "calendar", hours: 24 }, erasure: "delete", retention: { ...DEFAULT_RETENTION, chatDays: 90 } }),
    });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toEqual({
      name: "Banque Exemple",
      logoUrl: null,
      colour: "#aa3300",
      defaultLocale: "fr",
      defaultPromise: { mode: "calendar", hours: 24 },
      erasure: "delete",
      retention: { chatDays: 90, notificationDays: 180, auditDays: 1825, deliveryDays: 30 },
      updatedAt: expect.any(Number),
      updatedBy: { id: admin.id, name: "Settings Admin" },
    });
    expect((await api("/api/v1/admin/settings", { as: admin })).json).toEqual(put.json);
    expect((await api("/api/v1/network")).json).toEqual({ name: "Banque Exemple", colour: "#aa3300", logoUrl: null, defaultLocale: "fr" });
    const audit = await api(`/api/v1/admin/audit?action=settings.update&actorId=${admin.id}`, { as: admin });
    expect(audit.json.items[0].after).toEqual({ name: "Banque Exemple", colour: "#aa3300", defaultLocale: "fr", defaultPromise: { mode: "calendar", hours: 24 }, erasure: "delete", retention: { chatDays: 90, notificationDays: 180, auditDays: 1825, deliveryDays: 30 } });
    expect(audit.json.items[0].target).toEqual({ type: "settings", id: "network" });

    // A logo from the admin's own upload: served publicly; another's upload or a text file is refused on the field.
    const upload = await api("/api/v1/uploads?filename=logo.png", { as: admin, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(upload.status).toBe(201);
    const withLogo = await api("/api/v1/admin/settings", { as: admin, method: "PUT", body: settingsBody({ logoUploadId: upload.json.id }) });
    expect(withLogo.json.logoUrl).toMatch(/^\/api\/v1\/network\/logo\/fil_[0-9a-z]{26}$/);
    const logo = await workerFetch(`${ORIGIN}${withLogo.json.logoUrl}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("Content-Type")).toBe("image/png");
    const text = await api("/api/v1/uploads?filename=notes.txt", { as: admin, raw: "notes", headers: { "Content-Type": "text/plain" } });
    const refused = await expectError(await api("/api/v1/admin/settings", { as: admin, method: "PUT", body: settingsBody({ logoUploadId: text.json.id }) }), 400, "validation_failed");
    expect(refused.details).toEqual([{ path: "logoUploadId", message: expect.any(String) }]);
    const stranger = await createMember({ role: "admin" });
    await expectError(await api("/api/v1/admin/settings", { as: stranger, method: "PUT", body: settingsBody({ logoUploadId: upload.json.id }) }), 400, "validation_failed");
    // Absent keeps the logo; null removes it (and the old one is no longer served).
    expect((await api("/api/v1/admin/settings", { as: admin, method: "PUT", body: settingsBody() })).json.logoUrl).toBe(withLogo.json.logoUrl);
    expect((await api("/api/v1/admin/settings", { as: admin, method: "PUT", body: settingsBody({ logoUploadId: null }) })).json.logoUrl).toBeNull();
    expect((await workerFetch(`${ORIGIN}${withLogo.json.logoUrl}`)).status).toBe(404);
  });

  it("refuse out-of-range values field by field, writing nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const cases: [Record<string, unknown>, string][] = [
      [{ colour: "red" }, "colour"],
      [{ name: "" }, "name"],
      [{ retention: { ...DEFAULT_RETENTION, auditDays: 7 } }, "retention.auditDays"],
      [{ retention: { ...DEFAULT_RETENTION, chatDays: 0 } }, "retention.chatDays"],
      [{ defaultPromise: { mode: "business", hours: 8 } }, "defaultPromise.days"],
      [{ erasure: "shred" }, "erasure"],
    ];
    for (const [over, field] of cases) {
      const counts = await tableCounts({ files: false });
      const error = await expectError(await api("/api/v1/admin/settings", { as: admin, method: "PUT", body: settingsBody(over) }), 400, "validation_failed");
      expect(error.details.map((d: any) => d.path)).toContain(field);
      expect(await tableCounts({ files: false })).toEqual(counts);
    }
  });
});

describe("SCIM tokens", () => {
  it("are shown once, listed without the token, and revoked once (audited both ways)", async () => {
    const admin = await createMember({ role: "admin", name: "Token Admin" });
    const created = await api("/api/v1/admin/scim-tokens", { as: admin, body: { name: "Okta" } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^sct_[0-9a-z]{26}$/), name: "Okta", token: expect.stringMatching(/^scim_[\w-]{43}$/) });
    const listed = (await api("/api/v1/admin/scim-tokens", { as: admin })).json.items.find((t: any) => t.id === created.json.id);
    expect(listed).toEqual({ id: created.json.id, name: "Okta", createdAt: expect.any(Number), createdBy: { id: admin.id, name: "Token Admin" }, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(await api("/api/v1/admin/scim-tokens", { as: admin }))).not.toContain(created.json.token);
    expect((await api(`/api/v1/admin/scim-tokens/${created.json.id}`, { as: admin, method: "DELETE" })).status).toBe(204);
    await expectError(await api(`/api/v1/admin/scim-tokens/${created.json.id}`, { as: admin, method: "DELETE" }), 404, "not_found");
    const audit = await api(`/api/v1/admin/audit?targetId=${created.json.id}`, { as: admin });
    expect(audit.json.items.map((e: any) => e.action)).toEqual(["scim_token.revoke", "scim_token.create"]);
  });
});

describe("the audit log", () => {
  it("filters by actor, action, target and time, and downloads as CSV without formulas", async () => {
    const admin = await createMember({ role: "admin", name: "=HYPERLINK(evil)" });
    const m = await createMember();
    const t0 = Date.now();
    await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "PATCH", body: { role: "guest" } });
    await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "PATCH", body: { role: "member" } });
    const t1 = Date.now() + 1;
    const all = await api(`/api/v1/admin/audit?actorId=${admin.id}`, { as: admin });
    expect(all.json.items.map((e: any) => [e.action, e.before, e.after])).toEqual([
      ["member.role", { role: "guest" }, { role: "member" }],
      ["member.role", { role: "member" }, { role: "guest" }],
    ]);
    expect((await api(`/api/v1/admin/audit?actorId=${admin.id}&from=${t1}`, { as: admin })).json.items).toEqual([]);
    expect((await api(`/api/v1/admin/audit?actorId=${admin.id}&from=${t0}&to=${t1}&limit=1`, { as: admin })).json.nextCursor).not.toBeNull();
    expect((await api(`/api/v1/admin/audit?actorId=${admin.id}&action=settings.update`, { as: admin })).json.items).toEqual([]);
    const csv = await api(`/api/v1/admin/audit?actorId=${admin.id}&format=csv`, { as: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="audit-log.csv"');
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actorId,actorName,actorKind,action,targetType,targetId,before,after,requestId");
    expect(lines.length).toBe(3);
    expect(lines[1]).toContain(`,"'=HYPERLINK(evil)",member,member.role,user,${m.id},"{""role"":""guest""}","{""role"":""member""}",`);
    await expectError(await api(`/api/v1/admin/audit?action=nope`, { as: admin }), 400, "validation_failed");
  });
});
