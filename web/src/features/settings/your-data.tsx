import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { confirmAction } from "../../components/confirm-dialog";
import { describedBy, Field } from "../../components/field";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { signOut } from "../../session";

/**
 * Settings → "Your data" (GDPR): download everything that carries my identity (a JSON file, straight from the API), and
 * delete my account after confirming with my password. (Confirming through a fresh SSO sign-in instead is the API's
 * (`DELETE /me` without a password); this screen asks for the password.)
 */
export function YourData() {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const erase = async (e: Event) => {
    e.preventDefault();
    if (!password) return setError(t("privacy.passwordMissing"));
    setError(undefined);
    const ok = await confirmAction({ title: t("privacy.deleteTitle"), body: t("privacy.deleteBody"), confirmLabel: t("privacy.deleteConfirm"), danger: true });
    if (!ok) return;
    setBusy(true);
    try {
      await api("/me", { method: "DELETE", body: { password } });
      toast(t("privacy.deleted"));
      await signOut().catch(() => undefined);
    } catch (err) {
      setError(err instanceof ApiError && err.code === "invalid_credentials" ? t("privacy.wrongPassword") : errorText(err));
      setBusy(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby="your-data-title">
      <div>
        <h2 id="your-data-title">{t("privacy.title")}</h2>
        <p class="muted small">{t("privacy.intro")}</p>
      </div>
      <p>
        <a class="btn btn-secondary" href="/api/v1/me/export" download>{t("privacy.download")}</a>
      </p>
      <form class="form" onSubmit={erase} noValidate aria-labelledby="delete-account-title">
        <h3 id="delete-account-title">{t("privacy.deleteHeading")}</h3>
        <p class="muted small">{t("privacy.deleteIntro")}</p>
        <Field id="delete-password" label={t("privacy.password")} hint={t("privacy.passwordHint")} error={error}>
          <input id="delete-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...describedBy("delete-password", "hint", error)} />
        </Field>
        <div>
          <button type="submit" class="btn btn-danger" disabled={busy}>{t("privacy.delete")}</button>
        </div>
      </form>
    </section>
  );
}
