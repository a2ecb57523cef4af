import { lazy, useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Group, Page, Post } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { LoadMore, usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { onPostSent, outbox } from "../posts/outbox";
import { PendingPostCard, PostCard } from "../posts/post-card";
import { mergeOnTop, useReadingAnchor } from "../posts/reading-anchor";

const Composer = lazy(() => import("../posts/composer").then((m) => m.Composer));

/**
 * A group's posts (newest first, or best-rated links first), or only its pinned ones. New posts by others arrive as
 * "N new posts" (`news`, from the group room) and are taken in when asked.
 */
export function GroupPosts({ group, pinned, news, onNewsTaken, reloadKey }: { group: Group; pinned?: boolean; news: string[]; onNewsTaken: () => void; reloadKey: number }) {
  const { query, path, route } = useLocation();
  const sort = !pinned && query.sort === "rating" ? "rating" : "new";
  const tag = query.tag ?? "";
  const [taking, setTaking] = useState(false);
  const [announce, setAnnounce] = useState("");
  const reading = useReadingAnchor();
  const params = { sort, kind: sort === "rating" ? "link" : undefined, tag: tag || undefined, pinned: pinned ? "1" : undefined };
  const posts = usePaged<Post>(JSON.stringify({ id: group.id, ...params }), (cursor, signal) =>
    api<Page<Post>>(`/groups/${encodeURIComponent(group.id)}/posts`, { query: { ...params, cursor, limit: 20 }, signal }),
  );

  useEffect(() => {
    if (reloadKey) posts.reload();
  }, [reloadKey]);

  useEffect(
    () =>
      onPostSent((post) => {
        if (post.groupId === group.id && !pinned && sort === "new" && !tag) posts.update((items) => [post, ...items.filter((i) => i.id !== post.id)]);
      }),
    [group.id, pinned, sort, tag],
  );

  const items = posts.state.status === "ready" ? posts.state.items : [];
  const fresh = news.filter((id) => !items.some((i) => i.id === id));
  const pending = pinned || sort !== "new" || tag ? [] : outbox.value.filter((p) => p.draft.groupId === group.id);

  const takeNews = async () => {
    setTaking(true);
    try {
      const page = await api<Page<Post>>(`/groups/${encodeURIComponent(group.id)}/posts`, { query: { ...params, limit: 20 } });
      reading.capture();
      const { added } = mergeOnTop(items, page.items);
      posts.update((current) => mergeOnTop(current, page.items).items);
      onNewsTaken();
      setAnnounce(t("home.newAdded", { count: added }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setTaking(false);
    }
  };

  const update = (id: string) => (fn: (p: Post) => Post) => posts.update((list) => list.map((i) => (i.id === id ? fn(i) : i)));

  return (
    <div class="stack">
      {!pinned && group.can.post ? <Composer groups={[group]} fixed /> : null}
      {!pinned ? (
        <div class="group-sort">
          <label for="group-sort">{t("groups.sort")}</label>
          <select id="group-sort" value={sort} onChange={(e) => route(withQuery(path, { sort: e.currentTarget.value === "rating" ? "rating" : "", tag }), true)}>
            <option value="new">{t("groups.sortNew")}</option>
            <option value="rating">{t("groups.sortRating")}</option>
          </select>
          {tag ? (
            <a class="badge-link" href={withQuery(path, { sort: sort === "rating" ? "rating" : "" })} aria-label={t("groups.clearTag", { tag })}>
              <Badge tone="accent">
                #{tag} <Icon name="close" size={14} />
              </Badge>
            </a>
          ) : null}
        </div>
      ) : null}
      {fresh.length && !pinned ? (
        <div class="news-banner">
          <button type="button" class="btn btn-primary news-button" onClick={takeNews} disabled={taking}>
            <Icon name="arrowUp" size={18} />
            <span>{t("home.newPosts", { count: fresh.length })}</span>
          </button>
        </div>
      ) : null}
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
          <ul class="feed-list" ref={reading.list} aria-label={pinned ? t("groups.pinned") : t("groups.posts")}>
            {pending.map((p) => (
              <li key={p.tempId}>
                <PendingPostCard pending={p} />
              </li>
            ))}
            {items.map((post) => (
              <li key={post.id} data-anchor={post.id}>
                <PostCard post={post} onChange={update(post.id)} />
              </li>
            ))}
          </ul>
          {items.length === 0 && pending.length === 0 ? (
            <div class="card">
              <EmptyState
                icon="groups"
                title={pinned ? t("groups.noPinned") : tag ? t("groups.noTagged", { tag }) : t("groups.noPosts")}
                action={!pinned && !tag && group.can.post ? <button type="button" class="btn btn-primary" onClick={() => document.getElementById(`composer-${group.id}-body`)?.focus()}>{t("groups.startConversation")}</button> : null}
              />
            </div>
          ) : null}
          <LoadMore state={posts.state} onLoad={posts.loadMore} />
        </>
      )}
    </div>
  );
}
