import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SCIM } from "../../contract/scim";
import { hashSecret, newId } from "../lib/ids";
import { sessionInsert, SESSION_COOKIE } from "../services/auth/sessions";
import { createEndpoint } from "../services/webhooks/endpoints";
import { api, createMember, insertMembers, send, tableCounts, testContext, workerFetch, ORIGIN, answerOf, type TestMember } from "../test/factories";
import { SCIM_ROUTES } from "./scim";

/**
 * SCIM 2.0 at /scim/v2, driven as an identity provider drives it (Entra ID's and Okta's order: look the user up by
 * userName, create, PATCH, PUT, deactivate, delete), each answer compared with a literal table written by hand. Then
 * departments (Groups), discovery, and the sweep of refusals over every SCIM route: SCIM routes are outside the
 * OpenAPI document (their own shapes and error body), so the generated sweeps of /api/v1 do not reach them; this file
 * enumerates them from the SCIM app itself instead.
 */

type Answer = { status: number; json: any; text: string; headers: Headers };

async function scim(path: string, init: { method?: string; token?: string | null; body?: unknown; raw?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers["Content-Type"] = init.type ?? "application/scim+json";
  const res = await workerFetch(`${ORIGIN}/scim/v2${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  return answerOf(res);
}

async function newToken(admin: TestMember, name = "Entra ID"): Promise<{ id: string; token: string }> {
  const res = await api("/api/v1/admin/scim-tokens", { as: admin, body: { name } });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id, token: res.json.token };
}

const ERROR = (status: number, scimType?: string) => ({ schemas: [SCIM.error], status: String(status), detail: expect.any(String), ...(scimType ? { scimType } : {}) });

function expectScimError(res: Answer, status: number, scimType?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("Content-Type")).toContain("application/scim+json");
  expect(res.json).toEqual(ERROR(status, scimType));
}

/** The resource a created user must be, literally (its id and times aside). */
function userResource(id: string, fields: { email: string; name: string; given: string; family: string; title: string; department: string; location: string | null; externalId?: string; active: boolean }) {
  return {
    schemas: [SCIM.user, SCIM.enterprise],
    id,
    ...(fields.externalId ? { externalId: fields.externalId } : {}),
    userName: fields.email,
    name: { formatted: fields.name, givenName: fields.given, familyName: fields.family },
    displayName: fields.name,
    title: fields.title,
    active: fields.active,
    emails: [{ value: fields.email, type: "work", primary: true }],
    addresses: fields.location ? [{ type: "work", locality: fields.location, primary: true }] : [],
    [SCIM.enterprise]: { department: fields.department },
    meta: { resourceType: "User", created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), location: `${ORIGIN}/scim/v2/Users/${id}` },
  };
}

let seq = 0;
const unique = () => `${++seq}${newId("req").slice(-6)}`;

describe("an identity provider provisioning a member", () => {
  it("looks up, creates, finds, patches, replaces, deactivates and deletes, each answer as the table says", async () => {
    const admin = await createMember({ role: "admin" });
    const { id: tokenId, token } = await newToken(admin, "Entra ID production");
    const email = `ada.${unique()}@example.test`;

    // 1. Look-up before create: nobody yet.
    const before = await scim(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`, { token });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ schemas: [SCIM.list], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });

    // 2. Create, the way Entra ID sends it (booleans as strings, the enterprise extension, a work address).
    const created = await scim("/Users", {
      token,
      body: {
        schemas: [SCIM.user, SCIM.enterprise],
        externalId: "hr-0042",
        userName: email.toUpperCase(),
        active: "True",
        displayName: "Ada Lovelace",
        title: "Analyst",
        name: { givenName: "Ada", familyName: "Lovelace" },
        emails: [{ primary: true, type: "work", value: email }],
        addresses: [{ type: "work", locality: "Lyon" }],
        phoneNumbers: [{ type: "work", value: "+33 1 23 45 67 89" }],
        [SCIM.enterprise]: { department: "Finance", employeeNumber: "42" },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect(id).toMatch(/^usr_[0-9a-z]{26}$/);
    const ada = { email, name: "Ada Lovelace", given: "Ada", family: "Lovelace", title: "Analyst", department: "Finance", location: "Lyon", externalId: "hr-0042", active: true };
    expect(created.json).toEqual(userResource(id, ada));
    expect(created.headers.get("Location")).toBe(`${ORIGIN}/scim/v2/Users/${id}`);
    expect(created.headers.get("Content-Type")).toContain("application/scim+json");

    // The member exists with those fields, no password, no charter accepted yet.
    const row = await env.DB.prepare("SELECT email, name, title, department, location, external_id, role, password_hash, charter_version, deactivated_at FROM users WHERE id = ?").bind(id).first();
    expect(row).toEqual({ email, name: "Ada Lovelace", title: "Analyst", department: "Finance", location: "Lyon", external_id: "hr-0042", role: "member", password_hash: "", charter_version: null, deactivated_at: null });

    // 3. The same userName again: 409 uniqueness.
    expectScimError(await scim("/Users", { token, body: { userName: email, displayName: "Ada again" } }), 409, "uniqueness");

    // 4. Found by userName (any case), by externalId, and by id.
    for (const filter of [`userName eq "${email.toUpperCase()}"`, `externalId eq "hr-0042"`, `id eq "${id}"`]) {
      const found = await scim(`/Users?filter=${encodeURIComponent(filter)}`, { token });
      expect(found.json, filter).toEqual({ schemas: [SCIM.list], totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [userResource(id, ada)] });
    }
    expect((await scim(`/Users/${id}`, { token })).json).toEqual(userResource(id, ada));

    // 5. A session and an API token of the member work…
    const session = await sessionInsert(testContext(), id);
    await session.insert;
    const member = { cookie: `${SESSION_COOKIE}=${session.token}` } as TestMember;
    const apiToken = `cpt_${unique()}abcdefghijklmnopqrstuvwxyz`;
    await env.DB.prepare("INSERT INTO api_tokens (id, user_id, name, scopes, token_hash, created_at) VALUES (?, ?, 'CI', '[\"read\"]', ?, ?)").bind(newId("tok"), id, await hashSecret(apiToken), Date.now()).run();
    expect((await send("/api/v1/me", { as: member })).status).toBe(200);
    expect((await send("/api/v1/me", { headers: { Authorization: `Bearer ${apiToken}` } })).status).toBe(200);

    // 6. PATCH (Entra ID's shape: "Replace", a path per attribute, active as a string): 200 with the resource.
    const patched = await scim(`/Users/${id}`, {
      method: "PATCH",
      token,
      body: {
        schemas: [SCIM.patch],
        Operations: [
          { op: "Replace", path: "title", value: "Senior analyst" },
          { op: "Replace", path: `${SCIM.enterprise}:department`, value: "Risk" },
          { op: "Replace", path: 'addresses[type eq "work"].locality', value: "Paris" },
          { op: "Replace", path: "name.familyName", value: "King" },
          { op: "Add", path: "preferredLanguage", value: "fr-FR" },
        ],
      },
    });
    expect(patched.status, patched.text).toBe(200);
    const ada2 = { ...ada, name: "Ada King", family: "King", title: "Senior analyst", department: "Risk", location: "Paris" };
    expect(patched.json).toEqual(userResource(id, ada2));

    // 7. PATCH active false (Okta's shape: no path, an object value): deactivated; session and token end at once.
    const off = await scim(`/Users/${id}`, { method: "PATCH", token, body: { schemas: [SCIM.patch], Operations: [{ op: "replace", value: { active: false } }] } });
    expect(off.status, off.text).toBe(200);
    expect(off.json).toEqual(userResource(id, { ...ada2, active: false }));
    expect((await send("/api/v1/me", { as: member })).status).toBe(401);
    expect((await send("/api/v1/me", { headers: { Authorization: `Bearer ${apiToken}` } })).status).toBe(401);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(id).first())?.n).toBe(0);

    // 8. PUT replaces the whole resource: what it leaves out is emptied; active true brings the member back.
    const put = await scim(`/Users/${id}`, { method: "PUT", token, body: { schemas: [SCIM.user], userName: email, name: { formatted: "Ada Byron" }, active: true } });
    expect(put.status, put.text).toBe(200);
    const ada3 = { email, name: "Ada Byron", given: "Ada", family: "Byron", title: "", department: "", location: null, active: true };
    expect(put.json).toEqual(userResource(id, ada3));

    // 9. DELETE: 204, then the resource is gone (404) and the member deactivated; their row stays.
    const deleted = await scim(`/Users/${id}`, { method: "DELETE", token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expectScimError(await scim(`/Users/${id}`, { token }), 404);
    expect((await scim(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`, { token })).json.totalResults).toBe(0);
    expect((await env.DB.prepare("SELECT deactivated_at IS NOT NULL AS off FROM users WHERE id = ?").bind(id).first())?.off).toBe(1);

    // 10. Every write is audited, by the token (the audit page names it by its name), with the request id.
    const audit = await api(`/api/v1/admin/audit?actorId=${tokenId}&limit=20`, { as: admin });
    expect(audit.status).toBe(200);
    expect(audit.json.items.map((e: any) => [e.action, e.target.id, e.actor])).toEqual([
      ["scim.user_delete", id, { id: tokenId, name: "Entra ID production", kind: "scim_token" }],
      ["scim.user_update", id, { id: tokenId, name: "Entra ID production", kind: "scim_token" }],
      ["scim.user_update", id, { id: tokenId, name: "Entra ID production", kind: "scim_token" }],
      ["scim.user_update", id, { id: tokenId, name: "Entra ID production", kind: "scim_token" }],
      ["scim.user_create", id, { id: tokenId, name: "Entra ID production", kind: "scim_token" }],
    ]);
    expect(audit.json.items[3].before).toEqual({ name: "Ada Lovelace", title: "Analyst", department: "Finance", location: "Lyon" });
    expect(audit.json.items[3].after).toEqual({ name: "Ada King", title: "Senior analyst", department: "Risk", location: "Paris" });
    expect(audit.json.items[2].after).toEqual({ active: false });
    for (const e of audit.json.items) expect(e.requestId).toMatch(/\S/);

    // 11. Provisioned again after the delete: the same member comes back, active.
    const again = await scim("/Users", { token, body: { userName: email, displayName: "Ada Byron" } });
    expect(again.status, again.text).toBe(201);
    expect(again.json.id).toBe(id);
    expect(again.json.active).toBe(true);
  });

  it("sends member.joined with via scim to the webhooks subscribed to it", async () => {
    const admin = await createMember({ role: "admin" });
    await env.DB.prepare("DELETE FROM webhook_endpoints").run();
    await createEndpoint(testContext(), admin.actor, { url: "https://hooks.example.com/scim", events: ["member.joined"] });
    const { token } = await newToken(admin);
    const created = await scim("/Users", { token, body: { userName: `grace.${unique()}@example.test`, displayName: "Grace Hopper" } });
    expect(created.status).toBe(201);
    let payload: any = null;
    for (let i = 0; i < 50 && !payload; i++) {
      const row = await env.DB.prepare("SELECT payload FROM webhook_deliveries WHERE type = 'member.joined' AND payload LIKE ?").bind(`%${created.json.id}%`).first<{ payload: string }>();
      if (row) payload = JSON.parse(row.payload);
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(payload?.data).toEqual({ userId: created.json.id, role: "member", via: "scim" });
    await env.DB.batch(["DELETE FROM webhook_attempts", "DELETE FROM webhook_deliveries", "DELETE FROM webhook_endpoints"].map((q) => env.DB.prepare(q)));
  });

  it("pages with startIndex and count", async () => {
    const admin = await createMember({ role: "admin" });
    const { token } = await newToken(admin);
    const all = await scim("/Users?count=200", { token });
    const total = all.json.totalResults as number;
    expect(total).toBeGreaterThanOrEqual(2);
    const second = await scim("/Users?startIndex=2&count=1", { token });
    expect(second.json).toMatchObject({ totalResults: total, itemsPerPage: 1, startIndex: 2 });
    expect(second.json.Resources[0].id).toBe(all.json.Resources[1].id);
    expect((await scim("/Users?startIndex=0&count=-5", { token })).json).toMatchObject({ totalResults: total, itemsPerPage: 0, startIndex: 1, Resources: [] });
  });
});

describe("departments as SCIM groups", () => {
  it("creates, lists, adds and removes members, renames and deletes, moving members' department along", async () => {
    const admin = await createMember({ role: "admin" });
    const { token } = await newToken(admin);
    const a = await scim("/Users", { token, body: { userName: `dep.a.${unique()}@example.test`, displayName: "Dep A" } });
    const b = await scim("/Users", { token, body: { userName: `dep.b.${unique()}@example.test`, displayName: "Dep B" } });
    const name = `Treasury ${unique()}`;
    const created = await scim("/Groups", { token, body: { schemas: [SCIM.group], displayName: name, externalId: "dep-7", members: [{ value: a.json.id }] } });
    expect(created.status, created.text).toBe(201);
    const gid = created.json.id as string;
    expect(created.json).toEqual({
      schemas: [SCIM.group],
      id: gid,
      externalId: "dep-7",
      displayName: name,
      members: [{ value: a.json.id, display: "Dep A", $ref: `${ORIGIN}/scim/v2/Users/${a.json.id}` }],
      meta: { resourceType: "Group", created: expect.any(String), lastModified: expect.any(String), location: `${ORIGIN}/scim/v2/Groups/${gid}` },
    });
    expect((await scim(`/Users/${a.json.id}`, { token })).json[SCIM.enterprise]).toEqual({ department: name });
    expectScimError(await scim("/Groups", { token, body: { displayName: name } }), 409, "uniqueness");

    const found = await scim(`/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}&excludedAttributes=members`, { token });
    expect(found.json).toEqual({ schemas: [SCIM.list], totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [{ schemas: [SCIM.group], id: gid, externalId: "dep-7", displayName: name, meta: created.json.meta }] });

    const patch = (Operations: unknown[]) => scim(`/Groups/${gid}`, { method: "PATCH", token, body: { schemas: [SCIM.patch], Operations } });
    const added = await patch([{ op: "add", path: "members", value: [{ value: b.json.id }] }]);
    expect(added.status, added.text).toBe(200);
    expect(added.json.members.map((m: any) => m.display)).toEqual(["Dep A", "Dep B"]);
    const removed = await patch([{ op: "remove", path: `members[value eq "${a.json.id}"]` }]);
    expect(removed.json.members.map((m: any) => m.display)).toEqual(["Dep B"]);
    expect((await scim(`/Users/${a.json.id}`, { token })).json[SCIM.enterprise]).toEqual({ department: "" });
    const renamed = await patch([{ op: "replace", path: "displayName", value: `${name} & Risk` }]);
    expect(renamed.json.displayName).toBe(`${name} & Risk`);
    expect((await scim(`/Users/${b.json.id}`, { token })).json[SCIM.enterprise]).toEqual({ department: `${name} & Risk` });
    expectScimError(await patch([{ op: "add", path: "members", value: [{ value: "usr_0000000000aaaaaaaaaaaaaaaa" }] }]), 400, "invalidValue");

    expect((await scim(`/Groups/${gid}`, { method: "DELETE", token })).status).toBe(204);
    expectScimError(await scim(`/Groups/${gid}`, { token }), 404);
    expect((await scim(`/Users/${b.json.id}`, { token })).json[SCIM.enterprise]).toEqual({ department: "" });
  });

  it("takes a department of 150 members at once, and 120 of them out at once (past D1's 100 bound parameters)", async () => {
    const { token } = await newToken(await createMember({ role: "admin" }));
    const tag = unique();
    const ids = Array.from({ length: 150 }, (_, i) => `usr_dep${tag}${String(i + 1).padStart(3, "0")}`);
    await insertMembers(ids);
    const name = `Operations ${tag}`;
    const created = await scim("/Groups", { token, body: { schemas: [SCIM.group], displayName: name, members: ids.map((value) => ({ value })) } });
    expect(created.status, created.text).toBe(201);
    expect(created.json.members.length).toBe(150);
    const department = () => env.DB.prepare("SELECT count(*) AS n FROM users WHERE department = ?").bind(name).first<{ n: number }>();
    expect(await department()).toEqual({ n: 150 });
    const out = ids.slice(0, 120).map((value) => ({ value }));
    const patched = await scim(`/Groups/${created.json.id}`, { method: "PATCH", token, body: { schemas: [SCIM.patch], Operations: [{ op: "remove", path: "members", value: out }] } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.members.length).toBe(30);
    expect(await department()).toEqual({ n: 30 });
  });
});

describe("discovery", () => {
  it("answers the service provider's configuration, schemas and resource types", async () => {
    const { token } = await newToken(await createMember({ role: "admin" }));
    const config = await scim("/ServiceProviderConfig", { token });
    expect(config.json).toMatchObject({ schemas: [SCIM.serviceProviderConfig], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 }, etag: { supported: false } });
    expect((await scim("/Schemas", { token })).json.Resources.map((s: any) => s.id)).toEqual([SCIM.user, SCIM.enterprise, SCIM.group]);
    expect((await scim(`/Schemas/${SCIM.enterprise}`, { token })).json.attributes.map((a: any) => a.name)).toEqual(["department"]);
    expect((await scim("/ResourceTypes", { token })).json.Resources.map((r: any) => [r.id, r.endpoint, r.schema])).toEqual([
      ["User", "/Users", SCIM.user],
      ["Group", "/Groups", SCIM.group],
    ]);
    expect((await scim("/ResourceTypes/User", { token })).json.schemaExtensions).toEqual([{ schema: SCIM.enterprise, required: false }]);
  });
});

/** Every SCIM route, with a path that exists and a body it would accept (the sweep breaks the credentials or the input). */
const SWEEP_PATHS: Record<string, { path: string; body?: unknown }> = {
  "GET /scim/v2/ServiceProviderConfig": { path: "/ServiceProviderConfig" },
  "GET /scim/v2/Schemas": { path: "/Schemas" },
  "GET /scim/v2/Schemas/:id": { path: `/Schemas/${SCIM.user}` },
  "GET /scim/v2/ResourceTypes": { path: "/ResourceTypes" },
  "GET /scim/v2/ResourceTypes/:id": { path: "/ResourceTypes/User" },
  "GET /scim/v2/Users": { path: "/Users" },
  "POST /scim/v2/Users": { path: "/Users", body: { userName: "sweep.scim@example.test" } },
  "GET /scim/v2/Users/:id": { path: "/Users/{user}" },
  "PUT /scim/v2/Users/:id": { path: "/Users/{user}", body: { userName: "sweep.put@example.test" } },
  "PATCH /scim/v2/Users/:id": { path: "/Users/{user}", body: { Operations: [{ op: "replace", path: "title", value: "x" }] } },
  "DELETE /scim/v2/Users/:id": { path: "/Users/{user}" },
  "GET /scim/v2/Groups": { path: "/Groups" },
  "POST /scim/v2/Groups": { path: "/Groups", body: { displayName: "Sweep department" } },
  "GET /scim/v2/Groups/:id": { path: "/Groups/{group}" },
  "PUT /scim/v2/Groups/:id": { path: "/Groups/{group}", body: { displayName: "Sweep department 2" } },
  "PATCH /scim/v2/Groups/:id": { path: "/Groups/{group}", body: { Operations: [{ op: "replace", path: "displayName", value: "Sweep department 3" }] } },
  "DELETE /scim/v2/Groups/:id": { path: "/Groups/{group}" },
};

describe("the SCIM sweep of refusals", () => {
  it("covers every route of the SCIM app", () => {
    expect(SCIM_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(SWEEP_PATHS).sort());
  });

  const credentials = ["no Authorization", "an unknown scim_ token", "a revoked token", "an administrator's session cookie", "an administrator's API token with the admin scope", "a malformed Authorization header"] as const;

  it.each(Object.keys(SWEEP_PATHS).flatMap((route) => credentials.map((who) => [route, who] as const)))("%s with %s → 401 in SCIM's shape, nothing written", async (route, who) => {
    const admin = await createMember({ role: "admin" });
    const revoked = await newToken(admin, "Revoked");
    expect((await api(`/api/v1/admin/scim-tokens/${revoked.id}`, { as: admin, method: "DELETE" })).status).toBe(204);
    const apiToken = (await api("/api/v1/me/tokens", { as: admin, body: { name: "admin", scopes: ["read", "write", "admin"] } })).json.token as string;
    const { path, body } = SWEEP_PATHS[route];
    const method = route.split(" ")[0];
    const headers: Record<string, string> =
      who === "an unknown scim_ token"
        ? { Authorization: "Bearer scim_not-a-token-at-all-000000000000000000" }
        : who === "a revoked token"
          ? { Authorization: `Bearer ${revoked.token}` }
          : who === "an administrator's session cookie"
            ? { Cookie: admin.cookie, Origin: ORIGIN }
            : who === "an administrator's API token with the admin scope"
              ? { Authorization: `Bearer ${apiToken}` }
              : who === "a malformed Authorization header"
                ? { Authorization: "Bearer two words" }
                : {};
    const counts = await tableCounts();
    const res = await scim(path.replace("{user}", admin.id).replace("{group}", "scg_0000000000aaaaaaaaaaaaaaaa"), { method, body, headers });
    expectScimError(res, 401);
    expect(res.headers.get("WWW-Authenticate")).toBe('Bearer realm="scim"');
    expect(await tableCounts(), "a refused request writes nothing").toEqual(counts);
  });

  const MUTATING = Object.keys(SWEEP_PATHS).filter((r) => /^(POST|PUT|PATCH) /.test(r) && r !== "PUT /scim/v2/Groups/:id");
  const BAD_BODIES: { name: string; raw: string; type: string; status: number; scimType?: string }[] = [
    { name: "malformed JSON", raw: '{"userName": ', type: "application/scim+json", status: 400, scimType: "invalidSyntax" },
    { name: "a text body", raw: "userName=x", type: "text/plain", status: 415 },
    { name: "a JSON array", raw: "[]", type: "application/json", status: 400 },
    { name: "a body over 256 KB", raw: JSON.stringify({ userName: "x@example.test", title: "x".repeat(300_000) }), type: "application/scim+json", status: 413 },
    { name: "wrong types everywhere", raw: JSON.stringify({ userName: 12, displayName: [], Operations: "replace", members: 7 }), type: "application/scim+json", status: 400 },
  ];

  it.each(MUTATING.flatMap((route) => BAD_BODIES.map((b) => [route, b.name, b] as const)))("%s with %s → refused in SCIM's shape, nothing written", async (route, _name, bad) => {
    const admin = await createMember({ role: "admin" });
    const { token } = await newToken(admin);
    const group = (await scim("/Groups", { token, body: { displayName: `Bad input ${unique()}` } })).json.id as string;
    const method = route.split(" ")[0];
    const counts = await tableCounts();
    const res = await scim(SWEEP_PATHS[route].path.replace("{user}", admin.id).replace("{group}", group), { method, token, raw: bad.raw, type: bad.type });
    expect(res.status, res.text).toBe(bad.status);
    expect(res.json).toEqual(ERROR(bad.status, bad.scimType ?? res.json?.scimType));
    const after = await tableCounts();
    // The token's last use is an update, not a row: counts stay.
    expect(after).toEqual(counts);
  });

  it.each([
    ["/Users?filter=name.familyName%20co%20%22x%22", "invalidFilter"],
    ["/Users?filter=title%20eq%20%22x%22", "invalidFilter"],
    ["/Users?filter=userName%20eq%20x", "invalidFilter"],
    ["/Groups?filter=members%20eq%20%22x%22", "invalidFilter"],
  ])("GET %s → 400 %s", async (path, scimType) => {
    const { token } = await newToken(await createMember({ role: "admin" }));
    expectScimError(await scim(path, { token }), 400, scimType);
  });

  it.each(["/Users/usr_0000000000aaaaaaaaaaaaaaaa", "/Groups/scg_0000000000aaaaaaaaaaaaaaaa", "/Schemas/urn:nope", "/ResourceTypes/Nope", "/Nothing", "/Users/x/y"])("GET %s → 404 in SCIM's shape", async (path) => {
    const { token } = await newToken(await createMember({ role: "admin" }));
    expectScimError(await scim(path, { token }), 404);
  });

  it("refuses PATCH operations it cannot apply with 400, writing nothing", async () => {
    const admin = await createMember({ role: "admin" });
    const { token } = await newToken(admin);
    const user = (await scim("/Users", { token, body: { userName: `patch.${unique()}@example.test`, displayName: "Patch Me" } })).json.id as string;
    const cases: [unknown[], string][] = [
      [[{ op: "remove", path: "active" }], "mutability"],
      [[{ op: "replace", path: "active", value: "maybe" }], "invalidValue"],
      [[{ op: "replace", path: "userName", value: "not an email" }], "invalidValue"],
      [[{ op: "remove" }], "noTarget"],
      [[{ op: "replace", path: "title", value: "x".repeat(200) }], "invalidValue"],
      [[{ op: "move", path: "title", value: "x" }], "invalidSyntax"],
      [[], "invalidSyntax"],
    ];
    for (const [Operations, scimType] of cases) {
      const counts = await tableCounts();
      const res = await scim(`/Users/${user}`, { method: "PATCH", token, body: { schemas: [SCIM.patch], Operations } });
      expectScimError(res, 400, scimType);
      expect(await tableCounts()).toEqual(counts);
    }
  });
});

describe("the SCIM rate limit", () => {
  it("lets exactly SCIM_REQUESTS_PER_MINUTE requests of one token through per minute, then 429 in SCIM's shape with Retry-After; other tokens are not counted", async () => {
    const admin = await createMember({ role: "admin" });
    const limited = await newToken(admin, "Limited provider");
    const other = await newToken(admin, "Another provider");
    // A limit of 4 for this test: the Worker's configuration is read from the bindings it is handed.
    const bindings = { ...env, SCIM_REQUESTS_PER_MINUTE: "4" } as unknown as Env;
    const get = async (token: string) => answerOf(await workerFetch(`${ORIGIN}/scim/v2/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } }, bindings));
    // Not at the very end of a minute, so the ten requests below fall in one window.
    if (Date.now() % 60_000 > 57_000) await new Promise((r) => setTimeout(r, 3500));
    const burst = await Promise.all(Array.from({ length: 10 }, () => get(limited.token)));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    const refused = burst.find((r) => r.status === 429)!;
    expectScimError(refused, 429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another token has its own count; a request without a valid token is 401, never counted as anyone's.
    expect((await get(other.token)).status).toBe(200);
    expectScimError(await answerOf(await workerFetch(`${ORIGIN}/scim/v2/Users`, { headers: { Authorization: "Bearer scim_not-a-token" } }, bindings)), 401);
  });
});
