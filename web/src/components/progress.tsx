import { ApiError, isAbort } from "../api";
import { t } from "../i18n";
import { errorText } from "../i18n/error-text";
import { formatBytes } from "../i18n/format";
import { Icon } from "./icons";
import "./progress.css";

/**
 * A long operation under way (an upload, a download, a batch): what it is, a <progress> named after it (no value while
 * the length is unknown: the browser shows it indeterminate), how far it got, and Cancel when it can be stopped.
 */
export function OperationProgress({ label, fraction, detail, onCancel, cancelLabel }: { label: string; fraction: number | null; detail?: string; onCancel?: () => void; cancelLabel?: string }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div class="op-progress upload-progress">
      <span class="op-progress-label">
        {label}
        {detail ? <span class="muted small"> {detail}</span> : null}
      </span>
      <span class="op-progress-bar">
        {percent === null ? <progress aria-label={label} /> : <progress max={100} value={percent} aria-label={label} />}
        {percent === null ? null : <span class="op-progress-percent upload-progress-percent">{t("upload.percent", { percent })}</span>}
      </span>
      {onCancel ? (
        <button type="button" class="btn btn-secondary op-progress-cancel" aria-label={cancelLabel ?? t("upload.cancel")} onClick={onCancel}>
          {t("upload.cancel")}
        </button>
      ) : null}
    </div>
  );
}

/** An upload of a file: its name and size, the progress, Cancel. */
export function UploadProgress({ name, size, fraction, onCancel }: { name: string; size: number; fraction: number; onCancel: () => void }) {
  return <OperationProgress label={t("upload.progress", { name })} detail={formatBytes(size)} fraction={fraction} onCancel={onCancel} cancelLabel={t("upload.cancelNamed", { name })} />;
}

/**
 * Where a progress shows: its height is kept whether or not something runs, so nothing below moves when it appears
 * (DESIGN.md: no layout shift). `status` is read out by screen readers as the operation starts; how it ended is a toast.
 */
export function ProgressSlot({ children, status }: { children?: preact.ComponentChildren; status?: string }) {
  return (
    <div class="progress-slot">
      {children}
      <span class="visually-hidden" role="status">
        {status ?? ""}
      </span>
    </div>
  );
}

/** What went wrong with an upload, and what to do next, in the member's language. `image`: a photo or a cover (2 MB). */
export function uploadErrorText(err: unknown, limits: { maxMb: number; image?: boolean }): string {
  if (isAbort(err)) return t("upload.cancelled");
  if (err instanceof ApiError) {
    if (err.status === 413 || err.code === "too_large") return t(limits.image ? "upload.imageTooLarge" : "upload.tooLargeNext", { size: limits.maxMb });
    if (err.status === 415 || err.code === "unsupported_media_type") return t(limits.image ? "upload.imageWrongType" : "upload.wrongTypeNext");
    if (err.code === "network") return t("upload.networkLost");
  }
  return errorText(err);
}

export type FileUploadState = { key: number; name: string; size: number; progress: number; status: "uploading" | "done" | "failed"; error?: string; abort?: () => void };

/**
 * A composer's attachments: each one uploading shows its progress and Cancel; each one sent shows "Ready" and Remove;
 * a refused one says why and what to do. `onRemove` drops it from the list (after aborting it when under way).
 */
export function UploadList({ files, label, onRemove }: { files: FileUploadState[]; label: string; onRemove: (key: number) => void }) {
  if (!files.length) return null;
  return (
    <ul class="upload-list" aria-label={label}>
      {files.map((f) => (
        <li key={f.key} class={`upload-item upload-${f.status}`}>
          {f.status === "uploading" ? (
            <span class="upload-item-progress">
              <UploadProgress name={f.name} size={f.size} fraction={f.progress} onCancel={() => f.abort?.()} />
            </span>
          ) : (
            <>
              <Icon name="file" size={18} />
              <span class="upload-name">{f.name}</span>
              <span class="muted small">{formatBytes(f.size)}</span>
              {f.status === "done" ? <span class="badge badge-success">{t("upload.ready")}</span> : null}
              <button type="button" class="btn btn-quiet btn-icon" aria-label={t("upload.remove", { name: f.name })} onClick={() => onRemove(f.key)}>
                <Icon name="close" size={16} />
              </button>
            </>
          )}
          {f.error ? (
            <p class="field-error upload-error" role="alert">
              {f.error}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
