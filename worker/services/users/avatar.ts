import { eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { users } from "../../db/users";
import { ApiError } from "../../errors";
import { newId } from "../../lib/ids";
import { avatarUrl } from "./present";
import { sniffImage } from "../files/sniff";

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

/**
 * Stores a new avatar: PNG, JPEG, GIF or WebP only, told by its bytes (never by the declared type), ≤ 2 MB. It is
 * served as uploaded, with its sniffed type; the old one is deleted.
 */
export async function setAvatar(ctx: ServiceContext, actor: Actor, bytes: ArrayBuffer): Promise<{ avatarUrl: string }> {
  if (bytes.byteLength > MAX_AVATAR_BYTES) throw new ApiError("too_large", "An avatar must be 2 MB or less");
  const type = await sniffImage(new Uint8Array(bytes));
  if (!type) throw new ApiError("unsupported_media_type", "An avatar must be a PNG, JPEG, GIF or WebP image");
  const key = `avatars/${actor.id}/${newId("fil")}`;
  const previous = await ctx.db.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, actor.id)).get();
  await ctx.env.FILES.put(key, bytes, { httpMetadata: { contentType: type } });
  await ctx.db.update(users).set({ avatarKey: key, updatedAt: Date.now() }).where(eq(users.id, actor.id));
  if (previous?.avatarKey) await ctx.env.FILES.delete(previous.avatarKey);
  return { avatarUrl: avatarUrl(key)! };
}
