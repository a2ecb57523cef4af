import { fileTypeFromBuffer } from "file-type";

/** The image types served inline; everything else is an attachment (ARCHITECTURE.md "Data"). */
export const INLINE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type InlineImageType = (typeof INLINE_IMAGE_TYPES)[number];

/**
 * The type of some bytes told by their content, never by what the client says: binary formats by their signatures
 * (`file-type`, which also looks inside zip containers for office documents) — SVG first, as it is XML a browser
 * would run — then plain text, which has none. The file name only tells CSV from other text.
 */
export async function sniffType(bytes: Uint8Array, filename = ""): Promise<string> {
  // `stream`: a character cut by the 4 KB window is left out rather than turned into U+FFFD (which would read as binary).
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes.subarray(0, 4096), { stream: true });
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) return "image/svg+xml";
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  // An animated PNG is a PNG (browsers show both from image/png).
  if (detected) return detected.mime === "image/apng" ? "image/png" : detected.mime;
  const binary = bytes.subarray(0, 4096).some((b) => b === 0) || text.includes("\uFFFD");
  if (!binary) return /\.csv$/i.test(filename) ? "text/csv" : "text/plain";
  return "application/octet-stream";
}

/** An image type served inline (avatars, covers), or null when the bytes are none of the four. */
export async function sniffImage(bytes: Uint8Array): Promise<InlineImageType | null> {
  const type = await sniffType(bytes);
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(type) ? (type as InlineImageType) : null;
}
