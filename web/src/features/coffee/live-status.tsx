import { t } from "../../i18n";
import type { SocketStatus } from "./coffee-socket";

/** Whether what is on screen is live: a quiet dot when it is, words when it is not. */
export function LiveStatus({ status }: { status: SocketStatus }) {
  if (status === "closed") return null;
  return (
    <span class={`coffee-status coffee-status-${status}`} role="status">
      <span class="coffee-status-dot" aria-hidden="true" />
      {status === "live" ? t("coffee.live") : status === "connecting" ? t("coffee.connecting") : t("coffee.reconnecting")}
    </span>
  );
}
