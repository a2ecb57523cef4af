import { z } from "@hono/zod-openapi";
import {
  Comment,
  CommentBody,
  CommentPage,
  CommentPatch,
  CommentsQuery,
  GroupPostsQuery,
  Post,
  PostBody,
  PostPage,
  PostPatch,
  RatingBody,
  ReactionPath,
  ReportBody,
  ReportCreated,
} from "../../contract/posts";
import { decodeCursor, encodeCursor, parseOrThrow } from "../lib/validate";
import { moderateItem, reportItem } from "../services/moderation/moderation";
import { checkCommentingRight, checkCommentRight, createComment, deleteComment, getComment, listComments, updateComment } from "../services/posts/comments";
import { checkPostRight, createPost, deletePost, getPost, listGroupPosts, markPostRead, pinPost, rateLink, updatePost } from "../services/posts/posts";
import { setReaction } from "../services/posts/reactions";
import { setThreadStanding } from "../services/feed/threads";
import { checkGroupRight } from "../services/groups/groups";
import { define, json, routes } from "./define";

const TimeCursor = z.object({ t: z.number(), i: z.string() });
/** A question's comments page by votes (`k`) and thread (`rt`, `ri`) first. */
const CommentsCursor = z.union([z.object({ k: z.number(), rt: z.number(), ri: z.string(), t: z.number(), i: z.string() }), TimeCursor]);
const PostCursor = z.union([z.object({ r: z.number(), t: z.number(), i: z.string() }), z.object({ t: z.number(), i: z.string() })]);

/** The `{kind}` of a reaction path, or 400 naming it. */
const reactionKind = (raw: string) => parseOrThrow(ReactionPath, { kind: raw }).kind;

