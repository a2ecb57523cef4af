/**
 * The shapes of a moderation queue's report and of an audit entry, from the contract. Types only (no runtime imports),
 * so the web client imports them with `import type` instead of keeping a copy.
 */
export type { AuditEntry, Report as ReportView, ReportTarget as ReportTargetView } from "../../../contract/moderation";
