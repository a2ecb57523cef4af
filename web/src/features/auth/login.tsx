import { useState } from "preact/hooks";
import { api } from "../../api";
import type { Profile } from "../../api-types";
import { Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { loadSession } from "../../session";
import { PublicPage } from "./public-page";

/** /login: email and password. Where to go next is decided by the app once the session is known. */
export function Login() {
  usePageTitle(t("login.submit"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await api<{ user: Profile }>("/auth/login", { body: { email: email.trim(), password } });
      await loadSession();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <PublicPage>
      <h1>{t("login.title")}</h1>
      <p class="muted">{t("login.intro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        {error ? (
          <p class="alert alert-danger" role="alert">
            {error}
          </p>
        ) : null}
        <Field id="login-email" label={t("login.email")}>
          <input id="login-email" type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field id="login-password" label={t("login.password")}>
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || !email || !password}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
      <p class="muted small">{t("login.invitedOnly")}</p>
    </PublicPage>
  );
}
