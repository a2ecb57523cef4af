import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Profile } from "../../api-types";
import type { SsoDomainAnswer } from "../../../../contract/sso";
import { Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { loadSession } from "../../session";
import { PublicPage } from "./public-page";

/** The messages of the `sso_error` codes a failed single sign-on lands here with (API.md, /auth/sso/callback). */
const SSO_ERROR: Record<string, MessageKey> = {
  not_configured: "sso.error.not_configured",
  domain: "sso.error.domain",
  provider: "sso.error.provider",
  denied: "sso.error.denied",
  state: "sso.error.state",
  token: "sso.error.token",
  not_invited: "sso.error.not_invited",
  deactivated: "sso.error.deactivated",
  conflict: "sso.error.conflict",
};

/** Where single sign-on starts for `email`, coming back to `next` (a path of this network) afterwards. */
function ssoStartUrl(email: string, next: string | undefined): string {
  const query = new URLSearchParams({ email });
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") && !/\s/.test(next)) query.set("returnTo", next);
  return `/api/v1/auth/sso/start?${query}`;
}

/**
 * /login: email and password, or "Continue with single sign-on". An email whose domain must sign in through SSO goes
 * there instead of trying its password. Where to go next is decided by the app once the session is known.
 */
export function Login() {
  usePageTitle(t("login.submit"));
  const { query } = useLocation();
  const ssoError = query.sso_error ? t(SSO_ERROR[query.sso_error] ?? "sso.error.token") : "";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [redirecting, setRedirecting] = useState(false);

  const toSso = () => {
    setRedirecting(true);
    location.assign(ssoStartUrl(email.trim(), query.next));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const domain = await api<SsoDomainAnswer>("/auth/sso/domain", { query: { email: email.trim() } }).catch(() => null);
      if (domain?.mandatory && domain.start) {
        setRedirecting(true);
        return location.assign(ssoStartUrl(email.trim(), query.next));
      }
      await api<{ user: Profile }>("/auth/login", { body: { email: email.trim(), password } });
      await loadSession();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 && (err.details as { sso?: boolean } | undefined)?.sso ? t("sso.mandatory") : errorText(err));
      setBusy(false);
    }
  };

  const continueWithSso = () => {
    if (!email.trim()) {
      setError(t("sso.emailFirst"));
      document.getElementById("login-email")?.focus();
      return;
    }
    toSso();
  };

  const shown = error || ssoError;
  return (
    <PublicPage>
      <h1>{t("login.title")}</h1>
      <p class="muted">{t("login.intro")}</p>
      <form class="form" onSubmit={submit} noValidate>
        {shown ? (
          <p class="alert alert-danger" role="alert">
            {shown}
          </p>
        ) : null}
        <Field id="login-email" label={t("login.email")}>
          <input id="login-email" type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field id="login-password" label={t("login.password")}>
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || redirecting || !email || !password}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
        <p class="muted small">{t("sso.or")}</p>
        <button type="button" class="btn btn-secondary btn-block" disabled={redirecting} onClick={continueWithSso}>
          {redirecting ? t("sso.redirecting") : t("sso.continue")}
        </button>
      </form>
      <p class="muted small">{t("login.invitedOnly")}</p>
    </PublicPage>
  );
}
