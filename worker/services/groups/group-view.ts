/**
 * The shapes of a group and of a row of its member list as the API answers them. Types only (no runtime imports), so
 * the web client imports them with `import type` instead of keeping a copy.
 */
import type { GROUP_KINDS, GroupRole, GroupVisibility, NOTIFY_LEVELS } from "../../db/groups";
import type { MemberSummary } from "../users/present";

export type GroupKind = (typeof GROUP_KINDS)[number];
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export type GroupView = {
  id: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  kind: GroupKind;
  rules: string;
  rulesHtml: string;
  coverColor: string;
  /** An uploaded cover image shown over the colour, or null. */
  coverUrl: string | null;
  memberCount: number;
  lastPostAt: number | null;
  createdAt: number;
  /** The caller's place in it: null when not a member. */
  membership: { role: GroupRole; state: "member" | "pending"; notify: NotifyLevel } | null;
  /** What the caller may do here, so clients need not re-derive the rules. */
  can: { read: boolean; post: boolean; moderate: boolean };
};

/** A member (or a pending request) in GET /groups/:id/members. */
export type GroupMemberRow = { member: MemberSummary; title: string; role: GroupRole; state: "member" | "pending" };
