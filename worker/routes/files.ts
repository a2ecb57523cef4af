import { Upload, UploadQuery } from "../../contract/files";
import { ApiError, NotFoundError } from "../errors";
import { INLINE_IMAGE_TYPES } from "../services/files/sniff";
import { MAX_UPLOAD_BYTES, readableFile, uploadFile } from "../services/files/uploads";
import { readableCover } from "../services/groups/cover";
import { binary, define, json, routes, wholeBody } from "./define";

const INLINE = new Set<string>(INLINE_IMAGE_TYPES);

/** Serves an R2 object (attachments here, library files in knowledge.ts): inline only for the four raster image types, an attachment otherwise, never sniffed. */
export async function serve(bucket: R2Bucket, key: string, filename?: string): Promise<Response> {
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

/** Files are served by what their bytes are; inline images are of the four raster types, anything else downloads. */
const SERVED = binary("The file, as stored", ["application/octet-stream", ...INLINE_IMAGE_TYPES]);
const IMAGE = binary("The image", [...INLINE_IMAGE_TYPES]);

export const fileRoutes = routes()
  .openapi(define({ method: "get", path: "/avatars/{userId}/{fileId}", summary: "A member's avatar", tag: "People", access: "member", responses: { 200: IMAGE } }), async (c) =>
    serve(c.env.FILES, `avatars/${c.req.param("userId")}/${c.req.param("fileId")}`),
  )
  .openapi(
    define({ method: "get", path: "/covers/{groupId}/{fileId}", summary: "A group's cover image (404 to whoever may not see the group)", tag: "Groups", access: "member", responses: { 200: IMAGE } }),
    async (c) => serve(c.env.FILES, await readableCover(c.var.ctx, c.var.caller, c.req.param("groupId"), c.req.param("fileId"))),
  )
  .openapi(define({ method: "get", path: "/{id}", summary: "An attachment (for whoever may read the post it belongs to)", tag: "Files", access: "member", responses: { 200: SERVED } }), async (c) => {
    const file = await readableFile(c.var.ctx, c.var.caller, c.req.param("id"));
    return serve(c.env.FILES, file.key, file.name);
  });

export const uploadRoutes = routes().openapi(
  define({
    method: "post",
    path: "/",
    summary: "Upload a file (≤ 25 MB) to attach to a post; its type is checked against its content",
    tag: "Files",
    access: "member",
    raw: ["*/*"],
    query: UploadQuery,
    responses: { 201: json(Upload, "The stored file, to name in a post's attachmentIds") },
  }),
  async (c) => {
    if (Number(c.req.header("Content-Length") ?? "0") > MAX_UPLOAD_BYTES) throw new ApiError("too_large", "A file must be 25 MB or less");
    const bytes = await wholeBody(c);
    return c.json(await uploadFile(c.var.ctx, c.var.caller, { bytes, declaredType: c.req.header("Content-Type") ?? "", filename: c.req.valid("query").filename }), 201);
  },
);
