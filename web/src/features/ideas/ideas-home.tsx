import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { Campaign, Group, Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { isAdmin } from "../../session";
import { CampaignForm } from "./campaign-form";
import { boxHref, campaignDates, campaignHref, campaignWhen, hasIdeaBox, StateBadge } from "./ideas-shared";

type Load<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: T };

function CampaignCard({ c }: { c: Campaign }) {
  return (
    <li class="card campaign-card">
      <div class="campaign-card-head">
        <a class="campaign-card-title" href={campaignHref(c.id)}>
          {c.title}
        </a>
        <StateBadge state={c.state} />
      </div>
      <p class="muted small">
        {c.group ? c.group.name : t("ideas.wholeNetwork")} · <span title={campaignDates(c)}>{campaignWhen(c)}</span>
      </p>
      <p class="small campaign-counts">
        {t("ideas.countIdeas", { count: c.counts.ideas })} · {t("ideas.countSupporters", { count: c.counts.supporters })}
      </p>
    </li>
  );
}

function CampaignSection({ title, items, empty }: { title: string; items: Campaign[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <section aria-label={title} class="stack">
      <h2>{title}</h2>
      {items.length ? (
        <ul class="campaign-list">
          {items.map((c) => (
            <CampaignCard key={c.id} c={c} />
          ))}
        </ul>
      ) : (
        <div class="card">
          <EmptyState icon="ideas" title={empty!} />
        </div>
      )}
    </section>
  );
}

/** `/ideas`: campaigns open now, coming and closed, and the permanent idea boxes I can post to. */
export function IdeasHome() {
  usePageTitle(t("nav.ideas"));
  const [campaigns, setCampaigns] = useState<Load<Campaign[]>>({ status: "loading" });
  const [groups, setGroups] = useState<Group[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let live = true;
    setCampaigns({ status: "loading" });
    api<Page<Campaign>>("/campaigns", { query: { limit: 100 } }).then(
      (page) => live && setCampaigns({ status: "ready", value: page.items }),
      (err) => live && setCampaigns({ status: "error", message: errorText(err) }),
    );
    api<Page<Group>>("/groups", { query: { mine: "1", limit: 100 } }).then(
      (page) => live && setGroups(page.items),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const boxes = groups.filter((g) => hasIdeaBox(g) && g.can.post);
  const animated = groups.filter((g) => g.membership?.state === "member" && (g.membership.role === "animator" || g.membership.role === "owner"));
  const mayCreate = isAdmin.value || animated.length > 0;
  const list = campaigns.status === "ready" ? campaigns.value : [];
  const open = list.filter((c) => c.state === "open").sort((a, b) => a.endsAt - b.endsAt);
  const scheduled = list.filter((c) => c.state === "scheduled").sort((a, b) => a.startsAt - b.startsAt);
  const closed = list.filter((c) => c.state === "closed").sort((a, b) => b.endsAt - a.endsAt);

  return (
    <section class="page ideas-page">
      <div class="page-head">
        <h1>{t("nav.ideas")}</h1>
        <div class="actions">
          <a class="btn btn-secondary" href="/ideas/stats">
            {t("ideas.stats.link")}
          </a>
          {mayCreate ? (
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              <Icon name="plus" size={18} />
              <span>{t("ideas.newCampaign")}</span>
            </button>
          ) : null}
        </div>
      </div>
      {campaigns.status === "loading" ? (
        <div class="card">
          <Skeleton lines={4} />
        </div>
      ) : campaigns.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={campaigns.message} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
        </div>
      ) : (
        <>
          <CampaignSection title={t("ideas.openCampaigns")} items={open} empty={t("ideas.noOpen")} />
          <CampaignSection title={t("ideas.scheduledCampaigns")} items={scheduled} />
          <CampaignSection title={t("ideas.closedCampaigns")} items={closed} />
        </>
      )}
      <section aria-label={t("ideas.boxes")} class="stack">
        <h2>{t("ideas.boxes")}</h2>
        {boxes.length ? (
          <ul class="campaign-list">
            {boxes.map((g) => (
              <li key={g.id} class="card campaign-card">
                <a class="campaign-card-title" href={boxHref(g.id)}>
                  {g.name}
                </a>
                <p class="muted small">{t("ideas.boxAlways")}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("ideas.noBoxes")}</p>
        )}
      </section>
      {creating ? <CampaignForm groups={animated} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
