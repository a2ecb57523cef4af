import type { Actor, ServiceContext } from "../../context";
import type { users } from "../../db/users";
import { maySeeContact, sqlListedMember, type SqlPart } from "../access";
import { presentProfile } from "./present";
import { empty, raw, sqlPart, statement } from "../../lib/sql";
import { ftsText } from "../../lib/fts";
import { foldKey } from "../../../contract/text";

export type DirectoryQuery = { q?: string; skill?: string; department?: string; location?: string; limit: number };
/** The last row of a page: by rank when searching, by name otherwise. */
export type DirectoryCursor = { r: number; i: string } | { n: string; i: string };

const COLUMNS = `u.id, u.email, u.handle, u.name, u.role, u.title, u.department, u.location, u.timezone, u.locale, u.languages,
  u.hobbies, u.hot_topics AS hotTopics, u.skills, u.phone, u.bio, u.bio_html AS bioHtml, u.avatar_key AS avatarKey,
  '' AS passwordHash, u.charter_version AS charterVersion, u.deactivated_at AS deactivatedAt, u.created_at AS createdAt,
  u.updated_at AS updatedAt`;

/**
 * Who the caller may see in the directory, as SQL on `u` (the members rule of access/members.ts): active members; a
 * guest sees only members who share a group with them (and themselves). Applied inside the query, before ranking and
 * LIMIT.
 */
export function visibleMembers(actor: Actor): SqlPart {
  return sqlListedMember(actor, "u");
}

/** A quoted FTS5 phrase: user text never becomes query syntax. */
function phrase(text: string, prefix = false): string {
  return `"${ftsText(text).replaceAll('"', " ").trim()}"${prefix ? "*" : ""}`;
}

/** The MATCH expression for free text (every word, the last as a prefix) and the column filters; null when none. */
export function directoryMatch(query: Omit<DirectoryQuery, "limit">): string | null {
  const parts: string[] = [];
  const words = (query.q ?? "").split(/[\s"]+/).filter(Boolean).slice(0, 12);
  words.forEach((w, i) => parts.push(phrase(w, i === words.length - 1)));
  if (query.skill?.trim()) parts.push(`skills : ${phrase(query.skill)}`);
  if (query.department?.trim()) parts.push(`department : ${phrase(query.department)}`);
  if (query.location?.trim()) parts.push(`location : ${phrase(query.location)}`);
  return parts.length ? parts.join(" AND ") : null;
}

/**
 * The people directory: free text over name, skills, department, location, hobbies, hot topics…, with filters,
 * ranked when searching (bm25, name weighing most) and alphabetical otherwise; keyset-paginated either way.
 */
export async function searchDirectory(ctx: ServiceContext, actor: Actor, query: DirectoryQuery, cursor?: DirectoryCursor) {
  const visible = visibleMembers(actor);
  const match = directoryMatch(query);
  const limit = query.limit + 1;
  let stmt: D1PreparedStatement;
  if (match) {
    const after = cursor && "r" in cursor ? sqlPart`AND (hits.score > ${cursor.r} OR (hits.score = ${cursor.r} AND u.id > ${cursor.i}))` : empty;
    stmt = statement(
      ctx.env.DB,
      sqlPart`WITH hits AS (
         SELECT rowid, bm25(users_fts, 10.0, 5.0, 3.0, 2.0, 2.0, 4.0, 1.0, 1.0, 1.0, 0.5) AS score
         FROM users_fts WHERE users_fts MATCH ${match})
       SELECT ${raw(COLUMNS)}, hits.score AS score FROM hits JOIN users u ON u.rowid = hits.rowid
       WHERE ${visible} ${after}
       ORDER BY hits.score, u.id LIMIT ${limit}`,
    );
  } else {
    const after = cursor && "n" in cursor ? sqlPart`AND (u.name > ${cursor.n} OR (u.name = ${cursor.n} AND u.id > ${cursor.i}))` : empty;
    stmt = statement(ctx.env.DB, sqlPart`SELECT ${raw(COLUMNS)} FROM users u INDEXED BY users_directory_name WHERE ${visible} ${after} ORDER BY u.name, u.id LIMIT ${limit}`);
  }
  const { results } = await stmt.all<typeof users.$inferSelect & { score?: number }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  const next: DirectoryCursor | null = results.length > query.limit && last ? (match ? { r: last.score!, i: last.id } : { n: last.name, i: last.id }) : null;
  return { items: page.map((row) => presentProfile(row, { contact: maySeeContact(actor, row.id) })), next };
}

/** Values to filter the directory by, with how many visible members have each (top ones first). */
export async function directoryFacets(ctx: ServiceContext, actor: Actor) {
  const visible = visibleMembers(actor);
  const facet = (expr: string, from = "users u") =>
    statement(ctx.env.DB, sqlPart`SELECT ${raw(expr)} AS value, count(*) AS n FROM ${raw(from)} WHERE ${visible} AND ${raw(expr)} <> '' GROUP BY 1 ORDER BY n DESC, value LIMIT 100`);
  const [departments, locations, skills] = await ctx.env.DB.batch<{ value: string; n: number }>([
    facet("u.department"),
    facet("u.location"),
    facet("skill.value", "users u, json_each(u.skills) skill"),
  ]);
  const values = (r: D1Result<{ value: string; n: number }>) => foldFacet(r.results);
  return { departments: values(departments), locations: values(locations), skills: values(skills) };
}

/**
 * One entry per value as people read it: values that differ only by case, accents or invisible characters ("Excel",
 * "excel", "Excel\u200B", stored before lists were folded) are one entry, under its most common spelling, with their
 * counts added up; most common first.
 */
function foldFacet(rows: { value: string; n: number }[]): string[] {
  const groups = new Map<string, { value: string; n: number }>();
  for (const row of rows) {
    const key = foldKey(row.value);
    if (key === "") continue;
    const group = groups.get(key);
    if (group) group.n += row.n;
    else groups.set(key, { ...row });
  }
  return [...groups.values()].sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).map((g) => g.value);
}
