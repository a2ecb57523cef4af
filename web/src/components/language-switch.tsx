import { LOCALES, languageName, locale, t, type Locale } from "../i18n";
import { errorText } from "../i18n/error-text";
import { changeLocale } from "../session";
import { toast } from "./toast";

/** EN / FR as a pair of toggle buttons; saved on the profile when signed in, in this browser otherwise. */
export function LanguageSwitch() {
  const pick = (code: Locale) => changeLocale(code).catch((err) => toast(errorText(err), "error"));
  return (
    <div class="segmented" role="group" aria-label={t("settings.language")}>
      {LOCALES.map((code) => (
        <button key={code} type="button" class="segmented-item" aria-pressed={locale.value === code} lang={code} onClick={() => pick(code)}>
          <span aria-hidden="true">{code.toUpperCase()}</span>
          <span class="visually-hidden">{languageName(code)}</span>
        </button>
      ))}
    </div>
  );
}
