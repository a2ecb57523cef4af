import { useRoute } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Campaign, Group, Idea, IdeaStatus, Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { usePageTitle } from "../../components/page-title";
import { RelativeTime } from "../../components/relative-time";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { CampaignForm } from "./campaign-form";
import { IdeaComposer, type IdeaTarget } from "./idea-composer";
import { ALL_STATUSES, campaignWhen, hasIdeaBox, ideaHref, StateBadge, StatusBadge, statusLabel, SupportButton, useCampaignRoom, useGlide, type SupportContext } from "./ideas-shared";

type Sort = "supports" | "new" | "discussed";
type Source = { kind: "campaign"; campaign: Campaign } | { kind: "box"; group: Group };

/** Re-ranks by supports, keeping the current order among ties (nothing moves that need not). */
function rank(items: Idea[]): Idea[] {
  return items
    .map((idea, index) => ({ idea, index }))
    .sort((a, b) => b.idea.supportCount - a.idea.supportCount || a.index - b.index)
    .map((x) => x.idea);
}

function IdeaRow({ idea, rankNo, ctx, onChange }: { idea: Idea; rankNo: number | null; ctx: SupportContext; onChange: (next: Idea, delta: number) => void }) {
  return (
    <li class="card idea-row" data-idea-id={idea.id}>
      {rankNo !== null ? (
        <span class="idea-rank" aria-label={t("ideas.rank", { count: rankNo })}>
          {rankNo}
        </span>
      ) : null}
      <div class="idea-row-main">
        <a class="idea-row-title" href={ideaHref(idea.id)}>
          {idea.title}
        </a>
        <p class="muted small idea-row-meta">
          {idea.author.name} · <RelativeTime at={idea.createdAt} /> · {t("post.comments", { count: idea.commentCount })}
        </p>
        <div class="badge-row">
          <StatusBadge status={idea.status} />
        </div>
      </div>
      <SupportButton idea={idea} ctx={ctx} onChange={onChange} />
    </li>
  );
}

/** A campaign's ideas or a box's: ranked, filtered by status, supported, and kept live by the campaign's room. */
function Board({ source, onMine }: { source: Source; onMine?: (delta: number) => void }) {
  const [sort, setSort] = useState<Sort>("supports");
  const [status, setStatus] = useState<IdeaStatus | "">("");
  const listRef = useRef<HTMLOListElement>(null);
  const base = source.kind === "campaign" ? `/campaigns/${encodeURIComponent(source.campaign.id)}/ideas` : `/groups/${encodeURIComponent(source.group.id)}/ideas`;
  const campaign = source.kind === "campaign" ? source.campaign : null;
  const limitAtLoad = useRef(false);

  // The shared paged list (components/paged-list.tsx): Back from an idea shows the ideas loaded, where they were.
  const paged = usePaged<Idea>(JSON.stringify([base, sort, status]), (cursor, signal) => {
    if (!cursor) limitAtLoad.current = !!campaign && campaign.supportLimit !== null && campaign.mySupports >= campaign.supportLimit;
    return api<Page<Idea>>(base, { query: { sort, status, limit: 50, cursor }, signal });
  });
  const list = paged.state;
  const reload = paged.reload;

  const update = (id: string, fn: (idea: Idea) => Idea) =>
    paged.update((items) => {
      const next = items.map((i) => (i.id === id ? fn(i) : i));
      return sort === "supports" ? rank(next) : next;
    });

  const live = useCampaignRoom(campaign?.id ?? null, ({ ideaId, supportCount }) => update(ideaId, (i) => ({ ...i, supportCount })), reload);

  const items = list.status === "ready" ? list.items : [];
  useGlide(listRef, items.map((i) => i.id).join(","));

  const ctx: SupportContext = {
    state: campaign?.state ?? null,
    limit: campaign?.supportLimit ?? null,
    mine: campaign?.mySupports ?? 0,
    limitAtLoad: limitAtLoad.current,
  };

  return (
    <section class="stack" aria-labelledby="ideas-list-title">
      <div class="page-head">
        <h2 id="ideas-list-title">{t("ideas.listTitle")}</h2>
        {campaign ? (
          <span class={`live-dot${live ? " is-live" : ""} muted small`} role="status">
            {live ? t("ideas.live") : ""}
          </span>
        ) : null}
      </div>
      <div class="idea-filters">
        <div class="segmented" role="group" aria-label={t("ideas.sort.label")}>
          {(["supports", "new", "discussed"] as Sort[]).map((s) => (
            <button key={s} type="button" class="segmented-item" aria-pressed={sort === s} onClick={() => setSort(s)}>
              {t(s === "supports" ? "ideas.sort.supports" : s === "new" ? "ideas.sort.new" : "ideas.sort.discussed")}
            </button>
          ))}
        </div>
        <label class="idea-status-filter">
          <span>{t("ideas.filter.status")}</span>
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as IdeaStatus | "")}>
            <option value="">{t("ideas.filter.all")}</option>
            {ALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {campaign && campaign.supportLimit !== null ? (
        <p class="small supports-left" role="status">
          {t("ideas.supportsLeft", { count: Math.max(0, campaign.supportLimit - campaign.mySupports), limit: campaign.supportLimit })}
        </p>
      ) : null}
      {list.status === "loading" ? (
        <div class="card">
          <Skeleton lines={5} />
        </div>
      ) : list.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={list.message} action={<button type="button" class="btn btn-secondary" onClick={reload}>{t("common.retry")}</button>} />
        </div>
      ) : !items.length ? (
        <div class="card">
          <EmptyState icon="ideas" title={status ? t("ideas.noneWithStatus") : t("ideas.none")}>
            {status ? null : t("ideas.noneHint")}
          </EmptyState>
        </div>
      ) : (
        <ol ref={listRef} class="idea-list" aria-label={t("ideas.listTitle")}>
          {items.map((idea, index) => (
            <IdeaRow
              key={idea.id}
              idea={idea}
              rankNo={sort === "supports" ? index + 1 : null}
              ctx={ctx}
              onChange={(next, delta) => {
                update(idea.id, () => next);
                onMine?.(delta);
              }}
            />
          ))}
        </ol>
      )}
      <LoadMore state={list} onLoad={paged.loadMore} label={t("ideas.more")} />
      <ComposerSlot source={source} onPosted={reload} />
    </section>
  );
}

