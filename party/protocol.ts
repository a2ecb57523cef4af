import { z } from "zod";
import { MemberSummary } from "../contract/common";

/**
 * The frames of API.md "Live rooms", shared by the rooms (which parse with these schemas) and the client (which imports
 * the types only, with `import type`, so zod stays out of the client bundle).
 */
export const MAX_FRAME_BYTES = 8 * 1024;

/** A member in the frames: the contract's member summary. */
export const Member = MemberSummary;
export type Member = MemberSummary;

export const ChatFrame = z.object({ type: z.literal("chat"), id: z.string(), seq: z.number().int(), from: Member, text: z.string(), at: z.number() });
export const ReactFrame = z.object({ type: z.literal("react"), seq: z.number().int(), messageId: z.string(), kind: z.string(), userId: z.string() });
export const EventFrame = z.object({ type: z.literal("event"), seq: z.number().int(), name: z.string(), data: z.unknown() });
export const HistoryFrame = z.discriminatedUnion("type", [ChatFrame, ReactFrame, EventFrame]);
export type HistoryFrame = z.infer<typeof HistoryFrame>;

export const ServerMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("welcome"),
    you: Member,
    presence: z.array(Member),
    backlog: z.array(HistoryFrame),
    cursor: z.number().int(),
    /** The coffee lobby only: the open rooms and who is in each. */
    rooms: z.array(z.object({ id: z.string(), title: z.string(), members: z.array(Member) })).optional(),
    /** A coffee room only: its title. */
    title: z.string().optional(),
  }),
  ChatFrame,
  ReactFrame,
  EventFrame,
  z.object({ type: z.literal("join"), member: Member }),
  z.object({ type: z.literal("leave"), userId: z.string() }),
  z.object({ type: z.literal("typing"), userId: z.string(), postId: z.string().optional() }),
  z.object({ type: z.literal("error"), code: z.enum(["bad_frame", "too_large", "rate_limited"]), message: z.string() }),
  z.object({ type: z.literal("reload") }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export const REACTION_KINDS = ["like", "thanks", "support", "celebrate"] as const;

export const ClientMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("chat"), text: z.string().min(1).max(2000) }),
  /** `postId`: typing a comment on that post (group rooms). */
  z.strictObject({ type: z.literal("typing"), postId: z.string().max(40).optional() }),
  z.strictObject({ type: z.literal("react"), messageId: z.string().min(1).max(64), kind: z.enum(REACTION_KINDS) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** The header through which the Worker hands a room the verified member; the Worker strips it from clients first. */
export const IDENTITY_HEADER = "x-comptoir-member";

/** The header through which the Worker hands a coffee room its D1 record (id and title). */
export const ROOM_HEADER = "x-comptoir-room";
