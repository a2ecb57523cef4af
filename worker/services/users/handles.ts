import { and, gte, lt } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { users } from "../../db/users";

export const HANDLE_PATTERN = /^[a-z0-9_-](?:[a-z0-9._-]{0,38}[a-z0-9_-])?$/;

/** The email's local part, lowercased, reduced to [a-z0-9._-] without a leading or trailing dot (API.md). */
export function handleBase(email: string): string {
  const local = email.split("@")[0].toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const base = local.replace(/[^a-z0-9._-]/g, "").replace(/^\.+|\.+$/g, "").slice(0, 32).replace(/\.+$/, "");
  return base || "member";
}

/** The first free handle among `base`, `base2`, `base3`… */
export async function freeHandle(ctx: ServiceContext, email: string): Promise<string> {
  const base = handleBase(email);
  // "~" sorts after every handle character: this range is every handle that starts with `base`, through the index.
  const rows = await ctx.db.select({ handle: users.handle }).from(users).where(and(gte(users.handle, base), lt(users.handle, `${base}~`))).all();
  const taken = new Set(rows.map((r) => r.handle));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
