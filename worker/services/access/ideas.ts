import type { Actor } from "../../context";
import type { IdeaStatus } from "../../../contract/ideas";
import { raw, sqlPart, type SqlPart } from "../../lib/sql";
import { canModerateGroup, canReadGroupContent, sqlReadableGroup, type GroupAccessFacts, type Membership } from "./groups";

/**
 * Ideas (API.md "Ideas"): campaigns and idea boxes, and who may do what there. A campaign belongs to a group (its
 * readers see it, its members post and support, guests among them) or to the whole network (`groupId` null: every
 * member but guests sees it, posts and supports; administrators manage it). A box is a group's: its readers see it,
 * its members post and support, its animators answer. The ideas themselves are posts, read by the group rules of the
 * group that holds them (a network-wide campaign's: the network's open ideas group, which no guest reads).
 *
 * `place` is where an idea was posted: `network` for a network-wide campaign, else the group's facts and the
 * caller's membership there.
 */
export type IdeaPlace = { network: true } | { network: false; group: GroupAccessFacts; m: Membership };

const isMember = (m: Membership) => m?.state === "member";

/** The campaign or box exists for the caller (and its ideas are readable). */
export function canSeeIdeaPlace(actor: Actor, place: IdeaPlace): boolean {
  if (place.network) return actor.role !== "guest";
  return canReadGroupContent(actor, place.group, place.m);
}

/** Posting and supporting ideas there (the campaign's window and the box's existence are checked apart). */
/**
 * {@link canSeeIdeaPlace} as SQL, for lists of campaigns over `campaign` (its `group_id`, null when network-wide) and
 * the visibility of its group: a group's campaigns where its content is readable, network-wide ones never for guests.
 */
export function sqlVisibleCampaign(actor: Actor, campaign: string, visibilityExpr: string): SqlPart {
  const group = sqlReadableGroup(actor, `${campaign}.group_id`, visibilityExpr);
  const groupId = raw(`${campaign}.group_id`);
  return actor.role === "guest" ? sqlPart`${groupId} IS NOT NULL AND ${group}` : sqlPart`(${groupId} IS NULL OR ${group})`;
}

export function canTakePartInIdeas(actor: Actor, place: IdeaPlace): boolean {
  if (place.network) return actor.role !== "guest";
  return isMember(place.m);
}

/** Opening, changing a campaign, moving ideas along the funnel, merging: the group's animators and administrators; network-wide: administrators. */
export function canManageIdeas(actor: Actor, place: IdeaPlace): boolean {
  if (place.network) return actor.role === "admin";
  return canModerateGroup(actor, place.m);
}

/** The funnel: submitted → studied → retained → implemented, or declined from any step before implemented. */
export const IDEA_TRANSITIONS: Record<IdeaStatus, IdeaStatus[]> = {
  submitted: ["studied", "declined"],
  studied: ["retained", "declined"],
  retained: ["implemented", "declined"],
  implemented: [],
  declined: [],
};

export function canMoveIdea(from: IdeaStatus, to: IdeaStatus): boolean {
  return IDEA_TRANSITIONS[from].includes(to);
}

/** Its author edits or withdraws an idea as a post while it is still `submitted`; after that it is the funnel's. */
export function ideaStillEditable(status: IdeaStatus): boolean {
  return status === "submitted";
}
