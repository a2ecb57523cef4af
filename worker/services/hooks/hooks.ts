import { auditInsert } from "../audit/audit";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { files, posts, postTags } from "../../db/conversation";
import { groups } from "../../db/groups";
import { incomingHooks } from "../../db/integrations";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { hashSecret, newId, newSecret } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { extractTags } from "../../lib/marks";
import { canManageHooks } from "../access";
import { inlineImage, storeInlineImage } from "../files/images";
import { loadGroup } from "../groups/groups";
import { publishToGroup } from "../live";
import { enforceRate } from "../rate";
import { avatarUrl } from "../users/present";
import type { IncomingHook, IncomingHookBody } from "../../../contract/integrations";

/**
 * Incoming hooks (API.md "Integrations"): an integration posts into a group through a secret URL, as itself (the
 * post's author is the hook, `hok_…`, shown as `{id, name, avatarUrl, integration: true}`). The secret is in the URL
 * only once, when the hook is made; its SHA-256 is stored. Made, listed and revoked by the group's animators and
 * owners, and administrators.
 */

/** The path of a hook's URL, after the network's origin. */
export const HOOK_PATH = "/api/v1/hooks/";

type HookRow = typeof incomingHooks.$inferSelect;

function presentHook(row: HookRow, url: string | null): IncomingHook {
  return { id: row.id, name: row.name, avatarUrl: avatarUrl(row.avatarKey), url, lastUsedAt: row.lastUsedAt, createdAt: row.createdAt };
}

/** The group, for one who may manage its hooks; 404 when they may not see it, 403 when they see it but may not. */
async function managedGroup(ctx: ServiceContext, actor: Actor, groupId: string) {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canManageHooks(actor, m)) throw new ForbiddenError("Only the group's animators manage its incoming hooks");
  return group;
}

/** The upload a new hook's avatar names: one of the caller's own, not yet attached (its row, or undefined). */
function avatarUpload(ctx: ServiceContext, actor: Actor, uploadId: string) {
  return ctx.db
    .select({ key: files.key })
    .from(files)
    .where(and(eq(files.id, uploadId), eq(files.ownerId, actor.id), isNull(files.postId), isNull(files.commentId)))
    .get();
}

/**
 * The avatar of a new hook: one of the caller's own uploads not yet attached ({@link avatarUpload}, read already), a
 * PNG, JPEG, GIF or WebP of 2 MB at most, copied where avatars are served (every member may see an integration's
 * avatar, as a member's), once the session check and the route's gate let the caller through (`writesAllowed`).
 */
async function hookAvatar(ctx: ServiceContext, hookId: string, uploadId: string, file: { key: string } | undefined): Promise<string> {
  const refused = () => new ValidationError([{ path: "avatarUploadId", message: "An image you uploaded and did not attach elsewhere" }]);
  if (!file) throw refused();
  const object = await ctx.env.FILES.get(file.key);
  if (!object) throw refused();
  const image = await inlineImage(await object.arrayBuffer(), "An integration's avatar").catch(() => {
    throw refused();
  });
  await ctx.d1.writesAllowed();
  const key = `avatars/${hookId}/${uploadId}`;
  await storeInlineImage(ctx, key, image);
  return key;
}

/**
 * A new hook, at two D1 round trips (issue 13): the group and the avatar's upload read with the session check and the
 * route's gate, then the hook and its audit row in one batch.
 */
export async function createHook(ctx: ServiceContext, actor: Actor, groupId: string, input: IncomingHookBody, now = Date.now()): Promise<IncomingHook> {
  const [group, upload] = await Promise.all([managedGroup(ctx, actor, groupId), input.avatarUploadId ? avatarUpload(ctx, actor, input.avatarUploadId) : undefined]);
  const id = newId("hok", now);
  const avatarKey = input.avatarUploadId ? await hookAvatar(ctx, id, input.avatarUploadId, upload) : null;
  const secret = newSecret();
  const [[row]] = await ctx.db.batch([
    ctx.db
      .insert(incomingHooks)
      .values({ id, groupId: group.id, name: input.name, avatarKey, tokenHash: await hashSecret(secret), createdBy: actor.id, createdAt: now })
      .returning(),
    auditInsert(ctx, actor, { action: "hook.create", target: { type: "hook", id }, groupId: group.id, after: { name: input.name } }, now),
  ]);
  return presentHook(row, `${ctx.origin}${HOOK_PATH}${secret}`);
}

