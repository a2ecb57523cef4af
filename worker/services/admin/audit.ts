import type { AdminAuditEntry } from "../../../contract/admin";
import type { ServiceContext } from "../../context";
import { join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";

/**
 * The network's audit log for its administrators (API.md "Administration and privacy"): every privileged write, newest
 * first, filtered by actor, action, target and time (`from` ≤ at < `to`). The actor is a member, or the SCIM token an
 * identity provider used (shown by the token's name). CSV export: the same filters, up to CSV_MAX_ROWS rows.
 */

export type AuditFilters = { actorId?: string; action?: string; targetId?: string; from?: number; to?: number };

export const CSV_MAX_ROWS = 10_000;

type Row = { id: string; actor_id: string; action: AdminAuditEntry["action"]; target_type: string; target_id: string; before: string | null; after: string | null; request_id: string | null; created_at: number; actor_name: string | null; token_name: string | null };

function where(filters: AuditFilters, cursor?: string): SqlPart {
  const c: SqlPart[] = [raw("1")];
  if (filters.actorId) c.push(sqlPart`a.actor_id = ${filters.actorId}`);
  if (filters.action) c.push(sqlPart`a.action = ${filters.action}`);
  if (filters.targetId) c.push(sqlPart`a.target_id = ${filters.targetId}`);
  if (filters.from !== undefined) c.push(sqlPart`a.created_at >= ${filters.from}`);
  if (filters.to !== undefined) c.push(sqlPart`a.created_at < ${filters.to}`);
  if (cursor) c.push(sqlPart`a.id < ${cursor}`);
  return join(c, " AND ");
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function present(r: Row): AdminAuditEntry {
  const token = r.token_name !== null;
  return {
    id: r.id,
    at: r.created_at,
    actor: { id: r.actor_id, name: (token ? r.token_name : r.actor_name) ?? "", kind: token ? "scim_token" : "member" },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    before: parse(r.before),
    after: parse(r.after),
    requestId: r.request_id,
  };
}

async function rows(ctx: ServiceContext, filters: AuditFilters, limit: number, cursor?: string): Promise<Row[]> {
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT a.id, a.actor_id, a.action, a.target_type, a.target_id, a.before, a.after, a.request_id, a.created_at, u.name AS actor_name, t.name AS token_name
      FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN scim_tokens t ON t.id = a.actor_id
      WHERE ${where(filters, cursor)} ORDER BY a.id DESC LIMIT ${limit}`,
  ).all<Row>();
  return results;
}

export async function listAdminAudit(ctx: ServiceContext, filters: AuditFilters, limit: number, cursor?: string): Promise<{ items: AdminAuditEntry[]; next: string | null }> {
  const found = await rows(ctx, filters, limit + 1, cursor);
  const page = found.slice(0, limit).map(present);
  return { items: page, next: found.length > limit ? page.at(-1)!.id : null };
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet (`=`, `+`, `-`, `@` first). */
function cell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const AUDIT_CSV_HEADER = ["id", "at", "actorId", "actorName", "actorKind", "action", "targetType", "targetId", "before", "after", "requestId"];

export async function auditCsv(ctx: ServiceContext, filters: AuditFilters): Promise<string> {
  const found = (await rows(ctx, filters, CSV_MAX_ROWS)).map(present);
  const lines = [AUDIT_CSV_HEADER.join(",")];
  for (const e of found) {
    lines.push(
      [e.id, new Date(e.at).toISOString(), e.actor.id, e.actor.name, e.actor.kind, e.action, e.target.type, e.target.id, e.before ? JSON.stringify(e.before) : "", e.after ? JSON.stringify(e.after) : "", e.requestId]
        .map(cell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
