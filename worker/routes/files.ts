import { Hono } from "hono";
import type { AppEnv } from "../context";
import { NotFoundError } from "../errors";
import { describe } from "../lib/openapi";
import { requireActor } from "../middleware/auth";

const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Files from R2: inline only for the four raster image types, an attachment otherwise, never sniffed by the browser. */
export const fileRoutes = new Hono<AppEnv>().get(
  "/avatars/:userId/:fileId",
  describe({ summary: "A member's avatar", tag: "People", auth: "member" }),
  async (c) => {
    requireActor(c.var.actor);
    const object = await c.env.FILES.get(`avatars/${c.req.param("userId")}/${c.req.param("fileId")}`);
    if (!object) throw new NotFoundError("No such file");
    const type = object.httpMetadata?.contentType ?? "application/octet-stream";
    const headers = new Headers({
      "Content-Type": type,
      "Content-Length": String(object.size),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ETag: object.httpEtag,
    });
    if (!INLINE.has(type)) headers.set("Content-Disposition", "attachment");
    return new Response(object.body, { headers });
  },
);
