import type { Role } from "../../db/users";
import { and, evaluate, evaluateLazily, fact, not, or, toSql, type Rule, type SqlFacts, type SqlPart } from "./logic";

/**
 * What a caller sees of another member (API.md "People"): written once, as a rule over five facts, from which come
 * both the TypeScript check (one profile) and the SQL condition (the directory and its facets).
 *
 * - Anyone sees themselves.
 * - A deactivated member is seen by administrators only (their profile: the directory never lists them).
 * - A guest sees only the members who share a group with them (both members of it, not merely asking to join).
 * - Phone and email: oneself, and everyone but guests.
 */
type MemberFact = "self" | "viewerAdmin" | "viewerGuest" | "targetActive" | "sharesGroup";

const MAY_VIEW: Rule<MemberFact> = or(
  fact("self"),
  and(or(fact("targetActive"), fact("viewerAdmin")), or(not(fact("viewerGuest")), fact("sharesGroup"))),
);
/** The directory lists the members one may see who are active. */
const LISTED: Rule<MemberFact> = and(fact("targetActive"), MAY_VIEW);
const CONTACT: Rule<MemberFact> = or(fact("self"), not(fact("viewerGuest")));

export type MemberViewer = { id: string; role: Role };
/** What is known of a member the caller asks about: who, whether active, whether they share a group with the caller. */
export type MemberTarget = { id: string; deactivated: boolean };

function facts(viewer: MemberViewer, target: MemberTarget, sharesGroup: boolean): Record<MemberFact, boolean> {
  return { self: viewer.id === target.id, viewerAdmin: viewer.role === "admin", viewerGuest: viewer.role === "guest", targetActive: !target.deactivated, sharesGroup };
}

/** The caller may see this member (their profile): otherwise 404. */
export function mayViewMember(viewer: MemberViewer, target: MemberTarget, sharesGroup: boolean): boolean {
  return evaluate(MAY_VIEW, facts(viewer, target, sharesGroup));
}

/** The directory lists this member to the caller. */
export function listsMember(viewer: MemberViewer, target: MemberTarget, sharesGroup: boolean): boolean {
  return evaluate(LISTED, facts(viewer, target, sharesGroup));
}

/** {@link mayViewMember}, asking whether they share a group only when the answer depends on it (a query). */
export function mayViewMemberLazily(viewer: MemberViewer, target: MemberTarget, sharesGroup: () => Promise<boolean>): Promise<boolean> {
  return evaluateLazily(MAY_VIEW, { ...facts(viewer, target, false), sharesGroup });
}

/** The caller sees this member's phone and email (else they are blanked). */
export function maySeeContact(viewer: MemberViewer, targetId: string): boolean {
  return evaluate(CONTACT, facts(viewer, { id: targetId, deactivated: false }, false));
}

/** The five facts in SQL, for the caller, over the users row `alias`. */
function sqlFacts(viewer: MemberViewer, alias: string): SqlFacts<MemberFact> {
  return {
    self: { sql: `${alias}.id = ?`, binds: [viewer.id] },
    viewerAdmin: viewer.role === "admin",
    viewerGuest: viewer.role === "guest",
    targetActive: { sql: `${alias}.deactivated_at IS NULL`, binds: [] },
    sharesGroup: {
      sql: `${alias}.id IN (SELECT theirs.user_id FROM group_members mine
        JOIN group_members theirs ON theirs.group_id = mine.group_id AND theirs.state = 'member'
        WHERE mine.user_id = ? AND mine.state = 'member')`,
      binds: [viewer.id],
    },
  };
}

/** SQL on the users row `alias`: the caller may see that member ({@link mayViewMember}). */
export function sqlViewableMember(viewer: MemberViewer, alias = "u"): SqlPart {
  return toSql(MAY_VIEW, sqlFacts(viewer, alias));
}

/** SQL on the users row `alias`: the directory lists that member to the caller ({@link listsMember}). */
export function sqlListedMember(viewer: MemberViewer, alias = "u"): SqlPart {
  return toSql(LISTED, sqlFacts(viewer, alias));
}

/** SQL on the users row `alias`: that member shares a group with the caller (the fact, for a single profile). */
export function sqlSharesGroup(viewer: MemberViewer, alias = "u"): SqlPart {
  return sqlFacts(viewer, alias).sharesGroup as SqlPart;
}
