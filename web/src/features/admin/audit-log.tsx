import { api, withQuery } from "../../api";
import type { AdminAuditEntry, Page } from "../../api-types";
import { Badge } from "../../components/badge";
import { t } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { AdminList, type Column } from "./admin-list";

type Filters = { actorId: string; action: string; targetId: string; from: string; to: string };

const day = (date: string, end = false) => (date ? String(new Date(`${date}T00:00:00`).getTime() + (end ? 86_400_000 : 0)) : "");

/** The route's query from the filters as typed: ids trimmed, days as the milliseconds of their start (`to`: the next day's). */
const queryOf = (f: Filters) => ({ actorId: f.actorId.trim(), action: f.action.trim(), targetId: f.targetId.trim(), from: day(f.from), to: day(f.to, true) });

function changes(e: AdminAuditEntry): string {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
  return keys.map((k) => `${k}: ${JSON.stringify(e.before?.[k] ?? null)} → ${JSON.stringify(e.after?.[k] ?? null)}`).join("; ");
}

const columns = (): Column[] => [{ label: t("console.when") }, { label: t("console.who") }, { label: t("console.action") }, { label: t("console.target") }, { label: t("console.changes") }];

/** One row of the network's audit log. */
function AuditRow({ entry: e }: { entry: AdminAuditEntry }) {
  return (
    <tr>
      <td>{formatDateTime(e.at)}</td>
      <td>
        {e.actor.name || e.actor.id}
        {e.actor.kind === "scim_token" ? <> <Badge tone="accent">{t("console.scimActor")}</Badge></> : null}
      </td>
      <td><code>{e.action}</code></td>
      <td class="break small">{e.target.type} <code>{e.target.id}</code></td>
      <td class="break small">{changes(e)}{e.requestId ? <div class="muted">{t("console.requestId")} <code>{e.requestId}</code></div> : null}</td>
    </tr>
  );
}

/** The network's audit log: who did what to what, when, with filters and a CSV download of the same selection. */
export function AuditLogAdmin() {
  return (
    <AdminList<AdminAuditEntry, Filters>
      id="audit"
      title={t("console.audit")}
      initial={{ actorId: "", action: "", targetId: "", from: "", to: "" }}
      fields={[
        { key: "action", id: "audit-action", label: t("console.action"), hint: t("console.actionHint"), placeholder: "member.role", maxLength: 60 },
        { key: "actorId", id: "audit-actor", label: t("console.actorId"), maxLength: 100 },
        { key: "targetId", id: "audit-target", label: t("console.targetId"), maxLength: 100 },
        { key: "from", id: "audit-from", label: t("console.from"), type: "date" },
        { key: "to", id: "audit-to", label: t("console.to"), type: "date" },
      ]}
      actions={(applied) => <a class="btn btn-secondary" href={withQuery("/api/v1/admin/audit", { ...queryOf(applied), format: "csv" })} download="audit-log.csv">{t("console.downloadCsv")}</a>}
      load={(applied, cursor, signal) => api<Page<AdminAuditEntry>>("/admin/audit", { query: { ...queryOf(applied), cursor, limit: 50 }, signal })}
      empty={{ icon: "admin", title: t("console.noAudit") }}
      columns={columns()}
      row={(e) => <AuditRow entry={e} />}
    />
  );
}
