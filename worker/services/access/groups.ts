import type { Actor } from "../../context";
import type { GroupRole, GroupVisibility } from "../../db/groups";
import type { Group, GroupMemberRow } from "../../../contract/groups";
import type { SqlPart } from "./logic";

/**
 * Who may see and do what in a group: the one place these rules live. Every path that returns group content (get,
 * list, feed, search, notifications, rooms, webhooks) goes through these functions or through their SQL twins below,
 * which say the same thing inside queries (before ranking and LIMIT).
 *
 * - open: every member who is not a guest reads it without joining; joining is immediate.
 * - private: its name and description are listed to non-guests; its content only to its members; joining is a request
 *   an animator approves.
 * - secret: invisible to non-members everywhere (404); members are added by its animators.
 * - guests see only the groups they were added to, and open none. Network administrators read every group, to
 *   moderate it.
 */
export type Membership = { role: GroupRole; state: "member" | "pending" } | null;
export type GroupAccessFacts = { visibility: GroupVisibility };

const isMember = (m: Membership) => m?.state === "member";

/** The group exists for the caller (its name, description, member count): otherwise 404. */
export function canSeeGroup(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  if (isMember(m) || actor.role === "admin") return true;
  if (actor.role === "guest") return false;
  return group.visibility !== "secret";
}

/** The caller may read the group's posts, comments, attachments, member list and live room. */
export function canReadGroupContent(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  if (isMember(m) || actor.role === "admin") return true;
  return actor.role !== "guest" && group.visibility === "open";
}

/** Posting in a group is for its members. */
export function canPostIn(_actor: Actor, _group: GroupAccessFacts, m: Membership): boolean {
  return isMember(m);
}

/** Commenting, reacting and rating: members, and in open groups every non-guest reader. */
export function canTakePartIn(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return isMember(m) || (actor.role !== "guest" && group.visibility === "open");
}

/** Animators and owners run their group (members, requests, pins, moderation); administrators run every group. */
export function canModerateGroup(actor: Actor, m: Membership): boolean {
  return actor.role === "admin" || (isMember(m) && (m!.role === "animator" || m!.role === "owner"));
}

