import { SetupBody, SetupState, UserEnvelope } from "../../contract/identity";
import { setupFirstAdmin, setupNeeded } from "../services/auth/setup";
import { setSessionCookie } from "./cookies";
import { define, json, routes } from "./define";

export const setupRoutes = routes()
  .openapi(define({ method: "get", path: "/", summary: "Whether the first administrator still has to be created", tag: "Identity", access: "public", responses: { 200: json(SetupState, "Setup state") } }), async (c) =>
    c.json({ needed: await setupNeeded(c.var.ctx) }, 200),
  )
  .openapi(
    define({ method: "post", path: "/", summary: "Create the first administrator with the SETUP_TOKEN secret (once)", tag: "Identity", access: "public", body: SetupBody, errors: [409], responses: { 201: json(UserEnvelope, "The first administrator, signed in") } }),
    async (c) => {
      const { user, token } = await setupFirstAdmin(c.var.ctx, c.req.valid("json"));
      setSessionCookie(c, token);
      return c.json({ user }, 201);
    },
  );
