import type { ServiceContext } from "../../context";
import { sqlUserReadsGroup, type WebhookGroupFacts } from "../access";
import { publishToMembers } from "../live";
import { notificationBatch } from "./notify";

const CHUNK = 500;

/** What the post's fan-out needs of it and of its group, read once by the `post-fanout` job for all three steps. */
export type FanOutPost = {
  id: string;
  groupId: string;
  authorId: string;
  kind: string;
  createdAt: number;
  removed: boolean;
  group: WebhookGroupFacts;
};

/** The post and its group's facts, in one statement; null when the post is gone. */
export async function readFanOutPost(ctx: ServiceContext, postId: string): Promise<FanOutPost | null> {
  const row = await ctx.env.DB.prepare(
    `SELECT p.id, p.group_id, p.author_id, p.kind, p.created_at, p.deleted_at IS NOT NULL OR p.hidden_at IS NOT NULL AS removed, g.visibility, g.kind AS group_kind
     FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.id = ?`,
  )
    .bind(postId)
    .first<{ id: string; group_id: string; author_id: string; kind: string; created_at: number; removed: number; visibility: WebhookGroupFacts["visibility"]; group_kind: WebhookGroupFacts["kind"] }>();
  if (!row) return null;
  return {
    id: row.id,
    groupId: row.group_id,
    authorId: row.author_id,
    kind: row.kind,
    createdAt: row.created_at,
    removed: row.removed === 1,
    group: { id: row.group_id, visibility: row.visibility, kind: row.group_kind },
  };
}

const asFanOutPost = async (ctx: ServiceContext, post: string | FanOutPost) => (typeof post === "string" ? readFanOutPost(ctx, post) : post);

/**
 * After a post is written (from the queue): tells the group's members of it — every member for a must-read
 * announcement (unless they silenced the group), otherwise those who follow the group's every post. Mentioned members
 * already have their notification. Runs in chunks, so a large group does not make one huge batch.
 */
export async function fanOutPost(ctx: ServiceContext, postOrId: string | FanOutPost): Promise<number> {
  const post = await asFanOutPost(ctx, postOrId);
  if (!post || post.removed) return 0;
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
      .bind(post.groupId, after, post.authorId, post.id, CHUNK)
      .all<{ id: string }>();
    if (results.length === 0) break;
    const notes = await notificationBatch(ctx, results.map((r) => r.id), { kind: announcement ? "announcement" : "post", actorId: post.authorId, groupId: post.groupId, postId: post.id }, Date.now());
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
export async function announceNewPost(ctx: ServiceContext, postOrId: string | FanOutPost): Promise<number> {
  const post = await asFanOutPost(ctx, postOrId);
  if (!post || post.removed) return 0;
  let after = "";
  let told = 0;
  for (;;) {
    const { results } = await ctx.env.DB.prepare(
      `SELECT u.id FROM group_members gm JOIN users u ON u.id = gm.user_id JOIN groups g ON g.id = gm.group_id
       WHERE gm.group_id = ? AND gm.state = 'member' AND gm.user_id > ? AND u.id <> ? AND ${sqlUserReadsGroup("u", "g.id", "g.visibility")}
       ORDER BY gm.user_id LIMIT ?`,
    )
      .bind(post.groupId, after, post.authorId, CHUNK)
      .all<{ id: string }>();
    if (results.length === 0) break;
    await publishToMembers(ctx, results.map((r) => r.id), "feed.new", () => ({ postId: post.id, groupId: post.groupId }));
    told += results.length;
    after = results.at(-1)!.id;
    if (results.length < CHUNK) break;
  }
  return told;
}
