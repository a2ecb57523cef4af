import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serviceContext } from "../worker/context";
import { authorizeRoomIn } from "../worker/rooms";
import { firstReads } from "../worker/routes/first-reads";
import { forgetTicketKeyForTests, issueCoffeeTicket } from "../worker/services/coffee/tickets";
import { api, createMember, ORIGIN, type TestMember } from "../worker/test/factories";
import { CoffeeRoomServerFrame } from "../contract/rooms";
import { IDENTITY_HEADER, readJsonHeader, ROOM_HEADER } from "./protocol";
import { openSocket } from "./test-socket";

// Coffee room tickets (worker/services/coffee/tickets.ts): a fresh ticket for this room and this cookie's session lets
// the upgrade through with no D1 statement; anything else takes the D1 check, as a join without a ticket does.

const TOKEN = /comptoir_session=([^;]+)/;

async function ticketOf(as: TestMember, roomId: string) {
  return api(`/api/v1/coffee/rooms/${roomId}/ticket`, { as });
}

async function join(as: TestMember | null, roomId: string, ticket?: string) {
  const ctx = serviceContext(env, ORIGIN, "req_test");
  const query = ticket === undefined ? "" : `?ticket=${encodeURIComponent(ticket)}`;
  const req = new Request(`${ORIGIN}/parties/coffee-room/${roomId}${query}`, { headers: { Upgrade: "websocket", ...(as ? { Cookie: as.cookie } : {}) } });
  const out = await authorizeRoomIn(ctx, req, { className: "CoffeeRoom", name: roomId });
  return {
    status: out instanceof Request ? 101 : out.status,
    trips: ctx.stats.trips,
    who: out instanceof Request ? (readJsonHeader(out, IDENTITY_HEADER) as { id: string }).id : null,
    room: out instanceof Request ? readJsonHeader(out, ROOM_HEADER) : null,
  };
}

