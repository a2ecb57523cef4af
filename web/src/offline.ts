import { signal } from "@preact/signals";
import { API_CACHE, OFFLINE_HEADER } from "./offline-rules";

/**
 * The page's side of offline reading (the service worker is web/src/sw.ts): registers the worker, tells the shell
 * when what it shows came from the cache, and empties the cache of API reads whenever it could hold someone else's
 * data (sign-out, or another member signing in on this browser).
 */

/** When the answers shown were fetched, while the network cannot be reached; null when online. */
export const offlineSince = signal<number | null>(null);

const OWNER_KEY = "comptoir.cacheOwner";

/** Notes where an API answer came from: the cache (offline, with its time) or the network (online again). */
export function noteAnswer(res: Response) {
  const kept = res.headers.get(OFFLINE_HEADER);
  if (kept !== null) {
    const at = Number(kept);
    offlineSince.value = Math.min(offlineSince.value ?? Infinity, Number.isFinite(at) && at > 0 ? at : Date.now());
  } else if (offlineSince.value !== null) {
    offlineSince.value = null;
  }
}

/** Registers the service worker (production builds only: the dev server has none). */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((err) => console.warn("service worker", err));
  });
  window.addEventListener("online", () => {
    offlineSince.value = null;
  });
}

/** Empties the kept API reads. */
export async function forgetKeptReads() {
  try {
    localStorage.removeItem(OWNER_KEY);
    if ("caches" in window) await caches.delete(API_CACHE);
  } catch {
    // Storage can be unavailable (private windows): then nothing was kept either.
  }
}

/** Keeps the API reads only for the member now signed in: another member's are deleted first. */
export async function keepReadsFor(memberId: string) {
  try {
    const owner = localStorage.getItem(OWNER_KEY);
    if (owner !== memberId) {
      if (owner !== null && "caches" in window) await caches.delete(API_CACHE);
      localStorage.setItem(OWNER_KEY, memberId);
    }
  } catch {
    // As above.
  }
}