/** /posts/{id} and what hangs off it: comments, reactions, receipts, ratings, pins, reports and moderation. */
export const postRoutes = routes()
  .openapi(
    define({ method: "get", path: "/{id}", summary: "One post (404 when the caller may not see it); opening an announcement counts as reading it", tag: "Posts", access: "member", responses: { 200: json(Post, "Post") } }),
    async (c) => c.json(await getPost(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "patch", path: "/{id}", summary: "Edit a post (its author); it is marked edited (an idea: 409 once studied)", tag: "Posts", access: "member", gate: (c) => checkPostRight(c.var.ctx, c.var.caller, c.req.param("id")!, "edit"), gateAlongside: true, body: PostPatch, errors: [409], responses: { 200: json(Post, "The post") } }),
    async (c) => c.json(await updatePost(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(define({ method: "delete", path: "/{id}", summary: "Delete a post (its author or an animator; an idea's author: 409 once studied)", tag: "Posts", access: "member", errors: [409], responses: { 204: { description: "Deleted" } } }), async (c) => {
    await deletePost(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "post", path: "/{id}/comments", summary: "Comment a post, or reply to a comment (`parentId`, one level)", tag: "Posts", access: "member", gate: (c) => checkCommentingRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, body: CommentBody, responses: { 201: json(Comment, "The comment") } }),
    async (c) => c.json(await createComment(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/{id}/comments", summary: "A post's comments, oldest first (a question's: answers by votes, then time, each with its replies)", tag: "Posts", access: "member", etag: true, query: CommentsQuery, responses: { 200: json(CommentPage, "A page of comments") } }),
    async (c) => {
      const { cursor, limit } = c.req.valid("query");
      const { items, next } = await listComments(c.var.ctx, c.var.caller, c.req.param("id"), limit, decodeCursor(CommentsCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(define({ method: "put", path: "/{id}/reactions/{kind}", summary: "React: like, thanks, support, celebrate", tag: "Posts", access: "member", gate: (c) => checkPostRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"), gateAlongside: true, responses: { 204: { description: "Reacted" } } }), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, c.var.caller, { type: "post", id: c.req.param("id") }, kind, true);
    return c.body(null, 204);
  })
  .openapi(define({ method: "delete", path: "/{id}/reactions/{kind}", summary: "Take a reaction back", tag: "Posts", access: "member", gate: (c) => checkPostRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"), gateAlongside: true, responses: { 204: { description: "Taken back" } } }), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, c.var.caller, { type: "post", id: c.req.param("id") }, kind, false);
    return c.body(null, 204);
  })
  .openapi(define({ method: "post", path: "/{id}/read", summary: "I have read this must-read announcement", tag: "Posts", access: "member", responses: { 204: { description: "Read" } } }), async (c) => {
    await markPostRead(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "put", path: "/{id}/rating", summary: "Rate a link post 1–5 (the collaborative watch)", tag: "Posts", access: "member", gate: (c) => checkPostRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"), gateAlongside: true, body: RatingBody, responses: { 200: json(Post, "The post, with its new rating") } }),
    async (c) => c.json(await rateLink(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").rating), 200),
  )
  .openapi(define({ method: "put", path: "/{id}/pin", summary: "Pin a post in its group (animators)", tag: "Posts", access: "member", responses: { 204: { description: "Pinned" } } }), async (c) => {
    await pinPost(c.var.ctx, c.var.caller, c.req.param("id"), true);
    return c.body(null, 204);
  })
  .openapi(define({ method: "delete", path: "/{id}/pin", summary: "Unpin a post (animators)", tag: "Posts", access: "member", responses: { 204: { description: "Unpinned" } } }), async (c) => {
    await pinPost(c.var.ctx, c.var.caller, c.req.param("id"), false);
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "post", path: "/{id}/report", summary: "Report a post to the group's moderators, with a reason", tag: "Moderation", access: "member", body: ReportBody, responses: { 201: json(ReportCreated, "Reported") } }),
    async (c) => c.json(await reportItem(c.var.ctx, c.var.caller, { type: "post", id: c.req.param("id") }, c.req.valid("json").reason), 201),
  )
  .openapi(define({ method: "put", path: "/{id}/follow", summary: "Follow a post's thread: a notification for every comment (any reader of the post; unmutes it)", tag: "Posts", access: "member", responses: { 204: { description: "Following" } } }), async (c) => {
    await setThreadStanding(c.var.ctx, c.var.caller, c.req.param("id"), "follow", true);
    return c.body(null, 204);
  })
  .openapi(define({ method: "delete", path: "/{id}/follow", summary: "Stop following a post's thread (a mute stays)", tag: "Posts", access: "member", responses: { 204: { description: "Not following" } } }), async (c) => {
    await setThreadStanding(c.var.ctx, c.var.caller, c.req.param("id"), "follow", false);
    return c.body(null, 204);
  })
  .openapi(define({ method: "put", path: "/{id}/mute", summary: "Mute a post's thread: no reply or comment notification from it, even as its author or a commenter", tag: "Posts", access: "member", responses: { 204: { description: "Muted" } } }), async (c) => {
    await setThreadStanding(c.var.ctx, c.var.caller, c.req.param("id"), "mute", true);
    return c.body(null, 204);
  })
  .openapi(define({ method: "delete", path: "/{id}/mute", summary: "Unmute a post's thread (back to following it)", tag: "Posts", access: "member", responses: { 204: { description: "Unmuted" } } }), async (c) => {
    await setThreadStanding(c.var.ctx, c.var.caller, c.req.param("id"), "mute", false);
    return c.body(null, 204);
  })
  .openapi(define({ method: "post", path: "/{id}/hide", summary: "Hide a post (animators, admins; audited)", tag: "Moderation", access: "member", responses: { 204: { description: "Hidden" } } }), async (c) => {
    await moderateItem(c.var.ctx, c.var.caller, { type: "post", id: c.req.param("id") }, "hide");
    return c.body(null, 204);
  })
  .openapi(define({ method: "post", path: "/{id}/restore", summary: "Restore a hidden post (animators, admins; audited)", tag: "Moderation", access: "member", responses: { 204: { description: "Restored" } } }), async (c) => {
    await moderateItem(c.var.ctx, c.var.caller, { type: "post", id: c.req.param("id") }, "restore");
    return c.body(null, 204);
  });

/** /groups/{id}/posts: a group's posts, and posting in it. Mounted at /groups, beside the group routes. */
export const groupPostRoutes = routes()
  .openapi(
    define({ method: "post", path: "/{id}/posts", summary: "Post in a group (members; announcements by animators and admins)", tag: "Posts", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "post"), gateAlongside: true, body: PostBody, responses: { 201: json(Post, "The post") } }),
    async (c) => c.json(await createPost(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/{id}/posts", summary: "A group's posts, newest first or best rated; filters by kind, tag, pinned", tag: "Posts", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "read"), gateAlongside: true, etag: true, query: GroupPostsQuery, responses: { 200: json(PostPage, "A page of posts") } }),
    async (c) => {
      const { cursor, pinned, ...q } = c.req.valid("query");
      const { items, next } = await listGroupPosts(c.var.ctx, c.var.caller, c.req.param("id"), { ...q, pinned: pinned === "1" }, decodeCursor(PostCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  );

/** /comments/{id}: read, edit, delete, react, report, moderate. */
export const commentRoutes = routes()
  .openapi(
    define({
      method: "get",
      path: "/{id}",
      summary: "One comment (404 when the caller may not read its post; a hidden one only for its author and the group's moderators)",
      tag: "Posts",
      access: "member",
      responses: { 200: json(Comment, "Comment") },
    }),
    async (c) => c.json(await getComment(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "patch", path: "/{id}", summary: "Edit a comment (its author)", tag: "Posts", access: "member", gate: (c) => checkCommentRight(c.var.ctx, c.var.caller, c.req.param("id")!, "edit"), gateAlongside: true, body: CommentPatch, responses: { 200: json(Comment, "The comment") } }),
    async (c) => c.json(await updateComment(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").body), 200),
  )
  .openapi(define({ method: "delete", path: "/{id}", summary: "Delete a comment (its author or an animator)", tag: "Posts", access: "member", responses: { 204: { description: "Deleted" } } }), async (c) => {
    await deleteComment(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  })
  .openapi(define({ method: "put", path: "/{id}/reactions/{kind}", summary: "React to a comment", tag: "Posts", access: "member", gate: (c) => checkCommentRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"), gateAlongside: true, responses: { 204: { description: "Reacted" } } }), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, c.var.caller, { type: "comment", id: c.req.param("id") }, kind, true);
    return c.body(null, 204);
  })
  .openapi(define({ method: "delete", path: "/{id}/reactions/{kind}", summary: "Take a reaction to a comment back", tag: "Posts", access: "member", gate: (c) => checkCommentRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"), gateAlongside: true, responses: { 204: { description: "Taken back" } } }), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, c.var.caller, { type: "comment", id: c.req.param("id") }, kind, false);
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "post", path: "/{id}/report", summary: "Report a comment, with a reason", tag: "Moderation", access: "member", body: ReportBody, responses: { 201: json(ReportCreated, "Reported") } }),
    async (c) => c.json(await reportItem(c.var.ctx, c.var.caller, { type: "comment", id: c.req.param("id") }, c.req.valid("json").reason), 201),
  )
  .openapi(define({ method: "post", path: "/{id}/hide", summary: "Hide a comment (animators, admins; audited)", tag: "Moderation", access: "member", responses: { 204: { description: "Hidden" } } }), async (c) => {
    await moderateItem(c.var.ctx, c.var.caller, { type: "comment", id: c.req.param("id") }, "hide");
    return c.body(null, 204);
  })
  .openapi(define({ method: "post", path: "/{id}/restore", summary: "Restore a hidden comment (animators, admins; audited)", tag: "Moderation", access: "member", responses: { 204: { description: "Restored" } } }), async (c) => {
    await moderateItem(c.var.ctx, c.var.caller, { type: "comment", id: c.req.param("id") }, "restore");
    return c.body(null, 204);
  });