/** Incoming hooks (API.md "Integrations"): the group's animators and owners, and administrators, make and revoke them. */
export function canManageHooks(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

/** Announcements are written by administrators and animators (who are members: posting is for members). */
export function canAnnounceIn(actor: Actor, m: Membership): boolean {
  return isMember(m) && (actor.role === "admin" || m!.role === "animator" || m!.role === "owner");
}

/**
 * Giving an announcement a first look for the whole network: administrators, and the home group's owners (animators
 * name groups only). The caller may already announce in the group ({@link canAnnounceIn}).
 */
export function canAnnounceToNetwork(actor: Actor, m: Membership): boolean {
  return actor.role === "admin" || (m?.state === "member" && m.role === "owner");
}

/**
 * What a new post asks beyond posting: an announcement, or the must-read flag (a must-read is an announcement), is for
 * those who announce; anyone else asking for either is refused, not silently given a plain post.
 */
export function canWritePostOf(actor: Actor, m: Membership, post: { kind: string; mustRead?: boolean }): boolean {
  return (post.kind !== "announcement" && post.mustRead !== true) || canAnnounceIn(actor, m);
}

/** Changing the group (name, description, rules, visibility, cover): its moderators. */
export function canEditGroup(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

/** Any member but a guest opens a group (and becomes its owner). */
export function canCreateGroup(actor: Actor): boolean {
  return actor.role !== "guest";
}

/**
 * What joining does for someone not yet in the group: open → "member" at once; private → a "request" its animators
 * approve; null when it cannot be joined (secret groups, whose animators add members; guests, who are added): the
 * join answers 404 then.
 */
export type JoinOutcome = "member" | "request" | null;
export function joinOutcome(actor: Actor, group: GroupAccessFacts): JoinOutcome {
  if (actor.role === "guest" || group.visibility === "secret") return null;
  return group.visibility === "open" ? "member" : "request";
}

/** Leaving a group, or cancelling one's request: whoever is in it (the last owner of a group with members gets 409). */
export function canLeave<M extends Membership>(m: M): m is NonNullable<M> {
  return m !== null;
}

/** Hearing of a group (its notification level) is for its members. */
export function canSetGroupNotify(m: Membership): boolean {
  return isMember(m);
}

/** Seeing the member list: those who may read the group. */
export function canListMembers(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canReadGroupContent(actor, group, m);
}

/** Seeing the pending requests, adding members and approving requests: the group's moderators. */
export function canSeeRequests(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}
export function canAddMembers(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

/** Naming owners (or changing an owner's role, in what the views offer): owners and administrators. */
export function canNameOwners(actor: Actor, m: Membership): boolean {
  return actor.role === "admin" || (isMember(m) && m!.role === "owner");
}

/** Giving someone a role in the group (adding or approving them with it): moderators; the owner role needs {@link canNameOwners}. */
export function canGiveRole(actor: Actor, m: Membership, role: GroupRole): boolean {
  return canAddMembers(actor, m) && (role !== "owner" || canNameOwners(actor, m));
}

/** Removing someone else, or refusing their request: the group's moderators. Oneself: {@link canLeave}. */
export function canRemoveMember(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

const ROLES_OFFERED: GroupRole[] = ["member", "animator", "owner"];

/**
 * What the caller may do to one row of the member list, as the views offer it: within what the API accepts
 * ({@link canGiveRole}, {@link canRemoveMember}), and narrower — nobody acts on themselves from the list (they leave);
 * an owner's role is changed only by those who name owners; an owner is not removed from the list (made an animator or
 * member first, so a group keeps an owner). A pending row is approved (with the member role) or declined.
 *
 * The API itself still lets an animator change an owner's role or remove an owner (addMember / removeMember check
 * only the wider rules): the views do not offer it.
 */
export function memberRowCan(actor: Actor, m: Membership, target: { userId: string; role: GroupRole; state: "member" | "pending" }): GroupMemberRow["can"] {
  const none = { changeRoleTo: [], remove: false, approve: false };
  if (target.userId === actor.id) return none;
  if (target.state === "pending") return { changeRoleTo: [], remove: canRemoveMember(actor, m), approve: canGiveRole(actor, m, "member") };
  if (target.role === "owner" && !canNameOwners(actor, m)) return none;
  return {
    changeRoleTo: ROLES_OFFERED.filter((r) => r !== target.role && canGiveRole(actor, m, r)),
    remove: target.role !== "owner" && canRemoveMember(actor, m),
    approve: false,
  };
}

/** The `can` of a group's view: what the caller may do there, so that clients never re-derive these rules. */
export function groupCan(actor: Actor, group: GroupAccessFacts, m: Membership): Group["can"] {
  return {
    read: canReadGroupContent(actor, group, m),
    post: canPostIn(actor, group, m),
    moderate: canModerateGroup(actor, m),
    announce: canAnnounceIn(actor, m),
    announceToNetwork: canAnnounceIn(actor, m) && canAnnounceToNetwork(actor, m),
    edit: canEditGroup(actor, m),
    invite: canAddMembers(actor, m),
    join: m ? null : joinOutcome(actor, group),
    leave: canLeave(m),
  };
}

/*
 * SQL twins of the rules above, for lists, feed and search. Each takes the caller and the alias of the groups table
 * (or of a column holding a group id) and answers a boolean SQL expression with its bound values.
 */

/** `groupIdExpr` names a readable group: its content is readable by the caller ({@link canReadGroupContent}). */
export function sqlReadableGroup(actor: Actor, groupIdExpr: string, visibilityExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: "1", binds: [] };
  const member = `EXISTS (SELECT 1 FROM group_members gm_r WHERE gm_r.group_id = ${groupIdExpr} AND gm_r.user_id = ? AND gm_r.state = 'member')`;
  if (actor.role === "guest") return { sql: member, binds: [actor.id] };
  return { sql: `(${visibilityExpr} = 'open' OR ${member})`, binds: [actor.id] };
}

/** The group is visible (listed) to the caller ({@link canSeeGroup}). */
export function sqlVisibleGroup(actor: Actor, groupIdExpr: string, visibilityExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: "1", binds: [] };
  const member = `EXISTS (SELECT 1 FROM group_members gm_v WHERE gm_v.group_id = ${groupIdExpr} AND gm_v.user_id = ? AND gm_v.state = 'member')`;
  if (actor.role === "guest") return { sql: member, binds: [actor.id] };
  return { sql: `(${visibilityExpr} <> 'secret' OR ${member})`, binds: [actor.id] };
}

/** Per recipient (`u` a users row): the member may read group `groupIdExpr`'s content. For notifications and fan-out. */
export function sqlUserReadsGroup(userAlias: string, groupIdExpr: string, visibilityExpr: string): string {
  return `${userAlias}.deactivated_at IS NULL AND (${userAlias}.role = 'admin'
    OR EXISTS (SELECT 1 FROM group_members gm_u WHERE gm_u.group_id = ${groupIdExpr} AND gm_u.user_id = ${userAlias}.id AND gm_u.state = 'member')
    OR (${userAlias}.role <> 'guest' AND ${visibilityExpr} = 'open'))`;
}
