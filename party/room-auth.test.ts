import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serviceContext } from "../worker/context";
import { authorizeRoomIn } from "../worker/rooms";
import { api, createMember, newCharterVersion, ORIGIN, type TestMember } from "../worker/test/factories";
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

  it("refuses a session ended by signing out, or by an administrator's deactivation after the room was opened", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Revoked" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    const ben = await createMember();
    const welcomed = await openSocket(path, ben.cookie);
    expect(welcomed.status).toBe(101);
    welcomed.ws!.close();
    expect((await api("/api/v1/auth/logout", { as: ben, body: {} })).status).toBe(204);
    expect((await openSocket(path, ben.cookie)).status).toBe(401);
    // Deactivation ends every session of the member: refused at the next join, whatever the room.
    const admin = await createMember({ role: "admin" });
    const cat = await createMember();
    expect((await openSocket(path, cat.cookie)).status).toBe(101);
    expect((await api(`/api/v1/admin/users/${cat.id}/deactivate`, { as: admin, body: {} })).status).toBe(204);
    for (const p of [path, "/parties/coffee-lobby/main", `/parties/user-room/${cat.id}`]) expect((await openSocket(p, cat.cookie)).status, p).toBe(401);
  });

  it("joins a coffee room in one D1 round trip (session, member, room and pairing read together), refusals included", async () => {
    const ana = await createMember();
    const guest = await createMember({ role: "guest" });
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "One trip" } });
    const now = Date.now();
    const pairId = `cof_onetrip${now}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO coffee_rooms (id, title, kind, pairing_id, created_at) VALUES (?, 'Pair', 'pair', ?, ?)").bind(pairId, `cpr_one${now}`, now),
      env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES (?, ?, 0)").bind(`cpr_one${now}`, ana.id),
    ]);
    const ben = await createMember();
    const join = async (as: TestMember | null, roomId: string) => {
      const ctx = serviceContext(env, ORIGIN, "req_test");
      const req = new Request(`${ORIGIN}/parties/coffee-room/${roomId}`, { headers: { Upgrade: "websocket", ...(as ? { Cookie: as.cookie } : {}) } });
      const out = await authorizeRoomIn(ctx, req, { className: "CoffeeRoom", name: roomId });
      return { status: out instanceof Request ? 101 : out.status, trips: ctx.stats.trips };
    };
    // Literal expectations: who, which room → status and D1 round trips.
    expect(await join(ana, room.json.id)).toEqual({ status: 101, trips: 1 });
    expect(await join(ana, pairId)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, pairId)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "cof_nosuchroom")).toEqual({ status: 404, trips: 1 });
    expect(await join(guest, room.json.id)).toEqual({ status: 404, trips: 1 });
    expect(await join(null, room.json.id)).toEqual({ status: 401, trips: 0 });
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
