import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../lib/ids";
import { api, createMember, expectError, send, type TestMember } from "../test/factories";
import { COFFEE_ROLES, COFFEE_ROUTE_ACCESS } from "../test/authorization-table";

/**
 * The coffee routes' cells of the authorization table, through HTTP: guests get 404 on the members' routes and 403 on
 * the administrators'; a pair room's ticket and a pairing's outcome are their members' alone. What a ticket lets in:
 * party/room-ticket.test.ts; pairing itself: worker/services/coffee/pairing.test.ts.
 */

type Built = { method: "GET" | "POST" | "PUT"; path: string; body?: unknown; ok: number };

/** A pair room and its pairing, written into D1 with `members` in it (the weekly run is not needed to test access). */
async function pairing(members: TestMember[]) {
  const now = Date.now();
  const pairingId = newId("pai", now);
  const roomId = newId("cof", now);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO coffee_rooms (id, title, kind, pairing_id, created_at) VALUES (?, 'A pair', 'pair', ?, ?)").bind(roomId, pairingId, now),
    ...members.map((m) => env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES (?, ?, 0)").bind(pairingId, m.id)),
  ]);
  return { pairingId, roomId };
}

/** An open room, opened by another member through the API. */
async function openRoom() {
  const res = await api("/api/v1/coffee/rooms", { as: await createMember(), method: "POST", body: { title: "Open coffee" } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** A valid request of each cell for `caller` (null: anonymous), its data made first. */
const BUILD: Record<keyof typeof COFFEE_ROUTE_ACCESS, (caller: TestMember | null) => Promise<Built>> = {
  "GET /api/v1/coffee/rooms": async () => ({ method: "GET", path: "/api/v1/coffee/rooms", ok: 200 }),
  "POST /api/v1/coffee/rooms": async () => ({ method: "POST", path: "/api/v1/coffee/rooms", body: { title: "Morning coffee" }, ok: 201 }),
  "GET /api/v1/coffee/rooms/:id/ticket (an open room)": async () => ({ method: "GET", path: `/api/v1/coffee/rooms/${await openRoom()}/ticket`, ok: 200 }),
  "GET /api/v1/coffee/rooms/:id/ticket (a pair room of theirs)": async (caller) => {
    const { roomId } = await pairing([...(caller ? [caller] : []), await createMember()]);
    return { method: "GET", path: `/api/v1/coffee/rooms/${roomId}/ticket`, ok: 200 };
  },
  "GET /api/v1/coffee/rooms/:id/ticket (another pair's room)": async () => {
    const { roomId } = await pairing([await createMember(), await createMember()]);
    return { method: "GET", path: `/api/v1/coffee/rooms/${roomId}/ticket`, ok: 200 };
  },
  "GET /api/v1/me/coffee-pairing": async () => ({ method: "GET", path: "/api/v1/me/coffee-pairing", ok: 200 }),
  "PUT /api/v1/me/coffee-pairing": async () => ({ method: "PUT", path: "/api/v1/me/coffee-pairing", body: { optIn: true, hours: [{ day: 2, from: "10:00", to: "12:00" }] }, ok: 200 }),
  "POST /api/v1/coffee/pairings/:id/outcome (a pairing of theirs)": async (caller) => {
    const { pairingId } = await pairing([...(caller ? [caller] : []), await createMember()]);
    return { method: "POST", path: `/api/v1/coffee/pairings/${pairingId}/outcome`, body: { outcome: "met" }, ok: 204 };
  },
  "POST /api/v1/coffee/pairings/:id/outcome (another pairing)": async () => {
    const { pairingId } = await pairing([await createMember(), await createMember()]);
    return { method: "POST", path: `/api/v1/coffee/pairings/${pairingId}/outcome`, body: { outcome: "met" }, ok: 204 };
  },
  "POST /api/v1/admin/coffee/pairing/run": async () => ({ method: "POST", path: "/api/v1/admin/coffee/pairing/run", ok: 200 }),
  "GET /api/v1/admin/coffee/connections": async () => ({ method: "GET", path: "/api/v1/admin/coffee/connections?from=0&to=1700000000000", ok: 200 }),
};

describe("the coffee authorization table", () => {
  it("has a request for every cell", () => {
    expect(Object.keys(BUILD)).toEqual(Object.keys(COFFEE_ROUTE_ACCESS));
  });

  for (const [cell, row] of Object.entries(COFFEE_ROUTE_ACCESS)) {
    for (const role of COFFEE_ROLES) {
      const expected = row[role];
      it(`${cell} · ${role} → ${expected}`, async () => {
        const caller = role === "anonymous" ? null : await createMember({ role });
        const req = await BUILD[cell](caller);
        const res = await send(req.path, { method: req.method, body: req.body, as: caller });
        if (expected === "allow") expect(res.status, res.text.slice(0, 300)).toBe(req.ok);
        else await expectError(res, expected, { 401: "unauthenticated", 403: "forbidden", 404: "not_found" }[expected]);
      });
    }
  }
});