async function pairRoom(members: TestMember[]) {
  const now = Date.now();
  const roomId = `cof_ticketpair${now}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO coffee_rooms (id, title, kind, pairing_id, created_at) VALUES (?, 'Ticket pair', 'pair', ?, ?)").bind(roomId, `cpr_tp${now}`, now),
    ...members.map((m) => env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES (?, ?, 0)").bind(`cpr_tp${now}`, m.id)),
  ]);
  return roomId;
}

describe("coffee room tickets", () => {
  it("lets a ticketed join through with no D1 round trip, and the room gets the same member and record", async () => {
    const ana = await createMember({ name: "Ana Ticket" });
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Ticketed" } });
    const t = await ticketOf(ana, room.json.id);
    expect(t.status).toBe(200);
    expect(Object.keys(t.json).sort()).toEqual(["expiresAt", "ticket"]);
    const left = Date.parse(t.json.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(60_000);

    expect(await join(ana, room.json.id, t.json.ticket)).toEqual({ status: 101, trips: 0, who: ana.id, room: { id: room.json.id, title: "Ticketed", kind: "open" } });
    // The same join without the ticket: one statement, the same headers.
    expect(await join(ana, room.json.id)).toEqual({ status: 101, trips: 1, who: ana.id, room: { id: room.json.id, title: "Ticketed", kind: "open" } });

    // Through the Worker into the room: the welcome is the member's.
    const s = await openSocket(`/parties/coffee-room/${room.json.id}?ticket=${encodeURIComponent(t.json.ticket)}`, ana.cookie);
    const welcome = await s.next("welcome");
    expect(welcome.you).toMatchObject({ id: ana.id, name: "Ana Ticket" });
    expect(welcome.title).toBe("Ticketed");
    // The welcome text (its presence list from the roster's JSON) is the contract's frame.
    expect(CoffeeRoomServerFrame.safeParse(welcome).success).toBe(true);
    expect(welcome.presence).toEqual([welcome.you]);
    s.ws!.close();
  });

  it("takes the D1 path for an expired, tampered, other member's or other room's ticket, and never refuses because of one", async () => {
    const [ana, ben] = [await createMember(), await createMember()];
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Fallback" } });
    const other = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Other" } });
    const good = (await ticketOf(ana, room.json.id)).json.ticket as string;
    const token = TOKEN.exec(ana.cookie)![1];

    const expired = (await issueCoffeeTicket(serviceContext(env, ORIGIN, "req_test"), token, room.json.id, Date.now() - 61_000)).ticket;
    expect(await join(ana, room.json.id, expired)).toMatchObject({ status: 101, trips: 1, who: ana.id });

    const [payload, mac] = good.split(".");
    const forged = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
    forged.m.id = ben.id;
    const forgedPayload = btoa(JSON.stringify(forged)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    expect(await join(ana, room.json.id, `${forgedPayload}.${mac}`)).toMatchObject({ status: 101, trips: 1, who: ana.id });
    expect(await join(ana, room.json.id, `${payload}.${mac.slice(0, -2)}AA`)).toMatchObject({ status: 101, trips: 1, who: ana.id });
    expect(await join(ana, room.json.id, "not-a-ticket")).toMatchObject({ status: 101, trips: 1, who: ana.id });

    // Ana's ticket with Ben's cookie: the D1 check, as Ben (never as Ana).
    expect(await join(ben, room.json.id, good)).toMatchObject({ status: 101, trips: 1, who: ben.id });
    // Another room's ticket.
    expect(await join(ana, other.json.id, good)).toMatchObject({ status: 101, trips: 1, who: ana.id, room: { id: other.json.id, title: "Other", kind: "open" } });
    // No cookie: 401 before anything, ticket or not.
    expect(await join(null, room.json.id, good)).toEqual({ status: 401, trips: 0, who: null, room: null });
  });

  it("gives no ticket to a guest, nor for a pair room to anyone outside its pairing", async () => {
    const [ana, ben, cat] = [await createMember(), await createMember(), await createMember()];
    const guest = await createMember({ role: "guest" });
    const open = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Open" } });
    const pair = await pairRoom([ana, ben]);

    const refusedGuest = await ticketOf(guest, open.json.id);
    expect(refusedGuest.status).toBe(404);
    expect(refusedGuest.json.error.code).toBe("not_found");
    expect((await ticketOf(cat, pair)).status).toBe(404);
    expect((await ticketOf(ana, "cof_nosuchroom")).status).toBe(404);

    const anaPair = (await ticketOf(ana, pair)).json.ticket as string;
    const benPair = (await ticketOf(ben, pair)).json.ticket as string;
    expect(await join(ana, pair, anaPair)).toEqual({ status: 101, trips: 0, who: ana.id, room: { id: pair, title: "Ticket pair", kind: "pair" } });
    expect(await join(ben, pair, benPair)).toEqual({ status: 101, trips: 0, who: ben.id, room: { id: pair, title: "Ticket pair", kind: "pair" } });
    // Cat with Ana's ticket: the D1 check, which refuses Cat (404), as without it.
    expect(await join(cat, pair, anaPair)).toEqual({ status: 404, trips: 1, who: null, room: null });
    // A guest with a member's open-room ticket: the same.
    expect(await join(guest, open.json.id, (await ticketOf(ana, open.json.id)).json.ticket)).toEqual({ status: 404, trips: 1, who: null, room: null });
  });

  it("falls back to D1 in an isolate without the key yet, and reads the key beside it for the next ticket", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Cold" } });
    const t = (await ticketOf(ana, room.json.id)).json.ticket as string;
    forgetTicketKeyForTests();
    expect(await join(ana, room.json.id, t)).toMatchObject({ status: 101, trips: 1 });
    await expect.poll(async () => (await join(ana, room.json.id, t)).trips).toBe(0);
  });

  it("puts the room's ticket among the coffee room page's first reads", () => {
    expect(firstReads("/coffee/cof_0123456789abcdefghijklmnop", "", true)).toEqual([
      "/api/v1/me",
      "/api/v1/coffee/rooms/cof_0123456789abcdefghijklmnop/ticket",
      "/api/v1/network",
      "/api/v1/notifications/unread",
    ]);
    expect(firstReads("/coffee/cof_0123456789abcdefghijklmnop", "", false)).toEqual(["/api/v1/me"]);
    expect(firstReads("/coffee/pairing", "", true)).toEqual(["/api/v1/me", "/api/v1/network", "/api/v1/notifications/unread"]);
  });
});
