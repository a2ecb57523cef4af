import { api } from "../../api";
import type { Page, Report } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { postHref } from "../posts/post-card";

/** The network's moderation queue (GET /moderation/reports): every group's open reports, oldest first. */
export function ModerationAdmin() {
  const list = usePaged<Report>("network-reports", (cursor, signal) => api<Page<Report>>("/moderation/reports", { query: { cursor, limit: 20 }, signal }));
  const act = async (report: Report, action: "hide" | "dismiss") => {
    try {
      if (action === "hide") await api(`/${report.target.type === "post" ? "posts" : "comments"}/${encodeURIComponent(report.target.id)}/hide`, { method: "POST" });
      else await api(`/moderation/reports/${encodeURIComponent(report.id)}/dismiss`, { method: "POST" });
      list.update((items) => items.filter((i) => i.id !== report.id));
      toast(action === "hide" ? t("reports.hidden") : t("reports.dismissed"));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  return (
    <section class="card" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t("console.moderation")}</h2>
      {list.state.status === "loading" ? (
        <Skeleton lines={3} />
      ) : list.state.status === "error" ? (
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : list.state.items.length === 0 ? (
        <EmptyState icon="admin" title={t("reports.empty")} />
      ) : (
        <ul class="member-list" aria-label={t("reports.title")}>
          {list.state.items.map((r) => (
            <li key={r.id} class="report-row">
              <p class="small muted">
                <a href={`/groups/${encodeURIComponent(r.group.id)}`}>{r.group.name}</a> · {t(r.target.type === "post" ? "reports.post" : "reports.comment", { name: r.reporter.name })} · <RelativeTime at={r.createdAt} />
                {r.hidden ? <> · <Badge tone="warning">{t("post.hidden")}</Badge></> : null}
              </p>
              <blockquote class="report-excerpt">{r.excerpt ?? ""}</blockquote>
              <p><strong>{t("reports.reason")}</strong> {r.reason}</p>
              <div class="actions">
                <a class="btn btn-quiet" href={r.target.type === "post" ? postHref(r.target.id) : `${postHref(r.target.postId)}#c-${encodeURIComponent(r.target.id)}`}>{t("reports.open")}</a>
                {r.hidden ? null : <button type="button" class="btn btn-danger" onClick={() => act(r, "hide")}>{t("reports.hide")}</button>}
                <button type="button" class="btn btn-secondary" onClick={() => act(r, "dismiss")}>{t("reports.dismiss")}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </section>
  );
}
