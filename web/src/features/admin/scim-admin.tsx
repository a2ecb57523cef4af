import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { ScimToken, ScimTokenCreated } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { Field } from "../../components/field";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { TableScroll } from "../../components/table-scroll";

/** SCIM tokens for identity providers: created (the token shown once), listed, revoked. */
export function ScimAdmin() {
  const [tokens, setTokens] = useState<ScimToken[] | null>(null);
  const [error, setError] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ScimTokenCreated | null>(null);

  const load = async () => {
    setError("");
    try {
      setTokens((await api<{ items: ScimToken[] }>("/admin/scim-tokens")).items);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const token = await api<ScimTokenCreated>("/admin/scim-tokens", { body: { name: name.trim() } });
      setCreated(token);
      setName("");
      toast(t("console.scimCreated", { name: token.name }));
      await load();
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ScimToken) => {
    const ok = await confirmAction({ title: t("console.scimRevokeTitle", { name: token.name }), body: t("console.scimRevokeBody"), confirmLabel: t("console.scimRevoke"), danger: true });
    if (!ok) return;
    try {
      await api(`/admin/scim-tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
      toast(t("console.scimRevoked", { name: token.name }));
      if (created?.id === token.id) setCreated(null);
      await load();
    } catch (err) {
      toast(errorText(err), "error");
    }
  };

  return (
    <div class="stack">
      <section class="card" aria-labelledby="scim-title">
        <h2 id="scim-title">{t("console.scim")}</h2>
        <p class="muted">{t("console.scimIntro", { url: `${location.origin}/scim/v2` })}</p>
        <form class="form form-inline" onSubmit={create} noValidate>
          <Field id="scim-name" label={t("console.scimName")}>
            <input id="scim-name" value={name} maxLength={80} required placeholder="Entra ID" onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <span />
          <button type="submit" class="btn btn-primary" disabled={busy || !name.trim()}>{busy ? t("common.sending") : t("console.scimCreate")}</button>
        </form>
        {created ? (
          <div class="result" role="status">
            <p><strong>{t("console.scimOnce")}</strong></p>
            <CopyField id="scim-token" label={t("console.scimToken")} value={created.token} />
            <CopyField id="scim-url" label={t("console.scimUrl")} value={`${location.origin}/scim/v2`} />
          </div>
        ) : null}
      </section>
      <section class="card" aria-labelledby="scim-list-title">
        <h2 id="scim-list-title">{t("console.scimTokens")}</h2>
        {error ? (
          <EmptyState role="alert" title={error} action={<button type="button" class="btn btn-secondary" onClick={load}>{t("common.retry")}</button>} />
        ) : tokens === null ? (
          <Skeleton lines={3} />
        ) : tokens.length === 0 ? (
          <EmptyState icon="plug" title={t("console.scimNone")} />
        ) : (
          <TableScroll>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("console.name")}</th>
                  <th scope="col">{t("console.scimCreatedBy")}</th>
                  <th scope="col">{t("console.scimLastUsed")}</th>
                  <th scope="col">{t("console.status")}</th>
                  <th scope="col"><span class="visually-hidden">{t("console.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tok) => (
                  <tr key={tok.id}>
                    <td>{tok.name}</td>
                    <td>{tok.createdBy.name} · <RelativeTime at={tok.createdAt} /></td>
                    <td>{tok.lastUsedAt ? <RelativeTime at={tok.lastUsedAt} /> : <span class="muted">{t("console.never")}</span>}</td>
                    <td>{tok.revokedAt ? <Badge tone="warning">{t("console.revoked")}</Badge> : <Badge tone="success">{t("console.active")}</Badge>}</td>
                    <td>{tok.revokedAt ? null : <button type="button" class="btn btn-danger" onClick={() => revoke(tok)}>{t("console.scimRevoke")}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
