import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createMember, newCharterVersion } from "../worker/test/factories";
import { openSocket } from "./test-socket";

// The Worker's checks before any room (worker/rooms.ts): the session and the member's summary come from one query, the
// room's own rule after it. Its own file: publishing a charter below makes every earlier member's charter pending.
describe("room authentication", () => {
  it("refuses a missing, expired or deactivated member's session with 401 before the room", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Auth" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    expect((await openSocket(path, "")).status).toBe(401);
    expect((await openSocket(path, "comptoir_session=not-a-session")).status).toBe(401);

    const late = await createMember();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1, late.id).run();
    expect((await openSocket(path, late.cookie)).status).toBe(401);

    const gone = await createMember();
    await env.DB.prepare("UPDATE users SET deactivated_at = ? WHERE id = ?").bind(Date.now(), gone.id).run();
    const refused = await openSocket(path, gone.cookie);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error.code).toBe("unauthenticated");
  });

  it("hands the room the member's summary from the session lookup", async () => {
    const ana = await createMember({ name: "Ana Summary", profile: { location: "Lyon", timezone: "Europe/Paris", avatarKey: "avatars/ana.png" } });
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Summary" } });
    const a = await openSocket(`/parties/coffee-room/${room.json.id}`, ana.cookie);
    const welcome = await a.next("welcome");
    expect(welcome.you).toMatchObject({ id: ana.id, handle: ana.handle, name: "Ana Summary", location: "Lyon", timezone: "Europe/Paris" });
    expect(welcome.you.avatarUrl).toEqual(expect.stringContaining("ana.png"));
    expect(welcome.presence).toEqual([welcome.you]);
    a.ws!.close();
  });

  it("keeps a pair room to its pairing's members (404 to any other member)", async () => {
    const [ana, ben, cat] = [await createMember(), await createMember(), await createMember()];
    const now = Date.now();
    const roomId = `cof_pairtest${now}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO coffee_rooms (id, title, kind, pairing_id, created_at) VALUES (?, 'Pair', 'pair', ?, ?)").bind(roomId, `cpr_${now}`, now),
      env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES (?, ?, 0), (?, ?, 0)").bind(`cpr_${now}`, ana.id, `cpr_${now}`, ben.id),
    ]);
    expect((await openSocket(`/parties/coffee-room/${roomId}`, cat.cookie)).status).toBe(404);
    expect((await openSocket("/parties/coffee-room/cof_nosuchroom", cat.cookie)).status).toBe(404);
    const a = await openSocket(`/parties/coffee-room/${roomId}`, ana.cookie);
    expect((await a.next("welcome")).title).toBe("Pair");
    a.ws!.close();
  });

  it("refuses a member whose charter is pending with 403 charter_required", async () => {
    const admin = await createMember({ role: "admin" });
    const ana = await createMember();
    await newCharterVersion(admin);
    const refused = await openSocket(`/parties/user-room/${ana.id}`, ana.cookie);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe("charter_required");
  });
});
