import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { ApiScope, ApiToken, ApiTokenCreated } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText, formErrors } from "../../i18n/error-text";
import { formatDate, formatDateTime } from "../../i18n/format";
import { isAdmin } from "../../session";

const SCOPE_LABEL: Record<ApiScope, MessageKey> = { read: "tokens.scopeRead", write: "tokens.scopeWrite", admin: "tokens.scopeAdmin" };
const SCOPE_HINT: Record<ApiScope, MessageKey> = { read: "tokens.scopeReadHint", write: "tokens.scopeWriteHint", admin: "tokens.scopeAdminHint" };

/** The end of the chosen day (yyyy-mm-dd) on this device's clock, in ms; null when none or unreadable. */
export function endOfDay(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const at = new Date(`${date}T23:59:59`).getTime();
  return Number.isNaN(at) ? null : at;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

type Errors = Partial<Record<"name" | "scopes" | "expiresAt" | "form", string>>;

function CreateToken({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const offered: ApiScope[] = isAdmin.value ? ["read", "write", "admin"] : ["read", "write"];

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Errors = {};
    if (!name.trim()) next.name = t("tokens.nameMissing");
    if (scopes.length === 0) next.scopes = t("tokens.scopesMissing");
    const expiresAt = expires ? endOfDay(expires) : null;
    if (expires && (expiresAt === null || expiresAt <= Date.now())) next.expiresAt = t("tokens.expiryPast");
    if (Object.keys(next).length) return setErrors(next);
    setErrors({});
    setBusy(true);
    try {
      const created = await api<ApiTokenCreated>("/me/tokens", { body: { name: name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}) } });
      setName("");
      setExpires("");
      setScopes(["read"]);
      onCreated(created);
    } catch (err) {
      setErrors(formErrors(err, ["name", "scopes", "expiresAt"] as const));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form tokens-form" onSubmit={submit} noValidate aria-labelledby="token-new-title">
      <h3 id="token-new-title">{t("tokens.new")}</h3>
      <Field id="token-name" label={t("tokens.name")} hint={t("tokens.nameHint")} error={errors.name}>
        <input id="token-name" type="text" maxLength={80} required value={name} onInput={(e) => setName(e.currentTarget.value)} {...describedBy("token-name", "hint", errors.name)} />
      </Field>
      <fieldset aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
        <legend>{t("tokens.scopes")}</legend>
        <ul class="settings-bare">
          {offered.map((scope) => (
            <li key={scope}>
              <label class="check">
                <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
                <span class="tokens-scope">
                  {t(SCOPE_LABEL[scope])}
                  <span class="tokens-scope-hint">{t(SCOPE_HINT[scope])}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors.scopes ? (
          <p id="token-scopes-error" class="field-error" role="alert">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <Field id="token-expiry" label={t("tokens.expiry")} hint={t("tokens.expiryHint")} error={errors.expiresAt}>
        <input id="token-expiry" type="date" min={today()} value={expires} onInput={(e) => setExpires(e.currentTarget.value)} {...describedBy("token-expiry", "hint", errors.expiresAt)} />
      </Field>
      {errors.form ? (
        <p class="alert alert-danger" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.sending") : t("tokens.create")}
        </button>
      </div>
    </form>
  );
}

function CreatedToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const example = `curl -H "Authorization: Bearer ${token.token}" ${location.origin}/api/v1/me`;
  return (
    <div class="result tokens-created" role="status">
      <p class="alert alert-warning">{t("tokens.once")}</p>
      <CopyField id="token-value" label={t("tokens.token", { name: token.name })} value={token.token} />
      <CopyField id="token-curl" label={t("tokens.example")} value={example} />
      {/* The whole command, wrapped, for reading (the field above holds it for copying). */}
      <pre class="tokens-example" aria-hidden="true">{example}</pre>
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={onDone}>
          {t("tokens.done")}
        </button>
      </div>
    </div>
  );
}

/** Settings → API tokens: my tokens (never their value again), a new one (shown once), revoke. */
export function ApiTokens() {
  const [tokens, setTokens] = useState<ApiToken[] | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<{ items: ApiToken[] }>("/me/tokens").then(
      (answer) => live && setTokens(answer.items),
      (err) => live && setTokens({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const revoke = async (token: ApiToken) => {
    const ok = await confirmAction({ title: t("tokens.revokeTitle", { name: token.name }), body: t("tokens.revokeBody"), confirmLabel: t("tokens.revoke"), danger: true });
    if (!ok) return;
    setRevoking(token.id);
    try {
      await api(`/me/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
      setTokens((list) => (Array.isArray(list) ? list.filter((x) => x.id !== token.id) : list));
      if (created?.id === token.id) setCreated(null);
      toast(t("tokens.revoked", { name: token.name }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setRevoking(null);
    }
  };

  const now = Date.now();
  return (
    <section class="card stack" aria-labelledby="tokens-title">
      <div>
        <h2 id="tokens-title">{t("tokens.title")}</h2>
        <p class="muted small">{t("tokens.intro")}</p>
      </div>
      {tokens === null ? (
        <Skeleton lines={3} />
      ) : "error" in tokens ? (
        <EmptyState role="alert" title={tokens.error} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</button>} />
      ) : tokens.length === 0 ? (
        <EmptyState icon="lock" title={t("tokens.none")}>
          {t("tokens.noneBody")}
        </EmptyState>
      ) : (
        <ul class="settings-bare settings-list" aria-label={t("tokens.title")}>
          {tokens.map((x) => {
            const expired = x.expiresAt !== null && x.expiresAt <= now;
            return (
              <li key={x.id} class="tokens-item">
                <div class="tokens-item-text">
                  <p class="tokens-name">
                    <span>{x.name}</span>
                    <span class="badge-row tokens-scopes">
                      {x.scopes.map((s) => (
                        <Badge key={s} tone={s === "admin" ? "warning" : s === "write" ? "accent" : "neutral"}>
                          {t(SCOPE_LABEL[s])}
                        </Badge>
                      ))}
                      {expired ? <Badge tone="danger">{t("tokens.expired")}</Badge> : null}
                    </span>
                  </p>
                  <p class="muted small">
                    {t("tokens.createdAt")} <RelativeTime at={x.createdAt} /> ·{" "}
                    {x.expiresAt === null ? (
                      t("tokens.noExpiry")
                    ) : (
                      <>
                        {t("tokens.expiresAt")} <time dateTime={new Date(x.expiresAt).toISOString()} title={formatDateTime(x.expiresAt)}>{formatDate(x.expiresAt)}</time>
                      </>
                    )}{" "}
                    ·{" "}
                    {x.lastUsedAt === null ? (
                      t("tokens.neverUsed")
                    ) : (
                      <>
                        {t("tokens.lastUsed")} <RelativeTime at={x.lastUsedAt} />
                      </>
                    )}
                  </p>
                </div>
                <button type="button" class="btn btn-danger" disabled={revoking === x.id} onClick={() => revoke(x)} aria-label={t("tokens.revokeNamed", { name: x.name })}>
                  {t("tokens.revoke")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : null}
      <CreateToken
        onCreated={(token) => {
          setCreated(token);
          const { token: _secret, ...row } = token;
          setTokens((list) => (Array.isArray(list) ? [row, ...list.filter((x) => x.id !== row.id)] : list));
          toast(t("tokens.created", { name: token.name }));
        }}
      />
    </section>
  );
}
