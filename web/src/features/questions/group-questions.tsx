import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { AnswerPromise, Group, GroupMemberRow, MemberSummary, Page, PromiseBody, QuestionStats, SupportMembers } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { locale, t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { readerTimeZone, timeZones } from "../../i18n/format";
import { isAdmin } from "../../session";
import { QuestionList, type QuestionFilter } from "./question-list";
import { askHref, promiseText, usePromise } from "./questions-shared";
import "./questions.css";

const groupPath = (g: Group) => `/groups/${encodeURIComponent(g.id)}`;
const QUEUE_STATES: { value: QuestionFilter["state"]; label: MessageKey }[] = [
  { value: "unanswered", label: "questions.tab.unanswered" },
  { value: "overdue", label: "questions.tab.overdue" },
  { value: "answered", label: "questions.state.answered" },
  { value: "all", label: "questions.allStates" },
];
/** Monday first, as a week is read at work; the values are the API's (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

function dayName(d: number) {
  return new Intl.DateTimeFormat(locale.value, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2023, 0, 1 + d));
}

/** The promise's settings (animators and administrators): none, business hours or calendar hours. */
function PromiseForm({ group, promise, onSaved }: { group: Group; promise: AnswerPromise; onSaved: () => void }) {
  const [mode, setMode] = useState<PromiseBody["mode"]>(promise.mode);
  const [hours, setHours] = useState(promise.hours !== null ? String(promise.hours) : "4");
  const [days, setDays] = useState<number[]>(promise.days.length ? promise.days : [1, 2, 3, 4, 5]);
  const [opens, setOpens] = useState(promise.opens);
  const [closes, setCloses] = useState(promise.closes);
  const [timezone, setTimezone] = useState(promise.timezone || readerTimeZone.value);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const next: Record<string, string> = {};
    const h = Number(hours.replace(",", "."));
    if (mode !== "none" && (!hours.trim() || !Number.isFinite(h) || h <= 0 || h > 8760)) next.hours = t("questions.settings.hoursInvalid");
    if (mode === "business" && days.length === 0) next.days = t("questions.settings.daysRequired");
    if (mode === "business" && opens >= closes) next.closes = t("questions.settings.closesAfter");
    setErrors(next);
    if (Object.keys(next).length) return;
    const body: PromiseBody = mode === "none" ? { mode } : mode === "calendar" ? { mode, hours: h } : { mode, hours: h, days: [...days].sort(), opens, closes, timezone };
    setBusy(true);
    try {
      await api(`${groupPath(group)}/promise`, { method: "PUT", body });
      toast(t("questions.settings.saved"));
      onSaved();
    } catch (err) {
      const fields: Record<string, string> = {};
      if (err instanceof ApiError) for (const issue of err.fieldIssues) fields[issue.path.split(".")[0]] = issue.message;
      setErrors({ ...fields, form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card form promise-form"
      aria-labelledby="promise-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="promise-title">{t("questions.settings.title")}</h2>
      <p class="muted small">{promise.source === "network" ? t("questions.settings.fromNetwork", { promise: promiseText(promise) }) : t("questions.settings.current", { promise: promiseText(promise) })}</p>
      <fieldset class="choice-group">
        <legend>{t("questions.settings.mode")}</legend>
        {(["none", "business", "calendar"] as const).map((m) => (
          <label key={m} class="check">
            <input type="radio" name="promise-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{t(`questions.settings.mode.${m}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      {mode !== "none" ? (
        <Field id="promise-hours" label={t("questions.settings.hours")} hint={t("questions.settings.hoursHint")} error={errors.hours}>
          <input id="promise-hours" type="number" inputMode="decimal" min={0.01} max={8760} step="any" value={hours} onInput={(e) => setHours(e.currentTarget.value)} {...describedBy("promise-hours", "hint", errors.hours)} />
        </Field>
      ) : null}
      {mode === "business" ? (
        <>
          <fieldset class="choice-group promise-days">
            <legend>{t("questions.settings.days")}</legend>
            {WEEK.map((d) => (
              <label key={d} class="check">
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.currentTarget.checked ? [...days, d] : days.filter((x) => x !== d))} />
                <span>{dayName(d)}</span>
              </label>
            ))}
            {errors.days ? (
              <p class="field-error" role="alert">
                {errors.days}
              </p>
            ) : null}
          </fieldset>
          <div class="promise-times">
            <Field id="promise-opens" label={t("questions.settings.opens")} error={errors.opens}>
              <input id="promise-opens" type="time" value={opens} onInput={(e) => setOpens(e.currentTarget.value)} {...describedBy("promise-opens", undefined, errors.opens)} />
            </Field>
            <Field id="promise-closes" label={t("questions.settings.closes")} error={errors.closes}>
              <input id="promise-closes" type="time" value={closes} onInput={(e) => setCloses(e.currentTarget.value)} {...describedBy("promise-closes", undefined, errors.closes)} />
            </Field>
          </div>
          <Field id="promise-zone" label={t("questions.settings.zone")} error={errors.timezone}>
            <select id="promise-zone" value={timezone} onChange={(e) => setTimezone(e.currentTarget.value)}>
              {timeZones().map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : null}
      {errors.form ? (
        <p class="alert alert-danger" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}

/** Who answers for the group: chosen among its members (their answers are support answers; overdue questions reach them). */
function SupportPicker({ group }: { group: Group }) {
  const [chosen, setChosen] = useState<MemberSummary[] | null>(null);
  const [members, setMembers] = useState<MemberSummary[] | null>(null);
  const [filter, setFilter] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api<SupportMembers>(`${groupPath(group)}/support-members`).then(
      (r) => live && setChosen(r.items),
      (err) => live && setError(errorText(err)),
    );
    (async () => {
      const all: MemberSummary[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Page<GroupMemberRow> = await api<Page<GroupMemberRow>>(`${groupPath(group)}/members`, { query: { cursor, limit: 100 } });
        all.push(...page.items.map((r) => r.member));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      if (live) setMembers(all);
    })().catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [group.id]);

  const save = async (next: MemberSummary[]) => {
    setBusy(true);
    setError("");
    try {
      const saved = await api<SupportMembers>(`${groupPath(group)}/support-members`, { method: "PUT", body: { userIds: next.map((m) => m.id) } });
      setChosen(saved && Array.isArray(saved.items) ? saved.items : next);
      toast(t("questions.support.saved"));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const ids = new Set((chosen ?? []).map((m) => m.id));
  const needle = filter.trim().toLowerCase();
  const candidates = (members ?? []).filter((m) => !ids.has(m.id) && (!needle || m.name.toLowerCase().includes(needle) || m.handle.toLowerCase().includes(needle))).slice(0, 8);
  return (
    <section class="card support-picker" aria-labelledby="support-title">
      <h2 id="support-title">{t("questions.support.title")}</h2>
      <p class="muted small">{t("questions.support.hint")}</p>
      {error ? (
        <p class="alert alert-danger" role="alert">
          {error}
        </p>
      ) : null}
      {chosen === null ? (
        <Skeleton lines={2} />
      ) : chosen.length === 0 ? (
        <p class="muted">{t("questions.support.none")}</p>
      ) : (
        <ul class="support-list" aria-label={t("questions.support.title")}>
          {chosen.map((m) => (
            <li key={m.id} class="support-item">
              <Avatar member={m} size="sm" />
              <span class="support-name">{m.name}</span>
              <button type="button" class="btn btn-quiet" disabled={busy} aria-label={t("questions.support.remove", { name: m.name })} onClick={() => save(chosen.filter((x) => x.id !== m.id))}>
                <Icon name="close" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="support-filter">{t("questions.support.add")}</label>
        <input id="support-filter" type="search" value={filter} placeholder={t("questions.support.filter")} onInput={(e) => setFilter(e.currentTarget.value)} />
      </div>
      {members === null ? null : candidates.length ? (
        <ul class="support-candidates" aria-label={t("questions.support.candidates")}>
          {candidates.map((m) => (
            <li key={m.id}>
              <button type="button" class="btn btn-secondary" disabled={busy || chosen === null} onClick={() => save([...(chosen ?? []), m])}>
                <Icon name="plus" size={16} />
                <span>{m.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t("questions.support.noMatch")}</p>
      )}
    </section>
  );
}

function percent(share: number | null): string {
  return share === null ? "—" : new Intl.NumberFormat(locale.value, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** 125000 → "2 minutes", 5400000 → "1.5 hours": the median time to a first answer. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const [unit, value] = ms < 3_600_000 ? (["minute", ms / 60_000] as const) : ms < 172_800_000 ? (["hour", ms / 3_600_000] as const) : (["day", ms / 86_400_000] as const);
  return new Intl.NumberFormat(locale.value, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(value);
}

const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The figures over a period (the last 30 days unless dates are chosen): animators and administrators. */
function Figures({ group, reloadKey }: { group: Group; reloadKey: number }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [state, setState] = useState<{ status: "loading" } | { status: "error"; message: string } | { status: "ready"; stats: QuestionStats }>({ status: "loading" });
  useEffect(() => {
    let live = true;
    const query = { from: from ? dayStart(from) : undefined, to: to ? dayStart(to) + 86_400_000 : undefined };
    api<QuestionStats>(`${groupPath(group)}/question-stats`, { query }).then(
      (stats) => live && setState({ status: "ready", stats }),
      (err) => live && setState({ status: "error", message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [group.id, from, to, reloadKey]);
  return (
    <section class="card question-figures" aria-labelledby="figures-title">
      <h2 id="figures-title">{t("questions.figures.title")}</h2>
      <div class="figures-period">
        <div class="field">
          <label for="figures-from">{t("questions.figures.from")}</label>
          <input id="figures-from" type="date" value={from || (state.status === "ready" ? isoDay(state.stats.from) : "")} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="figures-to">{t("questions.figures.to")}</label>
          <input id="figures-to" type="date" value={to || (state.status === "ready" ? isoDay(state.stats.to) : "")} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
      </div>
      {state.status === "loading" ? (
        <Skeleton lines={3} />
      ) : state.status === "error" ? (
        <p class="alert alert-danger" role="alert">
          {state.message}
        </p>
      ) : (
        <dl class="figures">
          <div class="figure">
            <dt>{t("questions.figures.asked")}</dt>
            <dd data-figure="asked">{state.stats.asked}</dd>
          </div>
          <div class="figure">
            <dt>{t("questions.figures.inTime")}</dt>
            <dd data-figure="inTime">
              {percent(state.stats.inTimeShare)}
              <span class="muted small"> {t("questions.figures.inTimeOf", { count: state.stats.answeredInTime, asked: state.stats.asked })}</span>
            </dd>
          </div>
          <div class="figure">
            <dt>{t("questions.figures.median")}</dt>
            <dd data-figure="median">{formatDuration(state.stats.medianFirstAnswerMs)}</dd>
          </div>
          <div class="figure">
            <dt>{t("questions.figures.peerSupport")}</dt>
            <dd data-figure="peerSupport">{t("questions.figures.peerSupportValue", { peer: percent(state.stats.peerShare), support: percent(state.stats.supportShare) })}</dd>
          </div>
          <div class="figure">
            <dt>{t("questions.figures.overdueNow")}</dt>
            <dd data-figure="overdueNow">{state.stats.overdueNow}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/**
 * The group page's Questions tab: the promise, an "Ask" button, the group's queue; for animators and administrators,
 * the figures, the promise's settings and the support members.
 */
export function GroupQuestions({ group }: { group: Group }) {
  const [promiseKey, setPromiseKey] = useState(0);
  const [queue, setQueue] = useState<QuestionFilter["state"]>("unanswered");
  const promise = usePromise(group.id, promiseKey);
  const runs = group.can.moderate || isAdmin.value;
  return (
    <div class="stack group-questions">
      <section class="card group-promise" aria-labelledby="group-promise-title">
        <div class="group-promise-head">
          <h2 id="group-promise-title">{t("questions.promiseLabel")}</h2>
          {group.can.post ? (
            <a class="btn btn-primary" href={askHref(group.id)}>
              <Icon name="plus" size={18} />
              <span>{t("questions.ask")}</span>
            </a>
          ) : null}
        </div>
        <p>{promise ? promiseText(promise) : "…"}</p>
      </section>
      {runs ? <Figures group={group} reloadKey={promiseKey} /> : null}
      <section class="stack" aria-labelledby="group-queue-title">
        <div class="group-queue-head">
          <h2 id="group-queue-title">{t("questions.queue")}</h2>
          <div class="field">
            <label for="group-queue-state" class="visually-hidden">
              {t("questions.queueState")}
            </label>
            <select id="group-queue-state" value={queue} onChange={(e) => setQueue(e.currentTarget.value as QuestionFilter["state"])}>
              {QUEUE_STATES.map((s) => (
                <option key={s.value} value={s.value}>
                  {t(s.label)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <QuestionList filter={{ state: queue, groupId: group.id }} showGroup={false} empty={queue === "unanswered" ? t("questions.empty.groupUnanswered") : t("questions.empty.group")} />
      </section>
      {runs && promise ? <PromiseForm key={`${promiseKey}`} group={group} promise={promise} onSaved={() => setPromiseKey((k) => k + 1)} /> : null}
      {runs ? <SupportPicker group={group} /> : null}
    </div>
  );
}
