import { getServerByName } from "partyserver";
import type { CoffeeRoomTicket } from "../../../contract/coffee";
import type { ServiceContext } from "../../context";
import { fromBase64Url, toBase64Url } from "../../lib/ids";
import { NotFoundError } from "../../errors";
import type { MemberSummary } from "../users/present";
import { coffeeJoinFromSession } from "./rooms";

/**
 * Coffee room tickets (issue 13, part 4): a coffee room's upgrade with no D1 statement. After the same check as the
 * upgrade's (one statement: the session, the member, the room's record and my pairing), the Worker hands the member a
 * ticket `<payload>.<mac>`: the room's id, the member's summary, the room's record and an expiry TICKET_TTL_MS ahead,
 * MACed with HMAC-SHA-256 under the network's ticket key over the payload AND the session token of the cookie it was
 * issued to. The upgrade carrying `?ticket=` and that same cookie is let in by a check in JS alone; anything else (no
 * key in this isolate yet, expired, tampered, another member's, another room's, no cookie) falls back to the D1 check,
 * never to an error.
 *
 * Why both: the token alone (the brief's first idea) would let a member mint tickets, since a member can read their own
 * cookie: any room, any member summary. The key alone would let a ticket copied off a screen or a log work for anyone
 * for its minute. The key is the network's, made at random by the coffee lobby (one Durable Object, `ticketKey()`)
 * the first time it is asked, and kept in each isolate's memory once read: no secret for an operator to set.
 */
export const TICKET_TTL_MS = 60_000;

/** The ticket key of this isolate, once read from the lobby (a CryptoKey: no request's I/O is held across requests). */
let cachedKey: CryptoKey | null = null;
let keyLoading = false;

async function importKey(raw: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", fromBase64Url(raw), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** The network's ticket key: from memory, or from the lobby once per isolate. */
async function ticketKey(ctx: Pick<ServiceContext, "env">): Promise<CryptoKey> {
  if (cachedKey) return cachedKey;
  const raw = await (await getServerByName(ctx.env.CoffeeLobby, "main")).ticketKey();
  cachedKey ??= await importKey(raw);
  return cachedKey;
}

/**
 * Starts reading the key in the background when this isolate has none yet (an upgrade that fell back to D1 for want
 * of it), so the next ticket verifies in memory. Never throws.
 */
export function warmTicketKey(ctx: Pick<ServiceContext, "env">): Promise<void> | null {
  if (cachedKey || keyLoading) return null;
  keyLoading = true;
  return ticketKey(ctx)
    .then(() => undefined, (e) => console.error("coffee ticket key not read", e))
    .finally(() => {
      keyLoading = false;
    });
}

/** Test hook: forget the isolate's key (the next verification falls back to D1 and reads it again). */
export function forgetTicketKeyForTests() {
  cachedKey = null;
}

const encoder = new TextEncoder();

function macInput(payload: string, token: string): Uint8Array {
  return encoder.encode(`coffee-room-ticket\n${token}\n${payload}`);
}

type TicketPayload = { r: string; m: MemberSummary; room: { id: string; title: string; kind: "open" | "pair" }; x: number };

/**
 * A ticket for `roomId` to the session `token`'s member, after the upgrade's own check; 404 when that check would
 * refuse (a guest, a pair room outside my pairing, no such room). The caller's session is live (the route's access).
 */
export async function issueCoffeeTicket(ctx: ServiceContext, token: string, roomId: string, now = Date.now()): Promise<CoffeeRoomTicket> {
  const [join, key] = await Promise.all([coffeeJoinFromSession(ctx, token, roomId, now), ticketKey(ctx)]);
  if (!join?.room) throw new NotFoundError("No such room");
  const expiresAt = now + TICKET_TTL_MS;
  const payload = toBase64Url(encoder.encode(JSON.stringify({ r: roomId, m: join.member, room: join.room, x: expiresAt } satisfies TicketPayload)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, macInput(payload, token)));
  return { ticket: `${payload}.${toBase64Url(mac)}`, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * The member and room record a ticket vouches for, checked in memory: null (the caller takes the D1 path) when this
 * isolate has no key yet, or the ticket is malformed, not MACed under this key for this token, for another room, or
 * expired.
 */
export async function verifyCoffeeTicket(ticket: string, token: string, roomId: string, now = Date.now()): Promise<{ member: MemberSummary; room: TicketPayload["room"] } | null> {
  const key = cachedKey;
  if (!key || ticket.length > 4096) return null;
  const dot = ticket.indexOf(".");
  if (dot <= 0) return null;
  const payload = ticket.slice(0, dot);
  try {
    if (!(await crypto.subtle.verify("HMAC", key, fromBase64Url(ticket.slice(dot + 1)), macInput(payload, token)))) return null;
    const p = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as TicketPayload;
    if (p.r !== roomId || p.room?.id !== roomId || typeof p.x !== "number" || p.x <= now || p.x > now + TICKET_TTL_MS) return null;
    return { member: p.m, room: p.room };
  } catch {
    return null;
  }
}
