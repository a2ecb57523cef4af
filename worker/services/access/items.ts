import type { Actor } from "../../context";
import type { Comment, Post } from "../../../contract/posts";
import { canModerateGroup, canReadGroupContent, type GroupAccessFacts, type Membership } from "./groups";
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
