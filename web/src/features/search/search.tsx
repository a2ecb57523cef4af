import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Page, SearchHit, SearchType } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { Tabs } from "../../components/tabs";
import { t, type MessageKey } from "../../i18n";
import { FollowTagButton } from "../people/follow-button";
import { foldTag } from "../people/follows";
import "./search.css";

const TYPES: { id: SearchType | ""; label: MessageKey }[] = [
  { id: "", label: "search.all" },
  { id: "post", label: "search.posts" },
  { id: "comment", label: "search.comments" },
  { id: "user", label: "search.people" },
  { id: "group", label: "search.groups" },
  { id: "file", label: "search.files" },
  { id: "faq", label: "search.faqs" },
];
const TYPE_BADGE: Record<SearchType, MessageKey> = { post: "search.post", comment: "search.comment", user: "search.person", group: "search.group", file: "search.file", faq: "search.faq" };

/**
 * The server escapes the snippet and marks hits with <mark>: it is rebuilt here as text and <mark> elements, so no
 * HTML string is ever inserted.
 */
export function snippetParts(snippet: string): ComponentChildren[] {
  const decode = (s: string) => s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
  const parts: ComponentChildren[] = [];
  let marked = false;
  for (const [i, piece] of snippet.split(/(<mark>|<\/mark>)/).entries()) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece) parts.push(marked ? <mark key={i}>{decode(piece)}</mark> : decode(piece));
  }
  return parts;
}

/** Titles of posts and comments are their first 80 characters of markdown: shown without the markup signs. */
function plainTitle(hit: SearchHit): string {
  if (hit.type !== "post" && hit.type !== "comment") return hit.title;
  const text = hit.title.replace(/^#{1,6}\s+/, "").replace(/(\*\*|__|\*|`)/g, "").replace(/\s+/g, " ").trim();
  return hit.title.length === 80 ? `${text}…` : text;
}

function hrefOf(hit: SearchHit): string {
  switch (hit.type) {
    case "user":
      return `/people/${encodeURIComponent(hit.id)}`;
    case "group":
      return `/groups/${encodeURIComponent(hit.id)}`;
    case "faq":
      return hit.groupId ? `/groups/${encodeURIComponent(hit.groupId)}/faq#faq-${encodeURIComponent(hit.id)}` : "/";
    case "comment":
      return hit.postId ? `/posts/${encodeURIComponent(hit.postId)}#c-${hit.id}` : "/";
    default:
      return hit.postId ? `/posts/${encodeURIComponent(hit.postId)}` : "/";
  }
}

/** `/search?q=&type=`: posts, comments, people, groups and files, with only what I may read. */
export function SearchPage() {
  const { query, route } = useLocation();
  // A tag's page (`/search?tag=`): its posts found by the tag's word, and the tag to follow.
  const tag = foldTag((query.tag ?? "").trim());
  const q = (query.q ?? "").trim() || tag;
  const type = TYPES.some((x) => x.id === query.type) ? (query.type as SearchType | "") : tag ? "post" : "";
  const groupId = query.groupId ?? "";
  const authorId = query.authorId ?? "";
  const [text, setText] = useState(q);
  usePageTitle(tag ? t("tagPage.title", { tag }) : q ? t("search.titleFor", { q }) : t("search.title"));
  useEffect(() => setText(q), [q]);

  const results = usePaged<SearchHit & { key: string }>(JSON.stringify({ q, type, groupId, authorId }), async (cursor, signal) => {
    if (!q) return { items: [], nextCursor: null };
    const page = await api<Page<SearchHit>>("/search", { query: { q, type, groupId, authorId, cursor, limit: 20 }, signal });
    return { ...page, items: page.items.map((h) => ({ ...h, key: `${h.type}:${h.id}` })) };
  });
  const href = (changes: Record<string, string>) => withQuery("/search", { q, type, groupId, authorId, ...changes });

  return (
    <section class="page">
      <h1>{tag ? t("tagPage.title", { tag }) : t("search.title")}</h1>
      {tag ? (
        <div class="card tag-page-head">
          <p>{t("tagPage.intro", { tag })}</p>
          <FollowTagButton tag={tag} />
        </div>
      ) : null}
      <form class="card search-form" role="search" onSubmit={(e) => { e.preventDefault(); route(href({ q: text.trim() })); }}>
        <div class="field">
          <label for="search-q">{t("search.what")}</label>
          <div class="search-row">
            <input id="search-q" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder={t("search.placeholder")} enterKeyHint="search" />
            <button type="submit" class="btn btn-primary">
              {t("search.submit")}
            </button>
          </div>
        </div>
        {groupId || authorId ? (
          <p class="small">
            {t("search.scoped")}{" "}
            <a href={href({ groupId: "", authorId: "" })}>{t("search.unscope")}</a>
          </p>
        ) : null}
      </form>
      <Tabs label={t("search.types")} current={type} items={TYPES.map((x) => ({ id: x.id, href: href({ type: x.id }), label: t(x.label) }))} />
      {!q ? (
        <div class="card">
          <EmptyState icon="search" title={t("search.prompt")} action={<a class="btn btn-secondary" href="/people">{t("search.directory")}</a>} />
        </div>
      ) : results.state.status === "loading" ? (
        <div class="card"><Skeleton lines={6} /></div>
      ) : results.state.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={results.state.message} action={<button type="button" class="btn btn-secondary" onClick={results.reload}>{t("common.retry")}</button>} />
        </div>
      ) : results.state.items.length === 0 ? (
        <div class="card">
          <EmptyState icon="search" title={t("search.none", { q })} action={<a class="btn btn-secondary" href={withQuery("/people", { q })}>{t("search.inDirectory")}</a>}>
            {t("search.noneBody")}
          </EmptyState>
        </div>
      ) : (
        <>
          <ul class="search-results" aria-label={t("search.results")}>
            {results.state.items.map((hit) => (
              <li key={hit.key} class="card search-hit">
                <div class="search-hit-head">
                  <Badge>{t(TYPE_BADGE[hit.type])}</Badge>
                  <a class="search-hit-title" href={hrefOf(hit)}>
                    {plainTitle(hit) || t("search.untitled")}
                  </a>
                  {hit.createdAt ? (
                    <span class="muted small">
                      <RelativeTime at={hit.createdAt} />
                    </span>
                  ) : null}
                </div>
                {hit.snippet ? <p class="search-snippet">{snippetParts(hit.snippet)}</p> : null}
              </li>
            ))}
          </ul>
          <LoadMore state={results.state} onLoad={results.loadMore} />
          {type === "user" ? (
            <p class="small">
              <a href={withQuery("/people", { q })}>{t("search.inDirectory")}</a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
