import { getCookie } from "hono/cookie";
import { AcceptInvitationBody, LoginBody, UserEnvelope } from "../../contract/identity";
import { login } from "../services/auth/login";
import { SESSION_COOKIE, endSession } from "../services/auth/sessions";
import { acceptInvitation } from "../services/invitations/invitations";
import { clearSessionCookie, setSessionCookie } from "./cookies";
import { define, json, routes } from "./define";

export const authRoutes = routes()
  .openapi(
    define({ method: "post", path: "/login", summary: "Sign in; a new session token every time", tag: "Identity", access: "public", charterExempt: true, body: LoginBody, errors: [401, 429], responses: { 200: json(UserEnvelope, "Signed in") } }),
    async (c) => {
      const address = c.req.header("CF-Connecting-IP") ?? "local";
      const { user, token } = await login(c.var.ctx, c.req.valid("json"), address);
      setSessionCookie(c, token);
      return c.json({ user }, 200);
    },
  )
  .openapi(define({ method: "post", path: "/logout", summary: "Sign out (ends this session)", tag: "Identity", access: "public", charterExempt: true, responses: { 204: { description: "Signed out" } } }), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.var.ctx, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "post", path: "/accept-invitation", summary: "Accept an invitation: the charter, a name and a password create the account", tag: "Identity", access: "public", charterExempt: true, body: AcceptInvitationBody, errors: [404, 409], responses: { 200: json(UserEnvelope, "Account created and signed in") } }),
    async (c) => {
      const { user, token } = await acceptInvitation(c.var.ctx, c.req.valid("json"));
      setSessionCookie(c, token);
      return c.json({ user }, 200);
    },
  );
