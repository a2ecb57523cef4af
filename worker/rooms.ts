import { routePartykitRequest, type Lobby } from "partyserver";
import { charterPending, serviceContext } from "./context";
import { errorBody, type ErrorCode, ERROR_STATUS } from "./errors";
import { newId } from "./lib/ids";
import { IDENTITY_HEADER, jsonHeader, ROOM_HEADER } from "../party/protocol";
import { canReadGroupContent, mayUseCoffee } from "./services/access";
import { coffeeRoomFor } from "./services/coffee/rooms";
import { loadGroup } from "./services/groups/groups";
import { loadCampaign } from "./services/ideas/campaigns";
import { actorAndSummaryFromSession, SESSION_COOKIE } from "./services/auth/sessions";
import { officeHourForRoom } from "./services/questions/office-hours";

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
 * room's own rule. The verified member travels to the room in a header only the Worker sets. D1 round trips: one for
 * the session and the member's summary, then the room's own rule where it needs one (the coffee room's record, the
 * group and my membership): it depends on who is asking, so it follows the session lookup.
 */
export async function authorizeRoom(req: Request, lobby: Lobby<Env>, env: Env): Promise<Request | Response> {
  const requestId = newId("req");
  const ctx = serviceContext(env, req.url, requestId);
  const token = cookieValue(req.headers.get("Cookie"), SESSION_COOKIE);
  const who = token ? await actorAndSummaryFromSession(ctx, token) : null;
  if (!who) return refuse("unauthenticated", "Please sign in", requestId);
  const { actor, member } = who;
  if (charterPending(actor)) return refuse("charter_required", "Please accept the current ethics charter first", requestId);
  const origin = req.headers.get("Origin");
  if (origin !== null && origin !== ctx.origin) return refuse("forbidden", "Cross-origin connection refused", requestId);
  const forwarded = new Request(req);
  switch (lobby.className) {
    case "UserRoom":
      if (lobby.name !== actor.id) return refuse("not_found", "No such room", requestId);
      break;
    case "GroupRoom": {
      // Outsiders of a private or secret group, and guests not in it, learn nothing: 404 before any upgrade.
      const found = await loadGroup(ctx, actor, lobby.name).catch(() => null);
      if (!found || !canReadGroupContent(actor, found.group, found.m)) return refuse("not_found", "No such room", requestId);
      break;
    }
    case "CampaignRoom": {
      // Whoever may see the campaign (network-wide: every member but guests); others learn nothing (404).
      const found = await loadCampaign(ctx, actor, lobby.name).catch(() => null);
      if (!found) return refuse("not_found", "No such room", requestId);
      break;
    }
    case "CoffeeLobby":
      if (lobby.name !== "main" || !mayUseCoffee(actor)) return refuse("not_found", "No such room", requestId);
      break;
    case "CoffeeRoom": {
      const room = await coffeeRoomFor(ctx, actor, lobby.name);
      if (!room) return refuse("not_found", "No such room", requestId);
      forwarded.headers.set(ROOM_HEADER, jsonHeader(room));
      break;
    }
    case "OfficeHours": {
      // Whoever may read the group's content, while the session is live; before its start, after its end or once
      // cancelled the room does not exist for anyone (404). The room gets its record (expert, topic, end).
      const session = await officeHourForRoom(ctx, actor, lobby.name);
      if (!session) return refuse("not_found", "No such room", requestId);
      forwarded.headers.set(ROOM_HEADER, jsonHeader(session));
      break;
    }
    default:
      return refuse("not_found", "No such room", requestId);
  }
  forwarded.headers.set(IDENTITY_HEADER, jsonHeader(member));
  return forwarded;
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
