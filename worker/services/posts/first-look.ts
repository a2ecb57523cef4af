import type { ServiceContext } from "../../context";
import { sqlUserInFirstLookAudience } from "../access";
import { publishToMembers } from "../live";
import { notificationBatch } from "../notifications/notify";

const CHUNK = 500;
/** Announcements told per cron run (the next run takes the rest). */
const PER_RUN = 20;

/**
 * Cron (every minute): the first-look announcements whose time has come are told to their wider audience, once. Each
 * post is claimed first (`first_look_told_at` set where it was null: of two runs at once, one alone claims it), then
 * every member of the audience who is not a member of the home group and has no notification of it yet gets an
 * `announcement` notification (pushed live and as web push by the usual path, quiet hours kept) and a `feed.new`
 * frame. Answers how many members were told. A run that fails after its claim leaves that post untold (at most once,
 * never twice).
 */
export async function tellFirstLooks(ctx: ServiceContext, now: number): Promise<number> {
  const { results: due } = await ctx.env.DB.prepare(
    `SELECT id FROM posts INDEXED BY posts_first_look_due WHERE first_look_at IS NOT NULL AND first_look_told_at IS NULL AND first_look_at <= ? ORDER BY first_look_at LIMIT ?`,
  )
    .bind(now, PER_RUN)
    .all<{ id: string }>();
  let told = 0;
  for (const { id } of due) {
    const claimed = await ctx.env.DB.prepare(
      `UPDATE posts SET first_look_told_at = ? WHERE id = ? AND first_look_told_at IS NULL RETURNING group_id AS groupId, author_id AS authorId, deleted_at AS deletedAt, hidden_at AS hiddenAt`,
    )
      .bind(now, id)
      .first<{ groupId: string; authorId: string; deletedAt: number | null; hiddenAt: number | null }>();
    if (!claimed || claimed.deletedAt !== null || claimed.hiddenAt !== null) continue;
    told += await tellAudience(ctx, { id, ...claimed }, now);
  }
  return told;
}

async function tellAudience(ctx: ServiceContext, post: { id: string; groupId: string; authorId: string }, now: number): Promise<number> {
  let after = "";
  let told = 0;
  for (;;) {
    const { results } = await ctx.env.DB.prepare(
      `SELECT u.id FROM users u WHERE u.id > ? AND u.id <> ? AND ${sqlUserInFirstLookAudience("u", "?")}
         AND NOT EXISTS (SELECT 1 FROM group_members hm WHERE hm.group_id = ? AND hm.user_id = u.id AND hm.state = 'member')
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.post_id = ? AND n.comment_id IS NULL)
       ORDER BY u.id LIMIT ?`,
    )
      .bind(after, post.authorId, post.id, post.groupId, post.id, CHUNK)
      .all<{ id: string }>();
    if (results.length === 0) break;
    const ids = results.map((r) => r.id);
    const notes = await notificationBatch(ctx, ids, { kind: "announcement", actorId: post.authorId, groupId: post.groupId, postId: post.id }, now);
    const inserts = notes.statements;
    for (let i = 0; i < inserts.length; i += 50) await ctx.db.batch(inserts.slice(i, i + 50) as [(typeof inserts)[0]]);
    await notes.pushLive();
    await publishToMembers(ctx, ids, "feed.new", () => ({ postId: post.id, groupId: post.groupId }));
    told += ids.length;
    after = ids.at(-1)!;
    if (results.length < CHUNK) break;
  }
  return told;
}
