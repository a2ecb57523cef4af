import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { ACTOR_HINT_COOKIE } from "../middleware/auth";
import { api, createMember, PASSWORD, send, type TestMember } from "../test/factories";
import { PNG } from "../test/images";

/**
 * The group, identity and administrators' writes that start before the session check answers (issue 13, the
 * SPECULATIVE_WRITES of worker/middleware/auth.ts): under a hint naming someone else, nothing is written or stored in
 * the hint's name. An upload reaches R2 only once the session check and the route's gate let the caller through; an
 * administrator's hint gives a member no administrator's write; an erasure confirmed with the hint's password erases
 * nobody.
 */

const hintOf = async (member: TestMember) =>
  (await api("/api/v1/me", { as: member })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];

/** The R2 keys under a prefix. */
async function stored(prefix: string): Promise<string[]> {
  return (await env.FILES.list({ prefix })).objects.map((o) => o.key);
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...binds).first<number>("n")) ?? 0;
}

describe("writes under a hint naming someone else", () => {
  it("stores no cover and no hook avatar for a member who holds the owner's hint: 403, R2 and the group unchanged", async () => {
    const owner = await createMember();
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: owner, body: { name: "Forged covers", description: "", visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    expect((await api(`/api/v1/groups/${group.json.id}/join`, { as: member, method: "POST" })).status).toBe(200);
    const ownerHint = await hintOf(owner);
    const upload = await api("/api/v1/uploads?filename=bot.png", { as: member, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(upload.status, upload.text).toBe(201);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const cover = await send(`/api/v1/groups/${group.json.id}/cover`, { method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png", Cookie: `${member.cookie}; ${ownerHint}` } });
    const hook = await send(`/api/v1/groups/${group.json.id}/hooks`, { method: "POST", body: { name: "Forged", avatarUploadId: upload.json.id }, headers: { Cookie: `${member.cookie}; ${ownerHint}` } });
    const edit = await send(`/api/v1/groups/${group.json.id}`, { method: "PATCH", body: { name: "Taken over" }, headers: { Cookie: `${member.cookie}; ${ownerHint}` } });
    errors.mockRestore();
    expect([cover.status, cover.json.error.code]).toEqual([403, "forbidden"]);
    expect([hook.status, hook.json.error.code]).toEqual([403, "forbidden"]);
    expect([edit.status, edit.json.error.code]).toEqual([403, "forbidden"]);
    expect(await stored(`covers/${group.json.id}/`)).toEqual([]);
    expect(await stored(`avatars/hok_`)).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM incoming_hooks WHERE group_id = ?", group.json.id)).toBe(0);
    expect(await env.DB.prepare("SELECT name, cover_key FROM groups WHERE id = ?").bind(group.json.id).first()).toEqual({ name: "Forged covers", cover_key: null });
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE group_id = ?", group.json.id)).toBe(0);
    // The owner, with their own hint, does all three.
    const asOwner = { Cookie: `${owner.cookie}; ${ownerHint}` };
    expect((await send(`/api/v1/groups/${group.json.id}/cover`, { method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png", ...asOwner } })).status).toBe(200);
    expect(await stored(`covers/${group.json.id}/`)).toHaveLength(1);
  });

  it("gives a member who holds an administrator's hint no administrator's write: 403, nothing written, no logo stored", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const target = await createMember();
    const adminHint = await hintOf(admin);
    const forged = { Cookie: `${member.cookie}; ${adminHint}` };
    const upload = await api("/api/v1/uploads?filename=logo.png", { as: member, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(upload.status, upload.text).toBe(201);
    const settings = (await api("/api/v1/admin/settings", { as: admin })).json;
    const logosBefore = await stored("network/logo/");
    const auditBefore = await count("SELECT count(*) AS n FROM audit_log");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const answers = [
      await send("/api/v1/admin/invitations", { method: "POST", body: { email: "forged.invite@example.test", role: "admin" }, headers: forged }),
      await send(`/api/v1/admin/users/${target.id}/deactivate`, { method: "POST", headers: forged }),
      await send(`/api/v1/admin/members/${target.id}`, { method: "PATCH", body: { role: "admin" }, headers: forged }),
      await send(`/api/v1/admin/members/${target.id}`, { method: "DELETE", headers: forged }),
      await send("/api/v1/admin/settings", {
        method: "PUT",
        body: { name: "Forged", colour: settings.colour, defaultLocale: settings.defaultLocale, defaultPromise: settings.defaultPromise, erasure: settings.erasure, retention: settings.retention, logoUploadId: upload.json.id },
        headers: forged,
      }),
    ].map((res) => [res.status, res.json.error.code]);
    errors.mockRestore();
    expect(answers).toEqual([
      [403, "forbidden"],
      [403, "forbidden"],
      [403, "forbidden"],
      [403, "forbidden"],
      [403, "forbidden"],
    ]);
    expect(await count("SELECT count(*) AS n FROM invitations WHERE email = 'forged.invite@example.test'")).toBe(0);
    expect(await env.DB.prepare("SELECT role, deactivated_at, erased_at FROM users WHERE id = ?").bind(target.id).first()).toEqual({ role: "member", deactivated_at: null, erased_at: null });
    expect((await api("/api/v1/admin/settings", { as: admin })).json.name).toBe(settings.name);
    expect(await stored("network/logo/")).toEqual(logosBefore);
    expect(await count("SELECT count(*) AS n FROM audit_log")).toBe(auditBefore);
  });

  it("erases nobody when the password is the hint's member's: the session's member is asked for theirs (401)", async () => {
    const caller = await createMember();
    const hinted = await createMember();
    const hint = await hintOf(hinted);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // The caller's session, the other member's hint and password: the first run (as the hint) is thrown away; the
    // second checks the password against the caller's own, which it is not.
    const res = await send("/api/v1/me", { method: "DELETE", body: { password: "the hinted member's own" }, headers: { Cookie: `${caller.cookie}; ${hint}` } });
    errors.mockRestore();
    expect([res.status, res.json.error.code]).toEqual([401, "invalid_credentials"]);
    expect(await count("SELECT count(*) AS n FROM users WHERE id IN (?, ?) AND erased_at IS NULL", caller.id, hinted.id)).toBe(2);
    // With their own password and the other's hint, the caller erases themselves, and only themselves.
    const erased = await send("/api/v1/me", { method: "DELETE", body: { password: PASSWORD }, headers: { Cookie: `${caller.cookie}; ${hint}` } });
    expect(erased.status, erased.text).toBe(204);
    expect(await count("SELECT count(*) AS n FROM users WHERE id = ?", caller.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM users WHERE id = ? AND erased_at IS NULL", hinted.id)).toBe(1);
  });
});
