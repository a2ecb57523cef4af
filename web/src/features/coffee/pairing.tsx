import { useEffect, useState } from "preact/hooks";
import type { CoffeePairing, MyCoffeePairing, PairingHours, PairingOutcome } from "../../../../contract/coffee";
import type { LeftOutReason } from "../../../../contract/enums";
import { api, ApiError } from "../../api";
import { EmptyState } from "../../components/empty-state";
import { MemberChip } from "../../components/member-chip";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { locale, t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatClock, minuteTick } from "../../i18n/format";
import { mayUseCoffee, me } from "../../session";
import { IcebreakerText } from "./icebreaker";
import "./coffee.css";

const REASON_TEXT: Record<LeftOutReason, MessageKey> = {
  no_overlap: "pairing.reason.noOverlap",
  no_partner_outside_department: "pairing.reason.noPartnerOutsideDepartment",
  all_met_recently: "pairing.reason.allMetRecently",
  odd_one_out: "pairing.reason.oddOneOut",
  no_hours: "pairing.reason.noHours",
};

/** Monday first: a working week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function weekdayName(day: number): string {
  // 2024-01-07 was a Sunday (day 0).
  return new Intl.DateTimeFormat(locale.value, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, 7 + day));
}

/** `week`: the Monday (UTC, ms) a pairing was made for. */
function weekText(week: number): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: "long", timeZone: "UTC" }).format(week);
}

type Slot = PairingHours & { key: number };
let slotKey = 0;
const toSlots = (hours: PairingHours[]): Slot[] => hours.map((h) => ({ ...h, key: ++slotKey }));

type Load = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; data: MyCoffeePairing };

