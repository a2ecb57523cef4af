import { z } from "@hono/zod-openapi";
import { MemberSummary, MultiLine } from "./common";
import { REACTION_KINDS } from "./enums";
import { EVENT_NAMES, EVENTS, type EventData, type EventName } from "./events";

/**
 * The frames of the live rooms (API.md "Live rooms"): for each kind of room, one closed union of what the server sends
 * and one of what a client may send, built from the pieces below. A room's `event` frames are a union over the names
 * of the catalogue (contract/events.ts) that this room carries, each with its typed `data`. The rooms parse what
 * clients send with their own room's client union; the client imports these types with `import type` only.
 */

/** A client frame over this many bytes (UTF-8) is refused with `error {code: "too_large"}`. */
export const MAX_FRAME_BYTES = 8 * 1024;

const Seq = z.number().int();

// ---------- Server → client pieces ----------

/** History frames (`chat`, `react`, `event`) carry the room's `seq`; presence frames do not. */
export const ChatFrame = z.strictObject({ type: z.literal("chat"), id: z.string(), seq: Seq, from: MemberSummary, text: z.string(), at: z.number() });
export const ReactFrame = z.strictObject({ type: z.literal("react"), seq: Seq, messageId: z.string(), kind: z.enum(REACTION_KINDS), userId: z.string() });
/** A member's first connection to the room (to the others); `leave` when their last one closed. */
export const JoinFrame = z.strictObject({ type: z.literal("join"), member: MemberSummary });
export const LeaveFrame = z.strictObject({ type: z.literal("leave"), userId: z.string() });
export const TypingFrame = z.strictObject({ type: z.literal("typing"), userId: z.string() });
/** In a group room, typing a comment on post `postId`. */
export const PostTypingFrame = TypingFrame.extend({ postId: z.string().optional() });
export const FRAME_ERROR_CODES = ["bad_frame", "too_large", "rate_limited"] as const;
/** A client frame refused; the connection stays open. */
export const ErrorFrame = z.strictObject({ type: z.literal("error"), code: z.enum(FRAME_ERROR_CODES), message: z.string() });
/** The cursor is older than the oldest frame the room still keeps: what was missed cannot be replayed. */
export const ReloadFrame = z.strictObject({ type: z.literal("reload") });

type EventFrameSchema<N extends EventName> = N extends EventName
  ? z.ZodObject<{ type: z.ZodLiteral<"event">; seq: z.ZodNumber; name: z.ZodLiteral<N>; data: (typeof EVENTS)[N]["schema"] }, z.core.$strict>
  : never;

/** The `event` frame of one event of the catalogue. */
function eventFrame<N extends EventName>(name: N): EventFrameSchema<N> {
  return z.strictObject({ type: z.literal("event"), seq: Seq, name: z.literal(name), data: EVENTS[name].schema }) as EventFrameSchema<N>;
}

/** The `event` frames of a room: one per event it carries, told apart by `name`. */
function eventFrames<N extends EventName>(names: readonly [N, ...N[]]) {
  return z.discriminatedUnion("name", names.map(eventFrame) as [EventFrameSchema<N>, ...EventFrameSchema<N>[]]);
}

/** An `event` frame of the catalogue (with a union of names, the union of their frames). */
export type EventFrame<N extends EventName = EventName> = { [K in N]: { type: "event"; seq: number; name: K; data: EventData<K> } }[N];

/** The first frame of every connection: who I am, who is here, the history frames I missed, the latest `seq`. */
const welcomeOf = <H extends z.ZodType>(history: H) =>
  z.strictObject({ type: z.literal("welcome"), you: MemberSummary, presence: z.array(MemberSummary), backlog: z.array(history), cursor: Seq });

// ---------- Client → server pieces ----------

export const MAX_CHAT_LENGTH = 2000;
export const ChatRequest = z.strictObject({ type: z.literal("chat"), text: MultiLine(1, MAX_CHAT_LENGTH) });
export const TypingRequest = z.strictObject({ type: z.literal("typing") });
/** `postId`: typing a comment on that post. */
export const PostTypingRequest = TypingRequest.extend({ postId: z.string().max(40).optional() });
export const ReactRequest = z.strictObject({ type: z.literal("react"), messageId: z.string().min(1).max(64), kind: z.enum(REACTION_KINDS) });

// ---------- The rooms ----------

/** `/parties/user-room/:userId`: a member's own room, their notifications and feed, live in every tab. Takes no frames. */
export const USER_ROOM_EVENTS = ["notification.created", "feed.new"] as const satisfies readonly EventName[];
export const UserRoomEventFrame = eventFrames(USER_ROOM_EVENTS);
export const UserRoomServerFrame = z.discriminatedUnion("type", [welcomeOf(UserRoomEventFrame), UserRoomEventFrame, ErrorFrame, ReloadFrame]);
export const UserRoomClientFrame = z.never();

