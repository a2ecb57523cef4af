import { ApiTokenBody, ApiTokenCreated, ApiTokenList } from "../../contract/integrations";
import { createToken, listTokens, revokeToken } from "../services/auth/tokens";
import { define, json, routes } from "./define";

/**
 * The caller's API tokens (API.md "Integrations"), mounted at /me/tokens. Making one needs a signed-in session (403
 * with a token); listing and revoking follow the token scopes like any route (`read` lists, `write` revokes).
 */
export const tokenRoutes = routes()
  .openapi(
    define({
      method: "post",
      path: "/",
      summary: "Make an API token (`cpt_…`, shown once); `admin` scope for administrators only; from a session, not a token",
      tag: "Integrations",
      access: "member",
      body: ApiTokenBody,
      responses: { 201: json(ApiTokenCreated, "The token, shown this once") },
    }),
    async (c) => c.json(await createToken(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/", summary: "My API tokens with their last use (never the tokens themselves)", tag: "Integrations", access: "member", responses: { 200: json(ApiTokenList, "My tokens") } }),
    async (c) => c.json({ items: await listTokens(c.var.ctx, c.var.caller) }, 200),
  )
  .openapi(
    define({ method: "delete", path: "/{id}", summary: "Revoke one of my API tokens: it stops working at once", tag: "Integrations", access: "member", responses: { 204: { description: "Revoked" } } }),
    async (c) => {
      await revokeToken(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  );
