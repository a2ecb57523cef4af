import type { Actor } from "../../context";
import { canModerateGroup, canSeeGroup, canTakePartIn, type GroupAccessFacts, type Membership } from "./groups";

/**
 * Questions (API.md "Questions and knowledge"). A question is a post of kind `question`, read where its group's posts
 * are read (the item rules, and their SQL twins, apply unchanged); these are the rules it adds.
 */

/** Accepting an answer (and changing the accepted one): the asker, the group's animators and owners, administrators. */
export function canAcceptAnswer(actor: Actor, m: Membership, question: { authorId: string }): boolean {
  return question.authorId === actor.id || canModerateGroup(actor, m);
}

/** Voting an answer up: whoever takes part in the group, never on their own answer. */
export function canVoteAnswer(actor: Actor, group: GroupAccessFacts, m: Membership, answer: { authorId: string }): boolean {
  return answer.authorId !== actor.id && canTakePartIn(actor, group, m);
}

/** The promise a group follows and its support members are shown to whoever sees the group. */
export function canSeePromise(actor: Actor, group: GroupAccessFacts, m: Membership): boolean {
  return canSeeGroup(actor, group, m);
}

/** Setting the promise and naming the support members: the group's animators and owners, administrators. */
export function canManagePromise(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}

/** The group's answer-time figures: its animators and owners, administrators. */
export function canSeeQuestionStats(actor: Actor, m: Membership): boolean {
  return canModerateGroup(actor, m);
}