/** `/parties/group-room/:groupId`: who is online in a group, its events (ids only), typing on its posts. */
export const GROUP_ROOM_EVENTS = ["post.created", "comment.created", "reaction.changed"] as const satisfies readonly EventName[];
export const GroupRoomEventFrame = eventFrames(GROUP_ROOM_EVENTS);
export const GroupRoomServerFrame = z.discriminatedUnion("type", [
  welcomeOf(GroupRoomEventFrame),
  GroupRoomEventFrame,
  JoinFrame,
  LeaveFrame,
  PostTypingFrame,
  ErrorFrame,
  ReloadFrame,
]);
export const GroupRoomClientFrame = z.discriminatedUnion("type", [PostTypingRequest]);

/** `/parties/coffee-room/:roomId`: a coffee room's chat (short backlog), reactions, presence, typing; a pair room opens with its icebreaker. */
export const COFFEE_ROOM_EVENTS = ["pairing.icebreaker"] as const satisfies readonly EventName[];
export const CoffeeRoomEventFrame = eventFrames(COFFEE_ROOM_EVENTS);
export const CoffeeRoomHistoryFrame = z.discriminatedUnion("type", [ChatFrame, ReactFrame, CoffeeRoomEventFrame]);
/**
 * A coffee room's chat as it goes out live: its author by id (`fromId`), since a sender is always present (the
 * welcome's presence list and the `join` frames carry the summaries, and a sender's `join` always goes before their
 * first chat), and a short random id. In the welcome's backlog a chat is the whole `ChatFrame`, author included (they
 * may have left since). A third of a whole chat frame's bytes, sent to each member present.
 */
export const CoffeeChatFrame = z.strictObject({ type: z.literal("chat"), id: z.string(), seq: Seq, fromId: z.string(), text: z.string(), at: z.number() });
export const CoffeeRoomServerFrame = z.discriminatedUnion("type", [
  welcomeOf(CoffeeRoomHistoryFrame).extend({ title: z.string() }),
  CoffeeChatFrame,
  ReactFrame,
  CoffeeRoomEventFrame,
  JoinFrame,
  LeaveFrame,
  TypingFrame,
  ErrorFrame,
  ReloadFrame,
]);
export const CoffeeRoomClientFrame = z.discriminatedUnion("type", [ChatRequest, TypingRequest, ReactRequest]);

/** An open coffee room as the lobby lists it: who is in it now. */
export const LobbyRoom = z.strictObject({ id: z.string(), title: z.string(), members: z.array(MemberSummary) });
/** `/parties/coffee-lobby/main`: the open coffee rooms and who is in each (whole in the welcome, then as events). Takes no frames. */
export const COFFEE_LOBBY_EVENTS = ["room.opened", "room.joined", "room.left", "room.closed"] as const satisfies readonly EventName[];
export const CoffeeLobbyEventFrame = eventFrames(COFFEE_LOBBY_EVENTS);
export const CoffeeLobbyServerFrame = z.discriminatedUnion("type", [
  welcomeOf(CoffeeLobbyEventFrame).extend({ rooms: z.array(LobbyRoom) }),
  CoffeeLobbyEventFrame,
  ErrorFrame,
  ReloadFrame,
]);
export const CoffeeLobbyClientFrame = z.never();

/**
 * `/parties/campaign-room/:campaignId`: a campaign's live support counts (API.md "Ideas"), for its page. Whoever may
 * see the campaign gets in (network-wide: every member but guests). Takes no frames.
 */
export const CAMPAIGN_ROOM_EVENTS = ["idea.supported"] as const satisfies readonly EventName[];
export const CampaignRoomEventFrame = eventFrames(CAMPAIGN_ROOM_EVENTS);
export const CampaignRoomServerFrame = z.discriminatedUnion("type", [welcomeOf(CampaignRoomEventFrame), CampaignRoomEventFrame, ErrorFrame, ReloadFrame]);
export const CampaignRoomClientFrame = z.never();

/**
 * `/parties/office-hours/:officeHourId`: an expert's live office hour (API.md "Questions and knowledge"), open from its
 * start to its end to whoever may read the group. A member's `ask` becomes a question post of the group (asker as
 * author) before its `question` frame goes out; the expert's `reply` becomes that question's accepted answer before its
 * `answer` frame. At the end the room sends `closed` and closes every connection. Carries no catalogue events.
 */
