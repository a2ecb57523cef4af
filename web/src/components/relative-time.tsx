import { formatDateTime, formatRelative } from "../i18n/format";

/** "3 min ago", with the exact date and time in the reader's time zone on hover. */
export function RelativeTime({ at }: { at: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}
