import { counted, type Actor, type ServiceContext } from "../../context";
import type { PostKind } from "../../db/conversation";
import type { PostView } from "./post-view";
import { canDeleteItem, canEditItem, canModerateGroup, type Membership } from "../groups/access";
import { avatarUrl } from "../users/present";

type HydratedRow = {
  id: string; group_id: string; author_id: string; kind: PostKind; title: string; url: string | null; body: string; html: string; tags: string;
  must_read: number; comment_count: number; reaction_counts: string; rating_sum: number; rating_count: number; pinned_at: number | null;
  edited_at: number | null; hidden_at: number | null; created_at: number; g_name: string; g_visibility: string; g_member_count: number;
  a_handle: string; a_name: string; a_location: string; a_timezone: string; a_avatar: string | null; m_role: string | null; m_state: string | null;
};

export function fileUrl(id: string) {
  return `/api/v1/files/${id}`;
}

/**
 * Hydrates post ids (already filtered for visibility by the caller's query) into views, in one batch: the posts with
 * their author, group and the caller's membership, their attachments, the caller's reactions, ratings and receipts.
 * The order of `ids` is kept.
 */
export async function hydratePosts(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<PostView[]> {
  if (ids.length === 0) return [];
  const list = ids.map(() => "?").join(",");
  const db = ctx.env.DB;
  const [posts, files, mine, ratings, reads] = counted(ctx, await db.batch<any>([
    db.prepare(
      `SELECT p.*, g.name AS g_name, g.visibility AS g_visibility, g.member_count AS g_member_count,
         a.handle AS a_handle, a.name AS a_name, a.location AS a_location, a.timezone AS a_timezone, a.avatar_key AS a_avatar,
         m.role AS m_role, m.state AS m_state
       FROM posts p JOIN groups g ON g.id = p.group_id JOIN users a ON a.id = p.author_id
       LEFT JOIN group_members m ON m.group_id = p.group_id AND m.user_id = ?
       WHERE p.id IN (${list})`,
    ).bind(actor.id, ...ids),
    db.prepare(`SELECT id, post_id, name, size, type FROM files WHERE post_id IN (${list}) AND comment_id IS NULL ORDER BY created_at`).bind(...ids),
    db.prepare(`SELECT target_id, kind FROM reactions WHERE user_id = ? AND target_id IN (${list})`).bind(actor.id, ...ids),
    db.prepare(`SELECT post_id, rating FROM link_ratings WHERE user_id = ? AND post_id IN (${list})`).bind(actor.id, ...ids),
    db.prepare(
      `SELECT p.id AS post_id, (SELECT count(*) FROM post_reads r WHERE r.post_id = p.id) AS n,
         EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id AND r.user_id = ?) AS mine
       FROM posts p WHERE p.id IN (${list}) AND p.must_read = 1`,
    ).bind(actor.id, ...ids),
  ]));
  const byId = new Map((posts.results as HydratedRow[]).map((r) => [r.id, r]));
  const group = <T extends Record<string, any>>(rows: T[], key: string) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r[key], [...(map.get(r[key]) ?? []), r]);
    return map;
  };
  const filesByPost = group(files.results, "post_id");
  const mineByPost = group(mine.results, "target_id");
  const ratingByPost = new Map((ratings.results as { post_id: string; rating: number }[]).map((r) => [r.post_id, r.rating]));
  const readsByPost = new Map((reads.results as { post_id: string; n: number; mine: number }[]).map((r) => [r.post_id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const m: Membership = r.m_role && r.m_state ? { role: r.m_role as any, state: r.m_state as any } : null;
    const receipt = readsByPost.get(id);
    return [
      {
        id: r.id,
        groupId: r.group_id,
        group: { id: r.group_id, name: r.g_name, visibility: r.g_visibility },
        author: { id: r.author_id, handle: r.a_handle, name: r.a_name, location: r.a_location, timezone: r.a_timezone, avatarUrl: avatarUrl(r.a_avatar) },
        kind: r.kind,
        title: r.title,
        url: r.url,
        body: r.body,
        html: r.html,
        tags: JSON.parse(r.tags),
        attachments: (filesByPost.get(id) ?? []).map((f) => ({ id: f.id, name: f.name, size: f.size, type: f.type, url: fileUrl(f.id) })),
        createdAt: r.created_at,
        editedAt: r.edited_at,
        pinned: r.pinned_at !== null,
        hidden: r.hidden_at !== null,
        commentCount: r.comment_count,
        reactions: JSON.parse(r.reaction_counts),
        myReactions: (mineByPost.get(id) ?? []).map((x) => x.kind),
        rating: { average: r.rating_count ? Math.round((r.rating_sum / r.rating_count) * 10) / 10 : null, count: r.rating_count, mine: ratingByPost.get(id) ?? null },
        receipts: r.must_read ? { mustRead: true, read: Boolean(receipt?.mine), readCount: receipt?.n ?? 0, audience: r.g_member_count } : null,
        can: { edit: canEditItem(actor, { authorId: r.author_id }), delete: canDeleteItem(actor, m, { authorId: r.author_id }), moderate: canModerateGroup(actor, m) },
      },
    ];
  });
}
