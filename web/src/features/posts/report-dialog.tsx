import { useState } from "preact/hooks";
import { api } from "../../api";
import { Field } from "../../components/field";
import { Modal } from "../../components/modal";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";

/** Reporting a post or comment to its group's moderators, with a reason (POST `<path>/report`). */
export function ReportDialog({ path, onClose }: { path: string; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError(t("report.reasonShort"));
      return;
    }
    setBusy(true);
    setError("");
    try {
      await api(`${path}/report`, { method: "POST", body: { reason: reason.trim() } });
      toast(t("report.sent"));
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal id="report" title={t("report.title")} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <p class="muted small">{t("report.intro")}</p>
        <Field id="report-reason" label={t("report.reason")} error={error}>
          <textarea id="report-reason" rows={4} maxLength={1000} value={reason} autoFocus onInput={(e) => setReason(e.currentTarget.value)} aria-invalid={error ? "true" : undefined} aria-describedby={error ? "report-reason-error" : undefined} />
        </Field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-danger" disabled={busy}>
            {busy ? t("common.sending") : t("report.send")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
