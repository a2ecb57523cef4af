import type { Actor } from "../../context";
import { canModerateGroup, canPostIn, canReadGroupContent, type GroupAccessFacts, type Membership } from "./groups";

/**
 * A group's knowledge (API.md "Questions and knowledge"): its FAQ and its library are the group's content, read where
 * its posts are (a private group's are 404 to outsiders, through lists, items, downloads and search alike).
 *
 * - FAQ: curated (added, changed, reordered, deleted, made from an answered question) by the group's animators and
 *   owners, and by administrators.
 * - Library: any member of the group adds items and versions (a reader of an open group who has not joined does not,
 *   nor an administrator outside the group: adding is taking part, as posting is); the uploader of an item, the
 *   group's animators and owners, and administrators delete it.
 */

/** The FAQ and the library are readable by whoever reads the group's content. */
export function canReadKnowledge(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canReadGroupContent(actor, group, m);
}

export function canCurateFaq(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

export function canAddToLibrary(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canPostIn(actor, group, m);
}

export function canDeleteLibraryItem(actor: Actor, m: Membership, item: { uploaderId: string }): boolean {
  return item.uploaderId === actor.id || canModerateGroup(actor, m);
}

/** The `can` of an FAQ entry's view. */
export function faqCan(actor: Actor, m: Membership): { edit: boolean } {
  return { edit: canCurateFaq(actor, m) };
}

/** The `can` of a library item's view. */
export function libraryItemCan(actor: Actor, group: GroupAccessFacts, m: Membership, item: { uploaderId: string }): { addVersion: boolean; delete: boolean } {
  return { addVersion: canAddToLibrary(actor, group, m), delete: canDeleteLibraryItem(actor, m, item) };
}
