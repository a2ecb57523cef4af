import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { users } from "../../db/users";
import { ApiError, ConflictError, NotFoundError } from "../../errors";
import { emitWebhookEvent } from "../webhooks/events";
import { hashSecret, newId } from "../../lib/ids";
import { freeHandle } from "../users/handles";
import { presentProfile, type Profile } from "../users/present";
import { hashPassword } from "./passwords";
import { sessionInsert } from "./sessions";

export type SetupInput = { token: string; email: string; name: string; password: string };

/** Whether the network still needs its first administrator (and can be given one). */
export async function setupNeeded(ctx: ServiceContext): Promise<boolean> {
  if (!ctx.config.SETUP_TOKEN) return false;
  const admin = await ctx.db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1).get();
  return admin === undefined;
}

/** Creates the first administrator of a deployed network with the SETUP_TOKEN secret; works once. */
export async function setupFirstAdmin(ctx: ServiceContext, input: SetupInput): Promise<{ user: Profile; token: string }> {
  const expected = ctx.config.SETUP_TOKEN;
  if (!expected) throw new NotFoundError("Setup is not enabled on this network");
  // Compare digests so the time does not depend on how much of the token matched.
  if ((await hashSecret(input.token)) !== (await hashSecret(expected))) throw new ApiError("forbidden", "Wrong setup token");
  if (!(await setupNeeded(ctx))) throw new ConflictError("This network already has an administrator");
  const now = Date.now();
  const id = newId("usr", now);
  const email = input.email.trim().toLowerCase();
  const row = {
    id,
    email,
    handle: await freeHandle(ctx, email),
    name: input.name.trim(),
    role: "admin" as const,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  };
  const session = await sessionInsert(ctx, id, now);
  const [inserted] = await ctx.db.batch([ctx.db.insert(users).values(row).returning(), session.insert]);
  await emitWebhookEvent(ctx, "member.joined", { userId: id, role: "admin", via: "setup" });
  return { user: presentProfile(inserted[0]), token: session.token };
}
