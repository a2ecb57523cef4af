/// <reference lib="webworker" />
/**
 * The service worker: the app shell precached (so the client opens without a network), and the member's recent API
 * reads kept so that what they saw stays readable offline. Reads go to the network first; only when it cannot be
 * reached does the last answer come from the cache, marked with the time it was fetched (`X-Comptoir-Offline`), which
 * the client shows in its offline banner. Writes are never cached. The client empties the read cache on sign-out and
 * when another member signs in (web/src/offline.ts), so nothing private outlives the session that fetched it.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { API_CACHE, FETCHED_AT, OFFLINE_HEADER, isOfflineReadable } from "./offline-rules";

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Client routes open the precached shell; the API, the rooms and the docs are never answered by it.
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//, /^\/parties\//] }));

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && isOfflineReadable(url.pathname),
  async ({ request }) => {
    const cache = await caches.open(API_CACHE);
    try {
      const answer = await fetch(request);
      if (answer.status === 200) {
        const copy = answer.clone();
        const headers = new Headers(copy.headers);
        headers.set(FETCHED_AT, String(Date.now()));
        await cache.put(request, new Response(await copy.blob(), { status: 200, headers }));
      }
      return answer;
    } catch (err) {
      const kept = await cache.match(request);
      if (!kept) throw err;
      const headers = new Headers(kept.headers);
      headers.set(OFFLINE_HEADER, kept.headers.get(FETCHED_AT) ?? "0");
      return new Response(kept.body, { status: 200, headers });
    }
  },
);

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/**
 * Web push (issue 14, item 2): the Worker sends `{title, body, url}` (contract/push.ts), encrypted for this browser; it
 * is shown at once (every push must show a notification). Notifications about the same page replace each other (their
 * tag is the page), so a busy thread shows one entry, renewed. A click opens the page, in a window of the app already
 * open when there is one.
 */
type PushMessage = { title?: unknown; body?: unknown; url?: unknown };

/** A path of this app, or "/": a push never sends the browser elsewhere. */
function pagePath(url: unknown): string {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) return "/";
  const target = new URL(url, self.location.origin);
  return target.origin === self.location.origin ? `${target.pathname}${target.search}${target.hash}` : "/";
}

self.addEventListener("push", (event) => {
  let message: PushMessage = {};
  try {
    message = (event.data?.json() as PushMessage) ?? {};
  } catch {
    message = {};
  }
  const url = pagePath(message.url);
  event.waitUntil(
    self.registration.showNotification(typeof message.title === "string" && message.title ? message.title : "Comptoir", {
      body: typeof message.body === "string" ? message.body : "",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      tag: url,
      data: { url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(pagePath((event.notification.data as { url?: unknown } | null)?.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        await (focused ?? open).navigate(url).catch(() => self.clients.openWindow(url));
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
