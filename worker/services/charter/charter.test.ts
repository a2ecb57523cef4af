import { describe, expect, it } from "vitest";
import { api, createMember, newCharterVersion } from "../../test/factories";

/** Issue 15: after version 2 was published, both versions showed every acceptance of every version. */
describe("GET /admin/charter", () => {
  it("counts each version's own acceptances", async () => {
    const admin = await createMember({ role: "admin" });
    const first = await newCharterVersion(admin, "# Charter\n\nBe kind.");
    const members = [await createMember({ charterAccepted: false }), await createMember({ charterAccepted: false }), await createMember({ charterAccepted: false })];
    for (const m of members) expect((await api("/api/v1/charter/accept", { as: m, body: { version: first } })).status).toBe(204);

    const published = await api("/api/v1/admin/charter", { as: admin, body: { body: "# Charter\n\nStill kind." } });
    expect(published.status, published.text).toBe(201);
    const second = published.json.version;
    expect(second).toBe(first + 1);
    expect((await api("/api/v1/charter/accept", { as: members[0], body: { version: second } })).status).toBe(204);

    const list = await api("/api/v1/admin/charter", { as: admin });
    expect(list.status, list.text).toBe(200);
    const counts = Object.fromEntries(list.json.items.filter((r: any) => r.version >= first).map((r: any) => [r.version, r.acceptances]));
    // Version 1: the publisher and three members; version 2: the publisher and the one member who accepted it again.
    expect(counts).toEqual({ [first]: 4, [second]: 2 });
    expect(list.json.items.map((r: any) => r.version).slice(0, 2)).toEqual([second, first]);
  });
});
