import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, OfficeHour } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { readerTimeZone } from "../../i18n/format";
import { localInputToUtc, utcToLocalInput } from "../../i18n/zoned-time";
import { MINUTES, officeHourHref, OfficeHourStateBadge, timeRange, useOfficeHours, type ListState } from "./shared";
import "./office-hours.css";

const TOPIC_MAX = 200;
/** A start this far in the past is still "now" for the server (a clock a little behind). */
const PAST_FORGIVEN_MS = 5 * 60_000;

/** One session in a list: its topic (a link), when, its expert, how many questions; a live one stands out with "Join". */
export function OfficeHourCard({ oh, showGroup = false }: { oh: OfficeHour; showGroup?: boolean }) {
  const live = oh.state === "live";
  return (
    <li class={`card office-hour-card${live ? " is-live" : ""}`} data-state={oh.state}>
      <div class="office-hour-card-head">
        <h3 class="office-hour-card-title">
          <a href={officeHourHref(oh.id)}>{oh.topic}</a>
        </h3>
        <OfficeHourStateBadge state={oh.state} />
      </div>
      <p class="muted small office-hour-card-meta">
        {showGroup ? (
          <>
            <a href={`/groups/${encodeURIComponent(oh.groupId)}/office-hours`}>{oh.groupName}</a>
            {" · "}
          </>
        ) : null}
        <span>{t("officeHours.withExpert", { name: oh.expert.name })}</span>
        {" · "}
        <span>{timeRange(oh)}</span>
        {oh.state !== "scheduled" ? (
          <>
            {" · "}
            <span>{t("officeHours.questionCount", { count: oh.questionCount })}</span>
          </>
        ) : null}
      </p>
      {live ? (
        <a class="btn btn-primary office-hour-join" href={officeHourHref(oh.id)}>
          {t("officeHours.join")}
          <span class="visually-hidden"> {oh.topic}</span>
        </a>
      ) : null}
    </li>
  );
}

