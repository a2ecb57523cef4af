import { Hono } from "hono";
import type { AppEnv } from "./context";
import { ApiError, handleError } from "./errors";
import { openApiDocument } from "./lib/openapi";
import { charterGate, sessionActor } from "./middleware/auth";
import { requestContext } from "./middleware/request-context";
import { originCheck, securityHeaders } from "./middleware/security";
import { docsPage } from "./routes/docs";
import { v1Routes } from "./routes/v1";

/** The whole HTTP app; the Worker entry and the tests build it the same way. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(requestContext, securityHeaders);

  app.get("/api/health", (c) => c.json({ ok: true }));
  app.get("/api/docs", (c) => c.html(docsPage()));

  const api = new Hono<AppEnv>();
  api.use(originCheck, sessionActor, charterGate);
  api.route("/", v1Routes);
  app.route("/api/v1", api);
  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(app, { title: "Comptoir API", version: "1" })));

  app.all("/api/*", () => {
    throw new ApiError("not_found", "No such route");
  });
  // Everything else is the client: static assets with the SPA fallback, through the security headers above.
  app.all("*", async (c) => {
    const res = await c.env.ASSETS.fetch(c.req.raw);
    return new Response(res.body, res); // a mutable copy, so the security headers can be set
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
