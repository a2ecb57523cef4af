import type { Charter } from "../../api-types";
import { t } from "../../i18n";

/** The charter as the server rendered and sanitised it; the only place it is shown, so it reads the same everywhere. */
export function CharterText({ charter }: { charter: Charter }) {
  return (
    <section class="charter" aria-labelledby="charter-heading">
      <h2 id="charter-heading">{t("charter.heading")}</h2>
      <p class="muted small">{t("charter.version", { version: charter.version })}</p>
      <div class="prose charter-body" tabIndex={0} dangerouslySetInnerHTML={{ __html: charter.html }} />
    </section>
  );
}

/** The explicit acceptance: a checkbox the member ticks themselves. */
export function AcceptCheckbox({ checked, onChange }: { checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{t("charter.accept")}</span>
    </label>
  );
}
