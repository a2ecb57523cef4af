import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { GROUP_KINDS, GROUP_ROLES, GROUP_VISIBILITIES } from "../db/groups";
import { POST_KINDS } from "../db/conversation";
import { describe } from "../lib/openapi";
import { decodeCursor, encodeCursor, jsonBody, noBody, pageParams, queryParams } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { addMember, createGroup, getGroup, joinGroup, leaveGroup, listGroups, listMembers, markGroupRead, removeMember, setGroupNotify, updateGroup } from "../services/groups/groups";
import { removeCover, setCover } from "../services/groups/cover";
import { MAX_IMAGE_BYTES } from "../services/files/images";
import { ApiError } from "../errors";
import { createPost, listGroupPosts } from "../services/posts/posts";
import { Body, GroupSchema, Id, page, PostSchema } from "./schemas";

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour like #0f5e5e");
const GroupBody = z.strictObject({
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(2000).default(""),
  visibility: z.enum(GROUP_VISIBILITIES),
  kind: z.enum(GROUP_KINDS),
  rules: z.string().max(20_000).optional(),
  coverColor: Color.optional(),
});
const GroupPatch = z.strictObject({
  name: z.string().trim().min(2).max(80).optional(),
  description: z.string().trim().max(2000).optional(),
  rules: z.string().max(20_000).optional(),
  coverColor: Color.optional(),
  visibility: z.enum(GROUP_VISIBILITIES).optional(),
});
const PostBody = z.strictObject({
  body: Body,
  kind: z.enum(POST_KINDS).optional(),
  attachmentIds: z.array(Id("fil")).max(10).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
  mustRead: z.boolean().optional(),
});
const NameCursor = z.union([z.object({ r: z.number(), i: z.string() }), z.object({ n: z.string(), i: z.string() })]);
const PostCursor = z.union([z.object({ r: z.number(), t: z.number(), i: z.string() }), z.object({ t: z.number(), i: z.string() })]);
const MemberCursor = z.object({ n: z.string(), i: z.string() });

export const groupRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describe({ summary: "Open a group (not guests); the caller becomes its owner", tag: "Groups", auth: "member", responses: { 201: { description: "The group", schema: GroupSchema } } }),
    jsonBody(GroupBody),
    async (c) => c.json(await createGroup(c.var.ctx, requireActor(c.var.actor), c.req.valid("json")), 201),
  )
  .get(
    "/",
    describe({ summary: "The groups the caller may see: search, kind, mine; keyset pages", tag: "Groups", auth: "member", responses: { 200: { description: "A page of groups", schema: page(GroupSchema) } } }),
    queryParams(z.strictObject({ q: z.string().trim().max(200).optional(), kind: z.enum(GROUP_KINDS).optional(), mine: z.enum(["0", "1"]).optional(), ...pageParams })),
    async (c) => {
      const { cursor, mine, ...q } = c.req.valid("query");
      const { items, next } = await listGroups(c.var.ctx, requireActor(c.var.actor), { ...q, mine: mine === "1" }, decodeCursor(NameCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
    },
  )
  .get("/:id", describe({ summary: "One group (404 when secret and not a member, or for guests not in it)", tag: "Groups", auth: "member", responses: { 200: { description: "Group", schema: GroupSchema } } }), async (c) =>
    c.json(await getGroup(c.var.ctx, requireActor(c.var.actor), c.req.param("id"))),
  )
  .patch("/:id", describe({ summary: "Change a group (its animators)", tag: "Groups", auth: "member" }), jsonBody(GroupPatch), async (c) =>
    c.json(await updateGroup(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json"))),
  )
  .put(
    "/:id/cover",
    describe({ summary: "Set the group's cover image (its animators): a raw PNG, JPEG, GIF or WebP body, 2 MB at most", tag: "Groups", auth: "member", rawBody: ["image/png", "image/jpeg", "image/gif", "image/webp"], responses: { 200: { description: "Group", schema: GroupSchema } } }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      if (Number(c.req.header("Content-Length") ?? "0") > MAX_IMAGE_BYTES) throw new ApiError("too_large", "A cover must be 2 MB or less");
      return c.json(await setCover(c.var.ctx, actor, c.req.param("id"), await c.req.arrayBuffer()));
    },
  )
  .delete("/:id/cover", describe({ summary: "Remove the cover image: back to the cover colour (its animators)", tag: "Groups", auth: "member", responses: { 200: { description: "Group", schema: GroupSchema } } }), noBody(), async (c) =>
    c.json(await removeCover(c.var.ctx, requireActor(c.var.actor), c.req.param("id"))),
  )
  .post("/:id/join", describe({ summary: "Join: open → member; private → pending request; secret → 404", tag: "Groups", auth: "member" }), noBody(), async (c) => {
    const result = await joinGroup(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.json(result, result.state === "pending" ? 202 : 200);
  })
  .post("/:id/leave", describe({ summary: "Leave a group or cancel a request", tag: "Groups", auth: "member" }), noBody(), async (c) => {
    await leaveGroup(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .post(
    "/:id/members",
    describe({ summary: "Add a member, approve a request or change a role (animators, admins)", tag: "Groups", auth: "member" }),
    jsonBody(z.strictObject({ userId: Id("usr"), role: z.enum(GROUP_ROLES).optional() })),
    async (c) => c.json(await addMember(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json")), 201),
  )
  .delete("/:id/members/:userId", describe({ summary: "Remove a member or refuse a request (animators, admins; or oneself)", tag: "Groups", auth: "member" }), noBody(), async (c) => {
    await removeMember(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.param("userId"));
    return c.body(null, 204);
  })
  .get(
    "/:id/members",
    describe({ summary: "Members (readers of the group), or pending requests (`state=pending`, animators)", tag: "Groups", auth: "member" }),
    queryParams(z.strictObject({ state: z.enum(["member", "pending"]).default("member"), ...pageParams })),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listMembers(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), q, decodeCursor(MemberCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
    },
  )
  .put(
    "/:id/notifications",
    describe({ summary: "How much I hear of this group: all posts, mentions only, or nothing", tag: "Notifications", auth: "member" }),
    jsonBody(z.strictObject({ level: z.enum(["all", "mentions", "none"]) })),
    async (c) => {
      await setGroupNotify(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json").level);
      return c.body(null, 204);
    },
  )
  .post("/:id/read", describe({ summary: "Mark the group read (its unread mark goes)", tag: "Groups", auth: "member" }), noBody(), async (c) => {
    await markGroupRead(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .post(
    "/:id/posts",
    describe({ summary: "Post in a group (members; announcements by animators and admins)", tag: "Posts", auth: "member", responses: { 201: { description: "The post", schema: PostSchema } } }),
    jsonBody(PostBody),
    async (c) => c.json(await createPost(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), c.req.valid("json")), 201),
  )
  .get(
    "/:id/posts",
    describe({ summary: "A group's posts, newest first or best rated; filters by kind, tag, pinned", tag: "Posts", auth: "member", responses: { 200: { description: "A page of posts", schema: page(PostSchema) } } }),
    queryParams(z.strictObject({ sort: z.enum(["new", "rating"]).default("new"), kind: z.enum(POST_KINDS).optional(), tag: z.string().trim().min(1).max(50).optional(), pinned: z.enum(["0", "1"]).optional(), ...pageParams })),
    async (c) => {
      const { cursor, pinned, ...q } = c.req.valid("query");
      const { items, next } = await listGroupPosts(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), { ...q, pinned: pinned === "1" }, decodeCursor(PostCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
    },
  );
