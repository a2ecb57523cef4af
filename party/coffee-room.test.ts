import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { authorizeRoom } from "../worker/rooms";
import { api, createMember, ORIGIN, type TestMember } from "../worker/test/factories";
import { IDENTITY_HEADER, readJsonHeader, ROOM_HEADER } from "./protocol";
import { openSocket } from "./test-socket";

const lobbyMembers = async (as: TestMember, roomId: string) =>
  ((await api("/api/v1/coffee/rooms", { as })).json.items.find((r: any) => r.id === roomId)?.members ?? []).map((m: any) => m.id);

describe("coffee rooms", () => {
  it("chats live with presence, and a reconnecting client gets exactly what it missed", async () => {
    const ana = await createMember({ name: "Ana Coffee" });
    const ben = await createMember({ name: "Ben Coffee" });
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Monday catch-up" } });
    expect(room.status).toBe(201);

    const a = await openSocket(`/parties/coffee-room/${room.json.id}`, ana.cookie);
    const welcomeA = await a.next("welcome");
    expect(welcomeA).toMatchObject({ title: "Monday catch-up", presence: [{ id: ana.id }], backlog: [], cursor: 0 });

    // The lobby is told right after the upgrade (not before the welcome): it lists Ana within moments.
    await vi.waitFor(async () => expect(await lobbyMembers(ben, room.json.id)).toEqual([ana.id]), { timeout: 2000, interval: 20 });

    const b = await openSocket(`/parties/coffee-room/${room.json.id}`, ben.cookie);
    const welcomeB = await b.next("welcome");
    expect(welcomeB.presence.map((m: any) => m.id).sort()).toEqual([ana.id, ben.id].sort());
    expect(await a.next("join")).toMatchObject({ member: { id: ben.id } });

    a.ws!.send(JSON.stringify({ type: "chat", text: "Bonjour !" }));
    const seenByB = await b.next("chat");
    const seenByA = await a.next("chat");
    // Live, a chat names its author by id (the others have their summary from the welcome or the join frame).
    expect(seenByB).toEqual({ type: "chat", id: expect.stringMatching(/^[0-9a-hjkmnp-tv-z]{12}$/), seq: 1, fromId: ana.id, text: "Bonjour !", at: expect.any(Number) });
    expect(seenByA).toEqual(seenByB);

    b.ws!.close();
    expect(await a.next("leave")).toEqual({ type: "leave", userId: ben.id });
    // One after the other, as a person types: the test pool's socket proxy has been seen to swap two frames sent in
    // the same tick (the churn test against wrangler dev checks ordering under load).
    a.ws!.send(JSON.stringify({ type: "chat", text: "missed one" }));
    await a.next("chat");
    a.ws!.send(JSON.stringify({ type: "chat", text: "missed two" }));
    await a.next("chat");

    const again = await openSocket(`/parties/coffee-room/${room.json.id}?cursor=1`, ben.cookie);
    const resumed = await again.next("welcome");
    expect(resumed.backlog.map((f: any) => f.text)).toEqual(["missed one", "missed two"]);
    expect(resumed.cursor).toBe(3);
    // In the backlog a chat carries its author whole (they may have left since).
    expect(resumed.backlog[0]).toEqual({ type: "chat", id: expect.stringMatching(/^[0-9a-hjkmnp-tv-z]{12}$/), seq: 2, from: welcomeA.you, text: "missed one", at: expect.any(Number) });
    expect(welcomeA.you).toMatchObject({ id: ana.id, name: "Ana Coffee" });
    again.ws!.close();
    a.ws!.close();
    await vi.waitFor(async () => expect(await lobbyMembers(ben, room.json.id)).toEqual([]), { timeout: 2000, interval: 20 });
  });

  it("hands the room its title and the member their name intact whatever the script (the Worker encodes what crosses a header)", async () => {
    const sophie = await createMember({ name: "Sophie Lefèvre · 李娜 ☕" });
    const title = "Sophie · Aisha — café ☕ 日本語 🇫🇷";
    const room = await api("/api/v1/coffee/rooms", { as: sophie, body: { title } });
    expect(room.status, room.text).toBe(201);
    const a = await openSocket(`/parties/coffee-room/${room.json.id}`, sophie.cookie);
    const welcome = await a.next("welcome");
    expect(welcome.title).toBe("Sophie · Aisha — café ☕ 日本語 🇫🇷");
    expect(welcome.you.name).toBe("Sophie Lefèvre · 李娜 ☕");
    expect(welcome.presence.map((m: any) => m.name)).toEqual(["Sophie Lefèvre · 李娜 ☕"]);
    a.ws!.close();
    // What the Worker hands the room: header values of printable ASCII only (a browser's Headers would throw on
    // anything else, and workerd warns of each), which the room reads back as the same record and member.
    const forwarded = await authorizeRoom(
      new Request(`${ORIGIN}/parties/coffee-room/${room.json.id}`, { headers: { Upgrade: "websocket", Cookie: sophie.cookie } }),
      { className: "CoffeeRoom", name: room.json.id } as Parameters<typeof authorizeRoom>[1],
      env,
    );
    expect(forwarded).toBeInstanceOf(Request);
    const headers = (forwarded as Request).headers;
    expect(headers.get(ROOM_HEADER)).toMatch(/^[\x20-\x7e]+$/);
    expect(headers.get(IDENTITY_HEADER)).toMatch(/^[\x20-\x7e]+$/);
    expect(readJsonHeader(forwarded as Request, ROOM_HEADER)).toEqual({ id: room.json.id, title: "Sophie · Aisha — café ☕ 日本語 🇫🇷", kind: "open" });
    expect(readJsonHeader(forwarded as Request, IDENTITY_HEADER)).toMatchObject({ id: sophie.id, name: "Sophie Lefèvre · 李娜 ☕" });
  });

  it("announces a member once, to the others only, after their welcome; a second tab is silent; the last tab's close says leave", async () => {
    const ana = await createMember();
    const ben = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Tabs" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    const settle = () => new Promise((r) => setTimeout(r, 150));
    const a = await openSocket(path, ana.cookie);
    await a.next("welcome");
    const b1 = await openSocket(path, ben.cookie);
    expect((await b1.next()).type).toBe("welcome"); // its own welcome first
    expect(await a.next("join")).toEqual({ type: "join", member: expect.objectContaining({ id: ben.id }) });
    const b2 = await openSocket(path, ben.cookie);
    expect((await b2.next("welcome")).presence.map((m: any) => m.id).sort()).toEqual([ana.id, ben.id].sort());
    await settle();
    expect([...a.frames, ...b1.frames, ...b2.frames].filter((f) => f.type === "join")).toEqual([]);
    b1.ws!.close();
    await settle();
    expect(a.frames.filter((f) => f.type === "leave")).toEqual([]);
    b2.ws!.close();
    expect(await a.next("leave")).toEqual({ type: "leave", userId: ben.id });
    // Presence is kept in memory (party/protocol.ts Roster): Ben's two tabs counted, gone with the last.
    const a2 = await openSocket(path, ana.cookie);
    expect((await a2.next("welcome")).presence.map((m: any) => m.id)).toEqual([ana.id]);
    a2.ws!.close();
    a.ws!.close();
  });

  it("announces a sender before their first chat when their join frame has not gone out yet", async () => {
    const [ana, ben] = [await createMember(), await createMember({ name: "Ben Early" })];
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Early bird" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    const a = await openSocket(path, ana.cookie);
    await a.next("welcome");
    // The room tells the others of an arrival only 400 ms after it (in production: on the next turn).
    const stub = env.CoffeeRoom.get(env.CoffeeRoom.idFromName(room.json.id));
    await runInDurableObject(stub, (instance) => {
      (instance as unknown as { announceAfterMs: number }).announceAfterMs = 400;
    });
    const b = await openSocket(path, ben.cookie);
    await b.next("welcome");
    b.ws!.send(JSON.stringify({ type: "chat", text: "first!" }));
    await b.next("chat");
    await new Promise((r) => setTimeout(r, 600)); // past the delayed announcement: nothing more
    expect(a.seen.slice(1).map((f) => f.type)).toEqual(["join", "chat"]);
    expect(a.seen[1]).toEqual({ type: "join", member: expect.objectContaining({ id: ben.id, name: "Ben Early" }) });
    expect(a.seen[2]).toMatchObject({ fromId: ben.id, text: "first!" });
    a.ws!.close();
    b.ws!.close();
  });

  it("rebuilds presence from the open sockets after a wake (the in-memory roster forgotten), a closing socket left out", async () => {
    const [ana, ben, cat] = [await createMember(), await createMember(), await createMember()];
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Wake" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    const stub = env.CoffeeRoom.get(env.CoffeeRoom.idFromName(room.json.id));
    const forget = () => runInDurableObject(stub, (instance) => (instance as unknown as { roster: { forget(): void } }).roster.forget());
    const a = await openSocket(path, ana.cookie);
    await a.next("welcome");
    const b1 = await openSocket(path, ben.cookie);
    await b1.next("welcome");
    const b2 = await openSocket(path, ben.cookie);
    await b2.next("welcome");
    await forget();
    const c = await openSocket(path, cat.cookie);
    expect((await c.next("welcome")).presence.map((m: any) => m.id).sort()).toEqual([ana.id, ben.id, cat.id].sort());
    await forget();
    b1.ws!.close();
    b2.ws!.close();
    expect(await a.next("leave")).toEqual({ type: "leave", userId: ben.id });
    await forget();
    a.ws!.close();
    await c.next("leave");
    const a2 = await openSocket(path, ana.cookie);
    expect((await a2.next("welcome")).presence.map((m: any) => m.id).sort()).toEqual([ana.id, cat.id].sort());
    a2.ws!.close();
    c.ws!.close();
  });

  it("hides messages older than 24 hours at once and deletes them at the sweep alarm; reactions to them are refused", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Expiry" } });
    const path = `/parties/coffee-room/${room.json.id}`;
    const a = await openSocket(path, ana.cookie);
    await a.next("welcome");
    a.ws!.send(JSON.stringify({ type: "chat", text: "old news" }));
    const old = await a.next("chat");
    a.ws!.send(JSON.stringify({ type: "chat", text: "fresh" }));
    await a.next("chat");
    const stub = env.CoffeeRoom.get(env.CoffeeRoom.idFromName(room.json.id));
    await runInDurableObject(stub, async (_room, state) => {
      expect(await state.storage.getAlarm()).not.toBeNull(); // the sweep is armed
      state.storage.sql.exec("UPDATE history SET at = at - 25 * 3600 * 1000 WHERE seq = ?", old.seq);
    });

    a.ws!.send(JSON.stringify({ type: "react", messageId: old.id, kind: "like" }));
    expect(await a.next("error")).toMatchObject({ code: "bad_frame" });
    const b = await openSocket(path, ana.cookie);
    expect((await b.next("welcome")).backlog.map((f: any) => f.text)).toEqual(["fresh"]);
    const resumed = await openSocket(`${path}?cursor=0`, ana.cookie);
    expect(await resumed.next("reload")).toEqual({ type: "reload" }); // seq 1 is gone: no hole, a reload

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(stub, (_room, state) => state.storage.sql.exec<{ seq: number }>("SELECT seq FROM history").toArray().map((r) => r.seq));
    expect(left).toEqual([old.seq + 1]);
    for (const s of [a, b, resumed]) s.ws!.close();
  });

  it("answers a wrong frame with an error frame and changes nothing, and cuts in the rate limit", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Frames" } });
    const a = await openSocket(`/parties/coffee-room/${room.json.id}`, ana.cookie);
    await a.next("welcome");
    a.ws!.send(JSON.stringify({ type: "chat", text: "" }));
    expect(await a.next("error")).toMatchObject({ code: "bad_frame" });
    a.ws!.send("not json");
    expect(await a.next("error")).toMatchObject({ code: "bad_frame" });
    a.ws!.send(JSON.stringify({ type: "chat", text: "x".repeat(9000) }));
    expect(await a.next("error")).toMatchObject({ code: "too_large" });
    for (let i = 0; i < 25; i++) a.ws!.send(JSON.stringify({ type: "typing" }));
    expect(await a.next("error")).toMatchObject({ code: "rate_limited" });
    a.ws!.close();
    const later = await openSocket(`/parties/coffee-room/${room.json.id}`, ana.cookie);
    expect((await later.next("welcome")).backlog).toEqual([]);
    later.ws!.close();
  });

  it("keeps guests away from the coffee machine (404 before any upgrade)", async () => {
    const ana = await createMember();
    const guest = await createMember({ role: "guest" });
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "No guests" } });
    expect((await api("/api/v1/coffee/rooms", { as: guest })).status).toBe(404);
    expect((await api("/api/v1/coffee/rooms", { as: guest, body: { title: "x" } })).status).toBe(404);
    expect((await openSocket(`/parties/coffee-room/${room.json.id}`, guest.cookie)).status).toBe(404);
    expect((await openSocket("/parties/coffee-lobby/main", guest.cookie)).status).toBe(404);
  });
});

describe("group rooms", () => {
  it("refuses outsiders of a private group with 404 and pushes post events to members", async () => {
    const owner = await createMember();
    const outsider = await createMember();
    const g = await api("/api/v1/groups", { as: owner, body: { name: "Live private", visibility: "private", kind: "project" } });
    expect((await openSocket(`/parties/group-room/${g.json.id}`, outsider.cookie)).status).toBe(404);
    const s = await openSocket(`/parties/group-room/${g.json.id}`, owner.cookie);
    await s.next("welcome");
    const post = await api(`/api/v1/groups/${g.json.id}/posts`, { as: owner, body: { body: "live!" } });
    expect(await s.next("event")).toMatchObject({ name: "post.created", data: { postId: post.json.id } });
    s.ws!.close();
  });
});
