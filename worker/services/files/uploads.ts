import { eq } from "drizzle-orm";
import type { Upload } from "../../../contract/files";
import type { Actor, ServiceContext } from "../../context";
import { files } from "../../db/conversation";
import { ApiError, NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { canReadFile } from "../access";
import { loadPost } from "../posts/posts";
import { fileUrl } from "../posts/hydrate";
import { sniffType } from "./sniff";

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A declared type agrees with the sniffed one when they are the same, or the declaration says nothing specific. */
function agrees(declared: string, sniffed: string): boolean {
  const d = declared.split(";")[0].trim().toLowerCase();
  if (d === "" || d === "application/octet-stream" || d === sniffed) return true;
  if (sniffed === "text/plain" || sniffed === "text/csv") return d.startsWith("text/") || d === "application/json" || d === "text/markdown";
  if (sniffed === "application/zip") return d.includes("zip");
  return false;
}

/** Stores an upload in R2 for the caller, to attach to a post or comment they write next. */
export async function uploadFile(ctx: ServiceContext, actor: Actor, input: { bytes: ArrayBuffer; declaredType: string; filename: string }): Promise<Upload> {
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError("too_large", "A file must be 25 MB or less");
  if (input.bytes.byteLength === 0) throw new ApiError("validation_failed", "The file is empty", [{ path: "body", message: "empty" }]);
  const name = input.filename.replace(/[\u0000-\u001f/\\]/g, "_").slice(0, 200) || "file";
  const type = await sniffType(new Uint8Array(input.bytes), name);
  if (!agrees(input.declaredType, type)) throw new ApiError("unsupported_media_type", `The content is ${type}, not ${input.declaredType}`);
  const now = Date.now();
  const id = newId("fil", now);
  const key = `files/${id}`;
  await ctx.env.FILES.put(key, input.bytes, { httpMetadata: { contentType: type } });
  await ctx.db.insert(files).values({ id, ownerId: actor.id, key, name, size: input.bytes.byteLength, type, createdAt: now });
  return { id, name, size: input.bytes.byteLength, type, url: fileUrl(id) };
}

/** A file the caller may read: its owner's until attached, then whoever may read the post it is attached to. */
export async function readableFile(ctx: ServiceContext, actor: Actor, fileId: string) {
  const row = await ctx.db.select().from(files).where(eq(files.id, fileId)).get();
  if (!row) throw new NotFoundError("No such file");
  const postReadable = row.postId !== null && (await loadPost(ctx, actor, row.postId).then(() => true, () => false));
  if (!canReadFile(actor, row, postReadable)) throw new NotFoundError("No such file");
  return row;
}
