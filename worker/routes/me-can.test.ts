import { describe, expect, it } from "vitest";
import { api, createMember } from "../test/factories";

/**
 * `GET /api/v1/me` carries what the member may do across the network, so that the client reads the rules instead of
 * re-deriving them from the role (the admin pages, opening a group, the coffee machine). Written out by hand per role.
 */
const EXPECTED = {
  admin: { administer: true, createGroups: true, useCoffee: true },
  member: { administer: false, createGroups: true, useCoffee: true },
  guest: { administer: false, createGroups: false, useCoffee: false },
} as const;

describe("GET /me can", () => {
  it.each(Object.entries(EXPECTED))("a %s", async (role, can) => {
    const caller = await createMember({ role: role as keyof typeof EXPECTED });
    const res = await api("/api/v1/me", { as: caller });
    expect(res.status, res.text).toBe(200);
    expect(res.json.can).toEqual(can);
  });

  it("agrees with what the routes answer: a guest cannot open a group or reach the coffee machine, a member can", async () => {
    const guest = await createMember({ role: "guest" });
    const member = await createMember();
    const group = { name: "Can check", description: "", visibility: "open", kind: "community" };
    expect((await api("/api/v1/groups", { as: guest, body: group })).status).toBe(403);
    expect((await api("/api/v1/groups", { as: member, body: group })).status).toBe(201);
    expect((await api("/api/v1/coffee/rooms", { as: guest })).status).toBe(404);
    expect((await api("/api/v1/coffee/rooms", { as: member })).status).toBe(200);
    expect((await api("/api/v1/admin/invitations", { as: member })).status).toBe(403);
  });
});
