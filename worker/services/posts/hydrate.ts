import { counted, type Actor, type ServiceContext } from "../../context";
import type { Attachment, Post, PostAuthor } from "../../../contract/posts";
import type { GroupVisibility, PostKind, ReactionKind } from "../../../contract/enums";
import { postCan, sqlVisibleGroup, type Membership, type SqlPart } from "../access";
import { avatarUrl } from "../users/present";
import { join, sqlPart, statement } from "../../lib/sql";

/** A row of {@link postViewColumns}, plus the post's group and the caller's membership in it, however they were found. */
export type PostViewRow = {
  id: string; group_id: string; author_id: string; kind: PostKind; title: string; url: string | null; body: string; html: string; tags: string;
  must_read: number; comment_count: number; reaction_counts: string; rating_sum: number; rating_count: number; pinned_at: number | null;
  edited_at: number | null; hidden_at: number | null; created_at: number;
  /** The member who wrote it (null for an integration's post, with `h_json` then). */
  a_handle: string | null; a_name: string | null; a_location: string | null; a_timezone: string | null; a_avatar: string | null;
  /** An incoming hook's post: the hook's `{name, avatar}` as JSON (its author_id is the hook's id). */
  h_json: string | null;
  my_reactions: string | null; files_json: string; my_rating: number | null; read_count: number | null; read_mine: number | null;
  /** First look: its time, and its audience as a JSON array ("network", or the group ids the caller can see). */
  first_look_at: number | null; fl_audience: string | null;
  g_name: string; g_visibility: GroupVisibility; g_member_count: number; m_role: string | null; m_state: string | null;
};

export function fileUrl(id: string) {
  return `/api/v1/files/${id}`;
}

/**
 * The select list of a post view for the caller, over `p` (the post) and `a` (its author, LEFT JOINed: an incoming
 * hook's post has none, and a probe reads the hook instead): the post, the author, and
 * per post a probe of the caller's reactions, rating (links only), receipts (must-read only) and the attachments. Each
 * probe is a correlated lookup in its primary-key or post index, skipped by `CASE` when the post cannot have one, so a
 * post with nothing to find costs no extra row read.
 */
export function postViewColumns(actor: Actor): SqlPart {
  return sqlPart`p.id, p.group_id, p.author_id, p.kind, p.title, p.url, p.body, p.html, p.tags, p.must_read, p.comment_count, p.reaction_counts,
      p.rating_sum, p.rating_count, p.pinned_at, p.edited_at, p.hidden_at, p.created_at,
      a.handle AS a_handle, a.name AS a_name, a.location AS a_location, a.timezone AS a_timezone, a.avatar_key AS a_avatar,
      CASE WHEN substr(p.author_id, 1, 4) = 'hok_' THEN (SELECT json_object('name', h.name, 'avatar', h.avatar_key) FROM incoming_hooks h WHERE h.id = p.author_id) END AS h_json,
      CASE WHEN p.reaction_counts <> '{}' THEN (SELECT group_concat(r.kind) FROM reactions r WHERE r.target_id = p.id AND r.user_id = ${actor.id}) END AS my_reactions,
      (SELECT json_group_array(json_object('id', f.id, 'name', f.name, 'size', f.size, 'type', f.type))
         FROM files f WHERE f.post_id = p.id AND f.comment_id IS NULL) AS files_json,
      CASE WHEN p.kind = 'link' THEN (SELECT lr.rating FROM link_ratings lr WHERE lr.post_id = p.id AND lr.user_id = ${actor.id}) END AS my_rating,
      CASE WHEN p.must_read = 1 THEN (SELECT count(*) FROM post_reads pr WHERE pr.post_id = p.id) END AS read_count,
      CASE WHEN p.must_read = 1 THEN EXISTS (SELECT 1 FROM post_reads pr WHERE pr.post_id = p.id AND pr.user_id = ${actor.id}) END AS read_mine,
      p.first_look_at,
      CASE WHEN p.first_look_at IS NOT NULL THEN (SELECT json_group_array(pa.audience) FROM post_audiences pa LEFT JOIN groups ag ON ag.id = pa.audience
         WHERE pa.post_id = p.id AND (pa.audience = 'network' OR ${sqlVisibleGroup(actor, "ag.id", "ag.visibility")})) END AS fl_audience`;
}

