import { z } from "@hono/zod-openapi";
import {
  AdminAuditPage,
  AdminAuditQuery,
  AdminGroupPage,
  AdminGroupsQuery,
  AdminMember,
  AdminMemberPage,
  AdminMemberPatch,
  AdminMembersQuery,
  NetworkSettings,
  NetworkSettingsBody,
  PublicNetwork,
  ScimTokenBody,
  ScimTokenCreated,
  ScimTokenList,
} from "../../contract/admin";
import { CreatedInvitation } from "../../contract/identity";
import { NotFoundError } from "../errors";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { auditCsv, listAdminAudit } from "../services/admin/audit";
import { listAllGroups } from "../services/admin/groups";
import { changeRole, listMembers, resendInvitation } from "../services/admin/members";
import { createScimToken, listScimTokens, revokeScimToken } from "../services/admin/scim-tokens";
import { currentLogoKey, getSettings, publicNetwork, putSettings } from "../services/admin/settings";
import { binary, define, json, routes } from "./define";

const NameCursor = z.object({ n: z.string().max(200), i: z.string().max(100) });
const IdCursor = z.object({ i: z.string().max(100) });

/** The administrators' console (API.md "Administration and privacy"), mounted at /admin beside admin.ts. */
export const adminConsoleRoutes = routes()
  .openapi(
    define({ method: "get", path: "/members", summary: "Every member (deactivated ones included), searched by name or email and filtered by role, status and department", tag: "Admin", access: "admin", query: AdminMembersQuery, responses: { 200: json(AdminMemberPage, "A page of members, by name") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listMembers(c.var.ctx, q, decodeCursor(NameCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({ method: "patch", path: "/members/{id}", summary: "Change a member's network role (audited); taking it from the last active administrator is 409", tag: "Admin", access: "admin", body: AdminMemberPatch, errors: [409], responses: { 200: json(AdminMember, "The member") } }),
    async (c) => c.json(await changeRole(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").role), 200),
  )
  .openapi(
    define({ method: "post", path: "/invitations/{id}/resend", summary: "Send an invitation again: a new one-time link, valid 7 days (the old link stops working; audited)", tag: "Admin", access: "admin", errors: [409], responses: { 200: json(CreatedInvitation, "The invitation with its new link") } }),
    async (c) => c.json(await resendInvitation(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "get", path: "/groups", summary: "Every group, secret ones included, with owners and counts (administrators)", tag: "Admin", access: "admin", query: AdminGroupsQuery, responses: { 200: json(AdminGroupPage, "A page of groups, by name") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listAllGroups(c.var.ctx, q, decodeCursor(NameCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(define({ method: "get", path: "/settings", summary: "The network's settings", tag: "Admin", access: "admin", responses: { 200: json(NetworkSettings, "The settings") } }), async (c) =>
    c.json(await getSettings(c.var.ctx), 200),
  )
  .openapi(
    define({ method: "put", path: "/settings", summary: "Replace the network's settings (audited, with the changed fields before and after)", tag: "Admin", access: "admin", body: NetworkSettingsBody, responses: { 200: json(NetworkSettings, "The settings") } }),
    async (c) => c.json(await putSettings(c.var.ctx, c.var.caller, c.req.valid("json")), 200),
  )
  .openapi(
    define({ method: "post", path: "/scim-tokens", summary: "Create a SCIM bearer token for an identity provider: the answer holds it, once (audited)", tag: "Admin", access: "admin", body: ScimTokenBody, responses: { 201: json(ScimTokenCreated, "The token, shown this once") } }),
    async (c) => c.json(await createScimToken(c.var.ctx, c.var.caller, c.req.valid("json").name), 201),
  )
  .openapi(define({ method: "get", path: "/scim-tokens", summary: "SCIM tokens, newest first (without the tokens themselves)", tag: "Admin", access: "admin", responses: { 200: json(ScimTokenList, "The tokens") } }), async (c) =>
    c.json({ items: await listScimTokens(c.var.ctx) }, 200),
  )
  .openapi(define({ method: "delete", path: "/scim-tokens/{id}", summary: "Revoke a SCIM token: it stops working at once (audited)", tag: "Admin", access: "admin", responses: { 204: { description: "Revoked" } } }), async (c) => {
    await revokeScimToken(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  })
  .openapi(
    define({
      method: "get",
      path: "/audit",
      summary: "The network's audit log, newest first, filtered (`from` ≤ at < `to`); `format=csv` downloads up to 10,000 rows",
      tag: "Admin",
      access: "admin",
      query: AdminAuditQuery,
      responses: { 200: { description: "A page of the log, or CSV", content: { "application/json": { schema: AdminAuditPage }, "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const { cursor, limit, format, ...filters } = c.req.valid("query");
      if (format === "csv") {
        return c.body(await auditCsv(c.var.ctx, filters), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.csv"' });
      }
      const { items, next } = await listAdminAudit(c.var.ctx, filters, limit, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null }, 200);
    },
  );

/** The network's public face (the shell, the sign-in page): anyone may read it. Mounted at /network. */
export const networkRoutes = routes()
  .openapi(define({ method: "get", path: "/", summary: "The network's name, colour, logo and default language", tag: "Meta", access: "public", charterExempt: true, responses: { 200: json(PublicNetwork, "The network") } }), async (c) =>
    c.json(await publicNetwork(c.var.ctx), 200),
  )
  .openapi(
    define({ method: "get", path: "/logo/{fileId}", summary: "The network's logo (the current one only)", tag: "Meta", access: "public", charterExempt: true, responses: { 200: binary("The logo", ["image/png", "image/jpeg", "image/gif", "image/webp"]) } }),
    async (c) => {
      const object = await c.env.FILES.get(await currentLogoKey(c.var.ctx, c.req.param("fileId")));
      if (!object) throw new NotFoundError("No such logo");
      return new Response(object.body, {
        headers: {
          "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
          "Cache-Control": "public, max-age=31536000, immutable",
          "X-Content-Type-Options": "nosniff",
          "Content-Security-Policy": "default-src 'none'; sandbox",
          "Content-Disposition": "inline",
        },
      });
    },
  );
