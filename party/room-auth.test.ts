import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serviceContext } from "../worker/context";
import { authorizeRoomIn } from "../worker/rooms";
import { api, createGroup, createMember, newCharterVersion, ORIGIN, type TestMember } from "../worker/test/factories";
import { IDENTITY_HEADER, readJsonHeader, ROOM_HEADER } from "./protocol";
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

  it("joins a group, campaign or office-hour room in one D1 round trip (session, membership and record read together), refusals included", async () => {
    const [ana, ben, cat] = [await createMember(), await createMember(), await createMember()];
    const guest = await createMember({ role: "guest" });
    const guestIn = await createMember({ role: "guest" });
    const admin = await createMember({ role: "admin" });
    // ana and guestIn in a private group (cat pending there), ana in a secret and in an open one; ben in none.
    const priv = await createGroup([{ user: ana }, { user: guestIn }, { user: cat, state: "pending" }], "Private room");
    const secret = await createGroup([{ user: ana }], "Secret room");
    const open = await createGroup([{ user: ana }], "Open room");
    const now = Date.now();
    const networkIdeas = "grp_0000000000networkwideideas";
    await env.DB.batch([
      env.DB.prepare("UPDATE groups SET visibility = 'secret' WHERE id = ?").bind(secret),
      env.DB.prepare("UPDATE groups SET visibility = 'open' WHERE id = ?").bind(open),
      env.DB.prepare("INSERT OR IGNORE INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, 'Network ideas', '', 'open', 'community', ?, ?, ?)").bind(networkIdeas, admin.id, now, now),
      ...[[`cmp_priv${now}`, priv], [`cmp_open${now}`, open], [`cmp_net${now}`, null]].map(([id, group]) =>
        env.DB.prepare("INSERT INTO campaigns (id, group_id, title, brief, brief_html, starts_at, ends_at, created_by, created_at, updated_at) VALUES (?, ?, 'C', '', '', ?, ?, ?, ?, ?)").bind(id, group, now - 60_000, now + 3600_000, ana.id, now, now),
      ),
      ...([
        [`ofh_priv${now}`, priv, now - 60_000, null],
        [`ofh_secret${now}`, secret, now - 60_000, null],
        [`ofh_open${now}`, open, now - 60_000, null],
        [`ofh_later${now}`, open, now + 3600_000, null],
        [`ofh_cancelled${now}`, open, now - 60_000, now - 30_000],
      ] as const).map(([id, group, startsAt, cancelledAt]) =>
        env.DB.prepare("INSERT INTO office_hours (id, group_id, expert_id, topic, starts_at, ends_at, cancelled_at, created_at) VALUES (?, ?, ?, 'Ask me', ?, ?, ?, ?)").bind(id, group, ana.id, startsAt, startsAt + 1800_000, cancelledAt, now),
      ),
    ]);
    const join = async (as: TestMember | null, className: "GroupRoom" | "CampaignRoom" | "OfficeHours", name: string) => {
      const ctx = serviceContext(env, ORIGIN, "req_test");
      const req = new Request(`${ORIGIN}/parties/x/${name}`, { headers: { Upgrade: "websocket", ...(as ? { Cookie: as.cookie } : {}) } });
      const out = await authorizeRoomIn(ctx, req, { className, name });
      return { status: out instanceof Request ? 101 : out.status, trips: ctx.stats.trips };
    };
    // Literal expectations: who, which room → status and D1 round trips.
    expect(await join(ana, "GroupRoom", priv)).toEqual({ status: 101, trips: 1 });
    expect(await join(guestIn, "GroupRoom", priv)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, "GroupRoom", priv)).toEqual({ status: 404, trips: 1 });
    expect(await join(cat, "GroupRoom", priv)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "GroupRoom", secret)).toEqual({ status: 404, trips: 1 });
    expect(await join(admin, "GroupRoom", secret)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, "GroupRoom", open)).toEqual({ status: 101, trips: 1 });
    expect(await join(guest, "GroupRoom", open)).toEqual({ status: 404, trips: 1 });
    expect(await join(guestIn, "GroupRoom", open)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "GroupRoom", networkIdeas)).toEqual({ status: 404, trips: 1 });
    expect(await join(admin, "GroupRoom", networkIdeas)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "GroupRoom", "grp_nosuchgroup")).toEqual({ status: 404, trips: 1 });
    expect(await join(null, "GroupRoom", priv)).toEqual({ status: 401, trips: 0 });

    expect(await join(ana, "CampaignRoom", `cmp_priv${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(guestIn, "CampaignRoom", `cmp_priv${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, "CampaignRoom", `cmp_priv${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "CampaignRoom", `cmp_open${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(guest, "CampaignRoom", `cmp_open${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "CampaignRoom", `cmp_net${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(guestIn, "CampaignRoom", `cmp_net${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "CampaignRoom", "cmp_nosuchcampaign")).toEqual({ status: 404, trips: 1 });
    expect(await join(null, "CampaignRoom", `cmp_open${now}`)).toEqual({ status: 401, trips: 0 });

    expect(await join(ana, "OfficeHours", `ofh_priv${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(guestIn, "OfficeHours", `ofh_priv${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, "OfficeHours", `ofh_priv${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "OfficeHours", `ofh_secret${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(admin, "OfficeHours", `ofh_secret${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(ben, "OfficeHours", `ofh_open${now}`)).toEqual({ status: 101, trips: 1 });
    expect(await join(guest, "OfficeHours", `ofh_open${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ana, "OfficeHours", `ofh_later${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ana, "OfficeHours", `ofh_cancelled${now}`)).toEqual({ status: 404, trips: 1 });
    expect(await join(ben, "OfficeHours", "ofh_nosuchhour")).toEqual({ status: 404, trips: 1 });
    expect(await join(null, "OfficeHours", `ofh_open${now}`)).toEqual({ status: 401, trips: 0 });

    // The office-hour room gets its record from the same statement.
    const req = new Request(`${ORIGIN}/parties/office-hours/ofh_open${now}`, { headers: { Upgrade: "websocket", Cookie: ben.cookie } });
    const forwarded = await authorizeRoomIn(serviceContext(env, ORIGIN, "req_test"), req, { className: "OfficeHours", name: `ofh_open${now}` });
    expect(forwarded).toBeInstanceOf(Request);
    expect(readJsonHeader(forwarded as Request, ROOM_HEADER)).toEqual({
      id: `ofh_open${now}`, groupId: open, expertId: ana.id, topic: "Ask me", startsAt: now - 60_000, endsAt: now - 60_000 + 1800_000,
    });
    expect(readJsonHeader(forwarded as Request, IDENTITY_HEADER)).toMatchObject({ id: ben.id, handle: ben.handle });
  });

  it("refuses a member whose charter is pending with 403 charter_required", async () => {
    const admin = await createMember({ role: "admin" });
    const ana = await createMember();
    await newCharterVersion(admin);
    const refused = await openSocket(`/parties/user-room/${ana.id}`, ana.cookie);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe("charter_required");
    // In one round trip, whatever the room: the charter is checked on the member read with the room's facts.
    const group = await createGroup([{ user: ana }]);
    const ctx = serviceContext(env, ORIGIN, "req_test");
    const out = await authorizeRoomIn(ctx, new Request(`${ORIGIN}/parties/group-room/${group}`, { headers: { Cookie: ana.cookie } }), { className: "GroupRoom", name: group });
    expect({ status: (out as Response).status, code: (await (out as Response).json<any>()).error.code, trips: ctx.stats.trips }).toEqual({ status: 403, code: "charter_required", trips: 1 });
  });
});
