import { lazy, useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Group, Page, Post } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { Skeleton } from "../../components/skeleton";
import { Icon } from "../../components/icons";
import { usePaged } from "../../components/paged-list";
import { t } from "../../i18n";
import { onPostSent, outbox } from "../posts/outbox";
import { PostList } from "../posts/post-list";

const Composer = lazy(() => import("../posts/composer").then((m) => m.Composer));

/**
 * A group's posts (newest first, or best-rated links first), or only its pinned ones. New posts by others arrive as
 * "N new posts" (`news`, from the group room) and are taken in when asked.
 */
export function GroupPosts({ group, pinned, news, onNewsTaken, reloadKey }: { group: Group; pinned?: boolean; news: string[]; onNewsTaken: () => void; reloadKey: number }) {
  const { query, path, route } = useLocation();
  const sort = !pinned && query.sort === "rating" ? "rating" : "new";
  const tag = query.tag ?? "";
  const params = { sort, kind: sort === "rating" ? "link" : undefined, tag: tag || undefined, pinned: pinned ? "1" : undefined };
  const fetchPosts = (cursor: string | null, signal?: AbortSignal) =>
    api<Page<Post>>(`/groups/${encodeURIComponent(group.id)}/posts`, { query: { ...params, cursor, limit: 20 }, signal });
  const posts = usePaged<Post>(JSON.stringify({ id: group.id, ...params }), fetchPosts);
  const writes = !pinned && group.can.post;
  // The composer above the list: its code first, so that nothing below it moves when it comes on screen.
  const [composerHere, setComposerHere] = useState(false);
  useEffect(() => {
    const here = () => setComposerHere(true);
    if (writes) Composer.preload().then(here, here);
  }, [writes]);

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

  const pending = pinned || sort !== "new" || tag ? [] : outbox.value.filter((p) => p.draft.groupId === group.id);

  if (writes && !composerHere) {
    return (
      <div class="card">
        <Skeleton lines={6} />
      </div>
    );
  }

  return (
    <div class="stack">
      {writes ? <Composer groups={[group]} fixed /> : null}
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
      <PostList
        posts={posts}
        fetchPage={fetchPosts}
        label={pinned ? t("groups.pinned") : t("groups.posts")}
        pending={pending}
        news={pinned ? [] : news}
        onNewsTaken={onNewsTaken}
        empty={
          <EmptyState
            icon="groups"
            title={pinned ? t("groups.noPinned") : tag ? t("groups.noTagged", { tag }) : t("groups.noPosts")}
            action={!pinned && !tag && group.can.post ? <button type="button" class="btn btn-primary" onClick={() => document.getElementById(`composer-${group.id}-body`)?.focus()}>{t("groups.startConversation")}</button> : null}
          />
        }
      />
    </div>
  );
}
