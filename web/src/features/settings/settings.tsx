import { useMemo, useState } from "preact/hooks";
import { Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { toast } from "../../components/toast";
import { LOCALES, languageName, t, type Locale } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { deviceTimeZone, formatClock, minuteTick, timeZones } from "../../i18n/format";
import { changeLocale, me, patchProfile } from "../../session";
import { Following } from "./following";
import { PushDevice } from "./push-device";
import { ApiTokens } from "./tokens";
import { YourData } from "./your-data";
import "./settings.css";

/** /settings: language and time zone, each saved as soon as it is chosen; notifications on this device; then my API tokens; then my data (download, delete). */
export function Settings() {
  usePageTitle(t("settings.title"));
  const user = me.value;
  const zones = useMemo(timeZones, []);
  const [busy, setBusy] = useState<"locale" | "timezone" | null>(null);
  if (!user) return null;

  const saveLocale = async (code: Locale) => {
    setBusy("locale");
    try {
      await changeLocale(code);
      toast(t("settings.saved"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(null);
    }
  };

  const saveZone = async (timezone: string) => {
    setBusy("timezone");
    try {
      await patchProfile({ timezone });
      toast(t("settings.saved"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="page">
      <h1>{t("settings.title")}</h1>
      <div class="card form">
        <Field id="settings-language" label={t("settings.language")} hint={t("settings.languageHint")}>
          <select id="settings-language" value={user.locale} disabled={busy === "locale"} onChange={(e) => saveLocale(e.currentTarget.value as Locale)} aria-describedby="settings-language-hint">
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>{languageName(code)}</option>
            ))}
          </select>
        </Field>
        <Field id="settings-timezone" label={t("settings.timezone")} hint={t("settings.timezoneHint", { time: formatClock(minuteTick.value, user.timezone) })}>
          <select id="settings-timezone" value={user.timezone} disabled={busy === "timezone"} onChange={(e) => saveZone(e.currentTarget.value)} aria-describedby="settings-timezone-hint">
            {(zones.includes(user.timezone) ? zones : [user.timezone, ...zones]).map((z) => (
              <option key={z} value={z}>{z.replaceAll("_", " ")}</option>
            ))}
          </select>
        </Field>
        {user.timezone !== deviceTimeZone ? (
          <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={() => saveZone(deviceTimeZone)}>
            {t("settings.useDeviceZone", { zone: deviceTimeZone.replaceAll("_", " ") })}
          </button>
        ) : null}
      </div>
      <Following />
      <PushDevice />
      <ApiTokens />
      <YourData />
    </section>
  );
}
