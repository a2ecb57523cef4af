import type { Actor } from "../../context";
import type { Comment, Post } from "../../../contract/posts";
import { canModerateGroup, canReadGroupContent, canSeeGroup, canTakePartIn, sqlReadableGroup, type GroupAccessFacts, type Membership } from "./groups";
import type { SqlPart } from "./logic";

/**
 * Posts and comments (items) of a group, and the files attached to them. An item is read where its group's content
 * is; a hidden one by its author and the group's moderators only; a deleted one by nobody. Its author edits it; its
 * author or a moderator deletes it; moderators hide and restore it.
 */
export type ItemFacts = { authorId: string; hiddenAt: number | null; deletedAt: number | null };

/** A post or comment someone can read: its group's content is readable, it is not deleted, and hidden only for its author and moderators. */
export function canReadItem(actor: Actor, group: GroupAccessFacts, m: Membership, item: ItemFacts): boolean {
  if (item.deletedAt !== null || !canReadGroupContent(actor, group, m)) return false;
  return item.hiddenAt === null || item.authorId === actor.id || canModerateGroup(actor, m);
}

/** Edit: the author. */
export function canEditItem(actor: Actor, item: { authorId: string }): boolean {
  return item.authorId === actor.id;
}

/** Delete: the author or a moderator of the group. */
export function canDeleteItem(actor: Actor, m: Membership, item: { authorId: string }): boolean {
  return item.authorId === actor.id || canModerateGroup(actor, m);
}

