import { SsoDomainAnswer, SsoDomainQuery, SsoSettings, SsoSettingsBody, SsoStartQuery } from "../../contract/sso";
import { finishSso, SsoFailure, startSso } from "../services/sso/flow";
import { getSsoSettings, putSsoSettings, ssoForEmail } from "../services/sso/settings";
import { enforceRate } from "../services/rate";
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { setSessionCookie } from "./cookies";
import { define, json, routes } from "./define";

/** Single sign-on with OpenID Connect (API.md "Administration and privacy"): the administrators' settings. */
export const adminSsoRoutes = routes()
  .openapi(
    define({ method: "get", path: "/", summary: "The single sign-on settings (null fields while not configured), the redirect URI to register and whether the client secret is set", tag: "Admin", access: "admin", responses: { 200: json(SsoSettings, "The settings") } }),
    async (c) => c.json(await getSsoSettings(c.var.ctx), 200),
  )
  .openapi(
    define({ method: "put", path: "/", summary: "Configure single sign-on: issuer, client id, the email domains it serves, just-in-time accounts, mandatory (audited `sso.update`; the client secret is the Worker secret OIDC_CLIENT_SECRET); `mandatory` before a sign-in through this issuer and client id has succeeded is 409", tag: "Admin", access: "admin", body: SsoSettingsBody, errors: [409], responses: { 200: json(SsoSettings, "Saved") } }),
    async (c) => c.json(await putSsoSettings(c.var.ctx, c.var.caller, c.req.valid("json")), 200),
  );

/** Where a failed sign-in lands: the sign-in page, which shows the message of the code. */
function toLogin(c: Context<AppEnv>, err: unknown) {
  // Anything unforeseen (D1 unavailable, say) is logged as an error and still lands on the sign-in page, never a 500.
  if (!(err instanceof SsoFailure)) console.error(JSON.stringify({ requestId: c.var.ctx.requestId, ssoError: "provider", error: String(err).slice(0, 500) }));
  const code = err instanceof SsoFailure ? err.code : "provider";
  if (err instanceof SsoFailure) console.log(JSON.stringify({ requestId: c.var.ctx.requestId, ssoError: code, detail: err.message.slice(0, 500) }));
  return redirect(c, `${c.var.ctx.origin}/login?sso_error=${code}`);
}

function redirect(c: Context<AppEnv>, location: string) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.redirect(location, 302);
}

/** The sign-in itself: public, and usable while a charter waits (the charter comes right after). */
export const authSsoRoutes = routes()
  .openapi(
    define({ method: "get", path: "/domain", summary: "Whether an email signs in through single sign-on (`sso`), whether its password sign-in is refused (`mandatory`), and the address its sign-in starts at (`start`)", tag: "Single sign-on", access: "public", charterExempt: true, query: SsoDomainQuery, responses: { 200: json(SsoDomainAnswer, "The email's domain") } }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await ssoForEmail(c.var.ctx, q.email, q.returnTo), 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/start", summary: "Start a sign-in through the provider: 302 to its authorization endpoint (code flow, PKCE S256, state, nonce); 302 to /login?sso_error=… when the email's domain is not served or SSO is not configured; 429 past SSO_STARTS_PER_MINUTE from one address", tag: "Single sign-on", access: "public", charterExempt: true, query: SsoStartQuery, responses: { 302: { description: "To the provider, or back to the sign-in page with `sso_error`" } } }),
    async (c) => {
      // Each start stores a pending sign-in and calls the provider: SSO_STARTS_PER_MINUTE per client address, then 429
      // `rate_limited` with Retry-After (an answer of its own, not a redirect to the sign-in page).
      await enforceRate(c.var.ctx, `sso:${c.req.header("CF-Connecting-IP") ?? "local"}`, c.var.ctx.config.SSO_STARTS_PER_MINUTE);
      try {
        return redirect(c, await startSso(c.var.ctx, c.req.valid("query")));
      } catch (err) {
        return toLogin(c, err);
      }
    },
  )
  .openapi(
    define({ method: "get", path: "/callback", summary: "The provider's redirect back (`code`, `state`, `iss`, or `error`, as the provider sends them): 302 into the network with a session (the charter first when it waits), or to /login?sso_error=<code> (not_configured, domain, provider, denied, state, token, not_invited, deactivated, conflict)", tag: "Single sign-on", access: "public", charterExempt: true, responses: { 302: { description: "Into the network, or back to the sign-in page with `sso_error`" } } }),
    async (c) => {
      try {
        const { token, returnTo } = await finishSso(c.var.ctx, new URL(c.req.url));
        setSessionCookie(c, token);
        return redirect(c, `${c.var.ctx.origin}${returnTo}`);
      } catch (err) {
        return toLogin(c, err);
      }
    },
  );