/** `/coffee/pairing`: opting in to cross-silo coffee pairing, with the hours one is free; this week's pairing or why not. */
export function CoffeePairingPage() {
  usePageTitle(t("pairing.title"));
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const guest = !mayUseCoffee.value;

  useEffect(() => {
    if (guest) return;
    const ctl = new AbortController();
    setLoad({ status: "loading" });
    api<MyCoffeePairing>("/me/coffee-pairing", { signal: ctl.signal }).then(
      (data) => setLoad({ status: "ready", data }),
      (error) => !ctl.signal.aborted && setLoad({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [attempt, guest]);

  return (
    <section class="page coffee-pairing">
      <a class="coffee-back" href="/coffee">
        <span aria-hidden="true">←</span> {t("coffee.title")}
      </a>
      <h1>{t("pairing.title")}</h1>
      <p class="muted">{t("pairing.intro")}</p>
      {guest ? (
        <div class="card">
          <EmptyState icon="coffee" title={t("coffee.membersOnly")} />
        </div>
      ) : load.status === "loading" ? (
        <div class="card">
          <Skeleton lines={5} />
        </div>
      ) : load.status === "error" ? (
        <div class="card">
          <EmptyState
            role="alert"
            title={errorText(load.error)}
            action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      ) : (
        <>
          {load.data.current ? (
            <CurrentPairing pairing={load.data.current} onOutcome={(outcome) => setLoad({ status: "ready", data: { ...load.data, current: { ...load.data.current!, outcome } } })} />
          ) : load.data.leftOut ? (
            <div class="card stack-tight coffee-left-out" role="status">
              <h2>{t("pairing.leftOutTitle")}</h2>
              <p class="muted small">{t("pairing.weekOf", { date: weekText(load.data.leftOut.week) })}</p>
              <p>{REASON_TEXT[load.data.leftOut.reason] ? t(REASON_TEXT[load.data.leftOut.reason]) : t("pairing.reason.other")}</p>
            </div>
          ) : null}
          <PairingSettings key={attempt} initial={load.data} onSaved={(data) => setLoad({ status: "ready", data })} />
        </>
      )}
    </section>
  );
}

function CurrentPairing({ pairing, onOutcome }: { pairing: CoffeePairing; onOutcome: (outcome: PairingOutcome) => void }) {
  const [busy, setBusy] = useState<PairingOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const tell = async (outcome: PairingOutcome) => {
    setBusy(outcome);
    setError(null);
    try {
      await api(`/coffee/pairings/${encodeURIComponent(pairing.id)}/outcome`, { method: "POST", body: { outcome } });
      onOutcome(outcome);
      toast(t("pairing.outcomeSaved"));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="card coffee-current">
      <div>
        <h2>{t("pairing.thisWeek")}</h2>
        <p class="muted small">{t("pairing.weekOf", { date: weekText(pairing.week) })}</p>
      </div>
      <ul class="coffee-partners" aria-label={t("pairing.partners")}>
        {pairing.partners.map((partner) => (
          <li key={partner.id}>
            <MemberChip member={partner} />
          </li>
        ))}
      </ul>
      <div>
        <h3 class="coffee-subtitle">{t("pairing.icebreaker")}</h3>
        <div class="coffee-icebreaker">
          <IcebreakerText value={pairing.icebreaker} />
        </div>
      </div>
      <div class="actions">
        <a class="btn btn-primary" href={`/coffee/${encodeURIComponent(pairing.roomId)}`}>
          {t("pairing.goToRoom")}
        </a>
      </div>
      <div class="coffee-outcome">
        <h3 class="coffee-subtitle" id="coffee-outcome-title">
          {t("pairing.outcomeQuestion")}
        </h3>
        <div class="actions" role="group" aria-labelledby="coffee-outcome-title">
          {(["met", "skipped"] as const).map((outcome) => (
            <button
              key={outcome}
              type="button"
              class={`btn ${pairing.outcome === outcome ? "btn-primary" : "btn-secondary"}`}
              aria-pressed={pairing.outcome === outcome}
              disabled={busy !== null}
              onClick={() => tell(outcome)}
            >
              {busy === outcome ? t("common.saving") : t(outcome === "met" ? "pairing.met" : "pairing.skipped")}
            </button>
          ))}
        </div>
        {pairing.outcome ? <p class="muted small">{t(pairing.outcome === "met" ? "pairing.outcomeMet" : "pairing.outcomeSkipped")}</p> : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function PairingSettings({ initial, onSaved }: { initial: MyCoffeePairing; onSaved: (data: MyCoffeePairing) => void }) {
  const [optIn, setOptIn] = useState(initial.optIn);
  const [slots, setSlots] = useState<Slot[]>(() => toSlots(initial.hours));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const zone = me.value?.timezone ?? "UTC";

  const invalid = (slot: Slot) => !HHMM.test(slot.from) || !HHMM.test(slot.to) || slot.from >= slot.to;

  const add = (day: number) => {
    const last = slots[slots.length - 1];
    setSlots([...slots, { key: ++slotKey, day, from: last?.from ?? "12:00", to: last?.to ?? "13:00" }]);
  };
  const change = (key: number, part: "from" | "to", value: string) => setSlots(slots.map((s) => (s.key === key ? { ...s, [part]: value } : s)));
  const remove = (key: number) => setSlots(slots.filter((s) => s.key !== key));

  const save = async (e: Event) => {
    e.preventDefault();
    setChecked(true);
    if (slots.some(invalid)) return;
    setBusy(true);
    setError(null);
    const hours = [...slots].sort((a, b) => a.day - b.day || a.from.localeCompare(b.from)).map(({ day, from, to }) => ({ day, from, to }));
    try {
      const data = await api<MyCoffeePairing>("/me/coffee-pairing", { method: "PUT", body: { optIn, hours } });
      onSaved(data);
      setSlots(toSlots(data.hours));
      setChecked(false);
      toast(t("pairing.saved"));
    } catch (err) {
      const issues = err instanceof ApiError ? err.fieldIssues : [];
      setError(issues.length ? `${errorText(err)} ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form coffee-settings" onSubmit={save} noValidate>
      <h2>{t("pairing.settings")}</h2>
      <label class="check">
        <input type="checkbox" checked={optIn} onChange={(e) => setOptIn(e.currentTarget.checked)} />
        <span>{t("pairing.optIn")}</span>
      </label>
      <fieldset aria-describedby="coffee-hours-hint">
        <legend>{t("pairing.hours")}</legend>
        <p id="coffee-hours-hint" class="field-hint">
          {t("pairing.hoursHint", { zone, time: formatClock(minuteTick.value, zone) })} <a href="/settings">{t("pairing.changeZone")}</a>
        </p>
        <ul class="coffee-week">
          {WEEK.map((day) => {
            const name = weekdayName(day);
            const daySlots = slots.filter((s) => s.day === day);
            return (
              <li key={day} class="coffee-day-row">
                <span class="coffee-day-name" id={`coffee-day-${day}`}>
                  {name}
                </span>
                <div class="coffee-slots">
                  {daySlots.length === 0 ? <span class="muted small">{t("pairing.noHours")}</span> : null}
                  {daySlots.map((slot) => (
                    <div key={slot.key} class={`coffee-slot${checked && invalid(slot) ? " field-invalid" : ""}`}>
                      <input type="time" value={slot.from} step={900} required aria-label={t("pairing.fromLabel", { day: name })} onInput={(e) => change(slot.key, "from", e.currentTarget.value)} />
                      <span aria-hidden="true">–</span>
                      <input type="time" value={slot.to} step={900} required aria-label={t("pairing.toLabel", { day: name })} onInput={(e) => change(slot.key, "to", e.currentTarget.value)} />
                      <button type="button" class="btn btn-quiet btn-icon" aria-label={t("pairing.removeHours", { day: name, from: slot.from, to: slot.to })} onClick={() => remove(slot.key)}>
                        <span aria-hidden="true">×</span>
                      </button>
                      {checked && invalid(slot) ? (
                        <p class="field-error coffee-slot-error" role="alert">
                          {t("pairing.badRange")}
                        </p>
                      ) : null}
                    </div>
                  ))}
                  <button type="button" class="btn btn-quiet coffee-add-slot" aria-label={t("pairing.addHoursOn", { day: name })} onClick={() => add(day)}>
                    + {t("pairing.addHours")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {optIn && slots.length === 0 ? <p class="alert alert-warning">{t("pairing.needHours")}</p> : null}
      </fieldset>
      {error ? (
        <p class="alert alert-danger" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.saving") : t("pairing.save")}
        </button>
      </div>
    </form>
  );
}
