import { sql, type SQL } from "drizzle-orm";
import type { AuditAction } from "../../../contract/moderation";
import type { Actor, ServiceContext } from "../../context";
import { auditLog } from "../../db/conversation";
import { newId } from "../../lib/ids";

export type AuditTargetType = "post" | "comment" | "report" | "user" | "charter" | "webhook" | "invitation" | "settings" | "sso" | "scim_token" | "token" | "hook" | "group" | "faq" | "library" | "scim_group" | "campaign" | "idea" | "coffee_run" | "office_hour";

/** What a privileged write changed: the target, the group it belongs to (null: the network), the fields before and after. */
export type AuditRecord = {
  action: AuditAction;
  /** The id, or an SQL expression for one the same batch computes (a new charter version). */
  target: { type: AuditTargetType; id: string | SQL };
  groupId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /**
   * A condition the row is written under, for a write that is itself conditional (the same condition in its WHERE):
   * both are in one batch, so both see the same state and either both happen or neither.
   */
  when?: SQL;
};

/**
 * The audit row of a privileged write (a moderator's, an animator's or an administrator's), to batch with the write
 * itself so that both happen or neither: every such write goes through this one helper, so every row names its group
 * and shows in that group's audit log as well as the network's.
 */
export function auditInsert(ctx: ServiceContext, actor: Actor, record: AuditRecord, now: number) {
  if (record.when) {
    const before = record.before ? JSON.stringify(record.before) : null;
    const after = record.after ? JSON.stringify(record.after) : null;
    return ctx.db
      .insert(auditLog)
      .select(
        sql`SELECT ${newId("aud", now)}, ${actor.id}, ${record.action}, ${record.target.type}, ${record.target.id}, ${record.groupId}, ${before}, ${after}, ${ctx.requestId}, ${now} WHERE ${record.when}`,
      );
  }
  return ctx.db.insert(auditLog).values({
    id: newId("aud", now),
    actorId: actor.id,
    action: record.action,
    targetType: record.target.type,
    targetId: record.target.id,
    groupId: record.groupId,
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
    requestId: ctx.requestId,
    createdAt: now,
  });
}

/**
 * The same audit row as {@link auditInsert}, as a raw D1 statement written only when `condition` (SQL, e.g.
 * `changes() = 1` right after the write it follows in a batch) holds: for services that batch raw statements and whose
 * write may turn out to be a no-op (a concurrent change), so that no row claims a change that did not happen.
 */
export function auditInsertIf(ctx: ServiceContext, actor: Actor, record: AuditRecord & { target: { id: string } }, now: number, condition: string): D1PreparedStatement {
  const q = auditInsert(ctx, actor, record, now).toSQL();
  const columns = /^insert into "audit_log" \(([^)]*)\) values \(([^)]*)\)$/i.exec(q.sql);
  if (!columns) throw new Error(`unexpected audit insert: ${q.sql}`);
  return ctx.env.DB.prepare(`INSERT INTO audit_log (${columns[1]}) SELECT ${columns[2]} WHERE ${condition}`).bind(...(q.params as unknown[]));
}