/** Hide, restore and pin: the group's moderators. */
export function canModerateItem(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

/** The `can` of a post's view. */
export function postCan(actor: Actor, m: Membership, item: { authorId: string }): Post["can"] {
  return { edit: canEditItem(actor, item), delete: canDeleteItem(actor, m, item), moderate: canModerateItem(actor, m) };
}

/** The `can` of a comment's view. */
export function commentCan(actor: Actor, m: Membership, item: { authorId: string }): Comment["can"] {
  return { edit: canEditItem(actor, item), delete: canDeleteItem(actor, m, item) };
}

/**
 * A file: its owner's alone until it is attached; then whoever may read the post it belongs to (`postReadable`, from
 * {@link canReadItem}).
 */
export function canReadFile(actor: Actor, file: { ownerId: string; postId: string | null }, postReadable: boolean): boolean {
  return file.postId ? postReadable : file.ownerId === actor.id;
}

/** SQL twin of {@link canReadItem} for an item of an already readable group: not deleted; hidden ones only for their author and moderators. */
export function sqlReadableItem(actor: Actor, alias: string, groupIdExpr: string): SqlPart {
  if (actor.role === "admin") return { sql: `${alias}.deleted_at IS NULL`, binds: [] };
  return {
    sql: `${alias}.deleted_at IS NULL AND (${alias}.hidden_at IS NULL OR ${alias}.author_id = ? OR EXISTS (
      SELECT 1 FROM group_members gm_m WHERE gm_m.group_id = ${groupIdExpr} AND gm_m.user_id = ? AND gm_m.state = 'member' AND gm_m.role IN ('animator', 'owner')))`,
    binds: [actor.id, actor.id],
  };
}

/**
 * First look (API.md "First look"): an announcement of one group that a wider audience (named groups, or the network)
 * reads from a set time. `at` is the post's first-look time (null: it has none); `inAudience`, whether the caller is
 * in that audience (a member of a named group; for "network", anyone but a guest — see {@link sqlFirstLookReader}).
 */
export type FirstLookFacts = { at: number | null; inAudience: boolean };

/** The post is read by its wider audience: its time has come, the caller is in the audience, and it is neither deleted nor hidden (but from its author). */
export function canReadAsFirstLook(actor: Actor, item: ItemFacts, firstLook: FirstLookFacts, now: number): boolean {
  if (firstLook.at === null || firstLook.at > now || !firstLook.inAudience || item.deletedAt !== null) return false;
  return item.hiddenAt === null || item.authorId === actor.id;
}

/** A post someone can read: where its group's content is ({@link canReadItem}), or as its wider audience once its time has come. */
export function canReadPost(actor: Actor, group: GroupAccessFacts, m: Membership, item: ItemFacts, firstLook: FirstLookFacts, now: number): boolean {
  return canReadItem(actor, group, m, item) || canReadAsFirstLook(actor, item, firstLook, now);
}

/**
 * A comment of a post the caller reads (`throughFirstLook`: they read the post as its wider audience, not as a reader of
 * its group): as {@link canReadItem}, and for the wider audience every comment neither deleted nor hidden (but their own).
 */
export function canReadComment(actor: Actor, group: GroupAccessFacts, m: Membership, comment: ItemFacts, throughFirstLook: boolean): boolean {
  if (canReadItem(actor, group, m, comment)) return true;
  return throughFirstLook && comment.deletedAt === null && (comment.hiddenAt === null || comment.authorId === actor.id);
}

/** Commenting and reacting on a post: as in its group ({@link canTakePartIn}), and for the wider audience once the post reached them. */
export function canTakePartInPost(actor: Actor, group: GroupAccessFacts, m: Membership, throughFirstLook: boolean): boolean {
  return canTakePartIn(actor, group, m) || throughFirstLook;
}

/** Naming a group as a first look's audience: a group the caller can see ({@link canSeeGroup}); any other id is "unknown". */
export function canNameFirstLookGroup(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canSeeGroup(actor, group, m);
}

/**
 * SQL twin of the audience part of {@link canReadAsFirstLook}, over a post `alias`: its time has come, the caller is in
 * its audience, and it is neither deleted nor hidden (but from its author).
 */
export function sqlFirstLookReader(actor: Actor, alias: string, now: number): SqlPart {
  const audience = sqlFirstLookAudience(actor, `${alias}.id`);
  return {
    sql: `(${alias}.first_look_at IS NOT NULL AND ${alias}.first_look_at <= ? AND ${alias}.deleted_at IS NULL AND (${alias}.hidden_at IS NULL OR ${alias}.author_id = ?) AND ${audience.sql})`,
    binds: [now, actor.id, ...audience.binds],
  };
}

/** The caller is in the wider audience of post `postIdExpr` (`inAudience` of {@link FirstLookFacts}): "network" for all but guests, or a member of a named group. */
export function sqlFirstLookAudience(actor: Actor, postIdExpr: string): SqlPart {
  const network = actor.role === "guest" ? "" : "pa_f.audience = 'network' OR ";
  return {
    sql: `EXISTS (SELECT 1 FROM post_audiences pa_f WHERE pa_f.post_id = ${postIdExpr} AND (${network}EXISTS (
        SELECT 1 FROM group_members gm_f WHERE gm_f.group_id = pa_f.audience AND gm_f.user_id = ? AND gm_f.state = 'member')))`,
    binds: [actor.id],
  };
}

/**
 * SQL twin of {@link canReadPost}, over a post `alias` whose group's id and visibility are `groupIdExpr` and
 * `visibilityExpr`: every list that finds posts of groups other than the caller's own (search, the bell) reads through it.
 */
export function sqlReadablePost(actor: Actor, alias: string, groupIdExpr: string, visibilityExpr: string, now: number): SqlPart {
  const group = sqlReadableGroup(actor, groupIdExpr, visibilityExpr);
  const item = sqlReadableItem(actor, alias, groupIdExpr);
  const firstLook = sqlFirstLookReader(actor, alias, now);
  return { sql: `((${group.sql} AND ${item.sql}) OR ${firstLook.sql})`, binds: [...group.binds, ...item.binds, ...firstLook.binds] };
}

/** Per recipient (`u` a users row): the member is in post `postIdExpr`'s wider audience ({@link sqlFirstLookAudience}), active. For the first look's notifications. */
export function sqlUserInFirstLookAudience(userAlias: string, postIdExpr: string): string {
  return `${userAlias}.deactivated_at IS NULL AND EXISTS (SELECT 1 FROM post_audiences pa_u WHERE pa_u.post_id = ${postIdExpr} AND ((pa_u.audience = 'network' AND ${userAlias}.role <> 'guest')
    OR EXISTS (SELECT 1 FROM group_members gm_fu WHERE gm_fu.group_id = pa_u.audience AND gm_fu.user_id = ${userAlias}.id AND gm_fu.state = 'member')))`;
}
