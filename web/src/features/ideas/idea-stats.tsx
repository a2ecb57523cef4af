import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api, withQuery } from "../../api";
import type { Campaign, IdeaStats, Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { locale, t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { readerTimeZone } from "../../i18n/format";
import { localInputToUtc } from "./ideas-shared";
import { TableScroll } from "../../components/table-scroll";

type By = "department" | "site";
type Row = IdeaStats["rows"][number];
type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; stats: IdeaStats };

const OTHER = "other";

function percent(x: number): string {
  return new Intl.NumberFormat(locale.value, { style: "percent", maximumFractionDigits: 1 }).format(x);
}
function decimal(x: number): string {
  return new Intl.NumberFormat(locale.value, { maximumFractionDigits: 1 }).format(x);
}
const keyLabel = (key: string) => (key === OTHER ? t("ideas.stats.other") : key);
const memberShare = (row: Row, totals: IdeaStats["totals"]) => (totals.members ? row.members / totals.members : 0);

/** Share of the ideas beside share of the members, per department or site: where the two differ is the story. */
function Chart({ stats, by }: { stats: IdeaStats; by: By }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !stats.rows.length) return;
    const style = getComputedStyle(document.documentElement);
    const accent = style.getPropertyValue("--accent").trim() || "#0b6466";
    const muted = style.getPropertyValue("--text-muted").trim() || "#56616b";
    const text = style.getPropertyValue("--text").trim() || "#1a1f23";
    const grid = style.getPropertyValue("--border").trim() || "#dadee2";
    const labels = stats.rows.map((r) => keyLabel(r.key));
    const xs = stats.rows.map((_, i) => i);
    const ideas = stats.rows.map((r) => Math.round(r.share * 1000) / 10);
    const members = stats.rows.map((r) => Math.round(memberShare(r, stats.totals) * 1000) / 10);
    const bars = uPlot.paths.bars!;
    const width = () => Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 280,
        scales: { x: { time: false, range: [-0.6, xs.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max / 10) * 10)] } },
        axes: [
          { stroke: text, grid: { show: false }, ticks: { show: false }, splits: () => xs, values: (_u, splits) => splits.map((i) => labels[i] ?? "") },
          { stroke: text, grid: { stroke: grid }, values: (_u, splits) => splits.map((v) => `${v} %`) },
        ],
        series: [
          { label: t(by === "department" ? "ideas.stats.department" : "ideas.stats.site"), value: (_u, v) => (v === null ? "–" : (labels[v] ?? "–")) },
          { label: t("ideas.stats.shareIdeas"), fill: accent, stroke: accent, paths: bars({ size: [0.4, 48], align: -1 }), points: { show: false } },
          { label: t("ideas.stats.shareMembers"), fill: muted, stroke: muted, paths: bars({ size: [0.4, 48], align: 1 }), points: { show: false } },
        ],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      [xs, ideas, members],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 280 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [stats, by, locale.value]);
  return <div ref={box} class="idea-chart" role="img" aria-label={t("ideas.stats.chartLabel")} />;
}