function Section({ id, title, state, empty, showGroup }: { id: string; title: string; state: ListState<OfficeHour>; empty: string; showGroup?: boolean }) {
  return (
    <section class="stack office-hour-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {state.status === "loading" ? (
        <div class="card">
          <Skeleton lines={2} />
        </div>
      ) : state.status === "error" ? (
        <p class="alert alert-danger" role="alert">
          {state.message}
        </p>
      ) : state.items.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="office-hour-list" aria-labelledby={id}>
          {state.items.map((oh) => (
            <OfficeHourCard key={oh.id} oh={oh} showGroup={showGroup} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Schedule an office hour": topic, the start as a date and a time in the reader's zone, the duration. */
function ScheduleForm({ group, onClose }: { group: Group; onClose: () => void }) {
  const { route } = useLocation();
  const zone = readerTimeZone.value;
  const [start] = useState(() => utcToLocalInput(Date.now(), zone));
  const [topic, setTopic] = useState("");
  const [date, setDate] = useState(start.slice(0, 10));
  const [time, setTime] = useState(start.slice(11, 16));
  const [minutes, setMinutes] = useState("60");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const clean = topic.trim();
    if (!clean) next.topic = t("officeHours.form.topicRequired");
    const startsAt = localInputToUtc(`${date}T${time}`, zone);
    if (!Number.isFinite(startsAt)) next.startsAt = t("officeHours.form.startInvalid");
    else if (startsAt < Date.now() - PAST_FORGIVEN_MS) next.startsAt = t("officeHours.form.startPast");
    const duration = Number(minutes);
    if (!Number.isInteger(duration) || duration < MINUTES.min || duration > MINUTES.max) next.durationMinutes = t("officeHours.form.durationInvalid", { min: MINUTES.min, max: MINUTES.max });
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const created = await api<OfficeHour>("/office-hours", { method: "POST", body: { groupId: group.id, topic: clean, startsAt, durationMinutes: duration } });
      route(officeHourHref(created.id));
    } catch (err) {
      const fields: Record<string, string> = {};
      if (err instanceof ApiError) for (const issue of err.fieldIssues) fields[issue.path.split(".")[0]] = fieldIssueText(issue.message);
      setErrors({ ...fields, form: Object.keys(fields).length ? "" : errorText(err) });
      setBusy(false);
    }
  };

  const zoneHint = t("officeHours.form.zone", { zone });
  const durationHint = t("officeHours.form.durationHint", { min: MINUTES.min, max: MINUTES.max });
  return (
    <form class="card form office-hour-form" aria-labelledby="office-hour-form-title" onSubmit={submit} noValidate>
      <h2 id="office-hour-form-title">{t("officeHours.schedule")}</h2>
      <p class="muted small">{t("officeHours.form.intro")}</p>
      <Field id="office-hour-topic" label={t("officeHours.form.topic")} error={errors.topic}>
        <input id="office-hour-topic" type="text" value={topic} maxLength={TOPIC_MAX} autoComplete="off" required onInput={(e) => setTopic(e.currentTarget.value)} {...describedBy("office-hour-topic", undefined, errors.topic)} />
      </Field>
      <div class="office-hour-when">
        <Field id="office-hour-date" label={t("officeHours.form.date")} hint={zoneHint} error={errors.startsAt}>
          <input id="office-hour-date" type="date" value={date} required onInput={(e) => setDate(e.currentTarget.value)} {...describedBy("office-hour-date", zoneHint, errors.startsAt)} />
        </Field>
        <Field id="office-hour-time" label={t("officeHours.form.time")}>
          <input id="office-hour-time" type="time" value={time} required onInput={(e) => setTime(e.currentTarget.value)} />
        </Field>
        <Field id="office-hour-duration" label={t("officeHours.form.duration")} hint={durationHint} error={errors.durationMinutes}>
          <input
            id="office-hour-duration"
            type="number"
            inputMode="numeric"
            min={MINUTES.min}
            max={MINUTES.max}
            step={5}
            value={minutes}
            required
            onInput={(e) => setMinutes(e.currentTarget.value)}
            {...describedBy("office-hour-duration", durationHint, errors.durationMinutes)}
          />
        </Field>
      </div>
      {errors.form ? (
        <p class="alert alert-danger" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.saving") : t("officeHours.form.submit")}
        </button>
      </div>
    </form>
  );
}

/** The group page's Office hours tab: live sessions first (with "Join"), then upcoming and past ones; "Schedule an office hour". */
export function GroupOfficeHours({ group }: { group: Group }) {
  const [scheduling, setScheduling] = useState(false);
  const live = useOfficeHours({ groupId: group.id, state: "live" });
  const upcoming = useOfficeHours({ groupId: group.id, state: "scheduled" });
  const past = useOfficeHours({ groupId: group.id, state: "ended", limit: 20 });
  const nothing = [live, upcoming, past].every((s) => s.status === "ready" && s.items.length === 0);
  return (
    <div class="stack group-office-hours">
      <section class="card office-hours-intro" aria-labelledby="office-hours-title">
        <div class="office-hours-intro-head">
          <h2 id="office-hours-title">{t("officeHours.title")}</h2>
          {group.can.post && !scheduling ? (
            <button type="button" class="btn btn-primary" onClick={() => setScheduling(true)}>
              <Icon name="plus" size={18} />
              <span>{t("officeHours.schedule")}</span>
            </button>
          ) : null}
        </div>
        <p class="muted">{t("officeHours.intro")}</p>
      </section>
      {scheduling ? <ScheduleForm group={group} onClose={() => setScheduling(false)} /> : null}
      {nothing && !scheduling ? (
        <div class="card">
          <EmptyState
            icon="questions"
            title={t("officeHours.empty")}
            action={
              group.can.post ? (
                <button type="button" class="btn btn-primary" onClick={() => setScheduling(true)}>
                  {t("officeHours.schedule")}
                </button>
              ) : undefined
            }
          />
        </div>
      ) : (
        <>
          {live.status === "ready" && live.items.length === 0 ? null : <Section id="office-hours-live" title={t("officeHours.liveNow")} state={live} empty="" />}
          <Section id="office-hours-upcoming" title={t("officeHours.upcoming")} state={upcoming} empty={t("officeHours.noUpcoming")} />
          <Section id="office-hours-past" title={t("officeHours.past")} state={past} empty={t("officeHours.noPast")} />
        </>
      )}
    </div>
  );
}
