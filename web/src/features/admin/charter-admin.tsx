import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Charter, CharterVersionRow, Page } from "../../api-types";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { formatNumber, t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { charterRequired, loadSession } from "../../session";
import { TableScroll } from "../../components/table-scroll";

/** The charter's versions with their acceptances, and the form that publishes a new one. */
export function CharterAdmin() {
  const [rows, setRows] = useState<CharterVersionRow[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [listError, setListError] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const loadList = async (after: string | null) => {
    setListError("");
    try {
      const page = await api<Page<CharterVersionRow>>("/admin/charter", { query: { cursor: after, limit: 20 } });
      setRows((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setListError(errorText(err));
    }
  };

  useEffect(() => {
    void loadList(null);
    // The current text is the natural starting point for the next version.
    api<Charter>("/charter").then(
      (c) => setBody((b) => b || c.body),
      () => {
        // No charter yet: the administrator writes the first one.
      },
    );
  }, []);

  const publish = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t("charterAdmin.empty"));
      return;
    }
    const ok = await confirmAction({ title: t("charterAdmin.confirmTitle"), body: t("charterAdmin.confirmBody"), confirmLabel: t("charterAdmin.publish") });
    if (!ok) return;
    setBusy(true);
    setError("");
    try {
      const { version } = await api<{ version: number }>("/admin/charter", { body: { body } });
      toast(t("charterAdmin.published", { version }));
      // The publisher's own acceptance is the server's call: should it be pending, the session check shows the charter.
      await loadSession();
      if (!charterRequired.value) await loadList(null);
    } catch (err) {
      setError(err instanceof ApiError && err.fieldIssues.length ? err.fieldIssues.map((i) => i.message).join(" · ") : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack">
      <section class="card" aria-labelledby="charter-versions-title">
        <h2 id="charter-versions-title">{t("charterAdmin.versions")}</h2>
        {listError ? (
          <EmptyState role="alert" title={listError} action={<button type="button" class="btn btn-secondary" onClick={() => loadList(null)}>{t("common.retry")}</button>} />
        ) : rows === null ? (
          <Skeleton lines={3} />
        ) : rows.length === 0 ? (
          <EmptyState icon="admin" title={t("charterAdmin.none")}>{t("charterAdmin.noneBody")}</EmptyState>
        ) : (
          <TableScroll>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("charterAdmin.version")}</th>
                  <th scope="col">{t("charterAdmin.publishedAt")}</th>
                  <th scope="col">{t("charterAdmin.acceptances")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.version}>
                    <td>{formatNumber(row.version)}</td>
                    <td><RelativeTime at={row.publishedAt} /> <span class="visually-hidden">{formatDateTime(row.publishedAt)}</span></td>
                    <td>{formatNumber(row.acceptances)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {cursor ? <button type="button" class="btn btn-secondary" onClick={() => loadList(cursor)}>{t("people.loadMore")}</button> : null}
      </section>

      <form class="card form" onSubmit={publish} aria-labelledby="charter-new-title" noValidate>
        <h2 id="charter-new-title">{t("charterAdmin.newVersion")}</h2>
        <Field id="charter-body" label={t("charterAdmin.body")} hint={t("charterAdmin.bodyHint")} error={error}>
          <textarea id="charter-body" rows={14} value={body} onInput={(e) => setBody(e.currentTarget.value)} {...describedBy("charter-body", "hint", error)} />
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t("common.sending") : t("charterAdmin.publish")}
          </button>
        </div>
      </form>
    </div>
  );
}
