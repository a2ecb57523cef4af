import { t } from "../i18n";
import { formatClock, isTimeZone, minuteTick } from "../i18n/format";

/** "14:05 in Singapore": the member's time now, kept current each minute. */
export function LocalTime({ timezone, city }: { timezone: string; city?: string }) {
  if (!timezone || !isTimeZone(timezone)) return null;
  const time = formatClock(minuteTick.value, timezone);
  return <span class="local-time">{city ? t("time.localIn", { time, city }) : t("time.local", { time })}</span>;
}
