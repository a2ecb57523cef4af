import { useState } from "preact/hooks";
import { api } from "../../api";
import type { AdminGroup, GroupVisibility, Page } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { t, type MessageKey } from "../../i18n";

const VISIBILITY: Record<GroupVisibility, MessageKey> = { open: "console.open", private: "console.private", secret: "console.secret" };

/** Every group of the network, secret ones included, with their owners and counts. */
export function GroupsAdmin() {
  const [q, setQ] = useState("");
  const [visibility, setVisibility] = useState<"" | GroupVisibility>("");
  const [applied, setApplied] = useState({ q: "", visibility: "" as "" | GroupVisibility });
  const list = usePaged<AdminGroup>(`admin-groups:${JSON.stringify(applied)}`, (cursor, signal) => api<Page<AdminGroup>>("/admin/groups", { query: { ...applied, cursor, limit: 25 }, signal }));
  return (
    <section class="card" aria-labelledby="groups-title">
      <h2 id="groups-title">{t("console.groups")}</h2>
      <form
        class="form console-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ q, visibility });
        }}
      >
        <div class="field">
          <label for="groups-q">{t("console.search")}</label>
          <input id="groups-q" type="search" value={q} maxLength={200} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="groups-visibility">{t("console.visibility")}</label>
          <select id="groups-visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as "" | GroupVisibility)}>
            <option value="">{t("console.any")}</option>
            {(Object.keys(VISIBILITY) as GroupVisibility[]).map((v) => <option key={v} value={v}>{t(VISIBILITY[v])}</option>)}
          </select>
        </div>
        <button type="submit" class="btn btn-primary">{t("console.apply")}</button>
      </form>
      {list.state.status === "loading" ? (
        <Skeleton lines={5} />
      ) : list.state.status === "error" ? (
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : list.state.items.length === 0 ? (
        <EmptyState icon="groups" title={t("console.noGroups")} />
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("console.name")}</th>
                <th scope="col">{t("console.visibility")}</th>
                <th scope="col">{t("console.owners")}</th>
                <th scope="col">{t("console.membersCount")}</th>
                <th scope="col">{t("console.posts")}</th>
                <th scope="col">{t("console.lastPost")}</th>
              </tr>
            </thead>
            <tbody>
              {list.state.items.map((g) => (
                <tr key={g.id}>
                  <td><a href={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</a></td>
                  <td><Badge tone={g.visibility === "secret" ? "danger" : g.visibility === "private" ? "warning" : "neutral"}>{t(VISIBILITY[g.visibility])}</Badge></td>
                  <td>{g.owners.length ? g.owners.map((o, i) => <span key={o.id}>{i ? ", " : ""}<a href={`/people/${encodeURIComponent(o.id)}`}>{o.name}</a></span>) : <span class="muted">{t("console.noOwner")}</span>}</td>
                  <td>{g.memberCount}{g.pendingCount ? <span class="small muted"> {t("console.pending", { count: g.pendingCount })}</span> : null}</td>
                  <td>{g.postCount}</td>
                  <td>{g.lastPostAt ? <RelativeTime at={g.lastPostAt} /> : <span class="muted">—</span>}</td>
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
