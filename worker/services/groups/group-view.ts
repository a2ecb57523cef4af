/**
 * The shapes of a group and of a row of its member list as the API answers them: the contract's (contract/groups.ts),
 * re-exported as types for the modules (the web client among them) that import them from here.
 */
export type { Group as GroupView, GroupMemberRow } from "../../../contract/groups";
export type { GroupKind, NotifyLevel } from "../../../contract/enums";
