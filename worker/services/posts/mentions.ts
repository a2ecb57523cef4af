import { inArray } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { users } from "../../db/users";
import { extractMentions } from "../../lib/marks";

/** The members behind the @handles of a text: handle → id (unknown handles are left out). */
export async function mentionedMembers(ctx: ServiceContext, body: string): Promise<Map<string, string>> {
  const handles = extractMentions(body);
  if (handles.length === 0) return new Map();
  const rows = await ctx.db.select({ id: users.id, handle: users.handle }).from(users).where(inArray(users.handle, handles)).all();
  return new Map(rows.map((u) => [u.handle, u.id]));
}

