import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { jsonBody, noBody } from "../lib/validate";
import { login } from "../services/auth/login";
import { SESSION_COOKIE, endSession } from "../services/auth/sessions";
import { acceptInvitation } from "../services/invitations/invitations";
import { clearSessionCookie, setSessionCookie } from "./cookies";
import { Email, Password, PersonName, UserEnvelope } from "./schemas";

const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
const AcceptBody = z.strictObject({
  token: z.string().min(10).max(100),
  name: PersonName,
  password: Password,
  charterVersion: z.number().int().positive().nullable(),
});

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/login",
    describe({ summary: "Sign in; a new session token every time", tag: "Identity", auth: "public", responses: { 200: { description: "Signed in", schema: UserEnvelope } } }),
    jsonBody(LoginBody),
    async (c) => {
      const address = c.req.header("CF-Connecting-IP") ?? "local";
      const { user, token } = await login(c.var.ctx, c.req.valid("json"), address);
      setSessionCookie(c, token);
      return c.json({ user });
    },
  )
  .post("/logout", describe({ summary: "Sign out (ends this session)", tag: "Identity", auth: "member" }), noBody(), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.var.ctx, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .post(
    "/accept-invitation",
    describe({ summary: "Accept an invitation: the charter, a name and a password create the account", tag: "Identity", auth: "public", responses: { 200: { description: "Account created and signed in", schema: UserEnvelope } } }),
    jsonBody(AcceptBody),
    async (c) => {
      const { user, token } = await acceptInvitation(c.var.ctx, c.req.valid("json"));
      setSessionCookie(c, token);
      return c.json({ user });
    },
  );
