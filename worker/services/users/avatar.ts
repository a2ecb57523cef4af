import { eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { users } from "../../db/users";
import { newId } from "../../lib/ids";
import { avatarUrl } from "./present";
import { inlineImage, MAX_IMAGE_BYTES, storeInlineImage } from "../files/images";

export const MAX_AVATAR_BYTES = MAX_IMAGE_BYTES;

/**
 * Stores a new avatar: PNG, JPEG, GIF or WebP only, told by its bytes (never by the declared type), ≤ 2 MB. It is
 * served as uploaded, with its sniffed type; the old one is deleted. Two D1 round trips: the session check, then the
 * batch that reads the old avatar and names the new one.
 */
export async function setAvatar(ctx: ServiceContext, actor: Actor, bytes: ArrayBuffer): Promise<{ avatarUrl: string }> {
  const image = await inlineImage(bytes, "An avatar");
  const key = `avatars/${actor.id}/${newId("fil")}`;
  await storeInlineImage(ctx, key, image);
  // The avatar it replaces is read in the batch that replaces it (one D1 round trip after the session check, issue 13).
  const [[previous]] = await ctx.db.batch([
    ctx.db.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, actor.id)),
    ctx.db.update(users).set({ avatarKey: key, updatedAt: Date.now() }).where(eq(users.id, actor.id)),
  ]);
  if (previous?.avatarKey) await ctx.env.FILES.delete(previous.avatarKey);
  return { avatarUrl: avatarUrl(key)! };
}
