import type { ServiceContext } from "../../context";
import { ApiError } from "../../errors";
import { sniffImage, type InlineImageType } from "./sniff";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * An image shown inline (an avatar, a group cover): PNG, JPEG, GIF or WebP only, told by its bytes (never by the
 * declared type), 2 MB at most. Checked before anything is read or written for the request.
 */
export async function inlineImage(bytes: ArrayBuffer, what: string): Promise<{ bytes: ArrayBuffer; type: InlineImageType }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new ApiError("too_large", `${what} must be 2 MB or less`);
  const type = await sniffImage(new Uint8Array(bytes));
  if (!type) throw new ApiError("unsupported_media_type", `${what} must be a PNG, JPEG, GIF or WebP image`);
  return { bytes, type };
}

/** Stores a checked image under `key` in R2, to be served with its sniffed type. */
export async function storeInlineImage(ctx: ServiceContext, key: string, image: { bytes: ArrayBuffer; type: InlineImageType }): Promise<void> {
  await ctx.env.FILES.put(key, image.bytes, { httpMetadata: { contentType: image.type } });
}
