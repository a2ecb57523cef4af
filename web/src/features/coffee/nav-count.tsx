import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../../i18n";
import { mayUseCoffee } from "../../session";
import "./nav-count.css";

/** How many people are in coffee rooms now, fed by the lobby store once it has loaded. */
const count = signal(0);

/**
 * The number beside "Coffee" in the navigation (DESIGN.md). The lobby's socket and partysocket load after the first
 * page is up, in their own chunk, so the first page stays within its budget. Guests never see the coffee machine.
 */
export function CoffeeNavCount() {
  const guest = !mayUseCoffee.value;

  useEffect(() => {
    if (guest) return;
    let gone = false;
    let release: (() => void) | undefined;
    let unwatch: (() => void) | undefined;
    const start = () => {
      void import("./lobby-store").then(
        (lobby) => {
          if (gone) return;
          release = lobby.holdLobby();
          unwatch = lobby.peopleInRooms.subscribe((n) => {
            count.value = n;
          });
        },
        () => {
          // Without the chunk (offline, a new deployment) the navigation simply shows no number.
        },
      );
    };
    const idle = typeof requestIdleCallback === "function";
    const handle = idle ? requestIdleCallback(start, { timeout: 3000 }) : window.setTimeout(start, 1000);
    return () => {
      gone = true;
      if (idle) cancelIdleCallback(handle);
      else clearTimeout(handle);
      unwatch?.();
      release?.();
      count.value = 0;
    };
  }, [guest]);

  const n = count.value;
  if (guest || n === 0) return null;
  return (
    <>
      <span class="coffee-nav-count" aria-hidden="true">
        {n}
      </span>
      <span class="visually-hidden">{t("coffee.navCount", { count: n })}</span>
    </>
  );
}
