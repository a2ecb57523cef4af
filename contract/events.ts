import { z } from "@hono/zod-openapi";
import { MemberSummary } from "./common";
import { GROUP_KINDS, GROUP_VISIBILITIES, IDEA_STATUSES, NOTIFICATION_KINDS, POST_KINDS, REACTION_KINDS, ROLES } from "./enums";
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

const entry = <S extends z.ZodObject>(version: number, description: string, schema: S, example?: z.infer<S>) => ({ version, description, schema, example });

export const EVENTS = {
  "post.created": entry(
    1,
    "A post was written in a group. Sent to the group's room.",
    z.strictObject({ postId: z.string(), groupId: z.string(), authorId: z.string(), kind: z.enum(POST_KINDS) }),
    { postId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", authorId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", kind: "discussion" },
  ),
  "comment.created": entry(
    1,
    "A comment was written on a post; `parentId` is the comment it answers, or null for an answer to the post. Sent to the post's group room.",
    z.strictObject({ postId: z.string(), commentId: z.string(), parentId: z.string().nullable(), authorId: z.string() }),
    { postId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", commentId: "cmt_01jf0va1b2c3d4e5f6g7h8j9k0", parentId: null, authorId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w" },
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
    { targetType: "post", targetId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", postId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", userId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", kind: "thanks", on: true },
  ),
  "member.joined": entry(
    1,
    "Someone joined the network: an invitation accepted, or a first sign-in through SSO or SCIM. A webhook event.",
    z.strictObject({ userId: z.string(), role: z.enum(ROLES), via: z.enum(["invitation", "sso", "scim", "setup"]) }),
    { userId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", role: "member", via: "invitation" },
  ),
  "member.left": entry(
    1,
    "Someone left the network: deactivated, or erased. A webhook event.",
    z.strictObject({ userId: z.string(), reason: z.enum(["deactivated", "erased"]) }),
    { userId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", reason: "deactivated" },
  ),
  "group.created": entry(
    1,
    "A group was created. A webhook event, carried for open groups and for the granted ones.",
    z.strictObject({ groupId: z.string(), kind: z.enum(GROUP_KINDS), visibility: z.enum(GROUP_VISIBILITIES) }),
    { groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", kind: "client", visibility: "private" },
  ),
  "group.updated": entry(
    1,
    "A group's name, description, rules, kind, visibility or cover changed; `fields` names what changed. A webhook event, carried for open groups and for the granted ones.",
    z.strictObject({ groupId: z.string(), fields: z.array(z.string()) }),
    { groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", fields: ["name", "visibility"] },
  ),
  "webhook.test": entry(
    1,
    "A test delivery an administrator asked for (POST /admin/webhooks/:id/test). A webhook event, sent to that endpoint only.",
    z.strictObject({ endpointId: z.string(), requestedBy: z.string() }),
    { endpointId: "whk_01jf0v9k2m3n4p5q6r7s8t9v0w", requestedBy: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w" },
  ),
  "idea.created": entry(
    1,
    "An idea was posted into a campaign (`campaignId`) or a group's permanent idea box (`groupId`, null for a network-wide campaign). It is also a `post.created` of kind `idea`. A webhook event.",
    z.strictObject({ ideaId: z.string(), campaignId: z.string().nullable(), groupId: z.string().nullable(), authorId: z.string() }),
    { ideaId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", campaignId: "cmp_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: null, authorId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w" },
  ),
  "idea.supported": entry(
    1,
    "An idea's support count changed (a support given or withdrawn, or a merge). Sent to the campaign's room, and a webhook event.",
    z.strictObject({ ideaId: z.string(), supportCount: z.number().int() }),
    { ideaId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", supportCount: 12 },
  ),
  "idea.status_changed": entry(
    1,
    "An idea moved along the funnel (`submitted → studied → retained → implemented`, or `declined`), with its public reason. A webhook event.",
    z.strictObject({ ideaId: z.string(), from: z.enum(IDEA_STATUSES), to: z.enum(IDEA_STATUSES), reason: z.string(), byId: z.string() }),
    { ideaId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", from: "studied", to: "retained", reason: "Piloted in Lyon from March", byId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w" },
  ),
  "campaign.opened": entry(
    1,
    "A campaign reached its start: members may post ideas. A webhook event.",
    z.strictObject({ campaignId: z.string(), groupId: z.string().nullable() }),
    { campaignId: "cmp_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: null },
  ),
  "campaign.closed": entry(
    1,
    "A campaign reached its end: no more ideas or supports. A webhook event.",
    z.strictObject({ campaignId: z.string(), groupId: z.string().nullable() }),
    { campaignId: "cmp_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: null },
  ),
  "question.created": entry(
    1,
    "A question was asked in a group; `deadlineAt` is when its answer-time promise runs out (null: no promise). It is also a `post.created` of kind `question`. A webhook event.",
    z.strictObject({ questionId: z.string(), groupId: z.string(), authorId: z.string(), deadlineAt: z.number().int().nullable() }),
    { questionId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", authorId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", deadlineAt: 1796544000000 },
  ),
  "question.answered": entry(
    1,
    "A question got its first answer from someone other than the asker; `support` tells a support member's answer from a peer's, `inTime` whether it came within the promise (null: no promise). A webhook event.",
    z.strictObject({ questionId: z.string(), groupId: z.string(), commentId: z.string(), authorId: z.string(), support: z.boolean(), inTime: z.boolean().nullable() }),
    { questionId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", commentId: "cmt_01jf0va1b2c3d4e5f6g7h8j9k0", authorId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w", support: false, inTime: true },
  ),
  "question.accepted": entry(
    1,
    "The asker or an animator accepted an answer (or changed the accepted one). A webhook event.",
    z.strictObject({ questionId: z.string(), groupId: z.string(), commentId: z.string(), byId: z.string() }),
    { questionId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", commentId: "cmt_01jf0va1b2c3d4e5f6g7h8j9k0", byId: "usr_01jf0v9k2m3n4p5q6r7s8t9v0w" },
  ),
  "question.overdue": entry(
    1,
    "A question ran past its answer-time promise unanswered; the group's support members and animators were notified. A webhook event.",
    z.strictObject({ questionId: z.string(), groupId: z.string(), deadlineAt: z.number().int() }),
    { questionId: "pst_01jf0v9k2m3n4p5q6r7s8t9v0w", groupId: "grp_01jf0v9k2m3n4p5q6r7s8t9v0w", deadlineAt: 1796544000000 },
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

/**
 * The events integrations subscribe to (outgoing webhooks), each with its example: what happens in groups (carried
 * for open groups and the groups granted to the endpoint), who joins and leaves the network, and the test event.
 * The others are for the rooms only (a member's own notifications, presence).
 */
export const WEBHOOK_EVENTS = ["post.created", "comment.created", "reaction.changed", "member.joined", "member.left", "group.created", "group.updated", "webhook.test", "idea.created", "idea.supported", "idea.status_changed", "campaign.opened", "campaign.closed", "question.created", "question.answered", "question.accepted", "question.overdue"] as const satisfies readonly EventName[];
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);

/** One entry of the catalogue, as data (for the webhook catalogue and its documentation). */
export type CatalogueEntry = { name: EventName; version: number; description: string; schema: z.ZodObject; example?: Record<string, unknown> };
/** The catalogue as a list: name, version, description and payload schema of every event. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = EVENT_NAMES.map((name) => ({ name, ...EVENTS[name] }));
