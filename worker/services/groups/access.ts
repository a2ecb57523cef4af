import type { Actor } from "../../context";
import type { GroupRole, GroupVisibility } from "../../db/groups";

/**
 * Who may see and do what in a group: the one place these rules live. Every path that returns group content (get,
 * list, feed, search, notifications, rooms, webhooks) goes through these functions or through their SQL twins below,
 * which say the same thing inside queries (before ranking and LIMIT).
 *
 * - open: every member who is not a guest reads it without joining; joining is immediate.
 * - private: its name and description are listed to non-guests; its content only to its members; joining is a request
 *   an animator approves.
 * - secret: invisible to non-members everywhere (404); members are added by its animators.
 * - guests see only the groups they were added to. Network administrators read every group, to moderate it.
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

/** The caller may read the group's posts, comments, attachments and member list. */
export function canReadGroupContent(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  if (isMember(m) || actor.role === "admin") return true;
  return actor.role !== "guest" && group.visibility === "open";
}

/** Posting in a group is for its members. */
export function canPostIn(_actor: Actor, _group: GroupAccessFacts, m: Membership): boolean {
  return isMember(m);
}

/** Commenting and reacting: members, and in open groups every non-guest reader. */
export function canTakePartIn(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return isMember(m) || (actor.role !== "guest" && group.visibility === "open");
}

/** Animators and owners run their group (members, requests, pins, moderation); administrators run every group. */
export function canModerateGroup(actor: Actor, m: Membership): boolean {
  return actor.role === "admin" || (isMember(m) && (m!.role === "animator" || m!.role === "owner"));
}

/** Announcements are written by administrators and animators. */
export function canAnnounceIn(actor: Actor, m: Membership): boolean {
  return isMember(m) && (actor.role === "admin" || m!.role === "animator" || m!.role === "owner");
}

/** A post or comment someone can read: its group's content is readable, it is not deleted, and hidden only for its author and moderators. */
export function canReadItem(actor: Actor, group: GroupAccessFacts, m: Membership, item: { authorId: string; hiddenAt: number | null; deletedAt: number | null }): boolean {
  if (item.deletedAt !== null || !canReadGroupContent(actor, group, m)) return false;
  return item.hiddenAt === null || item.authorId === actor.id || canModerateGroup(actor, m);
}

/** Edit: the author. Delete: the author or a moderator of the group. */
export function canEditItem(actor: Actor, item: { authorId: string }): boolean {
  return item.authorId === actor.id;
}
export function canDeleteItem(actor: Actor, m: Membership, item: { authorId: string }): boolean {
  return item.authorId === actor.id || canModerateGroup(actor, m);
}

/**
 * SQL twins of the rules above, for lists, feed and search. Each takes the caller and the alias of the groups table
 * (or of a column holding a group id) and answers a boolean SQL expression with its bound values.
 */
export type SqlPart = { sql: string; binds: unknown[] };

/** `groupIdExpr` names a readable group: its content is readable by the caller. */
export function sqlReadableGroup(actor: Actor, groupIdExpr: string, visibilityExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: "1", binds: [] };
  const member = `EXISTS (SELECT 1 FROM group_members gm_r WHERE gm_r.group_id = ${groupIdExpr} AND gm_r.user_id = ? AND gm_r.state = 'member')`;
  if (actor.role === "guest") return { sql: member, binds: [actor.id] };
  return { sql: `(${visibilityExpr} = 'open' OR ${member})`, binds: [actor.id] };
}

/** The group is visible (listed) to the caller. */
export function sqlVisibleGroup(actor: Actor, groupIdExpr: string, visibilityExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: "1", binds: [] };
  const member = `EXISTS (SELECT 1 FROM group_members gm_v WHERE gm_v.group_id = ${groupIdExpr} AND gm_v.user_id = ? AND gm_v.state = 'member')`;
  if (actor.role === "guest") return { sql: member, binds: [actor.id] };
  return { sql: `(${visibilityExpr} <> 'secret' OR ${member})`, binds: [actor.id] };
}

/** A readable item (post or comment) of a readable group: not deleted; hidden ones only for their author and moderators. */
export function sqlReadableItem(actor: Actor, alias: string, groupIdExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: `${alias}.deleted_at IS NULL`, binds: [] };
  return {
    sql: `${alias}.deleted_at IS NULL AND (${alias}.hidden_at IS NULL OR ${alias}.author_id = ? OR EXISTS (
      SELECT 1 FROM group_members gm_m WHERE gm_m.group_id = ${groupIdExpr} AND gm_m.user_id = ? AND gm_m.state = 'member' AND gm_m.role IN ('animator', 'owner')))`,
    binds: [actor.id, actor.id],
  };
}

/** Per recipient (`u` a users row): the member may read group `groupIdExpr`'s content. For notifications and fan-out. */
export function sqlUserReadsGroup(userAlias: string, groupIdExpr: string, visibilityExpr: string): string {
  return `${userAlias}.deactivated_at IS NULL AND (${userAlias}.role = 'admin'
    OR EXISTS (SELECT 1 FROM group_members gm_u WHERE gm_u.group_id = ${groupIdExpr} AND gm_u.user_id = ${userAlias}.id AND gm_u.state = 'member')
    OR (${userAlias}.role <> 'guest' AND ${visibilityExpr} = 'open'))`;
}
