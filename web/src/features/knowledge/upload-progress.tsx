import { t } from "../../i18n";
import { formatBytes } from "../../i18n/format";

/** An upload under way: its file, a progress bar with the percentage, and Cancel. */
export function UploadProgress({ name, size, fraction, onCancel }: { name: string; size: number; fraction: number; onCancel: () => void }) {
  const percent = Math.round(fraction * 100);
  return (
    <div class="upload-progress" role="status">
      <span class="upload-progress-name">
        {name} <span class="muted small">{formatBytes(size)}</span>
      </span>
      <progress max={100} value={percent} aria-label={t("upload.progress", { name })} />
      <span class="upload-progress-percent">{t("library.percent", { percent })}</span>
      <button type="button" class="btn btn-secondary" onClick={onCancel}>
        {t("library.cancelUpload")}
      </button>
    </div>
  );
}
