/**
 * The office hours' room frames (contract/rooms.ts, `office-hours`), imported with `import type` so zod stays out of
 * the client. What the server sends is checked on arrival by a small hand-written guard, like the coffee room's: a
 * frame of an unknown type or with a missing field is dropped, never cast.
 */
import type { ClientFrameOf, FrameOf, ServerFrameOf } from "../../../../contract/rooms";
import { isInt, isMember, isObject, isString, jsonObject } from "../coffee/frames";

export type OfficeHourServerMessage = ServerFrameOf<"office-hours">;
export type OfficeHourClientMessage = ClientFrameOf<"office-hours">;
export type OfficeHourFrame<T extends OfficeHourServerMessage["type"]> = FrameOf<OfficeHourServerMessage, T>;
export type QuestionFrame = OfficeHourFrame<"question">;
export type AnswerFrame = OfficeHourFrame<"answer">;

const ERROR_CODES = ["bad_frame", "too_large", "rate_limited"] as const satisfies readonly OfficeHourFrame<"error">["code"][];


function isHistory(v: unknown): boolean {
  if (!isObject(v) || !isInt(v.seq)) return false;
  switch (v.type) {
    case "question":
      return isString(v.id) && isString(v.postId) && isMember(v.from) && isString(v.text) && typeof v.at === "number";
    case "answer":
      return isString(v.questionId) && isString(v.commentId) && isMember(v.from) && isString(v.text) && typeof v.at === "number";
    default:
      return false;
  }
}

/** A frame of the office hours' room, or null when it is not one the contract describes. */
export function readOfficeHourFrame(raw: unknown): OfficeHourServerMessage | null {
  const v = jsonObject(raw);
  if (!v) return null;
  let ok: boolean;
  switch (v.type) {
    case "welcome":
      ok =
        isMember(v.you) &&
        Array.isArray(v.presence) &&
        v.presence.every(isMember) &&
        Array.isArray(v.backlog) &&
        v.backlog.every(isHistory) &&
        isInt(v.cursor) &&
        isString(v.expertId) &&
        isString(v.topic) &&
        typeof v.endsAt === "number";
      break;
    case "question":
    case "answer":
      ok = isHistory(v);
      break;
    case "join":
      ok = isMember(v.member);
      break;
    case "leave":
      ok = isString(v.userId);
      break;
    case "closed":
    case "reload":
      ok = true;
      break;
    case "error":
      ok = ERROR_CODES.some((c) => c === v.code) && isString(v.message);
      break;
    default:
      ok = false;
  }
  return ok ? (v as OfficeHourServerMessage) : null;
}
