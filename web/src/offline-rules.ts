/**
 * What the service worker keeps for offline reading, shared by the worker (web/src/sw.ts) and the page
 * (web/src/offline.ts): the name of the cache and which API reads go in it.
 */

/** The cache of API reads; the page deletes it on sign-out and when another member signs in. */
export const API_CACHE = "comptoir-reads";
/** Set by the service worker on a kept answer: when it was fetched (ms since the epoch). */
export const FETCHED_AT = "X-Comptoir-Fetched-At";
/** Set on an answer served from the cache because the network could not be reached: when it was fetched. */
export const OFFLINE_HEADER = "X-Comptoir-Offline";

/**
 * The reads a member goes back to: who they are, the home feed, groups and their posts, post pages with their
 * comments, profiles, notifications. Never files, search, admin pages, or the API document.
 */
const READABLE = [/^\/api\/v1\/me$/, /^\/api\/v1\/feed$/, /^\/api\/v1\/groups(\/[^/]+(\/posts)?)?$/, /^\/api\/v1\/posts\/[^/]+(\/comments)?$/, /^\/api\/v1\/users\/[^/]+$/, /^\/api\/v1\/notifications$/];

export function isOfflineReadable(pathname: string): boolean {
  return READABLE.some((re) => re.test(pathname));
}
