import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("the OpenAPI document", () => {
  it("describes every identity route with its request schema", async () => {
    const doc = await (await SELF.fetch("http://example.test/api/v1/openapi.json")).json<any>();
    expect(doc.openapi).toBe("3.1.0");
    const login = doc.paths["/api/v1/auth/login"].post;
    expect(login.requestBody.content["application/json"].schema.required).toEqual(["email", "password"]);
    expect(login.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
    for (const path of ["/api/v1/me", "/api/v1/me/profile", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/admin/invitations/bulk", "/api/v1/invitations/{token}", "/api/v1/charter/accept", "/api/v1/setup"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const users = doc.paths["/api/v1/users"].get;
    expect(users.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(["q", "skill", "department", "location", "cursor", "limit"]));
  });

  it("serves a docs page under the strict CSP", async () => {
    const res = await SELF.fetch("http://example.test/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(await res.text()).not.toMatch(/<script>(?!<\/script>)/);
  });
});
