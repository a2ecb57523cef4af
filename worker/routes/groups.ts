import { z } from "@hono/zod-openapi";
import { AddMemberBody, AddMemberResult, Group, GroupBody, GroupMemberPage, GroupMembersQuery, GroupNotifyBody, GroupPage, GroupPatch, GroupsQuery, JoinResult } from "../../contract/groups";
import { ApiError } from "../errors";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { MAX_IMAGE_BYTES } from "../services/files/images";
import { INLINE_IMAGE_TYPES } from "../services/files/sniff";
import { removeCover, setCover } from "../services/groups/cover";
import { addMember, checkGroupRight, createGroup, getGroup, joinGroup, leaveGroup, listGroups, listMembers, markGroupRead, removeMember, setGroupNotify, updateGroup } from "../services/groups/groups";
import { define, json, routes, wholeBody } from "./define";

const NameCursor = z.union([z.object({ r: z.number(), i: z.string() }), z.object({ n: z.string(), i: z.string() })]);
const MemberCursor = z.object({ n: z.string(), i: z.string() });

export const groupRoutes = routes()
  .openapi(
    define({ method: "post", path: "/", summary: "Open a group (not guests); the caller becomes its owner", tag: "Groups", access: "member", body: GroupBody, responses: { 201: json(Group, "The group") } }),
    async (c) => c.json(await createGroup(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/", summary: "The groups the caller may see: search, kind, mine; keyset pages", tag: "Groups", access: "member", etag: true, query: GroupsQuery, responses: { 200: json(GroupPage, "A page of groups") } }),
    async (c) => {
      const { cursor, mine, ...q } = c.req.valid("query");
      const { items, next } = await listGroups(c.var.ctx, c.var.caller, { ...q, mine: mine === "1" }, decodeCursor(NameCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}", summary: "One group (404 when secret and not a member, or for guests not in it)", tag: "Groups", access: "member", responses: { 200: json(Group, "Group") } }),
    async (c) => c.json(await getGroup(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "patch", path: "/{id}", summary: "Change a group (its animators)", tag: "Groups", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "edit"), gateAlongside: true, body: GroupPatch, responses: { 200: json(Group, "Group") } }),
    async (c) => c.json(await updateGroup(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(
    define({
      method: "put",
      path: "/{id}/cover",
      summary: "Set the group's cover image (its animators): a raw PNG, JPEG, GIF or WebP body, 2 MB at most",
      tag: "Groups",
      access: "member",
      gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "edit"),
      // The image reaches R2 only after the gate's verdict (setCover waits for it, as its D1 writes do).
      gateAlongside: true,
      raw: [...INLINE_IMAGE_TYPES],
      responses: { 200: json(Group, "Group") },
    }),
    async (c) => {
      if (Number(c.req.header("Content-Length") ?? "0") > MAX_IMAGE_BYTES) throw new ApiError("too_large", "A cover must be 2 MB or less");
      return c.json(await setCover(c.var.ctx, c.var.caller, c.req.param("id"), await wholeBody(c)), 200);
    },
  )
  .openapi(
    define({ method: "delete", path: "/{id}/cover", summary: "Remove the cover image: back to the cover colour (its animators)", tag: "Groups", access: "member", responses: { 200: json(Group, "Group") } }),
    async (c) => c.json(await removeCover(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/join",
      summary: "Join: open → member; private → pending request; secret → 404",
      tag: "Groups",
      access: "member",
      responses: { 200: json(JoinResult, "A member at once (or already)"), 202: json(JoinResult, "A request the animators approve") },
    }),
    async (c) => {
      const result = await joinGroup(c.var.ctx, c.var.caller, c.req.param("id"));
      return result.state === "pending" ? c.json(result, 202) : c.json(result, 200);
    },
  )
  .openapi(
    define({ method: "post", path: "/{id}/leave", summary: "Leave a group or cancel a request", tag: "Groups", access: "member", errors: [409], responses: { 204: { description: "Left" } } }),
    async (c) => {
      await leaveGroup(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({ method: "post", path: "/{id}/members", summary: "Add a member, approve a request or change a role (animators, admins)", tag: "Groups", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "invite"), gateAlongside: true, body: AddMemberBody, responses: { 201: json(AddMemberResult, "A member") } }),
    async (c) => c.json(await addMember(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "delete", path: "/{id}/members/{userId}", summary: "Remove a member or refuse a request (animators, admins; or oneself)", tag: "Groups", access: "member", errors: [409], responses: { 204: { description: "Removed" } } }),
    async (c) => {
      await removeMember(c.var.ctx, c.var.caller, c.req.param("id"), c.req.param("userId"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({
      method: "get",
      path: "/{id}/members",
      summary: "Members (readers of the group), or pending requests (`state=pending`, animators)",
      tag: "Groups",
      access: "member",
      gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "listMembers"),
      query: GroupMembersQuery,
      responses: { 200: json(GroupMemberPage, "A page of members") },
    }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listMembers(c.var.ctx, c.var.caller, c.req.param("id"), q, decodeCursor(MemberCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({ method: "put", path: "/{id}/notifications", summary: "How much I hear of this group: all posts, mentions only, or nothing", tag: "Notifications", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "notify"), gateAlongside: true, body: GroupNotifyBody, responses: { 204: { description: "Saved" } } }),
    async (c) => {
      await setGroupNotify(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").level);
      return c.body(null, 204);
    },
  )
  .openapi(define({ method: "post", path: "/{id}/read", summary: "Mark the group read (its unread mark goes)", tag: "Groups", access: "member", responses: { 204: { description: "Marked read" } } }), async (c) => {
    await markGroupRead(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  });
