import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { OfficeHourCard } from "./group-office-hours";
import { useOfficeHours } from "./shared";
import "./office-hours.css";

/**
 * The coffee lobby's "Live office hours": sessions live now in open groups only (a private group's session stays on
 * its group's page, even for its members), each linking to its room. Read again every two minutes.
 */
export function LiveOfficeHours() {
  const [key, setKey] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setKey((k) => k + 1), 2 * 60_000);
    return () => clearInterval(timer);
  }, []);
  const state = useOfficeHours({ state: "live" }, key);
  const items = state.status === "ready" ? state.items.filter((oh) => oh.groupVisibility === "open") : [];
  return (
    <section class="card live-office-hours" aria-labelledby="live-office-hours-title">
      <h2 id="live-office-hours-title">{t("officeHours.coffeeTitle")}</h2>
      {state.status === "loading" ? (
        <p class="muted small">{t("common.loading")}</p>
      ) : state.status === "error" ? (
        <p class="alert alert-danger" role="alert">
          {state.message}
        </p>
      ) : items.length === 0 ? (
        <p class="muted small">{t("officeHours.coffeeEmpty")}</p>
      ) : (
        <ul class="office-hour-list" aria-labelledby="live-office-hours-title">
          {items.map((oh) => (
            <OfficeHourCard key={oh.id} oh={oh} showGroup />
          ))}
        </ul>
      )}
    </section>
  );
}