export const OfficeHourQuestionFrame = z.strictObject({
  type: z.literal("question"),
  seq: Seq,
  /** The question's id: the id of the post it became. */
  id: z.string(),
  postId: z.string(),
  from: MemberSummary,
  text: z.string(),
  at: z.number(),
});
export const OfficeHourAnswerFrame = z.strictObject({
  type: z.literal("answer"),
  seq: Seq,
  questionId: z.string(),
  /** The comment it became, the question's accepted answer. */
  commentId: z.string(),
  from: MemberSummary,
  text: z.string(),
  at: z.number(),
});
/** The office hour ended (or was cancelled): the room closes the connections after it. */
export const ClosedFrame = z.strictObject({ type: z.literal("closed") });
export const AskRequest = z.strictObject({ type: z.literal("ask"), text: MultiLine(1, MAX_CHAT_LENGTH) });
export const ReplyRequest = z.strictObject({ type: z.literal("reply"), questionId: z.string().min(1).max(64), text: MultiLine(1, MAX_CHAT_LENGTH) });
export const OFFICE_HOUR_EVENTS = [] as const satisfies readonly EventName[];
export const OfficeHourHistoryFrame = z.discriminatedUnion("type", [OfficeHourQuestionFrame, OfficeHourAnswerFrame]);
export const OfficeHourServerFrame = z.discriminatedUnion("type", [
  welcomeOf(OfficeHourHistoryFrame).extend({ expertId: z.string(), topic: z.string(), endsAt: z.number() }),
  OfficeHourQuestionFrame,
  OfficeHourAnswerFrame,
  JoinFrame,
  LeaveFrame,
  ClosedFrame,
  ErrorFrame,
  ReloadFrame,
]);
export const OfficeHourClientFrame = z.discriminatedUnion("type", [AskRequest, ReplyRequest]);

/** Every kind of room, by its path segment (`/parties/<kind>/<id>`): the events it carries and its two unions. */
export const ROOMS = {
  "user-room": { events: USER_ROOM_EVENTS, server: UserRoomServerFrame, client: UserRoomClientFrame },
  "group-room": { events: GROUP_ROOM_EVENTS, server: GroupRoomServerFrame, client: GroupRoomClientFrame },
  "coffee-room": { events: COFFEE_ROOM_EVENTS, server: CoffeeRoomServerFrame, client: CoffeeRoomClientFrame },
  "coffee-lobby": { events: COFFEE_LOBBY_EVENTS, server: CoffeeLobbyServerFrame, client: CoffeeLobbyClientFrame },
  "campaign-room": { events: CAMPAIGN_ROOM_EVENTS, server: CampaignRoomServerFrame, client: CampaignRoomClientFrame },
  "office-hours": { events: OFFICE_HOUR_EVENTS, server: OfficeHourServerFrame, client: OfficeHourClientFrame },
} as const;

/** Any room's history frame (what a room's history log stores). */
export const HistoryFrame = z.discriminatedUnion("type", [ChatFrame, ReactFrame, OfficeHourQuestionFrame, OfficeHourAnswerFrame, eventFrames(EVENT_NAMES)]);

// ---------- Types ----------

export type Member = MemberSummary;
export type RoomKind = keyof typeof ROOMS;
/** What a room of kind `R` sends, and what it accepts. */
export type ServerFrameOf<R extends RoomKind> = z.infer<(typeof ROOMS)[R]["server"]>;
export type ClientFrameOf<R extends RoomKind> = z.infer<(typeof ROOMS)[R]["client"]>;
/** The names of the events a room of kind `R` carries. */
export type RoomEventName<R extends RoomKind> = (typeof ROOMS)[R]["events"][number];
/** The frame of type `T` in union `F`. */
export type FrameOf<F extends { type: string }, T extends F["type"]> = Extract<F, { type: T }>;

export type UserRoomServerFrame = z.infer<typeof UserRoomServerFrame>;
export type UserRoomClientFrame = z.infer<typeof UserRoomClientFrame>;
export type UserRoomEventName = RoomEventName<"user-room">;
export type GroupRoomServerFrame = z.infer<typeof GroupRoomServerFrame>;
export type GroupRoomClientFrame = z.infer<typeof GroupRoomClientFrame>;
export type GroupRoomEventName = RoomEventName<"group-room">;
export type CoffeeRoomServerFrame = z.infer<typeof CoffeeRoomServerFrame>;
export type CoffeeRoomClientFrame = z.infer<typeof CoffeeRoomClientFrame>;
export type CoffeeRoomHistoryFrame = z.infer<typeof CoffeeRoomHistoryFrame>;
export type CoffeeRoomEventName = RoomEventName<"coffee-room">;
export type CoffeeLobbyServerFrame = z.infer<typeof CoffeeLobbyServerFrame>;
export type CoffeeLobbyClientFrame = z.infer<typeof CoffeeLobbyClientFrame>;
export type CoffeeLobbyEventName = RoomEventName<"coffee-lobby">;
export type LobbyRoom = z.infer<typeof LobbyRoom>;
export type CampaignRoomServerFrame = z.infer<typeof CampaignRoomServerFrame>;
export type CampaignRoomEventName = RoomEventName<"campaign-room">;
export type OfficeHourServerFrame = z.infer<typeof OfficeHourServerFrame>;
export type OfficeHourClientFrame = z.infer<typeof OfficeHourClientFrame>;
export type OfficeHourHistoryFrame = z.infer<typeof OfficeHourHistoryFrame>;
export type HistoryFrame = z.infer<typeof HistoryFrame>;
export type ChatFrame = z.infer<typeof ChatFrame>;
export type CoffeeChatFrame = z.infer<typeof CoffeeChatFrame>;
export type ReactFrame = z.infer<typeof ReactFrame>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;
/** A room's welcome frame (`R`'s), without a union of room kinds. */
export type WelcomeOf<R extends RoomKind> = FrameOf<ServerFrameOf<R>, "welcome">;
