/**
 * The coffee machine's frames (API.md "Live rooms"), typed from the rooms' own protocol with `import type` so zod stays
 * out of the client. Frames from the server are still checked on arrival, by a small hand-written guard: a frame of an
 * unknown type or missing field is dropped, never cast.
 */
import type { ClientMessage, Member as ProtocolMember, ServerMessage } from "../../../../party/protocol";

export type Member = ProtocolMember;
export type { ClientMessage, ServerMessage };
export type Frame<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;
/** A room as the lobby lists it (its welcome, and GET /api/v1/coffee/rooms): who is in it now. */
export type LobbyRoom = NonNullable<Frame<"welcome">["rooms"]>[number];
export type ChatFrame = Frame<"chat">;
export type ReactFrame = Frame<"react">;
export type ReactionKind = Extract<ClientMessage, { type: "react" }>["kind"];

/** In the order the buttons show them. */
export const REACTION_KINDS = ["like", "thanks", "support", "celebrate"] as const satisfies readonly ReactionKind[];

/** The server's own bound on a chat message (`chat {text}`: 1–2,000 characters, counted as JavaScript counts them). */
export const MAX_CHAT_LENGTH = 2000;

type Shape = Record<string, unknown>;
const isObject = (v: unknown): v is Shape => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isInt = (v: unknown): v is number => Number.isInteger(v);

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

function isHistory(v: unknown): boolean {
  if (!isObject(v) || !isInt(v.seq)) return false;
  switch (v.type) {
    case "chat":
      return isString(v.id) && isMember(v.from) && isString(v.text) && typeof v.at === "number";
    case "react":
      return isString(v.messageId) && isString(v.kind) && isString(v.userId);
    case "event":
      return isString(v.name);
    default:
      return false;
  }
}

export function isLobbyRoom(v: unknown): v is LobbyRoom {
  return isObject(v) && isString(v.id) && isString(v.title) && isMembers(v.members);
}

/** A frame from a room, or null when it is not one API.md describes. */
export function readServerFrame(raw: unknown): ServerMessage | null {
  if (!isString(raw)) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(v)) return null;
  switch (v.type) {
    case "welcome": {
      const ok =
        isMember(v.you) &&
        isMembers(v.presence) &&
        Array.isArray(v.backlog) &&
        v.backlog.every(isHistory) &&
        isInt(v.cursor) &&
        (v.rooms === undefined || (Array.isArray(v.rooms) && v.rooms.every(isLobbyRoom))) &&
        (v.title === undefined || isString(v.title));
      return ok ? (v as ServerMessage) : null;
    }
    case "chat":
    case "react":
    case "event":
      return isHistory(v) ? (v as ServerMessage) : null;
    case "join":
      return isMember(v.member) ? (v as ServerMessage) : null;
    case "leave":
    case "typing":
      return isString(v.userId) ? (v as ServerMessage) : null;
    case "error":
      return isString(v.code) && isString(v.message) ? (v as ServerMessage) : null;
    case "reload":
      return v as ServerMessage;
    default:
      return null;
  }
}
