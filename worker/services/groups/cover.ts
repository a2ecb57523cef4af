import { auditInsert } from "../audit/audit";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { groups } from "../../db/groups";
import { ForbiddenError, NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { inlineImage, storeInlineImage } from "../files/images";
import { canEditGroup } from "../access";
import type { Group } from "../../../contract/groups";
import { loadGroup, presentGroup } from "./groups";
import { emitWebhookEvent } from "../webhooks/events";

/**
 * The group's animators (and administrators) set its cover image (checked first); the previous one is deleted. Two D1
 * round trips (issue 13): the group, read with the session check and the route's gate, then the update, its audit row
 * and the group read back in one batch. The image is stored only once the session check and the gate let the caller
 * through (`writesAllowed`), before the update that names it.
 */
export async function setCover(ctx: ServiceContext, actor: Actor, groupId: string, bytes: ArrayBuffer): Promise<Group> {
  const image = await inlineImage(bytes, "A cover");
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canEditGroup(actor, m)) throw new ForbiddenError("Only the group's animators change its cover");
  await ctx.d1.writesAllowed();
  const key = `covers/${groupId}/${newId("fil")}`;
  await storeInlineImage(ctx, key, image);
  // Only over the cover this request replaces: of two animators uploading at once, the one who loses removes their own.
  const [replaced, , [after]] = await ctx.db.batch([
    ctx.db
      .update(groups)
      .set({ coverKey: key, updatedAt: Date.now() })
      .where(and(eq(groups.id, groupId), group.coverKey ? eq(groups.coverKey, group.coverKey) : isNull(groups.coverKey)))
      .returning({ id: groups.id }),
    auditInsert(ctx, actor, { action: "group.update", target: { type: "group", id: groupId }, groupId, before: { cover: group.coverKey !== null }, after: { cover: true } }, Date.now()),
    groupReadBack(ctx, groupId),
  ]);
  if (replaced.length === 0) await ctx.env.FILES.delete(key);
  else if (group.coverKey) await ctx.env.FILES.delete(group.coverKey);
  if (replaced.length) await emitWebhookEvent(ctx, "group.updated", { groupId, fields: ["cover"] });
  return presentGroup(actor, { ...(after ?? group), ideaBox: group.ideaBox }, m);
}

/** The group's row as the batch that changed it leaves it (the answer, without a read of its own). */
function groupReadBack(ctx: ServiceContext, groupId: string) {
  return ctx.db.select().from(groups).where(eq(groups.id, groupId));
}

/** Back to the cover colour: the group read with the session check, then the update, its audit row and the group read back. */
export async function removeCover(ctx: ServiceContext, actor: Actor, groupId: string): Promise<Group> {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canEditGroup(actor, m)) throw new ForbiddenError("Only the group's animators change its cover");
  if (!group.coverKey) return presentGroup(actor, group, m);
  const [, , [after]] = await ctx.db.batch([
    ctx.db.update(groups).set({ coverKey: null, updatedAt: Date.now() }).where(eq(groups.id, groupId)),
    auditInsert(ctx, actor, { action: "group.update", target: { type: "group", id: groupId }, groupId, before: { cover: true }, after: { cover: false } }, Date.now()),
    groupReadBack(ctx, groupId),
  ]);
  await ctx.env.FILES.delete(group.coverKey);
  await emitWebhookEvent(ctx, "group.updated", { groupId, fields: ["cover"] });
  return presentGroup(actor, { ...(after ?? group), ideaBox: group.ideaBox }, m);
}

/** The R2 key of a group's current cover, or 404 when the caller may not see the group (a secret one) or it has none. */
export async function readableCover(ctx: ServiceContext, actor: Actor, groupId: string, fileId: string): Promise<string> {
  const { group } = await loadGroup(ctx, actor, groupId);
  if (!group.coverKey || group.coverKey !== `covers/${groupId}/${fileId}`) throw new NotFoundError("No such cover");
  return group.coverKey;
}
