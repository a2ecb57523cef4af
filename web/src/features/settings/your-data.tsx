import { useEffect, useState } from "preact/hooks";
import type { SsoDomainAnswer } from "../../../../contract/sso";
import { api, ApiError, isAbort } from "../../api";
import { confirmAction } from "../../components/confirm-dialog";
import { describedBy, Field } from "../../components/field";
import { OperationProgress, ProgressSlot } from "../../components/progress";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatBytes } from "../../i18n/format";
import { downloadWithProgress } from "../../send-with-progress";
import { me, signOut } from "../../session";

/** Where single sign-on brings the member back to confirm an erasure: this page, marked as just re-authenticated. */
export const SSO_REAUTH_RETURN = "/settings?reauth=sso";

const justReauthenticated = () => new URLSearchParams(location.search).get("reauth") === "sso";

type Export = { received: number; total: number | null; abort: () => void };

/**
 * "Download my data": GET /me/export read chunk by chunk, so the bytes received (of its Content-Length) show while it
 * comes, with Cancel; then the browser saves it under the server's file name.
 */
function ExportData() {
  const [running, setRunning] = useState<Export | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");

  const start = async () => {
    setError("");
    const { done, abort } = downloadWithProgress("/me/export", (received, total) => setRunning((r) => (r ? { ...r, received, total } : r)));
    setRunning({ received: 0, total: null, abort });
    setStatus(t("upload.export"));
    try {
      const { blob, filename } = await done;
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = filename ?? "comptoir-data.json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus("");
      toast(t("upload.exportDone", { size: formatBytes(blob.size) }));
    } catch (err) {
      if (isAbort(err)) {
        setStatus("");
        toast(t("upload.exportCancelled"), "info");
      } else {
        setError(t("upload.exportFailed", { reason: errorText(err) }));
        setStatus("");
      }
    } finally {
      setRunning(null);
    }
  };

  // A body that was compressed on the way can count more bytes than its Content-Length: then the length is unknown.
  const known = running?.total && running.received <= running.total ? running.total : null;
  return (
    <div class="stack-tight">
      <p>
        <button type="button" class="btn btn-secondary" disabled={running !== null} onClick={start}>
          {t("privacy.download")}
        </button>
      </p>
      <ProgressSlot status={status}>
        {running ? (
          <OperationProgress
            label={t("upload.export")}
            detail={known ? t("upload.exportReceived", { received: formatBytes(running.received), total: formatBytes(known) }) : t("upload.exportReceivedSoFar", { received: formatBytes(running.received) })}
            fraction={known ? running.received / known : null}
            onCancel={running.abort}
            cancelLabel={t("upload.exportCancel")}
          />
        ) : null}
      </ProgressSlot>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Settings → "Your data" (GDPR): download everything that carries my identity (a JSON file, straight from the API), and
 * delete my account after confirming it is me: with my password, or — for a member of a domain that signs in through
 * single sign-on — by signing in again at the company's provider (`/auth/sso/start` with a return to this page), after
 * which `DELETE /me` needs no password for 10 minutes. A domain where SSO is mandatory offers no password field.
 */
export function YourData() {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [ssoError, setSsoError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<SsoDomainAnswer | null>(null);
  const [reauthenticated, setReauthenticated] = useState(justReauthenticated);
  const email = me.value?.email;

  useEffect(() => {
    if (!email) return;
    const controller = new AbortController();
    api<SsoDomainAnswer>("/auth/sso/domain", { query: { email, returnTo: SSO_REAUTH_RETURN }, signal: controller.signal }).then(setSso, () => setSso(null));
    return () => controller.abort();
  }, [email]);

  const confirmAndDelete = async (body: { password?: string }, onError: (err: unknown) => void) => {
    const ok = await confirmAction({ title: t("privacy.deleteTitle"), body: t("privacy.deleteBody"), confirmLabel: t("privacy.deleteConfirm"), danger: true });
    if (!ok) return;
    setBusy(true);
    try {
      await api("/me", { method: "DELETE", body });
      toast(t("privacy.deleted"));
      await signOut().catch(() => undefined);
    } catch (err) {
      onError(err);
      setBusy(false);
    }
  };

  const erase = async (e: Event) => {
    e.preventDefault();
    if (!password) return setError(t("privacy.passwordMissing"));
    setError(undefined);
    await confirmAndDelete({ password }, (err) => setError(err instanceof ApiError && err.code === "invalid_credentials" ? t("privacy.wrongPassword") : errorText(err)));
  };

  const eraseAfterSso = () =>
    confirmAndDelete({}, (err) => {
      // The sign-in through SSO is more than 10 minutes old (or was not one): confirm again.
      if (err instanceof ApiError && err.code === "validation_failed") {
        setReauthenticated(false);
        setSsoError(t("privacy.ssoExpired"));
      } else setSsoError(errorText(err));
    });

  const offersPassword = !sso?.mandatory;

  return (
    <section class="card stack" aria-labelledby="your-data-title">
      <div>
        <h2 id="your-data-title">{t("privacy.title")}</h2>
        <p class="muted small">{t("privacy.intro")}</p>
      </div>
      <ExportData />
      <div class="stack">
        <h3 id="delete-account-title">{t("privacy.deleteHeading")}</h3>
        <p class="muted small">{t("privacy.deleteIntro")}</p>
        {sso?.sso && sso.start ? (
          <div class="stack" role="group" aria-labelledby="delete-account-title">
            {reauthenticated ? (
              <>
                <p class="alert alert-success" role="status">{t("privacy.ssoConfirmed")}</p>
                <div>
                  <button type="button" class="btn btn-danger" disabled={busy} onClick={eraseAfterSso}>{t("privacy.deleteNow")}</button>
                </div>
              </>
            ) : (
              <>
                <p class="muted small" id="delete-sso-hint">{t("privacy.ssoHint")}</p>
                <div>
                  <a class="btn btn-secondary" href={sso.start} aria-describedby="delete-sso-hint">{t("privacy.confirmWithSso")}</a>
                </div>
              </>
            )}
            {ssoError ? <p class="field-error" role="alert">{ssoError}</p> : null}
          </div>
        ) : null}
        {offersPassword ? (
          <form class="form" onSubmit={erase} noValidate aria-labelledby="delete-account-title">
            {sso?.sso ? <p class="muted small">{t("privacy.orPassword")}</p> : null}
            <Field id="delete-password" label={t("privacy.password")} hint={t("privacy.passwordHint")} error={error}>
              <input id="delete-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...describedBy("delete-password", "hint", error)} />
            </Field>
            <div>
              <button type="submit" class="btn btn-danger" disabled={busy}>{t("privacy.delete")}</button>
            </div>
          </form>
        ) : null}
      </div>
    </section>
  );
}
