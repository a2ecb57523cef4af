import type { Campaign } from "../../api-types";
import { t } from "../../i18n";
import { formatRelative } from "../../i18n/format";

/** A campaign's page. */
export const campaignHref = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

/** "Closes in 6 days" / "Opens in 2 h" / "Closed 3 days ago", with the exact time in the reader's zone beside it. */
export function campaignWhen(c: Pick<Campaign, "state" | "startsAt" | "endsAt">): string {
  if (c.state === "scheduled") return t("ideas.opensIn", { when: formatRelative(c.startsAt) });
  if (c.state === "open") return t("ideas.closesIn", { when: formatRelative(c.endsAt) });
  return t("ideas.closedAgo", { when: formatRelative(c.endsAt) });
}
