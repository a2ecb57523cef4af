import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Invitation, Profile } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { locale, t } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { deviceTimeZone } from "../../i18n/format";
import { loadSession, patchProfile } from "../../session";
import { AcceptCheckbox, CharterText } from "./charter-text";
import { PublicPage } from "./public-page";

export const MIN_PASSWORD = 10;

type State =
  | { kind: "loading" }
  | { kind: "gone" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; invitation: Invitation };

type Errors = Partial<Record<"name" | "password" | "confirm" | "form", string>>;

/**
 * /invite/:token: the charter first, accepted explicitly, then the new member's name and password.
 * Accepting the invitation signs them in and takes them to their profile.
 */
export function Invite() {
  const { params } = useRoute();
  const { route } = useLocation();
  const token = params.token ?? "";
  usePageTitle(t("invite.title"));

  const [state, setState] = useState<State>({ kind: "loading" });
  const [step, setStep] = useState<"charter" | "account">("charter");
  const [accepted, setAccepted] = useState(false);
  const [notice, setNotice] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setState({ kind: "loading" });
    try {
      const invitation = await api<Invitation>(`/invitations/${encodeURIComponent(token)}`);
      setState({ kind: "ready", invitation });
      setStep(invitation.charter ? "charter" : "account");
    } catch (err) {
      setState(err instanceof ApiError && err.status === 404 ? { kind: "gone" } : { kind: "failed", message: errorText(err) });
    }
  };

  useEffect(() => {
    void load();
  }, [token]);

  if (state.kind === "loading") {
    return (
      <PublicPage>
        <Skeleton lines={6} />
      </PublicPage>
    );
  }
  if (state.kind === "gone" || state.kind === "failed") {
    return (
      <PublicPage>
        <h1>{t("invite.title")}</h1>
        <p class="alert alert-danger" role="alert">
          {state.kind === "gone" ? t("invite.gone") : state.message}
        </p>
        <p>
          <a href="/login">{t("invite.toLogin")}</a>
        </p>
      </PublicPage>
    );
  }

  const { invitation } = state;

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Errors = {};
    if (!name.trim()) next.name = t("invite.nameRequired");
    if (password.length < MIN_PASSWORD) next.password = t("invite.passwordShort", { count: MIN_PASSWORD });
    if (confirm !== password) next.confirm = t("invite.passwordMismatch");
    setErrors(next);
    if (Object.keys(next).length) return;

    setBusy(true);
    try {
      const { user } = await api<{ user: Profile }>("/auth/accept-invitation", {
        body: { token, name: name.trim(), password, charterVersion: invitation.charter?.version ?? null },
      });
      // The language and time zone used on this page become the new member's settings.
      if (user.locale !== locale.value || user.timezone === "UTC") {
        await patchProfile({ locale: locale.value, ...(user.timezone === "UTC" ? { timezone: deviceTimeZone } : {}) }).catch(() => user);
      }
      // The session as the server sees it, with what the new member may do (GET /api/v1/me).
      await loadSession();
      route("/me/edit?welcome=1");
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        // A new charter version was published meanwhile: it must be read and accepted instead.
        setAccepted(false);
        setNotice(t("invite.charterChanged"));
        await load();
      } else if (err instanceof ApiError && err.status === 404) {
        setState({ kind: "gone" });
      } else if (err instanceof ApiError && err.code === "validation_failed") {
        const fields: Errors = {};
        for (const issue of err.fieldIssues) {
          const key = issue.path.split(".")[0];
          if (key === "name" || key === "password") fields[key] = fieldIssueText(issue.message);
        }
        setErrors({ ...fields, form: Object.keys(fields).length ? undefined : errorText(err) });
      } else {
        setErrors({ form: errorText(err) });
      }
    }
  };

  return (
    <PublicPage wide>
      <h1>{t("invite.title")}</h1>
      <p class="muted">{t("invite.intro", { email: invitation.email })}</p>
      {notice ? (
        <p class="alert alert-warning" role="alert">
          {notice}
        </p>
      ) : null}

      {step === "charter" && invitation.charter ? (
        <div class="stack">
          <p>{t("invite.charterFirst")}</p>
          <CharterText charter={invitation.charter} />
          <AcceptCheckbox checked={accepted} onChange={setAccepted} />
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={!accepted} onClick={() => setStep("account")}>
              {t("invite.continue")}
            </button>
          </div>
        </div>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          {invitation.charter ? (
            <p class="alert alert-success">
              {t("invite.charterAccepted", { version: invitation.charter.version })}{" "}
              <button type="button" class="btn-link" onClick={() => setStep("charter")}>
                {t("invite.rereadCharter")}
              </button>
            </p>
          ) : null}
          {errors.form ? (
            <p class="alert alert-danger" role="alert">
              {errors.form}
            </p>
          ) : null}
          <Field id="invite-email" label={t("invite.email")}>
            <input id="invite-email" type="email" value={invitation.email} readOnly autoComplete="username" />
          </Field>
          <Field id="invite-name" label={t("invite.name")} error={errors.name}>
            <input id="invite-name" type="text" autoComplete="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} {...describedBy("invite-name", undefined, errors.name)} />
          </Field>
          <Field id="invite-password" label={t("invite.password")} hint={t("invite.passwordHint", { count: MIN_PASSWORD })} error={errors.password}>
            <input
              id="invite-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              {...describedBy("invite-password", "hint", errors.password)}
            />
          </Field>
          <Field id="invite-confirm" label={t("invite.confirm")} error={errors.confirm}>
            <input id="invite-confirm" type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} {...describedBy("invite-confirm", undefined, errors.confirm)} />
          </Field>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t("invite.submitting") : t("invite.submit")}
          </button>
        </form>
      )}
    </PublicPage>
  );
}
