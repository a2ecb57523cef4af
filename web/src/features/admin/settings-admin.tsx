import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { NetworkSettings, NetworkSettingsBody, Upload } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { Skeleton } from "../../components/skeleton";
import { EmptyState } from "../../components/empty-state";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { network } from "../../network";

type Promise_ = { mode: "none" | "business" | "calendar"; hours?: number; days?: number[]; opens?: string; closes?: string; timezone?: string };
const DAYS: [number, MessageKey][] = [[1, "console.day1"], [2, "console.day2"], [3, "console.day3"], [4, "console.day4"], [5, "console.day5"], [6, "console.day6"], [0, "console.day0"]];
const RETENTION: [keyof NetworkSettingsBody["retention"], MessageKey][] = [["chatDays", "console.chatDays"], ["notificationDays", "console.notificationDays"], ["auditDays", "console.auditDays"], ["deliveryDays", "console.deliveryDays"]];

/** The network's settings: name, logo, colour, default language, default answer-time promise, erasure and retention. */
export function SettingsAdmin() {
  const [saved, setSaved] = useState<NetworkSettings | null>(null);
  const [form, setForm] = useState<Omit<NetworkSettingsBody, "defaultPromise"> & { defaultPromise: Promise_ } | null>(null);
  const [logo, setLogo] = useState<File | null | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState("");
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setLoadError("");
    try {
      const s = await api<NetworkSettings>("/admin/settings");
      setSaved(s);
      setForm({ name: s.name, colour: s.colour, defaultLocale: s.defaultLocale, defaultPromise: s.defaultPromise as Promise_, erasure: s.erasure, retention: s.retention });
    } catch (err) {
      setLoadError(errorText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  if (loadError) return <div class="card"><EmptyState role="alert" title={loadError} action={<button type="button" class="btn btn-secondary" onClick={load}>{t("common.retry")}</button>} /></div>;
  if (!form || !saved) return <div class="card"><Skeleton lines={6} /></div>;

  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const promise = form.defaultPromise;
  const setPromise = (patch: Partial<Promise_>) => set({ defaultPromise: { ...promise, ...patch } });
  const err = (path: string) => errors[path];

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      let logoUploadId: string | null | undefined;
      if (logo === null) logoUploadId = null;
      else if (logo) logoUploadId = (await api<Upload>("/uploads", { body: logo, query: { filename: logo.name } })).id;
      const p = promise.mode === "none" ? { mode: "none" as const } : promise.mode === "calendar" ? { mode: "calendar" as const, hours: promise.hours } : { mode: "business" as const, hours: promise.hours, days: promise.days ?? [1, 2, 3, 4, 5], opens: promise.opens ?? "09:00", closes: promise.closes ?? "18:00", timezone: promise.timezone ?? "Europe/Paris" };
      const body = { ...form, defaultPromise: p, ...(logoUploadId !== undefined ? { logoUploadId } : {}) };
      const next = await api<NetworkSettings>("/admin/settings", { method: "PUT", body });
      setSaved(next);
      setLogo(undefined);
      network.value = { name: next.name, colour: next.colour, logoUrl: next.logoUrl, defaultLocale: next.defaultLocale };
      toast(t("console.settingsSaved"));
    } catch (error) {
      if (error instanceof ApiError && error.fieldIssues.length) setErrors(Object.fromEntries(error.fieldIssues.map((i) => [i.path, fieldIssueText(i.message)])));
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" aria-labelledby="settings-title" onSubmit={submit} noValidate>
      <h2 id="settings-title">{t("console.settings")}</h2>
      <Field id="net-name" label={t("console.networkName")} error={err("name")}>
        <input id="net-name" value={form.name} maxLength={60} required onInput={(e) => set({ name: e.currentTarget.value })} {...describedBy("net-name", undefined, err("name"))} />
      </Field>
      <div class="field">
        <label for="net-logo">{t("console.logo")}</label>
        {saved.logoUrl && logo !== null ? <img class="console-logo" src={saved.logoUrl} alt={t("console.currentLogo")} /> : null}
        <input id="net-logo" type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => setLogo(e.currentTarget.files?.[0] ?? undefined)} aria-describedby="net-logo-hint" />
        <p id="net-logo-hint" class="field-hint">{t("console.logoHint")}</p>
        {err("logoUploadId") ? <p class="field-error" role="alert">{err("logoUploadId")}</p> : null}
        {saved.logoUrl ? <button type="button" class="btn btn-quiet" onClick={() => setLogo(null)}>{t("console.removeLogo")}</button> : null}
      </div>
      <Field id="net-colour" label={t("console.colour")} hint={t("console.colourHint")} error={err("colour")}>
        <input id="net-colour" type="color" value={form.colour} onInput={(e) => set({ colour: e.currentTarget.value })} {...describedBy("net-colour", "hint", err("colour"))} />
      </Field>
      <Field id="net-locale" label={t("console.defaultLocale")}>
        <select id="net-locale" value={form.defaultLocale} onChange={(e) => set({ defaultLocale: e.currentTarget.value as "en" | "fr" })}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </Field>
      <fieldset class="field">
        <legend>{t("console.defaultPromise")}</legend>
        <p class="field-hint">{t("console.defaultPromiseHint")}</p>
        <label for="promise-mode">{t("console.promiseMode")}</label>
        <select id="promise-mode" value={promise.mode} onChange={(e) => setPromise({ mode: e.currentTarget.value as Promise_["mode"], hours: promise.hours ?? 8 })}>
          <option value="none">{t("console.promiseNone")}</option>
          <option value="business">{t("console.promiseBusiness")}</option>
          <option value="calendar">{t("console.promiseCalendar")}</option>
        </select>
        {promise.mode !== "none" ? (
          <>
            <label for="promise-hours">{t("console.promiseHours")}</label>
            <input id="promise-hours" type="number" min={0.5} max={8760} step={0.5} value={promise.hours ?? 8} onInput={(e) => setPromise({ hours: Number(e.currentTarget.value) })} />
          </>
        ) : null}
        {promise.mode === "business" ? (
          <div class="console-business">
            <fieldset>
              <legend>{t("console.promiseDays")}</legend>
              {DAYS.map(([d, key]) => (
                <label key={d} class="console-day">
                  <input type="checkbox" checked={(promise.days ?? [1, 2, 3, 4, 5]).includes(d)} onChange={(e) => setPromise({ days: e.currentTarget.checked ? [...new Set([...(promise.days ?? [1, 2, 3, 4, 5]), d])] : (promise.days ?? [1, 2, 3, 4, 5]).filter((x) => x !== d) })} />
                  {t(key)}
                </label>
              ))}
            </fieldset>
            <label for="promise-opens">{t("console.promiseOpens")}</label>
            <input id="promise-opens" type="time" value={promise.opens ?? "09:00"} onInput={(e) => setPromise({ opens: e.currentTarget.value })} />
            <label for="promise-closes">{t("console.promiseCloses")}</label>
            <input id="promise-closes" type="time" value={promise.closes ?? "18:00"} onInput={(e) => setPromise({ closes: e.currentTarget.value })} />
            <label for="promise-tz">{t("console.promiseTimezone")}</label>
            <input id="promise-tz" value={promise.timezone ?? "Europe/Paris"} onInput={(e) => setPromise({ timezone: e.currentTarget.value })} />
          </div>
        ) : null}
        {Object.entries(errors).filter(([k]) => k.startsWith("defaultPromise")).map(([k, v]) => <p key={k} class="field-error" role="alert">{v}</p>)}
      </fieldset>
      <fieldset class="field">
        <legend>{t("console.erasure")}</legend>
        <label class="console-radio"><input type="radio" name="erasure" checked={form.erasure === "anonymise"} onChange={() => set({ erasure: "anonymise" })} /> {t("console.erasureAnonymise")}</label>
        <label class="console-radio"><input type="radio" name="erasure" checked={form.erasure === "delete"} onChange={() => set({ erasure: "delete" })} /> {t("console.erasureDelete")}</label>
      </fieldset>
      <fieldset class="field">
        <legend>{t("console.retention")}</legend>
        <div class="console-retention">
          {RETENTION.map(([k, key]) => (
            <Field key={k} id={`ret-${k}`} label={t(key)} error={err(`retention.${k}`)}>
              <input id={`ret-${k}`} type="number" min={k === "auditDays" ? 30 : 1} max={3650} value={form.retention[k]} onInput={(e) => set({ retention: { ...form.retention, [k]: Number(e.currentTarget.value) } })} {...describedBy(`ret-${k}`, undefined, err(`retention.${k}`))} />
            </Field>
          ))}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? t("common.saving") : t("common.save")}</button>
      </div>
    </form>
  );
}
