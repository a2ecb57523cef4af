import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { REACTION_KINDS } from "../db/conversation";
import { describe } from "../lib/openapi";
import { decodeCursor, encodeCursor, jsonBody, noBody, pageParams, parseOrThrow, queryParams } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { moderateItem, reportItem } from "../services/moderation/moderation";
import { createComment, deleteComment, getComment, listComments, updateComment } from "../services/posts/comments";
import { deletePost, getPost, markPostRead, pinPost, rateLink, updatePost } from "../services/posts/posts";
import { setReaction } from "../services/posts/reactions";
import { Body, CommentSchema, Id, PostSchema } from "./schemas";

const PostPatch = z.strictObject({
  body: Body.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
});
const CommentBody = z.strictObject({ body: Body.pipe(z.string().max(10_000)), parentId: Id("cmt").optional() });
const ReportBody = z.strictObject({ reason: z.string().trim().min(3).max(1000) });
const Kind = z.enum(REACTION_KINDS);
const TimeCursor = z.object({ t: z.number(), i: z.string() });

/** The `:kind` of a reaction path, or 400 naming it. */
const reactionKind = (raw: string) => parseOrThrow(z.object({ kind: Kind }), { kind: raw }).kind;

/** /posts/:id and what hangs off it: comments, reactions, receipts, ratings, pins, reports and moderation. */
export const postRoutes = new Hono<AppEnv>()
  .get("/:id", describe({ summary: "One post (404 when the caller may not see it); opening an announcement counts as reading it", tag: "Posts", auth: "member", responses: { 200: { description: "Post", schema: PostSchema } } }), async (c) =>
    c.json(await getPost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"))),
  )
  .patch("/:id", describe({ summary: "Edit a post (its author); it is marked edited", tag: "Posts", auth: "member" }), jsonBody(PostPatch), async (c) =>
    c.json(await updatePost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json"))),
  )
  .delete("/:id", describe({ summary: "Delete a post (its author or an animator)", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    await deletePost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .post("/:id/comments", describe({ summary: "Comment a post, or reply to a comment (`parentId`, one level)", tag: "Posts", auth: "member" }), jsonBody(CommentBody), async (c) =>
    c.json(await createComment(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json")), 201),
  )
  .get("/:id/comments", describe({ summary: "A post's comments, oldest first", tag: "Posts", auth: "member" }), queryParams(z.strictObject(pageParams)), async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const { items, next } = await listComments(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), limit, decodeCursor(TimeCursor, cursor));
    return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
  })
  .put("/:id/reactions/:kind", describe({ summary: "React: like, thanks, support, celebrate", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, requireActor(c.var.actor), { type: "post", id: c.req.param("id") }, kind, true);
    return c.body(null, 204);
  })
  .delete("/:id/reactions/:kind", describe({ summary: "Take a reaction back", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, requireActor(c.var.actor), { type: "post", id: c.req.param("id") }, kind, false);
    return c.body(null, 204);
  })
  .post("/:id/read", describe({ summary: "I have read this must-read announcement", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    await markPostRead(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .put("/:id/rating", describe({ summary: "Rate a link post 1–5 (the collaborative watch)", tag: "Posts", auth: "member" }), jsonBody(z.strictObject({ rating: z.number().int().min(1).max(5) })), async (c) =>
    c.json(await rateLink(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json").rating)),
  )
  .put("/:id/pin", describe({ summary: "Pin a post in its group (animators)", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    await pinPost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), true);
    return c.body(null, 204);
  })
  .delete("/:id/pin", describe({ summary: "Unpin a post (animators)", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    await pinPost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), false);
    return c.body(null, 204);
  })
  .post("/:id/report", describe({ summary: "Report a post to the group's moderators, with a reason", tag: "Moderation", auth: "member" }), jsonBody(ReportBody), async (c) =>
    c.json(await reportItem(c.var.ctx, requireActor(c.var.actor), { type: "post", id: c.req.param("id") }, c.req.valid("json").reason), 201),
  )
  .post("/:id/hide", describe({ summary: "Hide a post (animators, admins; audited)", tag: "Moderation", auth: "member" }), noBody(), async (c) => {
    await moderateItem(c.var.ctx, requireActor(c.var.actor), { type: "post", id: c.req.param("id") }, "hide");
    return c.body(null, 204);
  })
  .post("/:id/restore", describe({ summary: "Restore a hidden post (animators, admins; audited)", tag: "Moderation", auth: "member" }), noBody(), async (c) => {
    await moderateItem(c.var.ctx, requireActor(c.var.actor), { type: "post", id: c.req.param("id") }, "restore");
    return c.body(null, 204);
  });

/** /comments/:id: read, edit, delete, react, report, moderate. */
export const commentRoutes = new Hono<AppEnv>()
  .get(
    "/:id",
    describe({
      summary: "One comment (404 when the caller may not read its post; a hidden one only for its author and the group's moderators)",
      tag: "Posts",
      auth: "member",
      responses: { 200: { description: "Comment", schema: CommentSchema } },
    }),
    async (c) => c.json(await getComment(c.var.ctx, requireActor(c.var.actor), c.req.param("id"))),
  )
  .patch("/:id", describe({ summary: "Edit a comment (its author)", tag: "Posts", auth: "member" }), jsonBody(z.strictObject({ body: Body.pipe(z.string().max(10_000)) })), async (c) =>
    c.json(await updateComment(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json").body)),
  )
  .delete("/:id", describe({ summary: "Delete a comment (its author or an animator)", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    await deleteComment(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .put("/:id/reactions/:kind", describe({ summary: "React to a comment", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, requireActor(c.var.actor), { type: "comment", id: c.req.param("id") }, kind, true);
    return c.body(null, 204);
  })
  .delete("/:id/reactions/:kind", describe({ summary: "Take a reaction to a comment back", tag: "Posts", auth: "member" }), noBody(), async (c) => {
    const kind = reactionKind(c.req.param("kind"));
    await setReaction(c.var.ctx, requireActor(c.var.actor), { type: "comment", id: c.req.param("id") }, kind, false);
    return c.body(null, 204);
  })
  .post("/:id/report", describe({ summary: "Report a comment, with a reason", tag: "Moderation", auth: "member" }), jsonBody(ReportBody), async (c) =>
    c.json(await reportItem(c.var.ctx, requireActor(c.var.actor), { type: "comment", id: c.req.param("id") }, c.req.valid("json").reason), 201),
  )
  .post("/:id/hide", describe({ summary: "Hide a comment (animators, admins; audited)", tag: "Moderation", auth: "member" }), noBody(), async (c) => {
    await moderateItem(c.var.ctx, requireActor(c.var.actor), { type: "comment", id: c.req.param("id") }, "hide");
    return c.body(null, 204);
  })
  .post("/:id/restore", describe({ summary: "Restore a hidden comment (animators, admins; audited)", tag: "Moderation", auth: "member" }), noBody(), async (c) => {
    await moderateItem(c.var.ctx, requireActor(c.var.actor), { type: "comment", id: c.req.param("id") }, "restore");
    return c.body(null, 204);
  });
