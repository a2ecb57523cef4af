import type { Actor } from "../../context";
import { canModerateGroup, canPostIn, canReadGroupContent, sqlReadableGroup, type GroupAccessFacts, type Membership } from "./groups";
import type { SqlPart } from "./logic";

/**
 * Expert office hours (API.md "Questions and knowledge"). A session is the group's content: seen (listed, read, its
 * live room entered) where the group's posts are read, 404 elsewhere (a private group's outsiders, guests outside it).
 *
 * - Scheduling one is asking in the group, as its expert: the group's members (posting is for members).
 * - In its room, asking is posting a question (members); replying (the answer that becomes the accepted one) is the
 *   expert's alone.
 * - Cancelling: its expert, the group's animators and owners, administrators (while it has not ended).
 */

/** A session (and its live room) is seen by whoever reads the group's content. */
export function canSeeOfficeHour(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canReadGroupContent(actor, group, m);
}

/** SQL twin of {@link canSeeOfficeHour}: `groupIdExpr` and `visibilityExpr` name the session's group and its visibility. */
export function sqlSeeOfficeHour(actor: Actor, groupIdExpr: string, visibilityExpr: string): SqlPart {
  return sqlReadableGroup(actor, groupIdExpr, visibilityExpr);
}

/** Scheduling a session (as its expert): whoever may ask a question in the group, its members. */
export function canScheduleOfficeHour(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canPostIn(actor, group, m);
}

/** Asking in the live room: a question post of the group, so its members. */
export function canAskInOfficeHour(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canPostIn(actor, group, m);
}

/** Replying in the live room (the reply becomes the question's accepted answer): the session's expert only. */
export function canReplyInOfficeHour(actor: Pick<Actor, "id">, session: { expertId: string }): boolean {
  return session.expertId === actor.id;
}

/** Cancelling: the expert, the group's animators and owners, administrators. */
export function canCancelOfficeHour(actor: Actor, m: Membership, session: { expertId: string }): boolean {
  return session.expertId === actor.id || canModerateGroup(actor, m);
}
