import { routePartykitRequest, type Lobby } from "partyserver";
import { charterPending, serviceContext, type Actor, type ServiceContext } from "./context";
import type { MemberSummary } from "./services/users/present";
import { errorBody, type ErrorCode, ERROR_STATUS } from "./errors";
import { newId } from "./lib/ids";
import { IDENTITY_HEADER, jsonHeader, ROOM_HEADER } from "../party/protocol";
import { mayUseCoffee } from "./services/access";
import { coffeeJoinFromSession } from "./services/coffee/rooms";
import { verifyCoffeeTicket, warmTicketKey } from "./services/coffee/tickets";
import { groupRoomJoinFromSession } from "./services/groups/groups";
import { campaignJoinFromSession } from "./services/ideas/campaigns";
import { actorAndSummaryFromSession, SESSION_COOKIE } from "./services/auth/sessions";
import { officeHourJoinFromSession } from "./services/questions/office-hours";

function refuse(code: ErrorCode, message: string, requestId: string): Response {
  return Response.json(errorBody(code, message, requestId), { status: ERROR_STATUS[code] });
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/**
 * Decides access to a room before the Durable Object is reached: the session cookie, the charter, and the kind of
 * room's own rule. The verified member travels to the room in a header only the Worker sets. D1 round trips: every
 * join is ONE statement (issue 13, `joinFromSession`): the session, the member and their summary, and what the room's
 * rule needs (a coffee room's record and my pairing; a group's visibility and my membership; a campaign's group and my
 * membership there; an office hour's record, its group and my membership), read together as sub-queries; the rule is
 * then the access module's, in JS, over those facts. The user room and the lobby need only the session. No cookie: none.
 */
export async function authorizeRoom(req: Request, lobby: Lobby<Env>, env: Env): Promise<Request | Response> {
  return authorizeRoomIn(serviceContext(env, req.url, newId("req")), req, lobby);
}

/** {@link authorizeRoom} in a given service context (tests read its `stats.trips`). */
export async function authorizeRoomIn(ctx: ServiceContext, req: Request, lobby: Pick<Lobby<Env>, "className" | "name">): Promise<Request | Response> {
  const requestId = ctx.requestId;
  const token = cookieValue(req.headers.get("Cookie"), SESSION_COOKIE);
  if (token && lobby.className === "CoffeeRoom") {
    const ticketed = await coffeeTicketJoin(ctx, req, token, lobby.name);
    if (ticketed) return ticketed;
  }
  // Every room's record comes with the session (one round trip, issue 13); its rule is applied below, after the same
  // checks in the same order for every room (401, then 403, then 404).
  const join = token ? await joinFromSession(ctx, token, lobby) : null;
  const who = join?.who;
  if (!join || !who) return refuse("unauthenticated", "Please sign in", requestId);
  const { actor, member } = who;
  if (charterPending(actor)) return refuse("charter_required", "Please accept the current ethics charter first", requestId);
  const origin = req.headers.get("Origin");
  if (origin !== null && origin !== ctx.origin) return refuse("forbidden", "Cross-origin connection refused", requestId);
  const forwarded = new Request(req);
  switch (lobby.className) {
    case "UserRoom":
      if (lobby.name !== actor.id) return refuse("not_found", "No such room", requestId);
      break;
    case "GroupRoom":
    case "CampaignRoom":
      // Outsiders of a private or secret group, guests not in it, and (campaigns network-wide) guests learn nothing: 404.
      if (!join.room) return refuse("not_found", "No such room", requestId);
      break;
    case "CoffeeLobby":
      if (lobby.name !== "main" || !mayUseCoffee(actor)) return refuse("not_found", "No such room", requestId);
      break;
    case "CoffeeRoom":
    case "OfficeHours": {
      // A coffee room: its members (open: every member but guests; pair: its pairing's). An office hour: whoever may
      // read the group's content, while the session is live; before its start, after its end or once cancelled the room
      // does not exist for anyone (404). The room gets its record (coffee: title and kind; office hour: expert, topic, end).
      const room = join.room;
      if (!room) return refuse("not_found", "No such room", requestId);
      forwarded.headers.set(ROOM_HEADER, jsonHeader(room));
      break;
    }
    default:
      return refuse("not_found", "No such room", requestId);
  }
  forwarded.headers.set(IDENTITY_HEADER, jsonHeader(member));
  return forwarded;
}

/**
 * A coffee room's upgrade with a fresh ticket for this room, MACed for this cookie's session (services/coffee/tickets.ts):
 * no D1 statement; the room gets the same headers as from the D1 check. Null (the D1 path follows) for anything else.
 * The origin is checked as on the D1 path; a refused origin falls to that path, which refuses it in turn.
 */
async function coffeeTicketJoin(ctx: ServiceContext, req: Request, token: string, roomId: string): Promise<Request | null> {
  const ticket = new URL(req.url).searchParams.get("ticket");
  if (!ticket) return null;
  const origin = req.headers.get("Origin");
  if (origin !== null && origin !== ctx.origin) return null;
  const vouched = await verifyCoffeeTicket(ticket, token, roomId);
  if (!vouched) {
    // This isolate may not have the key yet: read it beside the D1 check, for the next ticket.
    const warming = warmTicketKey(ctx);
    if (warming) ctx.defer?.(warming);
    return null;
  }
  const forwarded = new Request(req);
  forwarded.headers.set(ROOM_HEADER, jsonHeader(vouched.room));
  forwarded.headers.set(IDENTITY_HEADER, jsonHeader(vouched.member));
  return forwarded;
}

type Join = { who: { actor: Actor; member: MemberSummary } | null; room: object | null };

/**
 * The session, its member and the room's facts in ONE D1 statement, by kind of room: `who` null when the session is
 * not live (401); `room` the room's record, `{}` for a room with no record the caller may enter, null when they may not
 * (404). The user room and the lobby need only the session (their rule reads the member alone).
 */
async function joinFromSession(ctx: ServiceContext, token: string, lobby: Pick<Lobby<Env>, "className" | "name">): Promise<Join> {
  switch (lobby.className) {
    case "CoffeeRoom": {
      const j = await coffeeJoinFromSession(ctx, token, lobby.name);
      return { who: j, room: j?.room ?? null };
    }
    case "GroupRoom": {
      const j = await groupRoomJoinFromSession(ctx, token, lobby.name);
      return { who: j, room: j?.allowed ? {} : null };
    }
    case "CampaignRoom": {
      const j = await campaignJoinFromSession(ctx, token, lobby.name);
      return { who: j, room: j?.allowed ? {} : null };
    }
    case "OfficeHours": {
      const j = await officeHourJoinFromSession(ctx, token, lobby.name);
      return { who: j, room: j?.room ?? null };
    }
    default:
      return { who: await actorAndSummaryFromSession(ctx, token), room: null };
  }
}

/** Routes `/parties/<kind>/<id>`; null when the path is not a room's. */
export function routeRooms(req: Request, env: Env): Promise<Response | null> {
  const url = new URL(req.url);
  if (!url.pathname.startsWith("/parties/")) return Promise.resolve(null);
  // Nobody but the Worker may speak for a member or a room.
  const clean = new Request(req);
  clean.headers.delete(IDENTITY_HEADER);
  clean.headers.delete(ROOM_HEADER);
  return routePartykitRequest(clean, env, {
    onBeforeConnect: (r, lobby) => authorizeRoom(r, lobby, env),
    onBeforeRequest: (r) => refuse("not_found", "Rooms answer WebSockets only", newId("req")),
  });
}