/**
 * A post's author: the member, or the integration of an incoming hook (`integration: true`, no profile). A post whose
 * author row is gone altogether (never expected: erased members' posts are anonymised or deleted) shows a nameless
 * member rather than failing the whole page.
 */
function presentAuthor(r: PostViewRow): PostAuthor {
  if (r.h_json) {
    const h = JSON.parse(r.h_json) as { name: string; avatar: string | null };
    return { id: r.author_id, name: h.name, avatarUrl: avatarUrl(h.avatar), integration: true };
  }
  return { id: r.author_id, handle: r.a_handle ?? "", name: r.a_name ?? "", location: r.a_location ?? "", timezone: r.a_timezone ?? "", avatarUrl: avatarUrl(r.a_avatar) };
}

/** The API view of one {@link PostViewRow}: what the caller may do with it follows from their membership. */
export function presentPost(actor: Actor, r: PostViewRow): Post {
  const m: Membership = r.m_role && r.m_state ? { role: r.m_role as any, state: r.m_state as any } : null;
  return {
    id: r.id,
    groupId: r.group_id,
    group: { id: r.group_id, name: r.g_name, visibility: r.g_visibility },
    author: presentAuthor(r),
    kind: r.kind,
    title: r.title,
    url: r.url,
    body: r.body,
    html: r.html,
    tags: JSON.parse(r.tags),
    attachments: (JSON.parse(r.files_json ?? "[]") as Omit<Attachment, "url">[]).map((f) => ({ ...f, url: fileUrl(f.id) })),
    createdAt: r.created_at,
    editedAt: r.edited_at,
    pinned: r.pinned_at !== null,
    hidden: r.hidden_at !== null,
    commentCount: r.comment_count,
    reactions: JSON.parse(r.reaction_counts),
    myReactions: r.my_reactions ? (r.my_reactions.split(",") as ReactionKind[]) : [],
    rating: { average: r.rating_count ? Math.round((r.rating_sum / r.rating_count) * 10) / 10 : null, count: r.rating_count, mine: r.my_rating ?? null },
    receipts: r.must_read ? { mustRead: true, read: Boolean(r.read_mine), readCount: r.read_count ?? 0, audience: r.g_member_count } : null,
    can: postCan(actor, m, { authorId: r.author_id }),
    firstLook: presentFirstLook(r, Date.now()),
  };
}

/** A post's first look as the caller sees it: the named groups they can see only (the SQL of {@link postViewColumns} filtered them). */
function presentFirstLook(r: PostViewRow, now: number): Post["firstLook"] {
  if (r.first_look_at === null) return null;
  const audiences = JSON.parse(r.fl_audience ?? "[]") as string[];
  return {
    audience: audiences.includes("network") ? "network" : { groupIds: audiences.sort() },
    at: r.first_look_at,
    reached: r.first_look_at <= now,
  };
}

/** The select list of a whole {@link PostViewRow}: {@link postViewColumns} and the group and membership of {@link postViewJoins}. */
export function postViewSelect(actor: Actor): SqlPart {
  return sqlPart`${postViewColumns(actor)}, g.name AS g_name, g.visibility AS g_visibility, g.member_count AS g_member_count, m.role AS m_role, m.state AS m_state`;
}

/** What a post view joins to a post `p`: its group `g`, its author `a`, and the caller's membership `m`. */
export function postViewJoins(actor: Actor): SqlPart {
  return sqlPart`JOIN groups g ON g.id = p.group_id LEFT JOIN users a ON a.id = p.author_id
       LEFT JOIN group_members m ON m.group_id = p.group_id AND m.user_id = ${actor.id}`;
}

/**
 * Hydrates post ids (already filtered for visibility by the caller's query) into views, in one statement: the posts
 * with their author, group and the caller's membership, and the per-post probes of {@link postViewColumns}. The order
 * of `ids` is kept.
 */
export async function hydratePosts(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<Post[]> {
  if (ids.length === 0) return [];
  const [{ results }] = counted(ctx, [
    await statement(ctx.env.DB, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id IN (${join(ids.map((id) => sqlPart`${id}`), ",")})`).all<PostViewRow>(),
  ]);
  const byId = new Map(results.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [presentPost(actor, r)] : [];
  });
}
