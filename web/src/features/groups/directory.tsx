import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Group, GroupKind, Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { usePageTitle } from "../../components/page-title";
import { LoadMore, usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { mayCreateGroups } from "../../session";
import { CreateGroupDialog } from "./create-group";
import { GROUP_KINDS, GroupBadges, JoinButton, KIND_LABEL } from "./group-parts";
import { unreadGroupIds } from "./unread";
import "./groups.css";

/** `/groups`: every group I may see, searchable, by kind or only mine; join from the list; open a new one. */
export function GroupDirectory() {
  usePageTitle(t("nav.groups"));
  const { query, route } = useLocation();
  const q = query.q ?? "";
  const kind = (GROUP_KINDS as string[]).includes(query.kind ?? "") ? (query.kind as GroupKind) : "";
  const mine = query.mine === "1";
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(query.new === "1");

  const navigate = (changes: Record<string, string>) => {
    const current = new URLSearchParams(window.location.search);
    const next: Record<string, string> = { q: current.get("q") ?? "", kind: current.get("kind") ?? "", mine: current.get("mine") ?? "", ...changes };
    route(withQuery("/groups", next), true);
  };

  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => navigate({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    if (q !== text.trim()) setText(q);
  }, [q]);

  const list = usePaged<Group>(JSON.stringify({ q, kind, mine }), (cursor, signal) =>
    api<Page<Group>>("/groups", { query: { q, kind, mine: mine ? "1" : undefined, cursor, limit: 20 }, signal }),
  );
  const filtered = !!(q || kind || mine);
  const unread = unreadGroupIds.value;
  const mayCreate = mayCreateGroups.value;

  return (
    <section class="page">
      <div class="page-head">
        <h1>{t("nav.groups")}</h1>
        {!mayCreate ? null : (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={18} />
            <span>{t("groups.new")}</span>
          </button>
        )}
      </div>
      <form class="card group-filters" role="search" onSubmit={(e) => { e.preventDefault(); navigate({ q: text.trim() }); }}>
        <div class="field">
          <label for="groups-q">{t("groups.search")}</label>
          <input id="groups-q" type="search" value={text} placeholder={t("groups.searchPlaceholder")} onInput={(e) => setText(e.currentTarget.value)} enterKeyHint="search" />
        </div>
        <div class="field">
          <label for="groups-kind">{t("groups.kind")}</label>
          <select id="groups-kind" value={kind} onChange={(e) => navigate({ kind: e.currentTarget.value })}>
            <option value="">{t("groups.anyKind")}</option>
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </div>
        <label class="check group-mine">
          <input type="checkbox" checked={mine} onChange={(e) => navigate({ mine: e.currentTarget.checked ? "1" : "" })} />
          <span>{t("groups.mineOnly")}</span>
        </label>
      </form>

      {list.state.status === "loading" ? (
        <div class="card"><Skeleton lines={6} /></div>
      ) : list.state.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
        </div>
      ) : list.state.items.length === 0 ? (
        <div class="card">
          <EmptyState
            icon="groups"
            title={filtered ? t("groups.noMatch") : t("groups.empty")}
            action={filtered ? <button type="button" class="btn btn-secondary" onClick={() => { setText(""); route("/groups", true); }}>{t("people.clear")}</button> : !mayCreate ? null : <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>{t("groups.new")}</button>}
          />
        </div>
      ) : (
        <>
          <ul class="group-list" aria-label={t("groups.results")}>
            {list.state.items.map((g) => (
              <li key={g.id} class="card group-card">
                <span class="group-band" style={{ background: g.coverColor }} aria-hidden="true" />
                <div class="group-card-body">
                  <h2 class="group-card-title">
                    <a href={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</a>
                    {unread.has(g.id) ? <span class="unread-dot" role="img" aria-label={t("groups.unread")} /> : null}
                  </h2>
                  <GroupBadges group={g} />
                  {g.description ? <p class="group-description muted">{g.description}</p> : null}
                </div>
                <JoinButton group={g} compact onChange={(next) => list.update((items) => (next ? items.map((x) => (x.id === next.id ? next : x)) : items.filter((x) => x.id !== g.id)))} />
              </li>
            ))}
          </ul>
          <LoadMore state={list.state} onLoad={list.loadMore} />
        </>
      )}
      {creating ? <CreateGroupDialog onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
