import { inArray } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { users } from "../../db/users";
import { extractMentions } from "./text";

/** Member ids behind the @handles of a text. */
export async function mentionedIds(ctx: ServiceContext, body: string): Promise<string[]> {
  const handles = extractMentions(body);
  if (handles.length === 0) return [];
  return (await ctx.db.select({ id: users.id }).from(users).where(inArray(users.handle, handles)).all()).map((u) => u.id);
}
