import type { SQL } from "drizzle-orm";
import type { AuditAction } from "../../../contract/moderation";
import type { Actor, ServiceContext } from "../../context";
import { auditLog } from "../../db/conversation";
import { newId } from "../../lib/ids";

export type AuditTargetType = "post" | "comment" | "report" | "user" | "charter" | "webhook" | "invitation" | "settings" | "sso" | "scim_token" | "token" | "hook" | "group" | "faq" | "library";

/** What a privileged write changed: the target, the group it belongs to (null: the network), the fields before and after. */
export type AuditRecord = {
  action: AuditAction;
  /** The id, or an SQL expression for one the same batch computes (a new charter version). */
  target: { type: AuditTargetType; id: string | SQL };
  groupId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/**
 * The audit row of a privileged write (a moderator's, an animator's or an administrator's), to batch with the write
 * itself so that both happen or neither: every such write goes through this one helper, so every row names its group
 * and shows in that group's audit log as well as the network's.
 */
export function auditInsert(ctx: ServiceContext, actor: Actor, record: AuditRecord, now: number) {
  return ctx.db.insert(auditLog).values({
    id: newId("aud", now),
    actorId: actor.id,
    action: record.action,
    targetType: record.target.type,
    targetId: record.target.id,
    groupId: record.groupId,
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
    createdAt: now,
  });
}
