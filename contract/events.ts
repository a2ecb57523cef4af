import { z } from "@hono/zod-openapi";
import { MemberSummary } from "./common";
import { NOTIFICATION_KINDS, POST_KINDS, REACTION_KINDS } from "./enums";
import { Icebreaker } from "./coffee";

/**
 * The event catalogue: every event a service or a room sends, closed. Rooms carry them in `event {seq, name, data}`
 * frames (contract/rooms.ts says which room carries which); the same names, versions and schemas are what integrations
 * will publish as webhook event types. A name never carries its version: a change of payload that is not backwards
 * compatible is a new `version` of the same name.
 *
 * Payloads are strict (an unknown field is refused) and carry ids, not content: the content is read through the API,
 * which applies visibility to whoever reads it.
 */

const entry = <S extends z.ZodObject>(version: number, description: string, schema: S) => ({ version, description, schema });

export const EVENTS = {
  "post.created": entry(
    1,
    "A post was written in a group. Sent to the group's room.",
    z.strictObject({ postId: z.string(), groupId: z.string(), authorId: z.string(), kind: z.enum(POST_KINDS) }),
  ),
  "comment.created": entry(
    1,
    "A comment was written on a post; `parentId` is the comment it answers, or null for an answer to the post. Sent to the post's group room.",
    z.strictObject({ postId: z.string(), commentId: z.string(), parentId: z.string().nullable(), authorId: z.string() }),
  ),
  "reaction.changed": entry(
    1,
    "A member added (`on: true`) or took back (`on: false`) a reaction of a kind on a post or a comment; `postId` is the post, or the post of the comment. Sent to the group's room.",
    z.strictObject({
      targetType: z.enum(["post", "comment"]),
      targetId: z.string(),
      postId: z.string(),
      userId: z.string(),
      kind: z.enum(REACTION_KINDS),
      on: z.boolean(),
    }),
  ),
  "notification.created": entry(
    1,
    "A notification reached a member (at once, or when their quiet hours ended). Sent to that member's own room.",
    z.strictObject({ id: z.string(), kind: z.enum(NOTIFICATION_KINDS) }),
  ),
  "feed.new": entry(
    1,
    "A new post entered a member's home feed (a group they belong to). Sent to that member's own room.",
    z.strictObject({ postId: z.string(), groupId: z.string() }),
  ),
  "room.opened": entry(
    1,
    "An open coffee room was opened, or first seen by the coffee lobby. Sent to the coffee lobby.",
    z.strictObject({ id: z.string(), title: z.string() }),
  ),
  "room.joined": entry(
    1,
    "A member arrived in an open coffee room (their first connection there). Sent to the coffee lobby.",
    z.strictObject({ roomId: z.string(), member: MemberSummary }),
  ),
  "room.left": entry(
    1,
    "A member left an open coffee room (their last connection there closed). Sent to the coffee lobby.",
    z.strictObject({ roomId: z.string(), userId: z.string() }),
  ),
  "room.closed": entry(
    1,
    "An open coffee room nobody had been in for 30 minutes left the lobby. Sent to the coffee lobby.",
    z.strictObject({ roomId: z.string() }),
  ),
  "pairing.icebreaker": entry(
    1,
    "The weekly coffee pairing opened a pair's private room with its icebreaker: the hobbies they share and what each works on now. The first frame of the pair room.",
    Icebreaker,
  ),
} as const;

export type EventName = keyof typeof EVENTS;
/** The catalogue's names, in its order. */
export const EVENT_NAMES = Object.keys(EVENTS) as [EventName, ...EventName[]];
/** An event name, as a schema (a webhook subscription's `events`, say). */
export const EventNameSchema = z.enum(EVENT_NAMES);

/** Each event name's payload. */
export type EventPayloads = { [N in EventName]: z.infer<(typeof EVENTS)[N]["schema"]> };
/** The payload of event `N`. */
export type EventData<N extends EventName> = EventPayloads[N];
/** An event as `{name, data}`; with a union of names (or none), the union of those events, told apart by `name`. */
export type EventOf<N extends EventName = EventName> = { [K in N]: { name: K; data: EventData<K> } }[N];

/** One entry of the catalogue, as data (for the webhook catalogue and its documentation). */
export type CatalogueEntry = { name: EventName; version: number; description: string; schema: z.ZodObject };
/** The catalogue as a list: name, version, description and payload schema of every event. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = EVENT_NAMES.map((name) => ({ name, ...EVENTS[name] }));
