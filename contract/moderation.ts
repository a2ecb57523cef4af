import { z } from "@hono/zod-openapi";
import { page, pageParams } from "./common";

/** Moderation queues and audit logs, of a group (its animators) or of the network (administrators). */

export const REPORT_STATES = ["open", "hidden", "restored", "dismissed"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** What was reported; a comment carries its post, so that the queue can link to it. */
export const ReportTarget = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("post"), id: z.string() }),
  z.strictObject({ type: z.literal("comment"), id: z.string(), postId: z.string() }),
]);
export type ReportTarget = z.infer<typeof ReportTarget>;

export const Report = z
  .strictObject({
    id: z.string(),
    target: ReportTarget,
    group: z.strictObject({ id: z.string(), name: z.string() }),
    reporter: z.strictObject({ id: z.string(), name: z.string() }),
    reason: z.string(),
    state: z.enum(REPORT_STATES),
    /** The first 200 characters of what was reported. */
    excerpt: z.string().nullable(),
    hidden: z.boolean(),
    createdAt: z.number(),
  })
  .openapi("Report");
export type Report = z.infer<typeof Report>;

/** Every privileged write the audit log records (one helper writes them all: worker/services/audit). */
export const AUDIT_ACTIONS = [
  "post.delete",
  "post.hide",
  "post.restore",
  "post.pin",
  "post.unpin",
  "comment.delete",
  "comment.hide",
  "comment.restore",
  "report.dismiss",
  "member.deactivate",
  "member.reactivate",
  "charter.publish",
  // Outgoing webhooks (API.md "Integrations").
  "webhook.create",
  "webhook.update",
  "webhook.delete",
  "webhook.rotate",
  "webhook.test",
  "webhook.replay",
  // Administration and privacy (API.md "Administration and privacy"): each helper's own block, one action per line.
  "invitation.create",
  "invitation.resend",
  "member.role",
  "member.erase",
  "settings.update",
  "sso.update",
  "scim_token.create",
  "scim_token.revoke",
  "scim.user_create",
  "scim.user_update",
  "scim.user_delete",
  "scim.group_update",
  "token.create",
  "token.revoke",
  "hook.create",
  "hook.delete",
  // Groups' answer-time promise and support, FAQ and library (API.md "Questions and knowledge").
  "group.promise",
  "group.support_members",
  "faq.create",
  "faq.update",
  "faq.delete",
  "library.delete",
  // An animator's or administrator's acceptance of an answer to someone else's question.
  "question.accept",
  // A complete audit (issue 12): the privileged writes that were not audited before.
  "group.update",
  "group.member_add",
  "group.member_remove",
  "campaign.create",
  "campaign.update",
  "idea.status",
  "idea.merge",
  "coffee.pairing_run",
  // Expert office hours: an animator's or administrator's cancelling of someone else's session.
  "office_hour.cancel",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = z
  .strictObject({
    id: z.string(),
    actor: z.strictObject({ id: z.string(), name: z.string() }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.strictObject({ type: z.string(), id: z.string() }),
    groupId: z.string().nullable(),
    /** The fields the action changed, before and after it. */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.number(),
  })
  .openapi("AuditEntry");
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ReportsQuery = z.strictObject({ state: z.enum(["open", "all"]).default("open"), ...pageParams });
export const AuditQuery = z.strictObject(pageParams);
export const ReportPage = page(Report);
export const AuditPage = page(AuditEntry);
