import { getCookie } from "hono/cookie";
import { EraseMeBody, MemberExport } from "../../contract/privacy";
import { SESSION_COOKIE } from "../services/auth/sessions";
import { eraseByAdmin, eraseSelf } from "../services/privacy/erase";
import { exportMember } from "../services/privacy/export";
import { clearSessionCookie } from "./cookies";
import { define, json, routes } from "./define";

/** The member's own data (API.md "Administration and privacy"): their archive and their erasure. Mounted at /me. */
export const privacyMeRoutes = routes()
  .openapi(
    define({ method: "get", path: "/export", summary: "Download my data: a JSON archive of everything that carries my identity", tag: "Privacy", access: "member", charterExempt: true, responses: { 200: json(MemberExport, "The archive (Content-Disposition: attachment)") } }),
    async (c) => {
      const archive = await exportMember(c.var.ctx, c.var.caller);
      const day = new Date(archive.exportedAt).toISOString().slice(0, 10);
      c.header("Content-Disposition", `attachment; filename="comptoir-data-${day}.json"`);
      c.header("Cache-Control", "no-store");
      return c.json(archive, 200);
    },
  )
  .openapi(
    define({ method: "delete", path: "/", summary: "Erase my account (password, or a sign-in through SSO within 10 minutes); the session ends", tag: "Privacy", access: "member", charterExempt: true, body: EraseMeBody, errors: [409], responses: { 204: { description: "Erased" } } }),
    async (c) => {
      await eraseSelf(c.var.ctx, c.var.caller, c.req.valid("json"), getCookie(c, SESSION_COOKIE));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

/** An administrator erases a member. Mounted at /admin. */
export const privacyAdminRoutes = routes().openapi(
  define({ method: "delete", path: "/members/{id}", summary: "Erase a member (as DELETE /me): their content follows the network's erasure setting", tag: "Admin", access: "admin", errors: [409], responses: { 204: { description: "Erased" } } }),
  async (c) => {
    await eraseByAdmin(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  },
);
