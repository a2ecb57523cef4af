import { eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { sessions, users } from "../../db/users";
import { ConflictError, NotFoundError } from "../../errors";
import { emitWebhookEvent } from "../webhooks/events";
import { renderMarkdown } from "../../lib/markdown";
import { presentProfile, type Profile } from "./present";
import { auditInsert } from "../audit/audit";

export type ProfilePatch = Partial<{
  handle: string;
  name: string;
  title: string;
  department: string;
  location: string;
  timezone: string;
  locale: "en" | "fr";
  languages: string[];
  phone: string;
  bio: string;
  hobbies: string[];
  hotTopics: string[];
  skills: string[];
}>;

/** Updates the caller's own profile; the bio is rendered to safe HTML now, once. 409 when the handle is taken. */
export async function updateProfile(ctx: ServiceContext, actor: Actor, patch: ProfilePatch): Promise<Profile> {
  const { languages, hobbies, hotTopics, skills, bio, ...plain } = patch;
  const set = {
    ...plain,
    ...(languages && { languages: JSON.stringify(languages) }),
    ...(hobbies && { hobbies: JSON.stringify(hobbies) }),
    ...(hotTopics && { hotTopics: JSON.stringify(hotTopics) }),
    ...(skills && { skills: JSON.stringify(skills) }),
    ...(bio !== undefined && { bio, bioHtml: renderMarkdown(bio) }),
    updatedAt: Date.now(),
  };
  if (plain.handle !== undefined) {
    const holder = await ctx.db.select({ id: users.id }).from(users).where(eq(users.handle, plain.handle)).get();
    if (holder && holder.id !== actor.id) throw new ConflictError("This handle is taken", [{ path: "handle", message: "taken" }]);
  }
  let row;
  try {
    row = await ctx.db.update(users).set(set).where(eq(users.id, actor.id)).returning().get();
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw new ConflictError("This handle is taken", [{ path: "handle", message: "taken" }]);
    throw err;
  }
  if (!row) throw new NotFoundError("No such member");
  return presentProfile(row);
}

/** Ends or restores a member's access (admins). Deactivation ends every session at once. */
export async function setMemberActive(ctx: ServiceContext, actor: Actor, userId: string, active: boolean): Promise<void> {
  const target = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
  if (!target) throw new NotFoundError("No such member");
  if (!active && userId === actor.id) throw new ConflictError("You cannot deactivate yourself");
  const now = Date.now();
  const audit = auditInsert(ctx, actor, { action: active ? "member.reactivate" : "member.deactivate", target: { type: "user", id: userId }, groupId: null }, now);
  if (active) {
    await ctx.db.batch([ctx.db.update(users).set({ deactivatedAt: null, updatedAt: now }).where(eq(users.id, userId)), audit]);
  } else {
    await ctx.db.batch([...deactivationWrites(ctx, userId, now), audit]);
    await afterDeactivation(ctx, userId);
  }
}

/**
 * The writes that deactivate a member, to batch with the caller's own (its audit row): every session ends at once,
 * and API tokens stop with them (their lookup joins the live member). Also used by SCIM deprovisioning.
 */
export function deactivationWrites(ctx: ServiceContext, userId: string, now: number) {
  return [ctx.db.update(users).set({ deactivatedAt: now, updatedAt: now }).where(eq(users.id, userId)), ctx.db.delete(sessions).where(eq(sessions.userId, userId))] as const;
}

/** What follows a deactivation once it committed: integrations learn the member left. */
export async function afterDeactivation(ctx: ServiceContext, userId: string) {
  await emitWebhookEvent(ctx, "member.left", { userId, reason: "deactivated" });
}
