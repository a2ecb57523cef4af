import { createMiddleware } from "hono/factory";
import { serviceContext, type AppEnv } from "../context";
import { newId } from "../lib/ids";

/** Gives every request an id (answered in X-Request-Id and error bodies, written in logs) and its service context. */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header("cf-ray") ?? newId("req");
  c.set("requestId", requestId);
  c.set("actor", null);
  c.set("ctx", serviceContext(c.env, c.req.url, requestId));
  const started = Date.now();
  await next();
  c.header("X-Request-Id", requestId);
  const { rowsRead } = c.var.ctx.stats;
  if (rowsRead > 0) c.header("Server-Timing", `d1-rows;desc="D1 rows read";dur=${rowsRead}`);
  if (c.res.status >= 500 || (c.var.ctx.config.ACCESS_LOG === "all" && c.req.path.startsWith("/api/"))) {
    console.log(JSON.stringify({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started }));
  }
});
