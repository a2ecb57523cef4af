import { routePartykitRequest, type Lobby } from "partyserver";
import { charterPending, serviceContext, type Actor, type ServiceContext } from "./context";
import type { MemberSummary } from "./services/users/present";
import { errorBody, type ErrorCode, ERROR_STATUS } from "./errors";
import { newId } from "./lib/ids";
import { IDENTITY_HEADER, jsonHeader, ROOM_HEADER } from "../party/protocol";
import { canReadGroupContent, mayUseCoffee } from "./services/access";
import { coffeeJoinFromSession } from "./services/coffee/rooms";
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
 * room's own rule. The verified member travels to the room in a header only the Worker sets. D1 round trips: a coffee
 * room's join is ONE statement (session, member and summary, the room's record and my pairing read together:
 * `coffeeJoinFromSession`); the user room and the lobby need only the session (one); the group, campaign and office
 * hours rooms look their record up after the session (two: it depends on who is asking).
 */
export async function authorizeRoom(req: Request, lobby: Lobby<Env>, env: Env): Promise<Request | Response> {
  return authorizeRoomIn(serviceContext(env, req.url, newId("req")), req, lobby);
}

/** {@link authorizeRoom} in a given service context (tests read its `stats.trips`). */
export async function authorizeRoomIn(ctx: ServiceContext, req: Request, lobby: Pick<Lobby<Env>, "className" | "name">): Promise<Request | Response> {
  const requestId = ctx.requestId;
  const token = cookieValue(req.headers.get("Cookie"), SESSION_COOKIE);
  // The coffee room's record comes with the session (one round trip); its rule is applied below, after the same checks
  // in the same order as every other room (401, then 403, then 404).
  let coffeeRoom: Awaited<ReturnType<typeof coffeeJoinFromSession>> = null;
  let who: { actor: Actor; member: MemberSummary } | null = null;
  if (token && lobby.className === "CoffeeRoom") who = coffeeRoom = await coffeeJoinFromSession(ctx, token, lobby.name);
  else if (token) who = await actorAndSummaryFromSession(ctx, token);
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
      const room = coffeeRoom?.room;
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
