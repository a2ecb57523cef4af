import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Charter } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { charterRequired, me, signOut } from "../../session";
import { AcceptCheckbox, CharterText } from "./charter-text";
import { PublicPage } from "./public-page";

/** Shown instead of the app while the current charter waits for this member's acceptance. */
export function CharterGate() {
  usePageTitle(t("gate.title"));
  const [charter, setCharter] = useState<Charter | null>(null);
  const [loadError, setLoadError] = useState("");
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setLoadError("");
    try {
      setCharter(await api<Charter>("/charter"));
    } catch (err) {
      setLoadError(errorText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const accept = async () => {
    if (!charter) return;
    setBusy(true);
    setError("");
    try {
      await api("/charter/accept", { body: { version: charter.version } });
      charterRequired.value = false;
      toast(t("gate.thanks"));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        setAccepted(false);
        setError(t("gate.changed"));
        await load();
      } else {
        setError(errorText(err));
      }
    }
  };

  return (
    <PublicPage wide>
      <h1>{t("gate.title")}</h1>
      <p class="muted">{t("gate.intro", { name: me.value?.name ?? "" })}</p>
      {loadError ? (
        <EmptyState role="alert" title={loadError} action={<button type="button" class="btn btn-secondary" onClick={load}>{t("common.retry")}</button>} />
      ) : !charter ? (
        <Skeleton lines={6} />
      ) : (
        <div class="stack">
          <CharterText charter={charter} />
          {error ? (
            <p class="alert alert-danger" role="alert">
              {error}
            </p>
          ) : null}
          <AcceptCheckbox checked={accepted} onChange={setAccepted} />
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={!accepted || busy} onClick={accept}>
              {t("gate.submit")}
            </button>
            <button type="button" class="btn btn-quiet" onClick={() => signOut().catch(() => {})}>
              {t("menu.signOut")}
            </button>
          </div>
        </div>
      )}
    </PublicPage>
  );
}
