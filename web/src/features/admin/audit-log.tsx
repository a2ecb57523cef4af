import { useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { AdminAuditEntry, Page } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { formatDateTime } from "../../i18n/format";

type Filters = { actorId: string; action: string; targetId: string; from: string; to: string };

const day = (date: string, end = false) => (date ? String(new Date(`${date}T00:00:00`).getTime() + (end ? 86_400_000 : 0)) : "");

function changes(e: AdminAuditEntry): string {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
  return keys.map((k) => `${k}: ${JSON.stringify(e.before?.[k] ?? null)} → ${JSON.stringify(e.after?.[k] ?? null)}`).join("; ");
}

/** The network's audit log: who did what to what, when, with filters and a CSV download of the same selection. */
export function AuditLogAdmin() {
  const [draft, setDraft] = useState<Filters>({ actorId: "", action: "", targetId: "", from: "", to: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const query = { actorId: filters.actorId.trim(), action: filters.action, targetId: filters.targetId.trim(), from: day(filters.from), to: day(filters.to, true) };
  const list = usePaged<AdminAuditEntry>(`audit:${JSON.stringify(query)}`, (cursor, signal) => api<Page<AdminAuditEntry>>("/admin/audit", { query: { ...query, cursor, limit: 50 }, signal }));
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t("console.audit")}</h2>
      <form
        class="form console-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="audit-action">{t("console.action")}</label>
          <input id="audit-action" value={draft.action} maxLength={60} placeholder="member.role" aria-describedby="audit-action-hint" onInput={(e) => set({ action: e.currentTarget.value.trim() })} />
          <p id="audit-action-hint" class="field-hint">{t("console.actionHint")}</p>
        </div>
        <div class="field">
          <label for="audit-actor">{t("console.actorId")}</label>
          <input id="audit-actor" value={draft.actorId} maxLength={100} onInput={(e) => set({ actorId: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="audit-target">{t("console.targetId")}</label>
          <input id="audit-target" value={draft.targetId} maxLength={100} onInput={(e) => set({ targetId: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="audit-from">{t("console.from")}</label>
          <input id="audit-from" type="date" value={draft.from} onInput={(e) => set({ from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="audit-to">{t("console.to")}</label>
          <input id="audit-to" type="date" value={draft.to} onInput={(e) => set({ to: e.currentTarget.value })} />
        </div>
        <button type="submit" class="btn btn-primary">{t("console.apply")}</button>
        <a class="btn btn-secondary" href={withQuery("/api/v1/admin/audit", { ...query, format: "csv" })} download="audit-log.csv">{t("console.downloadCsv")}</a>
      </form>
      {list.state.status === "loading" ? (
        <Skeleton lines={5} />
      ) : list.state.status === "error" ? (
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : list.state.items.length === 0 ? (
        <EmptyState icon="admin" title={t("console.noAudit")} />
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("console.when")}</th>
                <th scope="col">{t("console.who")}</th>
                <th scope="col">{t("console.action")}</th>
                <th scope="col">{t("console.target")}</th>
                <th scope="col">{t("console.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {list.state.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>
                    {e.actor.name || e.actor.id}
                    {e.actor.kind === "scim_token" ? <> <Badge tone="accent">{t("console.scimActor")}</Badge></> : null}
                  </td>
                  <td><code>{e.action}</code></td>
                  <td class="break small">{e.target.type} <code>{e.target.id}</code></td>
                  <td class="break small">{changes(e)}{e.requestId ? <div class="muted">{t("console.requestId")} <code>{e.requestId}</code></div> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </section>
  );
}
