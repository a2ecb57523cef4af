import { counted, type Actor, type ServiceContext } from "../../context";
import { sqlFirstLookReader, sqlReadableGroup, sqlReadableItem } from "../access";
import { empty, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { postViewColumns, presentPost, type PostViewRow } from "../posts/hydrate";
import type { FeedItem, FeedPage } from "../../../contract/feed";

/** The position of a feed page: the last post's time and id. */
export type FeedCursor = { t: number; i: string };
/** A feed page as the service answers it; the route turns `next` into the opaque `nextCursor`. */
export type FeedResult = Omit<FeedPage, "nextCursor"> & { next: FeedCursor | null };


/**
 * A post's place in the feed as one sortable text: its time, zero-padded to 15 digits, then its id. One value orders
 * the merge queue and carries the position of the next step, so the merge never reads a post twice.
 */
const key = (time: string, id: string) => `printf('%015d', ${time}) || ${id}`;

/** The key of a source's seed in the merge queue: above every post's key (they start with digits). */
export const SEED = "~";

/** The columns every row of the merge queue and of the first page's extras carries. */
const ROW = "src, source, k, g_name, g_visibility, g_member_count, m_role, m_state, m_seen, g_last";

/**
 * The feed's sources, merged k-way in one recursive query: my groups, the members I follow and the tags I follow are
 * each a source, seeded with its newest readable post before the cursor; the queue, ordered by key, hands out the
 * newest post of all and replaces it by the next one of the same source — one index step per post on the page, however
 * many groups, follows and tags I have. Visibility is decided inside every step, before the LIMIT. Rows of my groups
 * carry the group and my membership from the seed, so the page needs no further lookup for them. A post reached
 * through two sources (a followed member writing in my group) comes out twice, side by side: the caller keeps one.
 * First look: each group of mine, and the network, is also a source of the announcements of other groups that reach it
 * as their wider audience, keyed by the time they reach it (so they come out at the top of the feed then).
 */
export function feedMerge(actor: Actor, before: FeedCursor, limit: number, now = Date.now()): SqlPart {
  const item = (alias: string) => sqlReadableItem(actor, alias, `${alias}.group_id`);
  const group = sqlReadableGroup(actor, "g.id", "g.visibility");
  /** The key of the next readable post of one source before a position: one step down that source's index. */
  const next = (kind: "g" | "a" | "t" | "f", sourceExpr: string, position: SqlPart): SqlPart => {
    const source = raw(sourceExpr);
    if (kind === "f") {
      // First look (API.md): the announcements whose wider audience is this group of mine (or the network), by the time
      // they reach it, read as that audience; those of my own groups come through their group instead.
      return sqlPart`(SELECT ${raw(key("fa.at", "fa.post_id"))} FROM post_audiences fa INDEXED BY post_audiences_audience_time JOIN posts y ON y.id = fa.post_id
        WHERE fa.audience = ${source} AND fa.at <= ${now} AND (fa.at, fa.post_id) < ${position} AND ${sqlFirstLookReader(actor, "y", now)}
          AND NOT EXISTS (SELECT 1 FROM group_members fm WHERE fm.group_id = y.group_id AND fm.user_id = ${actor.id} AND fm.state = 'member')
        ORDER BY fa.at DESC, fa.post_id DESC LIMIT 1)`;
    }
    if (kind === "g") {
      return sqlPart`(SELECT ${raw(key("y.created_at", "y.id"))} FROM posts y INDEXED BY posts_group_time WHERE y.group_id = ${source} AND (y.created_at, y.id) < ${position} AND ${item("y")} ORDER BY y.created_at DESC, y.id DESC LIMIT 1)`;
    }
    if (kind === "a") {
      return sqlPart`(SELECT ${raw(key("y.created_at", "y.id"))} FROM posts y INDEXED BY posts_author_time JOIN groups g ON g.id = y.group_id WHERE y.author_id = ${source} AND (y.created_at, y.id) < ${position} AND ${group} AND ${item("y")} ORDER BY y.created_at DESC, y.id DESC LIMIT 1)`;
    }
    return sqlPart`(SELECT ${raw(key("tg.created_at", "tg.post_id"))} FROM post_tags tg JOIN groups g ON g.id = tg.group_id JOIN posts y ON y.id = tg.post_id WHERE tg.tag = ${source} AND (tg.created_at, tg.post_id) < ${position} AND ${group} AND ${item("y")} ORDER BY tg.created_at DESC, tg.post_id DESC LIMIT 1)`;
  };
  // Every source is seeded with the key SEED (above any post's), so that the queue hands out the seeds first, each
  // replaced by its source's newest post before the cursor: the four steps are written once, in the recursive step,
  // where SQLite's compile time of the statement (most of it in these steps, D1 compiles it for each page) is spent.
  const seed = raw(`'${SEED}'`);
  const position = sqlPart`(CASE WHEN k = ${seed} THEN ${before.t} ELSE CAST(substr(k, 1, 15) AS INTEGER) END, CASE WHEN k = ${seed} THEN ${before.i} ELSE substr(k, 16) END)`;
  const mine = sqlPart`FROM group_members my WHERE my.user_id = ${actor.id} AND my.state = 'member'`;
  // The queue hands out `limit` posts after its seeds, one per source: 'g' and 'f' for each group of mine, 'a' for each
  // member I follow, 't' for each tag, 'f' for the network.
  const seeds = sqlPart`(SELECT count(*) * 2 ${mine}) + (SELECT count(*) FROM member_follows f WHERE f.follower_id = ${actor.id})
    + (SELECT count(*) FROM tag_follows tf WHERE tf.user_id = ${actor.id})${raw(actor.role === "guest" ? "" : " + 1")}`;
  return sqlPart`feed(${raw(ROW)}) AS (
  SELECT 'g', my.group_id, ${seed}, g.name, g.visibility, g.member_count, my.role, my.state, my.last_read_at, NULL
    FROM group_members my JOIN groups g ON g.id = my.group_id WHERE my.user_id = ${actor.id} AND my.state = 'member'
  UNION ALL
  SELECT s.src, s.source, ${seed}, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (SELECT 'a' AS src, f.followee_id AS source FROM member_follows f WHERE f.follower_id = ${actor.id}
      UNION ALL SELECT 't', tf.tag FROM tag_follows tf WHERE tf.user_id = ${actor.id}
      UNION ALL SELECT 'f', fg.group_id FROM group_members fg WHERE fg.user_id = ${actor.id} AND fg.state = 'member'${actor.role === "guest" ? empty : raw(`
      UNION ALL SELECT 'f', 'network'`)}) s
  UNION ALL
  SELECT src, source, CASE src WHEN 'g' THEN ${next("g", "source", position)} WHEN 'a' THEN ${next("a", "source", position)} WHEN 'f' THEN ${next("f", "source", position)} ELSE ${next("t", "source", position)} END, g_name, g_visibility, g_member_count, m_role, m_state, m_seen, g_last FROM feed WHERE k IS NOT NULL
  ORDER BY 3 DESC LIMIT ${limit} + ${seeds})`;
}

/**
 * The first page's extras, over my memberships once: a row per must-read announcement of my groups I have not read
 * (through the partial index of must-read posts), and a row per group of mine with posts newer than my last visit.
 */
function firstPageExtras(actor: Actor, now: number): SqlPart {
  return sqlPart`,\nextra(${raw(ROW)}) AS (
  SELECT CASE WHEN p.id IS NULL THEN 'unread' ELSE 'ann' END, my.group_id, ${raw(key("p.created_at", "p.id"))},
    g.name, g.visibility, g.member_count, my.role, my.state, my.last_read_at, g.last_post_at
  FROM group_members my JOIN groups g ON g.id = my.group_id
  LEFT JOIN posts p INDEXED BY posts_group_must_read ON p.group_id = my.group_id AND p.must_read = 1 AND p.deleted_at IS NULL AND p.created_at > ${now - 30 * 24 * 3600 * 1000} AND ${sqlReadableItem(actor, "p", "p.group_id")}
    AND NOT EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id AND r.user_id = ${actor.id})
  WHERE my.user_id = ${actor.id} AND my.state = 'member' AND (p.id IS NOT NULL OR g.last_post_at > my.last_read_at))`;
}

type FeedRow = PostViewRow & {
  src: "g" | "a" | "t" | "f" | "ann" | "unread"; k: string | null; source: string; m_seen: number | null; g_last: number | null;
  /** Posts reached through a follow: their group and my membership in it, as JSON (the merge carries them for my groups). */
  other_group: string | null;
};

/**
 * The home feed in one statement (STYLE.md's skeleton → hydrate → visibility → present): the merge finds the next
 * `take` keys before the position with visibility applied in every step, the same statement hydrates them with the
 * post view's columns (and, with `extras`, adds the first page's unread announcements and groups), and the rows are
 * presented by {@link homeFeed}.
 */
export function feedQuery(actor: Actor, take: number, position: FeedCursor | undefined, extras: boolean, now = Date.now()): SqlPart {
  return sqlPart`WITH RECURSIVE ${feedMerge(actor, position ?? { t: Number.MAX_SAFE_INTEGER, i: "~" }, take, now)}${extras ? firstPageExtras(actor, now) : empty},
page AS (${raw(extras ? `SELECT ${ROW} FROM extra UNION ALL ` : "")}SELECT ${raw(ROW)} FROM feed WHERE k IS NOT NULL AND k <> ${raw(`'${SEED}'`)})
SELECT page.src, page.source, page.k, page.g_last, ${postViewColumns(actor)}, page.g_name, page.g_visibility, page.g_member_count, page.m_role, page.m_state, page.m_seen,
  CASE WHEN page.src <> 'g' THEN (SELECT json_object('g_name', og.name, 'g_visibility', og.visibility, 'g_member_count', og.member_count,
      'm_role', om.role, 'm_state', om.state, 'm_seen', om.last_read_at)
    FROM groups og LEFT JOIN group_members om ON om.group_id = og.id AND om.user_id = ${actor.id} WHERE og.id = p.group_id) END AS other_group
FROM page LEFT JOIN posts p ON p.id = substr(page.k, 16) LEFT JOIN users a ON a.id = p.author_id`;
}

const cursorAt = (k: string): FeedCursor => ({ t: Number(k.slice(0, 15)), i: k.slice(15) });
const byKey = (a: FeedRow, b: FeedRow) => ((a.k ?? "") < (b.k ?? "") ? 1 : (a.k ?? "") > (b.k ?? "") ? -1 : 0);
const isMerged = (r: FeedRow) => r.src === "g" || r.src === "a" || r.src === "t" || r.src === "f";

/**
 * The home feed: one D1 statement per page (see {@link feedQuery}) for a member who follows nobody. The merge hands a
 * post reached through two or three sources out once per source, side by side; when copies leave the page short, or
 * hide whether anything follows, the feed asks again after the last post it kept (at most twice more), so a page is
 * full unless the feed ends, and a cursor never leads to an empty page but in the rarest case.
 */
export async function homeFeed(ctx: ServiceContext, actor: Actor, limit: number, cursor?: FeedCursor): Promise<FeedResult> {
  const items: FeedItem[] = [];
  let extras: FeedRow[] = [];
  let lastKey: string | null = null;
  let more = false;
  let position = cursor;
  let take = limit + 1;
  for (let round = 0; round < 3; round++) {
    const q = feedQuery(actor, take, position, round === 0 && !cursor);
    const [{ results: rows }] = counted(ctx, [await statement(ctx.env.DB, q).all<FeedRow>()]);
    const results = rows.map((r): FeedRow => (r.other_group ? { ...r, ...JSON.parse(r.other_group) } : r));
    if (round === 0) extras = results.filter((r) => !isMerged(r));
    const merged = results.filter(isMerged).sort(byKey);
    for (const r of merged) {
      if (r.k === lastKey) continue; // the same post through another source
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push({ ...presentPost(actor, r), unread: r.m_state === "member" && r.m_seen !== null && r.created_at > r.m_seen });
      lastKey = r.k;
    }
    // Done when a post beyond the page was seen, or when the merge gave fewer keys than asked (the feed ends there).
    if (more || merged.length < take || lastKey === null) break;
    position = cursorAt(lastKey);
    take = (limit - items.length) * 2 + 2; // copies come in twos, rarely threes
    more = round === 2; // out of rounds: assume more (the next page may then be empty)
  }
  const unreadGroups = new Map<string, { id: string; name: string; last: number }>();
  for (const r of extras) if (r.g_last !== null && r.m_seen !== null && r.g_last > r.m_seen) unreadGroups.set(r.source, { id: r.source, name: r.g_name, last: r.g_last });
  return {
    unreadAnnouncements: extras.filter((r) => r.src === "ann" && r.id).sort(byKey).slice(0, 5).map((r) => presentPost(actor, r)),
    unreadGroups: [...unreadGroups.values()].sort((a, b) => b.last - a.last).slice(0, 20).map(({ id, name }) => ({ id, name })),
    items,
    next: more && lastKey ? cursorAt(lastKey) : null,
  };
}
