/**
 * The one policy (ARCHITECTURE.md, HTTP API): every permission decision of the Worker, one file per resource, each
 * rule beside its SQL twin where lists need one. Services and rooms import from here; views carry the `can` flags
 * computed here so that clients never re-derive a rule.
 */
export * from "./admin";
export * from "./coffee";
export * from "./groups";
export * from "./items";
export * from "./me";
export * from "./members";
export type { SqlPart } from "./logic";
export * from "./webhooks";
export * from "./ideas";
export * from "./questions";
export * from "./knowledge";
export * from "./privacy";
export * from "./office-hours";
