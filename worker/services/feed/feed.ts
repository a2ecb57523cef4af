import { counted, type Actor, type ServiceContext } from "../../context";
import { sqlReadableGroup, sqlReadableItem } from "../groups/access";
import { hydratePosts } from "../posts/hydrate";
import type { PostView } from "../posts/post-view";

export type FeedCursor = { t: number; i: string };
export type FeedItem = PostView & { unread: boolean };
export type FeedPage = {
  /** First page only: must-read announcements of my groups I have not read yet, pinned on top. */
  unreadAnnouncements: PostView[];
  /** First page only: my groups with posts I have not seen since I last opened them. */
  unreadGroups: { id: string; name: string }[];
  items: FeedItem[];
  next: FeedCursor | null;
};

/** SQL text with its bound values, composed in order so anonymous placeholders line up. */
class Query {
  sql = "";
  binds: unknown[] = [];
  add(sql: string, ...binds: unknown[]) {
    this.sql += sql;
    this.binds.push(...binds);
    return this;
  }
  part(p: { sql: string; binds: unknown[] }) {
    return this.add(p.sql, ...p.binds);
  }
}

/**
 * The skeleton of a feed page: ids and times of the newest posts from my groups, the members I follow and the tags I
 * follow, before the cursor. My groups are merged k-way: a recursive query whose queue is ordered by time takes the
 * next readable post of whichever group gave the last one, and stops after `limit` posts — about one index step per
 * post on the page, however many groups I am in. Follows and tags read at most `limit` rows each through their index.
 * Visibility is decided inside every source, before the final LIMIT.
 */
export function feedSkeleton(actor: Actor, before: FeedCursor, limit: number): Query {
  const q = new Query();
  const item = (alias: string, groupExpr: string) => sqlReadableItem(actor, alias, groupExpr);
  /** The rowid of the next readable post of a group before a (time, id) position: one step down its index. */
  const nextInGroup = (groupExpr: string, position: string, ...positionBinds: unknown[]) =>
    q
      .add(`(SELECT y.rowid FROM posts y INDEXED BY posts_group_time WHERE y.group_id = ${groupExpr} AND (y.created_at, y.id) < ${position} AND `, ...positionBinds)
      .part(item("y", "y.group_id"))
      .add(" ORDER BY y.created_at DESC, y.id DESC LIMIT 1)");
  q.add("WITH RECURSIVE mine(gid, t, id) AS (\n  SELECT my.group_id, x.created_at, x.id FROM group_members my JOIN posts x ON x.rowid = ");
  nextInGroup("my.group_id", "(?, ?)", before.t, before.i);
  q.add("\n  WHERE my.user_id = ? AND my.state = 'member'\n  UNION ALL\n  SELECT mine.gid, x.created_at, x.id FROM mine JOIN posts x ON x.rowid = ", actor.id);
  nextInGroup("mine.gid", "(mine.t, mine.id)");
  q.add(`\n  ORDER BY 2 DESC, 3 DESC LIMIT ?)
SELECT id, t FROM (
    SELECT id, t FROM mine
    UNION
    SELECT p.id, p.created_at AS t FROM member_follows f JOIN posts p ON p.id IN (
      SELECT x.id FROM posts x INDEXED BY posts_author_time JOIN groups g ON g.id = x.group_id
      WHERE x.author_id = f.followee_id AND (x.created_at, x.id) < (?, ?) AND `, limit, before.t, before.i)
    .part(sqlReadableGroup(actor, "g.id", "g.visibility"))
    .add(" AND ")
    .part(item("x", "x.group_id"))
    .add(` ORDER BY x.created_at DESC, x.id DESC LIMIT ?)
    WHERE f.follower_id = ?
    UNION
    SELECT p.id, p.created_at AS t FROM tag_follows tf JOIN posts p ON p.id IN (
      SELECT tg.post_id FROM post_tags tg JOIN groups g ON g.id = tg.group_id JOIN posts x ON x.id = tg.post_id
      WHERE tg.tag = tf.tag AND (tg.created_at, tg.post_id) < (?, ?) AND `, limit, actor.id, before.t, before.i)
    .part(sqlReadableGroup(actor, "g.id", "g.visibility"))
    .add(" AND ")
    .part(item("x", "x.group_id"))
    .add(` ORDER BY tg.created_at DESC, tg.post_id DESC LIMIT ?)
    WHERE tf.user_id = ?
  ) ORDER BY t DESC, id DESC LIMIT ?`, limit, actor.id, limit);
  return q;
}

/**
 * The home feed, built as skeleton → hydrate → present: one batch finds the page's ids (and, on the first page, the
 * unread announcements and groups), a second hydrates them.
 */
export async function homeFeed(ctx: ServiceContext, actor: Actor, limit: number, cursor?: FeedCursor): Promise<FeedPage> {
  const db = ctx.env.DB;
  const first = cursor === undefined;
  const sk = feedSkeleton(actor, cursor ?? { t: Number.MAX_SAFE_INTEGER, i: "~" }, limit + 1);
  const statements = [db.prepare(sk.sql).bind(...sk.binds)];
  if (first) {
    const readable = sqlReadableItem(actor, "p", "p.group_id");
    statements.push(
      db.prepare(
        `SELECT p.id FROM group_members my JOIN posts p INDEXED BY posts_group_must_read ON p.group_id = my.group_id
         WHERE my.user_id = ? AND my.state = 'member' AND p.must_read = 1 AND p.deleted_at IS NULL AND p.created_at > ? AND ${readable.sql}
           AND NOT EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id AND r.user_id = ?)
         ORDER BY p.created_at DESC LIMIT 5`,
      ).bind(actor.id, Date.now() - 30 * 24 * 3600 * 1000, ...readable.binds, actor.id),
      db.prepare(
        `SELECT g.id, g.name, my.last_read_at AS seen FROM group_members my JOIN groups g ON g.id = my.group_id
         WHERE my.user_id = ? AND my.state = 'member' AND g.last_post_at > my.last_read_at ORDER BY g.last_post_at DESC LIMIT 20`,
      ).bind(actor.id),
    );
  }
  const [page, announcements, unread] = counted(ctx, await db.batch<any>(statements));
  const rows = page.results as { id: string; t: number }[];
  const pageRows = rows.slice(0, limit);
  const announcementIds = (announcements?.results ?? []).map((r: { id: string }) => r.id);
  const hydrated = await hydratePosts(ctx, actor, [...new Set([...pageRows.map((r) => r.id), ...announcementIds])]);
  const byId = new Map(hydrated.map((p) => [p.id, p]));
  const seen = new Map<string, number>((unread?.results ?? []).map((g: { id: string; seen: number }) => [g.id, g.seen]));
  const last = pageRows.at(-1);
  return {
    unreadAnnouncements: announcementIds.flatMap((id: string) => byId.get(id) ?? []),
    unreadGroups: (unread?.results ?? []).map((g: { id: string; name: string }) => ({ id: g.id, name: g.name })),
    items: pageRows.flatMap((r) => {
      const post = byId.get(r.id);
      return post ? [{ ...post, unread: seen.has(post.groupId) && post.createdAt > seen.get(post.groupId)! }] : [];
    }),
    next: rows.length > limit && last ? { t: last.t, i: last.id } : null,
  };
}
