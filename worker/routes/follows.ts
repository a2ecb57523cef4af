import { Follows, MemberFollow, TagFollow } from "../../contract/follows";
import { followMember, followTag, listFollows } from "../services/feed/follows";
import { define, json, routes } from "./define";

export const followRoutes = routes()
  .openapi(define({ method: "get", path: "/", summary: "The tags and members I follow", tag: "Feed", access: "member", responses: { 200: json(Follows, "What I follow") } }), async (c) =>
    c.json(await listFollows(c.var.ctx, c.var.caller), 200),
  )
  .openapi(define({ method: "put", path: "/tags/{tag}", summary: "Follow a tag", tag: "Feed", access: "member", responses: { 200: json(TagFollow, "The tag, folded") } }), async (c) =>
    c.json(await followTag(c.var.ctx, c.var.caller, c.req.param("tag"), true), 200),
  )
  .openapi(define({ method: "delete", path: "/tags/{tag}", summary: "Unfollow a tag", tag: "Feed", access: "member", responses: { 200: json(TagFollow, "The tag, folded") } }), async (c) =>
    c.json(await followTag(c.var.ctx, c.var.caller, c.req.param("tag"), false), 200),
  )
  .openapi(define({ method: "put", path: "/members/{id}", summary: "Follow a member", tag: "Feed", access: "member", responses: { 200: json(MemberFollow, "Following") } }), async (c) =>
    c.json(await followMember(c.var.ctx, c.var.caller, c.req.param("id"), true), 200),
  )
  .openapi(define({ method: "delete", path: "/members/{id}", summary: "Unfollow a member", tag: "Feed", access: "member", responses: { 200: json(MemberFollow, "Not following") } }), async (c) =>
    c.json(await followMember(c.var.ctx, c.var.caller, c.req.param("id"), false), 200),
  );