function StatsTable({ stats, by }: { stats: IdeaStats; by: By }) {
  const { totals } = stats;
  return (
    <TableScroll>
      <table class="table stats-table">
        <caption class="visually-hidden">{t(by === "department" ? "ideas.stats.caption.department" : "ideas.stats.caption.site")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(by === "department" ? "ideas.stats.department" : "ideas.stats.site")}</th>
            <th scope="col" class="num">{t("ideas.stats.ideas")}</th>
            <th scope="col" class="num">{t("ideas.stats.authors")}</th>
            <th scope="col" class="num">{t("ideas.stats.supporters")}</th>
            <th scope="col" class="num">{t("ideas.stats.retained")}</th>
            <th scope="col" class="num">{t("ideas.stats.members")}</th>
            <th scope="col" class="num">{t("ideas.stats.share")}</th>
            <th scope="col" class="num">{t("ideas.stats.membersShare")}</th>
            <th scope="col" class="num">{t("ideas.stats.per100")}</th>
          </tr>
        </thead>
        <tbody>
          {stats.rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{keyLabel(r.key)}{r.key === OTHER ? <sup aria-hidden="true">*</sup> : null}</th>
              <td class="num">{decimal(r.ideas)}</td>
              <td class="num">{decimal(r.authors)}</td>
              <td class="num">{decimal(r.supporters)}</td>
              <td class="num">{decimal(r.retained)}</td>
              <td class="num">{decimal(r.members)}</td>
              <td class="num">{percent(r.share)}</td>
              <td class="num">{percent(memberShare(r, totals))}</td>
              <td class="num">{decimal(r.per100)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("ideas.stats.total")}</th>
            <td class="num">{decimal(totals.ideas)}</td>
            <td class="num">{decimal(totals.authors)}</td>
            <td class="num">{decimal(totals.supporters)}</td>
            <td class="num">{decimal(totals.retained)}</td>
            <td class="num">{decimal(totals.members)}</td>
            <td class="num">{totals.ideas ? percent(1) : "—"}</td>
            <td class="num">{totals.members ? percent(1) : "—"}</td>
            <td class="num">{totals.members ? decimal((totals.ideas / totals.members) * 100) : "—"}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

/**
 * `/ideas/stats?campaignId=…` or `?groupId=…` (or neither: every idea I may see), over a period: who the ideas come
 * from, by department or by site, as shares and per 100 members. Rows too small to show without singling someone out
 * arrive folded into "Other". uPlot and its stylesheet live in this page's chunk only.
 */
export function IdeaStatsPage() {
  const { query, route } = useLocation();
  const campaignId = query.campaignId ?? "";
  const groupId = query.groupId ?? "";
  const by: By = query.by === "site" ? "site" : "department";
  const from = query.from ?? "";
  const to = query.to ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [attempt, setAttempt] = useState(0);
  usePageTitle(t("ideas.stats.title"));

  const zone = readerTimeZone.value;
  const fromMs = from ? localInputToUtc(`${from}T00:00`, zone) : Number.NaN;
  const toMs = to ? localInputToUtc(`${to}T23:59`, zone) + 59_999 : Number.NaN;
  const params = {
    campaignId: campaignId || undefined,
    groupId: campaignId ? undefined : groupId || undefined,
    from: Number.isFinite(fromMs) ? fromMs : undefined,
    to: Number.isFinite(toMs) ? toMs : undefined,
    by,
  };

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    api<IdeaStats>("/ideas/stats", { query: params }).then(
      (stats) => live && setState({ status: "ready", stats }),
      (err) => live && setState({ status: "error", message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [campaignId, groupId, by, from, to, attempt]);

  useEffect(() => {
    api<Page<Campaign>>("/campaigns", { query: { limit: 100 } }).then(
      (page) => setCampaigns(page.items),
      () => {},
    );
  }, []);

  const go = (patch: Record<string, string>) => {
    const next = { campaignId, groupId, by, from, to, ...patch };
    route(withQuery("/ideas/stats", next), true);
  };
  const csv = withQuery("/api/v1/ideas/stats", { ...params, format: "csv" });
  const current = campaigns.find((c) => c.id === campaignId);

  return (
    <section class="page page-wide stats-page">
      <a class="back-link" href={campaignId ? `/campaigns/${encodeURIComponent(campaignId)}` : "/ideas"}>
        ‹ {current ? current.title : t("nav.ideas")}
      </a>
      <div class="page-head">
        <h1>{t("ideas.stats.title")}</h1>
        <a class="btn btn-secondary" href={csv} download={`ideas-by-${by}.csv`}>
          {t("ideas.stats.csv")}
        </a>
      </div>
      <div class="card stats-controls">
        <label class="field">
          <span>{t("ideas.stats.scope")}</span>
          <select value={campaignId || (groupId ? `box:${groupId}` : "")} onChange={(e) => {
            const v = e.currentTarget.value;
            if (v.startsWith("box:")) return;
            go({ campaignId: v, groupId: "" });
          }}>
            <option value="">{t("ideas.stats.allIdeas")}</option>
            {groupId && !campaignId ? <option value={`box:${groupId}`}>{t("ideas.stats.thisBox")}</option> : null}
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t("ideas.stats.from")}</span>
          <input type="date" value={from} onChange={(e) => go({ from: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t("ideas.stats.to")}</span>
          <input type="date" value={to} onChange={(e) => go({ to: e.currentTarget.value })} />
        </label>
        <div class="segmented" role="group" aria-label={t("ideas.stats.byLabel")}>
          <button type="button" class="segmented-item" aria-pressed={by === "department"} onClick={() => go({ by: "department" })}>
            {t("ideas.stats.byDepartment")}
          </button>
          <button type="button" class="segmented-item" aria-pressed={by === "site"} onClick={() => go({ by: "site" })}>
            {t("ideas.stats.bySite")}
          </button>
        </div>
      </div>
      {state.status === "loading" ? (
        <div class="card">
          <Skeleton lines={6} />
        </div>
      ) : state.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
        </div>
      ) : !state.stats.rows.length ? (
        <div class="card">
          <EmptyState icon="ideas" title={t("ideas.stats.empty")} />
        </div>
      ) : (
        <>
          <p class="stats-summary">
            {t("ideas.stats.summary", { ideas: state.stats.totals.ideas, authors: state.stats.totals.authors, members: state.stats.totals.members })}
          </p>
          <div class="card">
            <Chart stats={state.stats} by={by} />
          </div>
          <div class="card">
            <StatsTable stats={state.stats} by={by} />
            {state.stats.rows.some((r) => r.key === OTHER) ? <p class="muted small stats-note">* {t("ideas.stats.otherWhy")}</p> : null}
            <p class="muted small stats-note">{t("ideas.stats.per100Why")}</p>
          </div>
        </>
      )}
    </section>
  );
}
