import { Hono } from "hono";
import type { AppEnv } from "../context";
import { NotFoundError } from "../errors";
import { describe } from "../lib/openapi";
import { requireActor } from "../middleware/auth";
import { readableFile } from "../services/files/uploads";
import { INLINE_IMAGE_TYPES } from "../services/files/sniff";
import { readableCover } from "../services/groups/cover";

const INLINE = new Set<string>(INLINE_IMAGE_TYPES);

/** Serves an R2 object: inline only for the four raster image types, an attachment otherwise, never sniffed. */
async function serve(bucket: R2Bucket, key: string, filename?: string): Promise<Response> {
  const object = await bucket.get(key);
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
  const encoded = filename ? `; filename*=UTF-8''${encodeURIComponent(filename)}` : "";
  headers.set("Content-Disposition", INLINE.has(type) ? `inline${encoded}` : `attachment${encoded}`);
  return new Response(object.body, { headers });
}

export const fileRoutes = new Hono<AppEnv>()
  .get("/avatars/:userId/:fileId", describe({ summary: "A member's avatar", tag: "People", auth: "member" }), async (c) => {
    requireActor(c.var.actor);
    return serve(c.env.FILES, `avatars/${c.req.param("userId")}/${c.req.param("fileId")}`);
  })
  .get("/covers/:groupId/:fileId", describe({ summary: "A group's cover image (404 to whoever may not see the group)", tag: "Groups", auth: "member" }), async (c) => {
    const key = await readableCover(c.var.ctx, requireActor(c.var.actor), c.req.param("groupId"), c.req.param("fileId"));
    return serve(c.env.FILES, key);
  })
  .get("/:id", describe({ summary: "An attachment (for whoever may read the post it belongs to)", tag: "Files", auth: "member" }), async (c) => {
    const file = await readableFile(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return serve(c.env.FILES, file.key, file.name);
  });
