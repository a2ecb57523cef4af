import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { SsoSettings } from "../../../../contract/sso";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";

/** The domains as typed: separated by commas, spaces or new lines. */
const splitDomains = (text: string) => text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);

/**
 * Single sign-on (OpenID Connect): the provider's issuer and client id, the email domains it serves, just-in-time
 * accounts and whether SSO is mandatory. The client secret is a Worker secret, never typed here: the page says whether
 * it is set, and gives the redirect URI to register at the provider.
 */
export function SsoAdmin() {
  const [settings, setSettings] = useState<SsoSettings | null>(null);
  const [loadError, setLoadError] = useState("");
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [domains, setDomains] = useState("");
  const [jit, setJit] = useState(false);
  const [mandatory, setMandatory] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const fill = (s: SsoSettings) => {
    setSettings(s);
    setIssuer(s.issuer ?? "");
    setClientId(s.clientId ?? "");
    setDomains((s.domains ?? []).join(", "));
    setJit(s.jit);
    setMandatory(s.mandatory);
  };

  const load = () => {
    setLoadError("");
    api<SsoSettings>("/admin/sso").then(fill, (err) => setLoadError(errorText(err)));
  };
  useEffect(load, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    setErrors({});
    try {
      fill(await api<SsoSettings>("/admin/sso", { method: "PUT", body: { issuer: issuer.trim(), clientId: clientId.trim(), domains: splitDomains(domains), jit, mandatory } }));
      toast(t("sso.saved"));
    } catch (err) {
      const issues = err instanceof ApiError ? err.fieldIssues : [];
      if (issues.length) setErrors(Object.fromEntries(issues.map((i) => [i.path.split(".")[0], fieldIssueText(i.message)])));
      else if (err instanceof ApiError && err.code === "conflict" && (err.details as { ssoVerified?: boolean } | undefined)?.ssoVerified === false) setError(t("sso.notVerified"));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <section class="card">
        <EmptyState role="alert" title={loadError} action={<button type="button" class="btn btn-secondary" onClick={load}>{t("common.retry")}</button>} />
      </section>
    );
  }
  if (!settings) {
    return (
      <section class="card">
        <Skeleton lines={4} />
      </section>
    );
  }
  return (
    <div class="stack">
      <section class="card" aria-labelledby="sso-title">
        <h2 id="sso-title">{t("sso.title")}</h2>
        <p class="muted">{t("sso.intro")}</p>
        <CopyField id="sso-redirect" label={t("sso.redirectUri")} value={settings.redirectUri} />
        <p class={settings.clientSecretSet ? "muted small" : "alert alert-warning"} role={settings.clientSecretSet ? undefined : "status"}>
          {settings.clientSecretSet ? t("sso.secretSet") : t("sso.secretMissing")}
        </p>
        <form class="form" onSubmit={save} noValidate>
          {error ? (
            <p class="alert alert-danger" role="alert">
              {error}
            </p>
          ) : null}
          <Field id="sso-issuer" label={t("sso.issuer")} hint={t("sso.issuerHint")} error={errors.issuer}>
            <input id="sso-issuer" type="url" inputMode="url" required value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} {...describedBy("sso-issuer", t("sso.issuerHint"), errors.issuer)} />
          </Field>
          <Field id="sso-client" label={t("sso.clientId")} error={errors.clientId}>
            <input id="sso-client" type="text" required value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} {...describedBy("sso-client", undefined, errors.clientId)} />
          </Field>
          <Field id="sso-domains" label={t("sso.domains")} hint={t("sso.domainsHint")} error={errors.domains}>
            <input id="sso-domains" type="text" required value={domains} onInput={(e) => setDomains(e.currentTarget.value)} {...describedBy("sso-domains", t("sso.domainsHint"), errors.domains)} />
          </Field>
          <label class="check">
            <input type="checkbox" checked={jit} onChange={(e) => setJit(e.currentTarget.checked)} />
            <span>{t("sso.jit")}</span>
          </label>
          <label class="check">
            <input type="checkbox" checked={mandatory} onChange={(e) => setMandatory(e.currentTarget.checked)} />
            <span>{t("sso.mandatoryOption")}</span>
          </label>
          <p class="muted small" id="sso-verified">{settings.verifiedAt ? t("sso.verifiedAt", { at: formatDateTime(settings.verifiedAt) }) : t("sso.neverVerified")}</p>
          <div>
            <button type="submit" class="btn btn-primary" disabled={busy || !issuer.trim() || !clientId.trim() || !domains.trim()}>
              {busy ? t("common.sending") : t("sso.save")}
            </button>
          </div>
          {settings.updatedAt ? <p class="muted small">{t("sso.updated", { at: formatDateTime(settings.updatedAt) })}</p> : null}
        </form>
      </section>
    </div>
  );
}
