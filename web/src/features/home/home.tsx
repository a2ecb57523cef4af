import { lazy } from "preact-iso";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { plainExcerpt } from "../../../../contract/excerpt";
import { api } from "../../api";
import type { FeedItem, FeedPage, Group, Page, Post } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { LocalTime } from "../../components/local-time";
import { usePageTitle } from "../../components/page-title";
import { usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { feedNews, feedNewsMark, userRoomReload, type FeedNews } from "../../live/user-live";
import { me } from "../../session";
import { unreadGroupIds } from "../groups/unread";
import { onPostSent, outbox } from "../posts/outbox";
import { groupHref, postHref, Receipts } from "../posts/post-card";
import { PostList } from "../posts/post-list";

const loadComposer = () => import("../posts/composer").then((m) => m.Composer);
const Composer = lazy(loadComposer);
/** The rail's campaigns card: its own chunk, so that the first page does not carry the ideas feature's code. */
const ClosingCampaigns = lazy(() => import("../ideas/closing-soon").then((m) => m.ClosingCampaigns));
/** Whether the rail's campaigns card's code came (once per page load): a later visit (Back) draws the rail at once. */
let railHere = false;

/** How many unread must-read announcements the home shows at first; the others are behind "n more". */
const ANNOUNCEMENTS_SHOWN = 2;

/** An announcement's line in the stack: its title, else its first paragraph as plain text (the CSS shows two lines). */
function announcementLine(post: Post): string {
  return post.title.trim() || plainExcerpt(post.body.split(/\n\s*\n/).find((p) => p.trim()) ?? "", 300);
}

/**
 * A must-read announcement I have not read, pinned above the feed until I mark it read: compact (who, where, its title
 * or first line, the receipts and "Mark as read"); the whole post is one tap away on its page.
 */
function AnnouncementCard({ post, onRead }: { post: Post; onRead: (id: string) => void }) {
  return (
    <article class="card announcement" aria-labelledby={`ann-${post.id}`}>
      <p id={`ann-${post.id}`} class="announcement-head">
        <Icon name="pin" size={18} />
        <span>{t("home.mustRead", { group: post.group.name, name: post.author.name })}</span>
        <a href={postHref(post.id)} class="small">
          {t("home.openPost")}
        </a>
      </p>
      <p class="announcement-line">{announcementLine(post)}</p>
      <Receipts post={post} onRead={() => onRead(post.id)} />
    </article>
  );
}

/**
 * The unread must-read announcements as a stack: the first ANNOUNCEMENTS_SHOWN, then the others behind "n more" (each
 * still shown and marked read one by one). A small first draw: five full posts were most of the home's first layout.
 */
function Announcements({ list, onRead }: { list: Post[]; onRead: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const shown = open ? list : list.slice(0, ANNOUNCEMENTS_SHOWN);
  const more = list.length - shown.length;
  const stack = useRef<HTMLElement>(null);
  const show = () => {
    setOpen(true);
    // The button goes: the keyboard goes on to the first announcement it showed ("Open").
    requestAnimationFrame(() => stack.current?.querySelectorAll<HTMLElement>(".announcement-head a")[ANNOUNCEMENTS_SHOWN]?.focus());
  };
  return (
    <section ref={stack} class="stack announcements" aria-label={t("home.announcements")}>
      {shown.map((a) => (
        <AnnouncementCard key={a.id} post={a} onRead={onRead} />
      ))}
      {more > 0 ? (
        <button type="button" class="btn btn-quiet announcements-more" onClick={show}>
          {t("home.moreAnnouncements", { count: more })}
        </button>
      ) : null}
    </section>
  );
}

/** The right rail (below the feed on a phone): my groups, the campaigns closing soon. */
function RightRail({ groups }: { groups: Group[] | null }) {
  const unread = unreadGroupIds.value;
  return (
    <aside class="rail" aria-label={t("home.rail")}>
      <section class="card rail-card" aria-labelledby="rail-groups">
        <h2 id="rail-groups">{t("home.yourGroups")}</h2>
        {groups === null ? (
          <Skeleton lines={3} />
        ) : groups.length === 0 ? (
          <EmptyState title={t("home.noGroups")} action={<a class="btn btn-secondary" href="/groups">{t("home.findGroups")}</a>} />
        ) : (
          <ul class="rail-list">
            {groups.map((g) => (
              <li key={g.id}>
                <a href={groupHref(g.id)} class="rail-link">
                  <span class="group-swatch" style={{ background: g.coverColor }} aria-hidden="true" />
                  <span class="rail-name">{g.name}</span>
                  {unread.has(g.id) ? <span class="unread-dot" role="img" aria-label={t("groups.unread")} /> : null}
                </a>
              </li>
            ))}
          </ul>
        )}
        <a class="btn btn-quiet" href="/groups">
          {t("home.allGroups")}
        </a>
      </section>
      <ClosingCampaigns />
    </aside>
  );
}

/** The time a post id was made (its first 10 characters after the prefix: milliseconds, Crockford base32). */
function idTime(id: string): number {
  let ms = 0;
  for (const c of id.slice(4, 14)) ms = ms * 32 + "0123456789abcdefghjkmnpqrstvwxyz".indexOf(c);
  return ms;
}

/**
 * The news the banner offers: everything announced live, and of a first connection's backlog only the posts written
 * after the feed on screen was read (`readAt`, the server's time of its first page; a post's id tells when it was
 * written). Not "newer than the newest post on screen": a post's place in the feed is its time, which may be older than
 * its id (the demo's questions moved to their days), and the backlog also names posts hidden or deleted since.
 * Nothing replayed before the feed is on screen (its first page answers it).
 */
function newsFor(news: FeedNews[], readAt: number | null): string[] {
  return news.filter((n) => !n.replayed || (readAt !== null && idTime(n.postId) >= readAt)).map((n) => n.postId);
}

/** Each first page with the news mark of when it was asked (feedNewsMark); a page kept for a Back keeps its mark. */
const marks = new WeakMap<FeedPage, number>();
/** Each first page's time of reading, from its answer's X-Request-Time (the server's clock, in ms): see newsFor. */
const readTimes = new WeakMap<FeedPage, number>();
/** Each member's groups as last fetched: a Back to the feed draws the composer at once, where it was (nothing moves). */
const groupsOf = new Map<string | undefined, Group[]>();
/** Whether the composer's code came (once per page load): a later visit (Back) draws at once. */
let partsHere = false;

/** `/`: the home feed — must-read announcements on top, then posts from my groups and follows, live. */
export function Home() {
  usePageTitle(t("nav.home"));
  const user = me.value;
  const [announcements, setAnnouncements] = useState<Post[]>([]);
  const [groups, setGroups] = useState<Group[] | null>(groupsOf.get(user?.id) ?? null);
  const [composerHere, setComposerHere] = useState(partsHere);
  const [readAt, setReadAt] = useState<number | null>(null);
  /** The same function every render: an announcement card whose post has not changed is not drawn again with Home. */
  const dismissAnnouncement = useCallback((id: string) => setAnnouncements((list) => list.filter((x) => x.id !== id)), []);
  const fetchFeed = (cursor: string | null, signal?: AbortSignal) => {
    const mark = feedNewsMark();
    let readAt = NaN;
    const headers = (h: Headers) => {
      // When the server began to read it (worker/middleware/request-context.ts), on the clock its ids are made with.
      readAt = Number(h.get("X-Request-Time") ?? NaN);
    };
    return api<FeedPage>("/feed", { query: { cursor, limit: 20 }, signal, headers }).then((page) => {
      if (cursor === null) marks.set(page, mark);
      if (cursor === null && !Number.isNaN(readAt)) readTimes.set(page, readAt);
      return page;
    });
  };
  /**
   * A fresh first page also brings the announcements and unread groups, and answers the news announced before it was
   * asked, and any it shows. News that came while it was on its way, about a post it does not show, stays: the post
   * was written after the page was read.
   */
  const takeFirstPage = (first: FeedPage) => {
    setAnnouncements(first.unreadAnnouncements);
    setReadAt(readTimes.get(first) ?? null);
    unreadGroupIds.value = new Set(first.unreadGroups.map((g) => g.id));
    const mark = marks.get(first) ?? Infinity;
    const shown = new Set(first.items.map((i) => i.id));
    feedNews.value = feedNews.value.filter((n) => n.n > mark && !shown.has(n.postId));
  };
  const feed = usePaged<FeedItem, FeedPage>("feed", fetchFeed, takeFirstPage);

  useEffect(() => {
    // The composer's code comes while my groups are fetched, so it is there when they are (a lazy part still loading
    // when it is drawn would hold the whole screen back).
    const here = () => {
      partsHere = true;
      setComposerHere(true);
    };
    Composer.preload().then(here, here);
    api<Page<Group>>("/groups", { query: { mine: "1", limit: 100 } }).then(
      (page) => {
        const mine = page.items.filter((g) => g.membership?.state === "member");
        groupsOf.set(user?.id, mine);
        setGroups(mine);
      },
      () => setGroups([]),
    );
  }, []);

  // My own posts, once the server has them, go to the top (the feed's "new posts" are other people's).
  useEffect(
    () =>
      onPostSent((post) => {
        feed.update((items) => [{ ...post, unread: false }, ...items.filter((i) => i.id !== post.id)]);
      }),
    [],
  );

  const settled = groups !== null && composerHere && feed.state.status !== "loading";

  // The rail (below the feed on a phone) is drawn after the first screen is painted, in a task of its own, once its
  // campaigns card's code is here (a lazy part still loading when drawn would hold the screen back): the first draw
  // does not lay it out. A later visit (Back) draws it with the feed.
  const [railNow, setRailNow] = useState(railHere);
  useEffect(() => {
    if (!settled || railNow) return;
    let live = true;
    const draw = () => {
      railHere = true;
      if (live) setRailNow(true);
    };
    requestAnimationFrame(() => setTimeout(() => ClosingCampaigns.preload().then(draw, draw)));
    return () => {
      live = false;
    };
  }, [settled]);

  // The room said we missed too much: start again from the first page.
  const reloads = userRoomReload.value;
  const firstReload = useRef(reloads);
  useEffect(() => {
    if (reloads !== firstReload.current) feed.reload();
  }, [reloads]);

  return (
    <div class="with-rail">
      <section class="page feed-page">
        {user ? (
          <header class="feed-greeting">
            <h1>{t("home.welcome", { name: user.name })}</h1>
            <p class="muted small">
              <LocalTime timezone={user.timezone} city={user.location} />
            </p>
          </header>
        ) : null}

        {/* Nothing moves once drawn: the announcements (with the feed's first page), the composer (with my groups and
            its code) and the rail (below the feed on a phone) come on screen together, the skeleton standing in. */}
        {!settled ? (
          <div class="card">
            <Skeleton lines={6} />
          </div>
        ) : (
          <>
            {announcements.length ? <Announcements list={announcements} onRead={dismissAnnouncement} /> : null}

            {groups && groups.some((g) => g.can.post) ? <Composer groups={groups} /> : null}

            {/* The feed's heading, for the page's outline (the cards' titles are h3): read, not shown. */}
            <h2 class="visually-hidden">{t("home.feed")}</h2>
            <PostList
              posts={feed}
              fetchPage={fetchFeed}
              label={t("home.feed")}
              pending={outbox.value}
              showGroup
              news={newsFor(feedNews.value, feed.state.status === "ready" ? readAt : null)}
              onNewsTaken={takeFirstPage}
              empty={
                <EmptyState icon="groups" title={t("home.empty")} action={<a class="btn btn-primary" href="/groups">{t("home.findGroups")}</a>}>
                  {t("home.emptyBody")}
                </EmptyState>
              }
            />
          </>
        )}
      </section>
      {settled && railNow ? <RightRail groups={groups} /> : null}
    </div>
  );
}
