import { t } from "../i18n";

/** Grey lines standing in for content while it loads. */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div class="skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">{t("common.loading")}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} class="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}
