import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { Campaign, Page } from "../../api-types";
import { t } from "../../i18n";
import { campaignHref, campaignWhen } from "./campaign-when";

/** Open campaigns shown at most: the rail points to what invites action, not to a list. */
const SHOWN = 3;

/**
 * The home rail's "Campaigns closing soon": the open calls for ideas I may take part in, the nearest end first. Nothing
 * at all while none is open (the rail stays short).
 */
export function ClosingCampaigns() {
  const [items, setItems] = useState<Campaign[]>([]);
  useEffect(() => {
    let live = true;
    // Read once the feed beside it is drawn (idle, 1 s at most): the card only adds to the end of the rail, and a read
    // started with the feed's first cards was one more request before the home's first paint (issue 13, part 5).
    const read = () =>
      api<Page<Campaign>>("/campaigns", { query: { state: "open", limit: 20 } }).then(
        (page) => live && setItems(page.items.filter((c) => c.can.post).sort((a, b) => a.endsAt - b.endsAt).slice(0, SHOWN)),
        () => {},
      );
    const idle = typeof requestIdleCallback === "function";
    const handle = idle ? requestIdleCallback(read, { timeout: 1000 }) : window.setTimeout(read, 300);
    return () => {
      live = false;
      if (idle) cancelIdleCallback(handle);
      else clearTimeout(handle);
    };
  }, []);
  if (!items.length) return null;
  return (
    <section class="card rail-card" aria-labelledby="rail-campaigns">
      <h2 id="rail-campaigns">{t("home.closingCampaigns")}</h2>
      <ul class="rail-list">
        {items.map((c) => (
          <li key={c.id}>
            <a href={campaignHref(c.id)} class="rail-link rail-link-stacked">
              <span class="rail-name">{c.title}</span>
              <span class="muted small">{campaignWhen(c)}</span>
            </a>
          </li>
        ))}
      </ul>
      <a class="btn btn-quiet" href="/ideas">
        {t("home.allCampaigns")}
      </a>
    </section>
  );
}
