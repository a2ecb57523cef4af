import type { ComponentChildren } from "preact";
import { lazy } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Page, Post } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { LoadMore, type Paged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import type { PendingPost } from "./outbox";
import { PostCard } from "./post-card";
import { mergeOnTop, useReadingAnchor } from "./reading-anchor";

/** My post on its way: its own chunk, which the composer loads as it comes (so a post sent shows at once). */
export const PendingPostCard = lazy(() => import("./pending-post-card").then((m) => m.PendingPostCard));

/**
 * A list that arrives draws its first cards in the frame that shows it (one on a phone), then the rest one per
 * task once that frame is painted: the first screen does not wait for 20 cards' rendering and layout, and no task is
 * long (a card is 30–40 ms on a phone-speed CPU, three were 100–120 ms: every task over 50 ms counts against the page's
 * blocking time). Below the screen, nothing visible moves. A list already there when the screen opens (Back) draws
 * whole, so the reader's place is restored exactly.
 */
const FIRST_CARDS = 3;
/**
 * On a phone, one: above the list a phone shows the greeting, the must-read announcements and the composer (the home
 * feed), or the group's head and its composer, so the first card is at the bottom of the screen or below it.
 */
const firstCards = () => (typeof matchMedia === "function" && matchMedia("(max-width: 719.98px)").matches ? 1 : FIRST_CARDS);
const CARDS_PER_TASK = 1;

/** What `usePaged` gives for a list of posts. */
type PostPages<T> = { state: Paged<T>; loadMore: () => void; reload: () => void; update: (fn: (items: T[]) => T[]) => void; restored: boolean };

/**
 * A live list of posts, as the home feed and a group show it: the "N new posts" banner (taken in without moving what
 * the reader is reading), my posts still being sent on top, then the cards with their loading, error and empty states
 * and "Load more". Items marked `unread` (the feed's) carry the unread mark.
 */
export function PostList<T extends Post & { unread?: boolean }, P extends Page<T>>({
  posts,
  fetchPage,
  label,
  pending,
  showGroup,
  news,
  onNewsTaken,
  empty,
}: {
  posts: PostPages<T>;
  /** The list's page fetcher, as given to `usePaged`: the first page is fetched again when the news is taken in. */
  fetchPage: (cursor: null, signal?: AbortSignal) => Promise<P>;
  /** The list's accessible name. */
  label: string;
  /** My posts on their way to this list (the outbox, filtered by the caller). */
  pending: PendingPost[];
  showGroup?: boolean;
  /** Ids of posts announced live as new; those not shown yet make the banner. */
  news: string[];
  /** Called with that fresh first page once its new posts are in the list. */
  onNewsTaken: (firstPage: P) => void;
  /** What an empty list shows (an `EmptyState` with the action that fills it). */
  empty: ComponentChildren;
}) {
  const [taking, setTaking] = useState(false);
  const [announce, setAnnounce] = useState("");
  const reading = useReadingAnchor();
  const items = posts.state.status === "ready" ? posts.state.items : [];
  const fresh = news.filter((id) => !items.some((i) => i.id === id));
  const [drawn, setDrawn] = useState(posts.restored ? Infinity : firstCards);
  const ready = posts.state.status === "ready";
  useEffect(() => {
    if (!ready || drawn === Infinity) return;
    if (drawn >= items.length) return setDrawn(Infinity);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn((n) => n + CARDS_PER_TASK));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, drawn, items.length]);

  const takeNews = async () => {
    setTaking(true);
    try {
      const page = await fetchPage(null);
      reading.capture();
      const { added } = mergeOnTop(items, page.items);
      posts.update((current) => mergeOnTop(current, page.items).items);
      onNewsTaken(page);
      setAnnounce(t("home.newAdded", { count: added }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setTaking(false);
    }
  };

  // One `onChange` per post for the list's life: a card whose post has not changed gets the same props again, so
  // Preact skips it (@preact/signals' shouldComponentUpdate compares the props of components that read signals).
  // A new function each render had every card drawn so far diffed again for every 3 cards drawn after it.
  const latestUpdate = useRef(posts.update);
  latestUpdate.current = posts.update;
  const changers = useRef(new Map<string, (fn: (p: Post) => Post) => void>()).current;
  const update = (id: string) => {
    let change = changers.get(id);
    if (!change) {
      change = (fn) => latestUpdate.current((list) => list.map((i) => (i.id === id ? { ...i, ...fn(i) } : i)));
      changers.set(id, change);
    }
    return change;
  };

  return (
    <>
      {/* Always there, its own strip (global.css): news coming moves nothing and covers no link. */}
      <div class="news-banner">
        {fresh.length ? (
          <button type="button" class="btn btn-primary news-button" onClick={takeNews} disabled={taking}>
            <Icon name="arrowUp" size={18} />
            <span>{t("home.newPosts", { count: fresh.length })}</span>
          </button>
        ) : null}
      </div>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      {posts.state.status === "loading" ? (
        <div class="card">
          <Skeleton lines={6} />
        </div>
      ) : posts.state.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={posts.state.message} action={<button type="button" class="btn btn-secondary" onClick={posts.reload}>{t("common.retry")}</button>} />
        </div>
      ) : (
        <>
          <ul class="feed-list" ref={reading.list} aria-label={label} aria-busy={drawn < items.length ? "true" : undefined}>
            {pending.map((p) => (
              <li key={p.tempId}>
                <PendingPostCard pending={p} showGroup={showGroup} />
              </li>
            ))}
            {(drawn < items.length ? items.slice(0, drawn) : items).map((item) => (
              <li key={item.id} data-anchor={item.id}>
                <PostCard post={item} onChange={update(item.id)} showGroup={showGroup} unread={item.unread} />
              </li>
            ))}
          </ul>
          {items.length === 0 && pending.length === 0 ? <div class="card">{empty}</div> : null}
          {drawn === Infinity ? <LoadMore state={posts.state} onLoad={posts.loadMore} /> : null}
        </>
      )}
    </>
  );
}
