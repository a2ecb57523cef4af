import type { ServiceContext } from "../../context";
import { sqlUserReadsGroup } from "../access";
import { publishToMembers } from "../live";
import { notificationBatch } from "./notify";

const CHUNK = 500;

/**
 * After a post is written (from the queue): tells the group's members of it — every member for a must-read
 * announcement (unless they silenced the group), otherwise those who follow the group's every post. Mentioned members
 * already have their notification. Runs in chunks, so a large group does not make one huge batch.
 */
export async function fanOutPost(ctx: ServiceContext, postId: string): Promise<number> {
  const post = await ctx.env.DB.prepare("SELECT id, group_id, author_id, kind, must_read, deleted_at, hidden_at, created_at FROM posts WHERE id = ?")
    .bind(postId)
    .first<{ id: string; group_id: string; author_id: string; kind: string; must_read: number; deleted_at: number | null; hidden_at: number | null; created_at: number }>();
  if (!post || post.deleted_at !== null || post.hidden_at !== null) return 0;
  const announcement = post.kind === "announcement";
  let after = "";
  let sent = 0;
  for (;;) {
    const { results } = await ctx.env.DB.prepare(
      `SELECT u.id FROM group_members gm JOIN users u ON u.id = gm.user_id JOIN groups g ON g.id = gm.group_id
       WHERE gm.group_id = ? AND gm.state = 'member' AND gm.user_id > ? AND u.id <> ?
         AND ${announcement ? "gm.notify <> 'none'" : "gm.notify = 'all'"}
         AND ${sqlUserReadsGroup("u", "g.id", "g.visibility")}
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.post_id = ? AND n.comment_id IS NULL)
       ORDER BY gm.user_id LIMIT ?`,
    )
      .bind(post.group_id, after, post.author_id, post.id, CHUNK)
      .all<{ id: string }>();
    if (results.length === 0) break;
    const notes = await notificationBatch(ctx, results.map((r) => r.id), { kind: announcement ? "announcement" : "post", actorId: post.author_id, groupId: post.group_id, postId: post.id }, Date.now());
    const inserts = notes.statements;
    for (let i = 0; i < inserts.length; i += 50) await ctx.db.batch(inserts.slice(i, i + 50) as [(typeof inserts)[0]]);
    await notes.pushLive();
    sent += results.length;
    after = results.at(-1)!.id;
    if (results.length < CHUNK) break;
  }
  return sent;
}

/**
 * After a post is written (from the queue): tells every member of its group who may read it, in their own room, so
 * their home feed can say "3 new posts" without reloading. Ids only; chunked like the notifications.
 */
export async function announceNewPost(ctx: ServiceContext, postId: string): Promise<number> {
  const post = await ctx.env.DB.prepare("SELECT id, group_id, author_id, deleted_at, hidden_at FROM posts WHERE id = ?")
    .bind(postId)
    .first<{ id: string; group_id: string; author_id: string; deleted_at: number | null; hidden_at: number | null }>();
  if (!post || post.deleted_at !== null || post.hidden_at !== null) return 0;
  let after = "";
  let told = 0;
  for (;;) {
    const { results } = await ctx.env.DB.prepare(
      `SELECT u.id FROM group_members gm JOIN users u ON u.id = gm.user_id JOIN groups g ON g.id = gm.group_id
       WHERE gm.group_id = ? AND gm.state = 'member' AND gm.user_id > ? AND u.id <> ? AND ${sqlUserReadsGroup("u", "g.id", "g.visibility")}
       ORDER BY gm.user_id LIMIT ?`,
    )
      .bind(post.group_id, after, post.author_id, CHUNK)
      .all<{ id: string }>();
    if (results.length === 0) break;
    await publishToMembers(ctx, results.map((r) => r.id), "feed.new", () => ({ postId: post.id, groupId: post.group_id }));
    told += results.length;
    after = results.at(-1)!.id;
    if (results.length < CHUNK) break;
  }
  return told;
}
