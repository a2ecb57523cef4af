import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api";
import type { Attachment, Post, PostKind } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { Badge } from "../../components/badge";
import { Icon } from "../../components/icons";
import { RelativeTime } from "../../components/relative-time";
import { SafeHtml } from "../../components/safe-html";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatBytes, formatDateTime, minuteTick } from "../../i18n/format";
import { ReactionBar, type ReactionState } from "./reactions";
import "./posts.css";

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const KIND_BADGE: Partial<Record<PostKind, MessageKey>> = {
  announcement: "kind.announcement",
  link: "kind.link",
  question: "kind.question",
  idea: "kind.idea",
  event: "kind.event",
};

export const postHref = (id: string) => `/posts/${encodeURIComponent(id)}`;
export const groupHref = (id: string) => `/groups/${encodeURIComponent(id)}`;

/** Images inline (the four types the server serves inline), everything else as a download link. */
export function Attachments({ items }: { items: Attachment[] }) {
  if (!items.length) return null;
  const images = items.filter((a) => INLINE_IMAGES.has(a.type));
  const others = items.filter((a) => !INLINE_IMAGES.has(a.type));
  return (
    <div class="attachments">
      {images.map((a) => (
        <a key={a.id} class="attachment-image" href={a.url} target="_blank" rel="noopener">
          <img src={a.url} alt={a.name} loading="lazy" decoding="async" />
        </a>
      ))}
      {others.length ? (
        <ul class="attachment-files" aria-label={t("post.files")}>
          {others.map((a) => (
            <li key={a.id}>
              <a class="attachment-file" href={a.url} download={a.name}>
                <Icon name="file" size={18} />
                <span class="attachment-name">{a.name}</span>
                <span class="muted small">{formatBytes(a.size)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** 1–5 stars for link posts (the collaborative watch): the average, and mine to set. */
export function Rating({ post, onChange }: { post: Post; onChange: (update: (p: Post) => Post) => void }) {
  const [busy, setBusy] = useState(false);
  const { average, count, mine } = post.rating;
  const rate = async (rating: number) => {
    setBusy(true);
    try {
      const fresh = await api<Post>(`/posts/${encodeURIComponent(post.id)}/rating`, { method: "PUT", body: { rating } });
      onChange((p) => ({ ...p, rating: fresh.rating }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="rating">
      <div class="stars" role="group" aria-label={t("rating.yours")}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" class="star" aria-pressed={mine === n} disabled={busy} aria-label={t("rating.rate", { count: n })} onClick={() => rate(n)}>
            <span aria-hidden="true">{(mine ?? Math.round(average ?? 0)) >= n ? "★" : "☆"}</span>
          </button>
        ))}
      </div>
      <span class="muted small">{average !== null ? t("rating.average", { average: average.toFixed(1), count }) : t("rating.none")}</span>
    </div>
  );
}

/** "Read by 12 of 40", and my "Mark as read" while I have not. */
export function Receipts({ post, onRead }: { post: Post; onRead?: (update: (p: Post) => Post) => void }) {
  const [busy, setBusy] = useState(false);
  const r = post.receipts;
  if (!r) return null;
  const markRead = async () => {
    setBusy(true);
    try {
      await api(`/posts/${encodeURIComponent(post.id)}/read`, { method: "POST" });
      onRead?.((p) => (p.receipts && !p.receipts.read ? { ...p, receipts: { ...p.receipts, read: true, readCount: p.receipts.readCount + 1 } } : p));
      toast(t("post.markedRead"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="receipts">
      <span class="muted small">{t("post.readBy", { count: r.readCount, audience: r.audience })}</span>
      {!r.read && onRead ? (
        <button type="button" class="btn btn-secondary" onClick={markRead} disabled={busy}>
          <Icon name="check" size={18} />
          <span>{t("post.markRead")}</span>
        </button>
      ) : null}
    </div>
  );
}

/** A post's author is an integration (an incoming hook) rather than a member: no profile to link to. */
export function isIntegration(author: Post["author"]): author is Extract<Post["author"], { integration: true }> {
  return "integration" in author && author.integration === true;
}

/** The integration's avatar, or the integration icon on a neutral disc when it has none. */
function IntegrationAvatar({ author }: { author: Post["author"] }) {
  if (author.avatarUrl) return <Avatar member={author} size="md" />;
  return (
    <span class="avatar avatar-md avatar-integration" aria-hidden="true">
      <Icon name="plug" size={22} />
    </span>
  );
}

function PostHeader({ post, showGroup, actions }: { post: Post; showGroup?: boolean; actions?: ComponentChildren }) {
  const kindLabel = KIND_BADGE[post.kind];
  const integration = isIntegration(post.author);
  return (
    <header class="post-header">
      {integration ? <IntegrationAvatar author={post.author} /> : <Avatar member={post.author} size="md" />}
      <div class="post-meta">
        <div class="post-byline">
          {integration ? (
            <>
              <span class="post-author">{post.author.name}</span>
              <Badge tone="neutral">{t("post.integration")}</Badge>
            </>
          ) : (
            <a class="post-author" href={`/people/${encodeURIComponent(post.author.id)}`}>
              {post.author.name}
            </a>
          )}
          {showGroup ? (
            <>
              <span class="muted" aria-hidden="true">›</span>
              <a class="post-group" href={groupHref(post.groupId)}>
                {post.group.name}
              </a>
            </>
          ) : null}
        </div>
        <div class="post-when muted small">
          <a class="post-time" href={postHref(post.id)}>
            <RelativeTime at={post.createdAt} />
          </a>
          {post.editedAt ? <span title={formatDateTime(post.editedAt)}>· {t("post.edited")}</span> : null}
        </div>
        <div class="badge-row">
          {kindLabel ? <Badge tone={post.kind === "announcement" ? "accent" : "neutral"}>{t(kindLabel)}</Badge> : null}
          {post.pinned ? <Badge tone="accent">{t("post.pinned")}</Badge> : null}
          {post.hidden ? <Badge tone="warning">{t("post.hidden")}</Badge> : null}
          {post.firstLook ? <Badge tone="neutral">{firstLookLabel(post.firstLook)}</Badge> : null}
        </div>
      </div>
      {actions}
    </header>
  );
}

/** Past this height (px) a post's body is shown folded in lists, with "Show more". */
const FOLD_HEIGHT = 480;

/**
 * Whether a body might pass the fold: only those are measured (a measure is a layout of the page). Under 700
 * characters of HTML, without a picture, code or a table, and with few blocks and lines, it cannot: a phone's line
 * holds about 40 characters, so the fold's 25 lines (600 px) need 1,000 characters or many short blocks.
 */
const mayBeLong = (html: string) =>
  html.length > 700 || /<(img|pre|table)\b/.test(html) || (html.match(/<(p|br|li|h\d|blockquote|hr)\b|\n/g)?.length ?? 0) > 16;
/**
 * A post's body, folded in lists when it is long (a 40,000-character post was a 15,000 px card): "Show more" unfolds
 * it, "Show less" folds it again. The whole text stays in the document (readers and find-in-page reach it).
 */
function PostBody({ post, foldable }: { post: Post; foldable: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [long, setLong] = useState(false);
  const [open, setOpen] = useState(false);
  // Measured when the browser lays the page out anyway (a ResizeObserver's callback comes after the frame's layout and
  // before its paint, so the fold is drawn in the same frame: nothing moves). Read from script as each card was drawn,
  // the height laid the page out in the drawing task itself, which made the first screen's task the longer by it.
  useLayoutEffect(() => {
    const body = ref.current?.firstElementChild as HTMLElement | null;
    if (!foldable || !body || !mayBeLong(post.html)) return setLong(false);
    const seen = new ResizeObserver(() => setLong(body.scrollHeight > FOLD_HEIGHT * 1.25));
    seen.observe(body);
    return () => seen.disconnect();
  }, [post.html, foldable]);
  const id = `post-${post.id}-body`;
  return (
    <>
      <div ref={ref} id={id} class={long && !open ? "post-fold is-folded" : "post-fold"}>
        <SafeHtml html={post.html} class="post-body" />
      </div>
      {long ? (
        <button type="button" class="btn btn-quiet post-more" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? t("post.showLess") : t("post.showMore")}
        </button>
      ) : null}
    </>
  );
}

export function PostContent({ post, foldable = true }: { post: Post; foldable?: boolean }) {
  let host = "";
  try {
    host = post.url ? new URL(post.url).hostname : "";
  } catch {
    host = "";
  }
  return (
    <>
      {post.kind === "link" && post.url ? (
        <p class="post-link">
          <Icon name="link" size={18} />
          <a href={post.url} target="_blank" rel="nofollow ugc noopener noreferrer">
            {post.title || post.url}
          </a>
          {host ? <span class="muted small">{host}</span> : null}
        </p>
      ) : post.title ? (
        <h3 class="post-title">{post.title}</h3>
      ) : null}
      <PostBody post={post} foldable={foldable} />
      <Attachments items={post.attachments} />
      {post.tags.length ? (
        <ul class="badge-list post-tags" aria-label={t("post.tags")}>
          {post.tags.map((tag) => (
            <li key={tag}>
              <a class="badge-link" href={`${groupHref(post.groupId)}?tag=${encodeURIComponent(tag)}`}>
                <Badge>#{tag}</Badge>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * A post in a list (feed, group) or on its own page (`detail`): who, where, when, the body as the server rendered it,
 * attachments, reactions, rating for links, receipts for must-read announcements.
 */
export function PostCard({ post, onChange, showGroup, detail, actions, unread }: { post: Post; onChange: (update: (p: Post) => Post) => void; showGroup?: boolean; detail?: boolean; actions?: ComponentChildren; unread?: boolean }) {
  const state: ReactionState = { reactions: post.reactions, myReactions: post.myReactions };
  const Tag = detail ? "div" : "article";
  return (
    <Tag class={`card post${unread ? " post-unread" : ""}${post.hidden ? " post-is-hidden" : ""}`} aria-labelledby={detail ? undefined : `post-${post.id}-by`} data-post-id={post.id}>
      {unread ? <span class="unread-dot" role="img" aria-label={t("post.new")} /> : null}
      <span id={`post-${post.id}-by`} class="visually-hidden">
        {isIntegration(post.author) ? t("post.byIntegration", { name: post.author.name }) : t("post.by", { name: post.author.name })}
      </span>
      <PostHeader post={post} showGroup={showGroup} actions={actions} />
      <PostContent post={post} foldable={!detail} />
      {post.kind === "link" ? <Rating post={post} onChange={onChange} /> : null}
      <Receipts post={post} onRead={detail ? onChange : undefined} />
      <footer class="post-footer">
        <ReactionBar path={`/posts/${encodeURIComponent(post.id)}`} state={state} onChange={(update) => onChange((p) => ({ ...p, ...update({ reactions: p.reactions, myReactions: p.myReactions }) }))} />
        {detail ? null : (
          <a class="btn btn-quiet post-comments" href={`${postHref(post.id)}#comments`}>
            {post.commentCount ? t("post.comments", { count: post.commentCount }) : t("post.comment")}
          </a>
        )}
      </footer>
    </Tag>
  );
}

/**
 * First look (API.md): before its time, the home group's readers see when the wider audience will; after it, that it
 * did — also on a page left open across the time (the minute's clock turns the label).
 */
export function firstLookLabel(firstLook: Pick<NonNullable<Post["firstLook"]>, "audience" | "at" | "reached">): string {
  const who = firstLook.audience === "network" ? t("post.firstLook.network") : t("post.firstLook.groups", { count: firstLook.audience.groupIds.length });
  const reached = firstLook.reached || firstLook.at <= minuteTick.value;
  return reached ? t("post.firstLook.reached", { who }) : t("post.firstLook.until", { who, time: formatDateTime(firstLook.at) });
}