/** The group's live hooks, newest first (a short list: `{items}`), without their URLs. */
export async function listHooks(ctx: ServiceContext, actor: Actor, groupId: string): Promise<IncomingHook[]> {
  const group = await managedGroup(ctx, actor, groupId);
  const rows = await ctx.db
    .select()
    .from(incomingHooks)
    .where(and(eq(incomingHooks.groupId, group.id), isNull(incomingHooks.revokedAt)))
    .orderBy(desc(incomingHooks.createdAt), desc(incomingHooks.id))
    .limit(200)
    .all();
  return rows.map((r) => presentHook(r, null));
}

/** Revokes a hook: its URL answers 404 from now on; its posts stay. The hook is read with the group (issue 13). */
export async function revokeHook(ctx: ServiceContext, actor: Actor, groupId: string, hookId: string, now = Date.now()): Promise<void> {
  const live = and(eq(incomingHooks.id, hookId), eq(incomingHooks.groupId, groupId), isNull(incomingHooks.revokedAt));
  const [group, hook] = await Promise.all([managedGroup(ctx, actor, groupId), ctx.db.select({ name: incomingHooks.name }).from(incomingHooks).where(live).get()]);
  if (!hook) throw new NotFoundError("No such hook");
  await ctx.db.batch([
    ctx.db.update(incomingHooks).set({ revokedAt: now }).where(live),
    auditInsert(ctx, actor, { action: "hook.delete", target: { type: "hook", id: hookId }, groupId: group.id, before: { name: hook.name } }, now),
  ]);
}

/** The live hook of a URL's secret, or 404 (unknown or revoked: the same answer). */
async function liveHook(ctx: ServiceContext, secret: string): Promise<HookRow> {
  const row = await ctx.db
    .select()
    .from(incomingHooks)
    .where(and(eq(incomingHooks.tokenHash, await hashSecret(secret)), isNull(incomingHooks.revokedAt)))
    .get();
  if (!row) throw new NotFoundError("No such hook");
  return row;
}

/**
 * A post from an integration: 404 for an unknown or revoked hook, 429 past HOOK_POSTS_PER_MINUTE for this hook, then a
 * discussion post in the hook's group, its markdown rendered and sanitised as any post's (no mentions: an integration
 * names nobody), announced live in the group's room and fanned out by the same `post-fanout` job as a member's post.
 */
export async function postThroughHook(ctx: ServiceContext, secret: string, text: string, now = Date.now()): Promise<{ postId: string }> {
  const hook = await liveHook(ctx, secret);
  await enforceRate(ctx, `hook:${hook.id}`, ctx.config.HOOK_POSTS_PER_MINUTE, now);
  const id = newId("pst", now);
  const tags = [...new Set(extractTags(text))].slice(0, 20);
  await ctx.db.batch([
    ctx.db.insert(posts).values({ id, groupId: hook.groupId, authorId: hook.id, kind: "discussion", body: text, html: renderMarkdown(text), tags: JSON.stringify(tags), createdAt: now, updatedAt: now }),
    ...tags.map((tag) => ctx.db.insert(postTags).values({ tag, postId: id, groupId: hook.groupId, createdAt: now })),
    ctx.db.update(groups).set({ lastPostAt: now }).where(eq(groups.id, hook.groupId)),
    ctx.db.update(incomingHooks).set({ lastUsedAt: now }).where(eq(incomingHooks.id, hook.id)),
  ]);
  await publishToGroup(ctx, hook.groupId, "post.created", { postId: id, groupId: hook.groupId, authorId: hook.id, kind: "discussion" });
  await ctx.env.JOBS.send({ kind: "post-fanout", postId: id });
  return { postId: id };
}
