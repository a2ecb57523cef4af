import { z } from "@hono/zod-openapi";
import { Id, MemberSummary, Millis, MultiLine, page, pageParams, SingleLine } from "./common";
import { GROUP_KINDS, GROUP_ROLES, GROUP_VISIBILITIES, MEMBERSHIP_STATES, NOTIFY_LEVELS } from "./enums";

/** Groups, their members and the caller's place in them (API.md "Groups"). */

export const Group = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: z.enum(GROUP_VISIBILITIES),
    kind: z.enum(GROUP_KINDS),
    rules: z.string(),
    rulesHtml: z.string(),
    coverColor: z.string(),
    /** An uploaded cover image shown over the colour, or null. */
    coverUrl: z.string().nullable(),
    memberCount: z.number().int(),
    lastPostAt: Millis.nullable(),
    createdAt: Millis,
    /** It has a permanent idea box (API.md "Ideas"): its members post ideas there at any time. */
    ideaBox: z.boolean(),
    /** The caller's place in it: null when not a member. */
    membership: z.strictObject({ role: z.enum(GROUP_ROLES), state: z.enum(MEMBERSHIP_STATES), notify: z.enum(NOTIFY_LEVELS) }).nullable(),
    /** What the caller may do here, so that clients never re-derive the rules. */
    can: z.strictObject({
      /** Read its posts, comments, members and live room. */
      read: z.boolean(),
      /** Write a post. */
      post: z.boolean(),
      /** Run it: requests, reports, pins, hiding. */
      moderate: z.boolean(),
      /** Write an announcement. */
      announce: z.boolean(),
      /** Give an announcement a first look for the whole network (API.md "First look"): its owners and administrators. */
      announceToNetwork: z.boolean(),
      /** Change its name, description, rules, visibility and cover. */
      edit: z.boolean(),
      /** Add members and approve requests (POST /groups/:id/members). */
      invite: z.boolean(),
      /** What POST /groups/:id/join would do: "member" at once, a "request" to approve, or null (not joinable, or already in it). */
      join: z.enum(["member", "request"]).nullable(),
      /** Leave it, or cancel one's request (the last owner of a group with members gets 409). */
      leave: z.boolean(),
    }),
  })
  .openapi("Group");
export type Group = z.infer<typeof Group>;
export const GroupPage = page(Group);

/** A member (or a pending request) in GET /groups/:id/members. */
export const GroupMemberRow = z
  .strictObject({
    member: MemberSummary,
    title: z.string(),
    role: z.enum(GROUP_ROLES),
    state: z.enum(MEMBERSHIP_STATES),
    /** What the caller may do to this member from the list (never to themselves: they leave). */
    can: z.strictObject({
      /** The roles the caller may give them (their current one excluded); empty when none. */
      changeRoleTo: z.array(z.enum(GROUP_ROLES)),
      /** Remove them (a member) or decline their request (a pending row). */
      remove: z.boolean(),
      /** Approve their request (a pending row). */
      approve: z.boolean(),
    }),
  })
  .openapi("GroupMemberRow");
export type GroupMemberRow = z.infer<typeof GroupMemberRow>;
export const GroupMemberPage = page(GroupMemberRow);

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour like #0f5e5e");

export const GroupBody = z.strictObject({
  name: SingleLine(2, 80),
  description: MultiLine(0, 2000).default(""),
  visibility: z.enum(GROUP_VISIBILITIES),
  kind: z.enum(GROUP_KINDS),
  rules: MultiLine(0, 20_000).optional(),
  coverColor: Color.optional(),
});
/** A new group as the service receives it (defaults applied). */
export type GroupInput = z.output<typeof GroupBody>;

export const GroupPatch = z.strictObject({
  name: SingleLine(2, 80).optional(),
  description: MultiLine(0, 2000).optional(),
  rules: MultiLine(0, 20_000).optional(),
  coverColor: Color.optional(),
  visibility: z.enum(GROUP_VISIBILITIES).optional(),
  /** Open or close the group's permanent idea box (API.md "Ideas"). */
  ideaBox: z.boolean().optional(),
});
export type GroupPatch = z.output<typeof GroupPatch>;

export const GroupsQuery = z.strictObject({ q: SingleLine(0, 200).optional(), kind: z.enum(GROUP_KINDS).optional(), mine: z.enum(["0", "1"]).optional(), ...pageParams });
export const GroupMembersQuery = z.strictObject({ state: z.enum(MEMBERSHIP_STATES).default("member"), ...pageParams });

/** POST /groups/:id/join: 200 member at once (open), 202 pending until an animator approves (private). */
export const JoinResult = z.strictObject({ state: z.enum(MEMBERSHIP_STATES) });
export type JoinResult = z.infer<typeof JoinResult>;

export const AddMemberBody = z.strictObject({ userId: Id("usr"), role: z.enum(GROUP_ROLES).optional() });
export type AddMemberInput = z.output<typeof AddMemberBody>;
export const AddMemberResult = z.strictObject({ state: z.literal("member"), role: z.enum(GROUP_ROLES) });
export type AddMemberResult = z.infer<typeof AddMemberResult>;

export const GroupNotifyBody = z.strictObject({ level: z.enum(NOTIFY_LEVELS) });
