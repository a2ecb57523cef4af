import type { Actor, ServiceContext } from "../../context";
import { sqlReadableGroup, sqlReadableItem, sqlReadablePost, sqlVisibleGroup } from "../access";
import { visibleMembers } from "../users/directory";
import { ftsText } from "../../lib/fts";
import type { SearchHit, SearchType } from "../../../contract/search";
import { empty, join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";

export { SEARCH_TYPES } from "../../../contract/search";
export type SearchQuery = { q: string; type?: SearchType; groupId?: string; authorId?: string; limit: number };
export type SearchCursor = { s: number; k: string };

/** Every word quoted (user text never becomes FTS syntax), the last one as a prefix. */
export function ftsQuery(text: string, match: "all" | "any" = "all"): string | null {
  const words = ftsText(text).split(/[\s"]+/).filter(Boolean).slice(0, 12);
  return words.length ? words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(match === "all" ? " AND " : " OR ") : null;
}

const OPEN = "\u0002";
const CLOSE = "\u0003";

/** FTS snippets are raw text: escape it, then turn the hit markers into <mark>. */
function snippetHtml(raw: string | null): string {
  return (raw ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll(OPEN, "<mark>")
    .replaceAll(CLOSE, "</mark>");
}

/**
 * A snippet of a list column (skills, hobbies, hot topics, languages are stored as JSON arrays): the entries that hold a
 * hit, joined as text, never the serialised array. FTS marked the hits inside the JSON strings with the two control
 * characters, which JSON allows only escaped: they are escaped before the parse.
 */
export function listSnippet(highlighted: string): string {
  try {
    const items: unknown = JSON.parse(highlighted.replaceAll(OPEN, "\\u0002").replaceAll(CLOSE, "\\u0003"));
    if (Array.isArray(items)) {
      const texts = items.filter((x): x is string => typeof x === "string");
      const hits = texts.filter((x) => x.includes(OPEN));
      return (hits.length ? hits : texts).join(", ");
    }
  } catch {
    // Not JSON after all: the text without the array's punctuation.
  }
  return highlighted.replace(/^\[\s*"?|"?\s*\]$/g, "").replaceAll('","', ", ");
}

/** The user columns a people hit's snippet may come from, in order of preference: [FTS column, kind]. */
const USER_SNIPPET_COLUMNS: [number, "text" | "list" | "long"][] = [
  [2, "text"], // title
  [3, "text"], // department
  [4, "text"], // location
  [5, "list"], // skills
  [6, "list"], // hobbies
  [7, "list"], // hot topics
  [8, "list"], // languages
  [9, "long"], // bio
];

/**
 * A people hit's snippet: the first column with a hit (the job title when the name or handle matched), and whether it
 * is a list column whose JSON becomes text in `listSnippet`.
 */
function userSnippet(): { snippet: SqlPart; list: SqlPart } {
  const mark = (col: number, kind: string) =>
    kind === "long" ? `snippet(users_fts, ${col}, '${OPEN}', '${CLOSE}', '…', 16)` : `highlight(users_fts, ${col}, '${OPEN}', '${CLOSE}')`;
  const hit = (col: number, kind: string) => `instr(${mark(col, kind)}, '${OPEN}') > 0`;
  const snippet = `CASE ${USER_SNIPPET_COLUMNS.map(([col, kind]) => `WHEN ${hit(col, kind)} THEN ${mark(col, kind)}`).join(" ")} ELSE u.title END`;
  const list = `CASE ${USER_SNIPPET_COLUMNS.map(([col, kind]) => `WHEN ${hit(col, kind)} THEN ${kind === "list" ? 1 : 0}`).join(" ")} ELSE 0 END`;
  return { snippet: raw(snippet), list: raw(list) };
}

/**
 * One search over posts, comments, members, groups, attachment names and FAQ entries. Each source applies the caller's visibility
 * inside its own SQL, before the union is ranked and cut by LIMIT: what the caller may not read is never returned,
 * counted or snippeted. Ranked by bm25, keyset-paginated on (score, key).
 */
export async function search(ctx: ServiceContext, actor: Actor, query: SearchQuery, cursor?: SearchCursor): Promise<{ items: SearchHit[]; next: SearchCursor | null }> {
  const q = searchQuery(actor, query, cursor);
  if (!q) return { items: [], next: null };
  const { results } = await statement(ctx.env.DB, q).all<{ type: SearchType; id: string; title: string; snippet: string | null; list: number; group_id: string | null; post_id: string | null; author_id: string | null; created_at: number | null; score: number }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r): SearchHit => ({ type: r.type, id: r.id, title: r.title, snippet: snippetHtml(r.list ? listSnippet(r.snippet ?? "") : r.snippet), groupId: r.group_id, postId: r.post_id, authorId: r.author_id, createdAt: r.created_at })),
    next: results.length > query.limit && last ? { s: last.score, k: `${last.type}:${last.id}` } : null,
  };
}

/** The SQL of one search page (null when the text has no words): every source filtered for the caller, then ranked. */
export function searchQuery(actor: Actor, query: SearchQuery, cursor?: SearchCursor): SqlPart | null {
  const match = ftsQuery(query.q);
  if (!match) return null;
  const want = (t: SearchType) => !query.type || query.type === t;
  const sources: SqlPart[] = [];
  const snip = (table: string, col: number) => raw(`snippet(${table}, ${col}, '${OPEN}', '${CLOSE}', '…', 16)`);
  /** The group and author filters of a source (`0` when it has no author to filter by). */
  const scoped = (groupExpr: string, authorExpr: string | null): SqlPart =>
    join(
      [
        ...(query.groupId ? [sqlPart`AND ${raw(groupExpr)} = ${query.groupId}`] : []),
        ...(query.authorId ? [authorExpr ? sqlPart`AND ${raw(authorExpr)} = ${query.authorId}` : raw("AND 0")] : []),
      ].map((p) => sqlPart` ${p}`),
      "",
    );
  if (want("post")) {
    sources.push(sqlPart`SELECT 'post' AS type, p.id AS id, CASE WHEN p.title <> '' THEN p.title ELSE substr(p.body, 1, 80) END AS title, ${snip("posts_fts", 1)} AS snippet, 0 AS list,
              p.group_id AS group_id, p.id AS post_id, p.author_id AS author_id, p.created_at AS created_at, bm25(posts_fts, 3.0, 1.0, 2.0) AS score
            FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid JOIN groups g ON g.id = p.group_id
            WHERE posts_fts MATCH ${match} AND ${sqlReadablePost(actor, "p", "g.id", "g.visibility", Date.now())}${scoped("p.group_id", "p.author_id")}`);
  }
  if (want("comment")) {
    // A comment's title is its post's (the comment's own text is the snippet).
    sources.push(sqlPart`SELECT 'comment' AS type, c.id AS id, CASE WHEN p.title <> '' THEN p.title ELSE substr(p.body, 1, 80) END AS title, ${snip("comments_fts", 0)} AS snippet, 0 AS list, p.group_id AS group_id, p.id AS post_id, c.author_id AS author_id, c.created_at AS created_at, bm25(comments_fts) AS score
            FROM comments_fts JOIN comments c ON c.rowid = comments_fts.rowid JOIN posts p ON p.id = c.post_id JOIN groups g ON g.id = p.group_id
            WHERE comments_fts MATCH ${match} AND ${sqlReadablePost(actor, "p", "g.id", "g.visibility", Date.now())} AND ${sqlReadableItem(actor, "c", "p.group_id")}${scoped("p.group_id", "c.author_id")}`);
  }
  if (want("user") && !query.groupId && !query.authorId) {
    const people = userSnippet();
    sources.push(sqlPart`SELECT 'user' AS type, u.id AS id, u.name AS title, ${people.snippet} AS snippet, ${people.list} AS list, NULL AS group_id, NULL AS post_id, NULL AS author_id, NULL AS created_at, bm25(users_fts, 10.0, 5.0, 3.0, 2.0, 2.0, 4.0, 1.0, 1.0, 1.0, 0.5) AS score
            FROM users_fts JOIN users u ON u.rowid = users_fts.rowid WHERE users_fts MATCH ${match} AND ${visibleMembers(actor)}`);
  }
  if (want("group") && !query.authorId) {
    sources.push(sqlPart`SELECT 'group' AS type, g.id AS id, g.name AS title, ${snip("groups_fts", 1)} AS snippet, 0 AS list, g.id AS group_id, NULL AS post_id, NULL AS author_id, g.created_at AS created_at, bm25(groups_fts, 5.0, 1.0) AS score
            FROM groups_fts JOIN groups g ON g.rowid = groups_fts.rowid WHERE groups_fts MATCH ${match} AND ${sqlVisibleGroup(actor, "g.id", "g.visibility")}${scoped("g.id", null)}`);
  }
  if (want("file")) {
    sources.push(sqlPart`SELECT 'file' AS type, f.id AS id, f.name AS title, ${snip("files_fts", 0)} AS snippet, 0 AS list, p.group_id AS group_id, p.id AS post_id, f.owner_id AS author_id, f.created_at AS created_at, bm25(files_fts) AS score
            FROM files_fts JOIN files f ON f.rowid = files_fts.rowid JOIN posts p ON p.id = f.post_id JOIN groups g ON g.id = p.group_id
            WHERE files_fts MATCH ${match} AND ${sqlReadablePost(actor, "p", "g.id", "g.visibility", Date.now())}${scoped("p.group_id", "f.owner_id")}`);
  }
  if (want("faq")) {
    // FAQ entries (API.md "Questions and knowledge"): read where their group's content is; the question is the title.
    sources.push(sqlPart`SELECT 'faq' AS type, e.id AS id, e.question AS title, ${snip("faq_fts", 1)} AS snippet, 0 AS list, e.group_id AS group_id, NULL AS post_id, e.author_id AS author_id, e.created_at AS created_at, bm25(faq_fts, 5.0, 1.0, 2.0) AS score
            FROM faq_fts JOIN faq_entries e ON e.rowid = faq_fts.rowid JOIN groups g ON g.id = e.group_id
            WHERE faq_fts MATCH ${match} AND ${sqlReadableGroup(actor, "g.id", "g.visibility")}${scoped("e.group_id", "e.author_id")}`);
  }
  if (sources.length === 0) return null;
  const after = cursor ? sqlPart`WHERE score > ${cursor.s} OR (score = ${cursor.s} AND type || ':' || id > ${cursor.k})` : empty;
  // D1 allows few terms in one compound SELECT: the sources are united in nested groups of at most four.
  const groups: SqlPart[] = [];
  for (let i = 0; i < sources.length; i += 4) groups.push(sqlPart`SELECT * FROM (${join(sources.slice(i, i + 4), " UNION ALL ")})`);
  return sqlPart`SELECT * FROM (${join(groups, " UNION ALL ")}) ${after} ORDER BY score, type || ':' || id LIMIT ${query.limit + 1}`;
}
