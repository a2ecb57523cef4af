/** The image types served inline; everything else is an attachment (ARCHITECTURE.md "Data"). */
export type InlineImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** Tells an image's type from its first bytes (magic numbers), or null when it is none of the four. */
export function sniffImage(head: Uint8Array): InlineImageType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return "image/webp";
  return null;
}