function ComposerSlot({ source, onPosted }: { source: Source; onPosted: () => void }) {
  const target: IdeaTarget = source.kind === "campaign" ? { campaignId: source.campaign.id } : { groupId: source.group.id };
  const may = source.kind === "campaign" ? source.campaign.can.post : source.group.can.post && hasIdeaBox(source.group);
  if (!may) {
    if (source.kind === "campaign" && source.campaign.state !== "open") {
      return <p class="muted">{source.campaign.state === "closed" ? t("ideas.closedNoIdeas") : t("ideas.notOpenYet")}</p>;
    }
    return null;
  }
  return (
    <IdeaComposer
      target={target}
      onPosted={() => {
        toast(t("ideas.composer.posted"));
        onPosted();
      }}
    />
  );
}

type PageState<T> = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; value: T };

function ErrorCard({ state, retry }: { state: { message: string; missing: boolean }; retry: () => void }) {
  return (
    <section class="page">
      <a class="back-link" href="/ideas">
        ‹ {t("nav.ideas")}
      </a>
      <div class="card">
        <EmptyState
          role="alert"
          title={state.missing ? t("ideas.missing") : state.message}
          action={state.missing ? <a class="btn btn-secondary" href="/ideas">{t("nav.ideas")}</a> : <button type="button" class="btn btn-secondary" onClick={retry}>{t("common.retry")}</button>}
        />
      </div>
    </section>
  );
}

/** `/campaigns/:id`: the brief, state and dates, the ranked ideas with their supports, and the composer. */
export function CampaignPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const [state, setState] = useState<PageState<Campaign>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);
  usePageTitle(state.status === "ready" ? state.value.title : t("nav.ideas"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    api<Campaign>(`/campaigns/${encodeURIComponent(id)}`).then(
      (c) => live && setState({ status: "ready", value: c }),
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card">
          <Skeleton lines={6} />
        </div>
      </section>
    );
  }
  if (state.status === "error") return <ErrorCard state={state} retry={() => setAttempt(attempt + 1)} />;
  const c = state.value;
  return (
    <section class="page campaign-page">
      <a class="back-link" href="/ideas">
        ‹ {t("nav.ideas")}
      </a>
      <header class="card campaign-head">
        <div class="page-head">
          <h1>{c.title}</h1>
          <div class="actions">
            <StateBadge state={c.state} />
            {c.can.manage ? (
              <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
                {t("ideas.edit")}
              </button>
            ) : null}
          </div>
        </div>
        <p class="muted small">
          {c.group ? c.group.name : t("ideas.wholeNetwork")} · {campaignWhen(c)}
        </p>
        <p class="small">
          <time dateTime={new Date(c.startsAt).toISOString()}>{formatDateTime(c.startsAt)}</time> – <time dateTime={new Date(c.endsAt).toISOString()}>{formatDateTime(c.endsAt)}</time>
        </p>
        {c.briefHtml ? <SafeHtml html={c.briefHtml} class="post-body campaign-brief" /> : null}
        <p class="small campaign-counts">
          {t("ideas.countIdeas", { count: c.counts.ideas })} · {t("ideas.countSupporters", { count: c.counts.supporters })}
          {" · "}
          <a href={`/ideas/stats?campaignId=${encodeURIComponent(c.id)}`}>{t("ideas.stats.link")}</a>
        </p>
      </header>
      <Board
        source={{ kind: "campaign", campaign: c }}
        onMine={(delta) => setState((s) => (s.status === "ready" ? { ...s, value: { ...s.value, mySupports: Math.max(0, s.value.mySupports + delta) } } : s))}
      />
      {editing ? <CampaignForm groups={[]} campaign={c} onClose={() => setEditing(false)} onSaved={(saved) => setState({ status: "ready", value: saved })} /> : null}
    </section>
  );
}

/** `/ideas/box/:groupId`: a group's permanent idea box, which takes ideas at any time. */
export function IdeaBoxPage() {
  const { params } = useRoute();
  const id = params.groupId ?? "";
  const [state, setState] = useState<PageState<Group>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  usePageTitle(state.status === "ready" ? t("ideas.boxOf", { name: state.value.name }) : t("nav.ideas"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    api<Group>(`/groups/${encodeURIComponent(id)}`).then(
      (g) => live && setState({ status: "ready", value: g }),
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card">
          <Skeleton lines={6} />
        </div>
      </section>
    );
  }
  if (state.status === "error") return <ErrorCard state={state} retry={() => setAttempt(attempt + 1)} />;
  const g = state.value;
  return (
    <section class="page campaign-page">
      <a class="back-link" href="/ideas">
        ‹ {t("nav.ideas")}
      </a>
      <header class="card campaign-head">
        <h1>{t("ideas.boxOf", { name: g.name })}</h1>
        <p class="muted small">
          {t("ideas.boxAlways")} · <a href={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</a> · <a href={`/ideas/stats?groupId=${encodeURIComponent(g.id)}`}>{t("ideas.stats.link")}</a>
        </p>
      </header>
      <Board source={{ kind: "box", group: g }} />
    </section>
  );
}
