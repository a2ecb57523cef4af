import { describe, expect, it } from "vitest";
import { api, createMember, newCharterVersion, PASSWORD } from "../test/factories";

function tokenOf(url: string) {
  return url.split("/invite/")[1];
}

describe("the invitation-to-directory flow", () => {
  it("invites, shows the charter, creates the account on acceptance, and finds the member", async () => {
    const admin = await createMember({ role: "admin" });
    const version = await newCharterVersion(admin, "# Our charter\n\nBe **kind**.");
    const invite = await api("/api/v1/admin/invitations", { as: admin, body: { email: "Nadia.Flow@Example.test", role: "member" } });
    expect(invite.status).toBe(201);
    expect(invite.json.url).toMatch(/^http:\/\/example\.test\/invite\/[\w-]{43}$/);
    const token = tokenOf(invite.json.url);

    const shown = await api(`/api/v1/invitations/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.json.email).toBe("nadia.flow@example.test");
    expect(shown.json.charter).toMatchObject({ version, html: expect.stringContaining("<strong>kind</strong>") });

    const wrongVersion = await api("/api/v1/auth/accept-invitation", { body: { token, name: "Nadia", password: "long enough password", charterVersion: version + 1 } });
    expect(wrongVersion.status).toBe(409);

    const accepted = await api("/api/v1/auth/accept-invitation", { body: { token, name: "Nadia Flow", password: "long enough password", charterVersion: version } });
    expect(accepted.status).toBe(200);
    expect(accepted.json.user).toMatchObject({ name: "Nadia Flow", handle: "nadia.flow", email: "nadia.flow@example.test" });
    const cookie = accepted.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/comptoir_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const nadia = { ...admin, cookie: cookie.split(";")[0] };

    const reused = await api("/api/v1/auth/accept-invitation", { body: { token, name: "Again", password: "long enough password", charterVersion: version } });
    expect(reused.status).toBe(404);

    const me = await api("/api/v1/me", { as: nadia });
    expect(me.json).toMatchObject({ charterAccepted: true, user: { name: "Nadia Flow" } });

    const patched = await api("/api/v1/me/profile", {
      method: "PATCH",
      as: nadia,
      body: { title: "Key account manager", location: "São Paulo", skills: ["Salesforce", "Negotiation"], hobbies: ["Capoeira"], timezone: "America/Sao_Paulo", bio: "I *love* [Comptoir](https://example.com)" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.bioHtml).toContain('rel="nofollow ugc noopener"');

    const colleague = await createMember();
    const bySkillAndCity = await api("/api/v1/users?q=salesforce%20sao%20paulo", { as: colleague });
    expect(bySkillAndCity.json.items.map((u: any) => u.name)).toContain("Nadia Flow");
    const byFilter = await api("/api/v1/users?skill=salesforce&location=sao%20paulo", { as: colleague });
    expect(byFilter.json.items.map((u: any) => u.name)).toContain("Nadia Flow");
    const byHobby = await api("/api/v1/users?q=capoeira", { as: colleague });
    expect(byHobby.json.items.map((u: any) => u.name)).toEqual(["Nadia Flow"]);

    const login = await api("/api/v1/auth/login", { body: { email: "NADIA.flow@example.test", password: "long enough password" } });
    expect(login.status).toBe(200);
    expect(login.headers.get("Set-Cookie")).not.toContain(nadia.cookie);

    await newCharterVersion(admin, "# Charter v2");
    const gated = await api("/api/v1/users", { as: nadia });
    expect(gated.status).toBe(403);
    expect(gated.json.error.code).toBe("charter_required");
    expect((await api("/api/v1/me", { as: nadia })).json.charterAccepted).toBe(false);
  });

  it("throttles failed logins per email with Retry-After, even with the right password", async () => {
    const member = await createMember();
    for (let i = 0; i < 5; i++) {
      const res = await api("/api/v1/auth/login", { body: { email: member.email, password: "wrong password" } });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("invalid_credentials");
    }
    const blocked = await api("/api/v1/auth/login", { body: { email: member.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(800);
  });
});
