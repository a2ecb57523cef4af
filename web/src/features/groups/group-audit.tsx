import { api } from "../../api";
import type { Group, Page } from "../../api-types";
import type { AuditEntry } from "../../../../contract/moderation";
import { t } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { AdminList } from "../admin/admin-list";

function changes(e: AuditEntry): string {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
  return keys.map((k) => `${k}: ${JSON.stringify(e.before?.[k] ?? null)} → ${JSON.stringify(e.after?.[k] ?? null)}`).join("; ");
}

/**
 * The group's part of the audit log, for its animators (issue 12): what its moderators and owners did in it — deletions,
 * hides, pins, members added or removed, roles — newest first (`GET /groups/{id}/audit`). The network's whole log, with
 * filters and CSV, is the administrators' (Admin → Audit log).
 */
export function GroupAudit({ group }: { group: Group }) {
  return (
    <AdminList<AuditEntry, Record<string, never>>
      id={`group-audit-${group.id}`}
      title={t("groupAudit.title")}
      initial={{}}
      fields={[]}
      load={(_f, cursor, signal) => api<Page<AuditEntry>>(`/groups/${encodeURIComponent(group.id)}/audit`, { query: { cursor, limit: 50 }, signal })}
      empty={{ icon: "admin", title: t("groupAudit.empty") }}
      columns={[{ label: t("console.when") }, { label: t("console.who") }, { label: t("console.action") }, { label: t("console.target") }, { label: t("console.changes") }]}
      row={(e) => (
        <tr>
          <td>{formatDateTime(e.createdAt)}</td>
          <td><a href={`/people/${encodeURIComponent(e.actor.id)}`}>{e.actor.name}</a></td>
          <td><code>{e.action}</code></td>
          <td class="break small">{e.target.type} <code>{e.target.id}</code></td>
          <td class="break small">{changes(e)}</td>
        </tr>
      )}
    />
  );
}
