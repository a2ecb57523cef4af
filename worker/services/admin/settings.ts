import { and, eq } from "drizzle-orm";
import type { NetworkSettings, NetworkSettingsBody, PublicNetwork, Retention } from "../../../contract/admin";
import type { Actor, ServiceContext } from "../../context";
import { files } from "../../db/conversation";
import { networkSettings } from "../../db/questions";
import { users } from "../../db/users";
import { ApiError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { auditInsert } from "../audit/audit";
import { inlineImage, storeInlineImage } from "../files/images";

/**
 * The network's settings (one row, id 1, created by migration 0008): name, logo and colour the shell shows, the
 * default language, the answer-time promise groups without their own follow, what erasure does with content, and how
 * long each kind of content is kept. Every change is audited (`settings.update`, the fields before and after).
 */

type SettingsRow = typeof networkSettings.$inferSelect;

const LOGO_PREFIX = "network/logo/";

export function logoUrl(key: string | null): string | null {
  return key ? `/api/v1/network/logo/${key.slice(LOGO_PREFIX.length)}` : null;
}

async function row(ctx: ServiceContext): Promise<SettingsRow> {
  const r = await ctx.db.select().from(networkSettings).where(eq(networkSettings.id, 1)).get();
  if (!r) throw new ApiError("internal", "The network's settings row is missing (migration 0008 creates it)");
  return r;
}

/** The fields as the audit row and the answer show them. */
function fields(r: SettingsRow) {
  return {
    name: r.name,
    logoKey: r.logoKey,
    colour: r.colour,
    defaultLocale: r.defaultLocale,
    defaultPromise: JSON.parse(r.defaultPromise) as Record<string, unknown>,
    erasure: r.erasure,
    retention: JSON.parse(r.retention) as Retention,
  };
}

export async function getSettings(ctx: ServiceContext): Promise<NetworkSettings> {
  const r = await row(ctx);
  const by = r.updatedBy ? await ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, r.updatedBy)).get() : undefined;
  const { logoKey, ...rest } = fields(r);
  return { ...rest, logoUrl: logoUrl(logoKey), updatedAt: r.updatedAt, updatedBy: by ?? null };
}

/** What the shell and the sign-in page show: anyone may read it. */
export async function publicNetwork(ctx: ServiceContext): Promise<PublicNetwork> {
  const r = await row(ctx);
  return { name: r.name, colour: r.colour, logoUrl: logoUrl(r.logoKey), defaultLocale: r.defaultLocale };
}

/** The R2 key of the logo file `fileId` names, when it is the current one (older logos are deleted once replaced). */
export async function currentLogoKey(ctx: ServiceContext, fileId: string): Promise<string> {
  const r = await row(ctx);
  if (r.logoKey !== `${LOGO_PREFIX}${fileId}`) throw new NotFoundError("No such logo");
  return r.logoKey;
}

/**
 * An upload of the caller's ({@link logoUpload}, read already), not attached to anything, that is an inline image:
 * copied as the logo, once the session check lets the caller through (`writesAllowed`, as the D1 writes wait).
 */
async function logoFromUpload(ctx: ServiceContext, file: typeof files.$inferSelect | undefined): Promise<string> {
  const refuse = (message: string) => new ValidationError([{ path: "logoUploadId", message }]);
  if (!file || file.postId !== null) throw refuse("Not an upload of yours (POST /api/v1/uploads first)");
  const object = await ctx.env.FILES.get(file.key);
  if (!object) throw refuse("The upload is gone");
  let image;
  try {
    image = await inlineImage(await object.arrayBuffer(), "A logo");
  } catch (err) {
    throw refuse((err as Error).message);
  }
  await ctx.d1.writesAllowed();
  const key = `${LOGO_PREFIX}${newId("fil")}`;
  await storeInlineImage(ctx, key, image);
  return key;
}

/** The upload a new logo names, when it is the caller's (its row, or undefined). */
function logoUpload(ctx: ServiceContext, actor: Actor, uploadId: string) {
  return ctx.db.select().from(files).where(and(eq(files.id, uploadId), eq(files.ownerId, actor.id))).get();
}

/**
 * Replaces the settings, at two D1 round trips (issue 13): the row and the new logo's upload read with the session
 * check, then the update, its audit row and the settings read back (with who saved them) in one batch.
 */
export async function putSettings(ctx: ServiceContext, actor: Actor, body: NetworkSettingsBody): Promise<NetworkSettings> {
  const [current, upload] = await Promise.all([row(ctx), typeof body.logoUploadId === "string" ? logoUpload(ctx, actor, body.logoUploadId) : undefined]);
  const logoKey = body.logoUploadId === undefined ? current.logoKey : body.logoUploadId === null ? null : await logoFromUpload(ctx, upload);
  const now = Date.now();
  const next = {
    name: body.name,
    logoKey,
    colour: body.colour.toLowerCase(),
    defaultLocale: body.defaultLocale,
    defaultPromise: JSON.stringify(body.defaultPromise),
    erasure: body.erasure,
    retention: JSON.stringify(body.retention),
  };
  const before = fields(current);
  const after = fields({ ...current, ...next });
  // Only the fields that changed go into the audit row (all of them when nothing did: the save itself is recorded).
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const pick = (o: typeof after) => Object.fromEntries((changed.length ? changed : []).map((k) => [k, o[k]]));
  const [, , [saved], [by]] = await ctx.db.batch([
    ctx.db.update(networkSettings).set({ ...next, updatedBy: actor.id, updatedAt: now }).where(eq(networkSettings.id, 1)),
    auditInsert(ctx, actor, { action: "settings.update", target: { type: "settings", id: "network" }, groupId: null, before: pick(before), after: pick(after) }, now),
    ctx.db.select().from(networkSettings).where(eq(networkSettings.id, 1)),
    // Who saved them: the caller, as the update just wrote.
    ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, actor.id)),
  ]);
  if (current.logoKey && current.logoKey !== logoKey) await ctx.env.FILES.delete(current.logoKey);
  if (!saved) throw new ApiError("internal", "The network's settings row is missing (migration 0008 creates it)");
  const { logoKey: savedLogo, ...rest } = fields(saved);
  return { ...rest, logoUrl: logoUrl(savedLogo), updatedAt: saved.updatedAt, updatedBy: by ?? null };
}
