import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { posts } from "../../db/conversation";
import { groupMembers, groups } from "../../db/groups";
import { users } from "../../db/users";
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

/** The statement reading the post and its group's facts (batched with others by the `post-fanout` job). */
export function fanOutPostQuery(ctx: ServiceContext, postId: string) {
  return ctx.db
    .select({ id: posts.id, groupId: posts.groupId, authorId: posts.authorId, kind: posts.kind, createdAt: posts.createdAt, deletedAt: posts.deletedAt, hiddenAt: posts.hiddenAt, visibility: groups.visibility, groupKind: sql<WebhookGroupFacts["kind"]>`${groups.kind}`.as("group_kind") })
    .from(posts)
    .innerJoin(groups, eq(groups.id, posts.groupId))
    .where(eq(posts.id, postId))
    .limit(1);
  // The group's kind under a name of its own: in a batch, D1 answers rows as objects, where two `kind` columns collide.
}

/** What `fanOutPostQuery` answered, as the fan-out's facts; null when the post is gone. */
export function toFanOutPost(rows: Awaited<ReturnType<typeof fanOutPostQuery>>): FanOutPost | null {
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    groupId: row.groupId,
    authorId: row.authorId,
    kind: row.kind,
    createdAt: row.createdAt,
    removed: row.deletedAt !== null || row.hiddenAt !== null,
    group: { id: row.groupId, visibility: row.visibility, kind: row.groupKind },
  };
}

/** The post and its group's facts, in one statement; null when the post is gone. */
export async function readFanOutPost(ctx: ServiceContext, postId: string): Promise<FanOutPost | null> {
  return toFanOutPost(await fanOutPostQuery(ctx, postId));
}

const asFanOutPost = async (ctx: ServiceContext, post: string | FanOutPost) => (typeof post === "string" ? readFanOutPost(ctx, post) : post);

/** A member of a post's group who may read it, and whether their bell rings for it (the fan-out's chunk of members). */
export type MemberToTell = { id: string; bell: number };

/**
 * A chunk of the members to tell of a post (after `after`, in id order), found by the post's id alone: the author left
 * out, only those who may read the group, `bell` 1 for those whose bell rings (every member who did not silence the
 * group for a must-read announcement, those who follow its every post otherwise) and who do not have the post's
 * notification yet. Needing nothing but the id, the first chunk rides in the `post-fanout` job's read of the post.
 */
export function membersChunkQuery(ctx: ServiceContext, postId: string, after = "") {
  // Built with drizzle's builder, not as raw SQL: drizzle's D1 batch binds only the statements it prepared itself.
  return ctx.db
    .select({
      id: users.id,
      bell: sql<number>`CASE WHEN ${posts.kind} = 'announcement' THEN ${groupMembers.notify} <> 'none' ELSE ${groupMembers.notify} = 'all' END
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ${users.id} AND n.post_id = ${posts.id} AND n.comment_id IS NULL)`.as("bell"),
    })
    .from(posts)
    .innerJoin(groups, eq(groups.id, posts.groupId))
    .innerJoin(groupMembers, eq(groupMembers.groupId, posts.groupId))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(
      and(
        eq(posts.id, postId),
        eq(groupMembers.state, "member"),
        gt(groupMembers.userId, after),
        ne(users.id, posts.authorId),
        sql.raw(sqlUserReadsGroup('"users"', '"groups"."id"', '"groups"."visibility"')),
      ),
    )
    .orderBy(groupMembers.userId)
    .limit(CHUNK);
}

/**
 * After a post is written (from the queue), its group's members who may read it hear of it, in chunks so that a large
 * group does not make one huge batch:
 * - `bell`: a notification for every member for a must-read announcement (unless they silenced the group), otherwise
 *   for those who follow the group's every post; mentioned members already have theirs;
 * - `feed`: a `feed.new` frame in each one's own room, so their home feed can say "3 new posts" without reloading (ids
 *   only).
 * Both come from one pass over the members (the `post-fanout` job asks for both). `firstChunk`: the first chunk of
 * `membersChunkQuery`, when the caller read it already (the `post-fanout` job, in its batch's one read).
 */
export async function tellMembers(ctx: ServiceContext, postOrId: string | FanOutPost, which: { bell: boolean; feed: boolean }, firstChunk?: MemberToTell[]): Promise<{ notified: number; told: number }> {
  const post = await asFanOutPost(ctx, postOrId);
  const counts = { notified: 0, told: 0 };
  if (!post || post.removed) return counts;
  const announcement = post.kind === "announcement";
  let after = "";
  for (let chunk = firstChunk; ; chunk = undefined) {
    const results = chunk ?? (await membersChunkQuery(ctx, post.id, after));
    if (results.length === 0) break;
    const ringing = which.bell ? results.filter((r) => Number(r.bell) === 1).map((r) => r.id) : [];
    if (ringing.length) {
      const notes = await notificationBatch(ctx, ringing, { kind: announcement ? "announcement" : "post", actorId: post.authorId, groupId: post.groupId, postId: post.id }, Date.now());
      const inserts = notes.statements;
      for (let i = 0; i < inserts.length; i += 50) await ctx.db.batch(inserts.slice(i, i + 50) as [(typeof inserts)[0]]);
      await notes.pushLive();
      counts.notified += ringing.length;
    }
    if (which.feed) {
      await publishToMembers(ctx, results.map((r) => r.id), "feed.new", () => ({ postId: post.id, groupId: post.groupId }));
      counts.told += results.length;
    }
    after = results.at(-1)!.id;
    if (results.length < CHUNK) break;
  }
  return counts;
}

/** The bell only (`tellMembers`): the notifications of a post; answers how many. */
export const fanOutPost = async (ctx: ServiceContext, post: string | FanOutPost) => (await tellMembers(ctx, post, { bell: true, feed: false })).notified;

/** The live feed only (`tellMembers`): the `feed.new` frames of a post; answers how many members were told. */
export const announceNewPost = async (ctx: ServiceContext, post: string | FanOutPost) => (await tellMembers(ctx, post, { bell: false, feed: true })).told;
