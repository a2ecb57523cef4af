import { IncomingHook, IncomingHookBody, IncomingHookList, IncomingHookPost, IncomingHookPosted } from "../../contract/integrations";
import { checkGroupRight } from "../services/groups/groups";
import { createHook, listHooks, postThroughHook, revokeHook } from "../services/hooks/hooks";
import { define, json, routes } from "./define";

/** A group's incoming hooks (API.md "Integrations"), mounted at /groups: its animators and owners, and administrators. */
export const groupHookRoutes = routes()
  .openapi(
    define({
      method: "post",
      path: "/{id}/hooks",
      summary: "Make an incoming hook that posts into the group (its animators); its secret URL is in this answer only",
      tag: "Integrations",
      access: "member",
      gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "hooks"),
      // The avatar's copy reaches R2 only after the gate's verdict (createHook waits for it, as its D1 writes do).
      gateAlongside: true,
      body: IncomingHookBody,
      responses: { 201: json(IncomingHook, "The hook, with its URL") },
    }),
    async (c) => c.json(await createHook(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  )
  .openapi(
    define({
      method: "get",
      path: "/{id}/hooks",
      summary: "The group's incoming hooks with their last use (its animators); URLs are not shown again",
      tag: "Integrations",
      access: "member",
      gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "hooks"),
      responses: { 200: json(IncomingHookList, "The hooks") },
    }),
    async (c) => c.json({ items: await listHooks(c.var.ctx, c.var.caller, c.req.param("id")) }, 200),
  )
  .openapi(
    define({
      method: "delete",
      path: "/{id}/hooks/{hookId}",
      summary: "Revoke an incoming hook (its animators): its URL answers 404 from now on; its posts stay",
      tag: "Integrations",
      access: "member",
      gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "hooks"),
      gateAlongside: true,
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      await revokeHook(c.var.ctx, c.var.caller, c.req.param("id"), c.req.param("hookId"));
      return c.body(null, 204);
    },
  );

/**
 * The incoming hook's own URL, mounted at /hooks: no session (the secret in the path is the credential), no charter
 * gate (an integration accepts none). Slack-compatible: `{text}`, other fields ignored.
 */
export const hookRoutes = routes().openapi(
  define({
    method: "post",
    path: "/{token}",
    summary: "Post into the hook's group as the integration: `{text}` (markdown; other fields ignored); 404 unknown or revoked; 429 past the per-minute limit",
    tag: "Integrations",
    access: "public",
    charterExempt: true,
    body: IncomingHookPost,
    errors: [429],
    responses: { 201: json(IncomingHookPosted, "The post made") },
  }),
  async (c) => c.json(await postThroughHook(c.var.ctx, c.req.param("token"), c.req.valid("json").text), 201),
);
