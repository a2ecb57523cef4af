/**
 * No request waterfall on the first screen (issue 13, part 5): when the Worker serves the client's page for an address,
 * it names the API reads that screen starts with in a `Link: <…>; rel=preload; as=fetch; crossorigin` header, so the
 * browser asks for them while it fetches the code, not after the code has run. The browser hands the preloaded answer
 * to the client's own `fetch` only when the request is the same: the same URL (path and query, in the order
 * web/src/api.ts `withQuery` writes them), the same mode and credentials (`crossorigin` = cors, same-origin
 * credentials, which is `fetch`'s default and what api.ts asks) and the same headers (api.ts adds none to a GET).
 * Every URL below copies one of the client's calls: change them together.
 *
 * The preloaded answers are the member's own, fetched with their cookie into their page: nothing another member sees.
 * Without a session cookie only `/me` is named (the client asks it on every page, signed in or not).
 */

/** Ids as the network makes them (worker/lib/ids.ts): anything else in an address preloads nothing. */
const ID = /^[a-z]{3}_[0-9a-z]{26}$/;

/** GET /me: every page asks it first (web/src/session.ts `loadSession`). */
const ME = "/api/v1/me";

/**
 * The reads the screen at `pathname` (with `search`, the address's query string) starts with, besides `/me`:
 * - `/`: the feed's first page and my groups (features/home/home.tsx);
 * - `/groups/:id`: the group, and its newest posts when no sort or tag is asked (features/groups/group-page.tsx,
 *   group-posts.tsx);
 * - `/posts/:id`: the post and its first comments (features/posts/post-page.tsx, comments.tsx).
 * - `/coffee`: the office hours live now (features/office-hours/live-office-hours.tsx); the lobby's rooms come
 *   through its room's welcome frame, not a read.
 */
export function firstReads(pathname: string, search: string, signedIn: boolean): string[] {
  if (!signedIn) return [ME];
  if (pathname === "/") return [ME, "/api/v1/feed?limit=20", "/api/v1/groups?mine=1&limit=100"];
  if (pathname === "/coffee") return [ME, "/api/v1/office-hours?state=live&limit=50"];
  const group = /^\/groups\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (group && ID.test(group)) {
    const reads = [ME, `/api/v1/groups/${group}`];
    if (search === "") reads.push(`/api/v1/groups/${group}/posts?sort=new&limit=20`);
    return reads;
  }
  const post = /^\/posts\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (post && ID.test(post)) return [ME, `/api/v1/posts/${post}`, `/api/v1/posts/${post}/comments?limit=50`];
  return [ME];
}

/** The `Link` header that preloads `reads`. */
export function preloadLinkHeader(reads: string[]): string {
  return reads.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(", ");
}
