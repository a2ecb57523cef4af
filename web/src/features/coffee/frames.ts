/**
 * The coffee machine's frames (API.md "Live rooms"): the coffee room's and the lobby's unions of contract/rooms.ts,
 * imported with `import type` so zod stays out of the client. Frames from the server are still checked on arrival, by
 * a small hand-written guard: a frame of an unknown type or missing field, or an event the room does not carry, is
 * dropped, never cast.
 */
import type { MemberSummary } from "../../../../contract/common";
import type { ClientFrameOf, ErrorFrame, FrameOf, LobbyRoom as ContractLobbyRoom, RoomEventName, ServerFrameOf } from "../../../../contract/rooms";
import { isIcebreaker } from "./icebreaker";

export type CoffeeParty = "coffee-room" | "coffee-lobby";
export type Member = MemberSummary;
/** What a coffee room (or the lobby) sends, and what it takes. */
export type ServerMessage<P extends CoffeeParty = "coffee-room"> = ServerFrameOf<P>;
export type ClientMessage<P extends CoffeeParty = "coffee-room"> = ClientFrameOf<P>;
/** A coffee room's frame of type `T`. */
export type Frame<T extends ServerMessage["type"]> = FrameOf<ServerMessage, T>;
/** The lobby's frame of type `T`. */
export type LobbyFrame<T extends ServerMessage<"coffee-lobby">["type"]> = FrameOf<ServerMessage<"coffee-lobby">, T>;
/** A room as the lobby lists it (its welcome, and GET /api/v1/coffee/rooms): who is in it now. */
export type LobbyRoom = ContractLobbyRoom;
/** A chat as the stream keeps it: with its author's summary (the welcome's backlog carries it; a live chat names its author by id, resolved on arrival). */
export type ChatFrame = FrameOf<Frame<"welcome">["backlog"][number], "chat">;
/** A chat as it comes live (`fromId`). */
export type LiveChatFrame = Frame<"chat">;
export type ReactFrame = Frame<"react">;
export type ReactionKind = ReactFrame["kind"];

/** In the order the buttons show them. */
export const REACTION_KINDS = ["like", "thanks", "support", "celebrate"] as const satisfies readonly ReactionKind[];
const ERROR_CODES = ["bad_frame", "too_large", "rate_limited"] as const satisfies readonly ErrorFrame["code"][];

/** The server's own bound on a chat message (`chat {text}`: 1–2,000 characters, counted as JavaScript counts them). */
export const MAX_CHAT_LENGTH = 2000;

// The checks every room's frame reader uses (the office hours' too).
export type Shape = Record<string, unknown>;
export const isObject = (v: unknown): v is Shape => typeof v === "object" && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === "string";
export const isInt = (v: unknown): v is number => Number.isInteger(v);

/** A socket message parsed as a JSON object, or null when it is not one. */
export function jsonObject(raw: unknown): Shape | null {
  if (!isString(raw)) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  return isObject(v) ? v : null;
}

export function isMember(v: unknown): v is Member {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.name) &&
    isString(v.handle) &&
    isString(v.location) &&
    isString(v.timezone) &&
    (v.avatarUrl === null || isString(v.avatarUrl))
  );
}

const isMembers = (v: unknown): v is Member[] => Array.isArray(v) && v.every(isMember);

/** The data of each event each room carries (typed by the contract: an event the catalogue gives these rooms must be checked here). */
const EVENT_DATA: { [P in CoffeeParty]: { [N in RoomEventName<P>]: (data: Shape) => boolean } } = {
  "coffee-room": {
    "pairing.icebreaker": isIcebreaker,
  },
  "coffee-lobby": {
    "room.opened": (d) => isString(d.id) && isString(d.title),
    "room.joined": (d) => isString(d.roomId) && isMember(d.member),
    "room.left": (d) => isString(d.roomId) && isString(d.userId),
    "room.closed": (d) => isString(d.roomId),
  },
};

function isEvent(v: Shape, party: CoffeeParty): boolean {
  const checks: Record<string, (data: Shape) => boolean> = EVENT_DATA[party];
  return isString(v.name) && Object.hasOwn(checks, v.name) && isObject(v.data) && checks[v.name](v.data);
}

/**
 * A history frame of the room's: chat, react and the room's events in a coffee room; the lobby's events in the lobby.
 * A chat names its author whole in the welcome's backlog (`from`), by id when it comes live (`fromId`).
 */
function isHistory(v: unknown, party: CoffeeParty, live: boolean): boolean {
  if (!isObject(v) || !isInt(v.seq)) return false;
  switch (v.type) {
    case "chat":
      return party === "coffee-room" && isString(v.id) && (live ? isString(v.fromId) : isMember(v.from)) && isString(v.text) && typeof v.at === "number";
    case "react":
      return party === "coffee-room" && isString(v.messageId) && REACTION_KINDS.some((k) => k === v.kind) && isString(v.userId);
    case "event":
      return isEvent(v, party);
    default:
      return false;
  }
}

export function isLobbyRoom(v: unknown): v is LobbyRoom {
  return isObject(v) && isString(v.id) && isString(v.title) && isMembers(v.members);
}

/** A frame from a room of kind `party`, or null when it is not one API.md describes for that room. */
export function readServerFrame<P extends CoffeeParty>(raw: unknown, party: P): ServerMessage<P> | null {
  const v = jsonObject(raw);
  if (!v) return null;
  const room = party === "coffee-room";
  let ok: boolean;
  switch (v.type) {
    case "welcome":
      ok =
        isMember(v.you) &&
        isMembers(v.presence) &&
        Array.isArray(v.backlog) &&
        v.backlog.every((h) => isHistory(h, party, false)) &&
        isInt(v.cursor) &&
        (room ? isString(v.title) : Array.isArray(v.rooms) && v.rooms.every(isLobbyRoom));
      break;
    case "chat":
    case "react":
    case "event":
      ok = isHistory(v, party, true);
      break;
    case "join":
      ok = room && isMember(v.member);
      break;
    case "leave":
    case "typing":
      ok = room && isString(v.userId);
      break;
    case "error":
      ok = ERROR_CODES.some((c) => c === v.code) && isString(v.message);
      break;
    case "reload":
      ok = true;
      break;
    default:
      ok = false;
  }
  return ok ? (v as ServerMessage<P>) : null;
}
