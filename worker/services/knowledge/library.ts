import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import type { LibraryBody, LibraryItem, LibraryPage } from "../../../contract/knowledge";
import type { GroupAccessFacts } from "../access";
import { libraryItems, libraryVersions } from "../../db/knowledge";
import { users } from "../../db/users";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { canAddToLibrary, canDeleteLibraryItem, libraryItemCan, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { presentMember } from "../users/present";
import { loadKnowledgeGroup } from "./group";

type ItemRow = typeof libraryItems.$inferSelect;
export type LibraryCursor = { f: string; n: string; i: string };

export const itemUrl = (id: string) => `/api/v1/library/${id}/download`;
const versionUrl = (id: string, version: number) => `${itemUrl(id)}?version=${version}`;

const memberColumns = { id: users.id, handle: users.handle, name: users.name, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey };

/** Items as the API shows them: every version (newest first) with its uploader, and what the caller may do. */
async function hydrate(ctx: ServiceContext, actor: Actor, group: GroupAccessFacts, m: Membership, items: ItemRow[]): Promise<LibraryItem[]> {
  if (items.length === 0) return [];
  const versions = await ctx.db
    .select({ v: libraryVersions, u: memberColumns })
    .from(libraryVersions)
    .innerJoin(users, eq(users.id, libraryVersions.uploaderId))
    .where(inArray(libraryVersions.itemId, items.map((i) => i.id)))
    .orderBy(asc(libraryVersions.itemId), desc(libraryVersions.version))
    .all();
  const byItem = new Map<string, typeof versions>();
  for (const r of versions) byItem.set(r.v.itemId, [...(byItem.get(r.v.itemId) ?? []), r]);
  const uploaders = new Map(versions.map((r) => [r.u.id, presentMember(r.u)]));
  const missing = items.map((i) => i.uploaderId).filter((id) => !uploaders.has(id));
  if (missing.length) {
    for (const u of await ctx.db.select(memberColumns).from(users).where(inArray(users.id, missing)).all()) uploaders.set(u.id, presentMember(u));
  }
  const someone = (id: string) => uploaders.get(id) ?? { id, handle: "", name: "", location: "", timezone: "UTC", avatarUrl: null };
  return items.map((item) => ({
    id: item.id,
    groupId: item.groupId,
    name: item.name,
    folder: item.folder,
    version: item.currentVersion,
    versions: (byItem.get(item.id) ?? []).map(({ v, u }) => ({
      version: v.version,
      name: v.fileName,
      size: v.size,
      type: v.type,
      uploader: presentMember(u),
      downloads: v.downloadCount,
      createdAt: v.createdAt,
      url: versionUrl(item.id, v.version),
    })),
    downloads: item.downloadCount,
    url: itemUrl(item.id),
    uploader: someone(item.uploaderId),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    can: libraryItemCan(actor, group, m, item),
  }));
}

/** A library item with its group and the caller's membership, or 404 when the caller may not read the group's content. */
async function loadItem(ctx: ServiceContext, actor: Actor, itemId: string) {
  const item = await ctx.db.select().from(libraryItems).where(eq(libraryItems.id, itemId)).get();
  if (!item) throw new NotFoundError("No such library item");
  const { group, m } = await loadKnowledgeGroup(ctx, actor, item.groupId).catch((err) => {
    if (err instanceof NotFoundError) throw new NotFoundError("No such library item");
    throw err;
  });
  return { item, group, m };
}

/** The gates of the library's writes: 403 to a reader of the group who may not add (or delete) there. */
export function checkLibraryGroupRight(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  return refuseUnless(loadKnowledgeGroup(ctx, actor, groupId), ({ group, m }) => canAddToLibrary(actor, group, m), "Join the group to add to its library");
}
export function checkLibraryItemRight(ctx: ServiceContext, actor: Actor, itemId: string, right: "addVersion" | "delete"): Promise<void> {
  return refuseUnless(
    loadItem(ctx, actor, itemId),
    ({ item, group, m }) => (right === "addVersion" ? canAddToLibrary(actor, group, m) : canDeleteLibraryItem(actor, m, item)),
    right === "addVersion" ? "Join the group to add to its library" : "Only the uploader and the group's animators delete an item",
  );
}

/** A group's library: its folders, and the items of one folder (or of all), by folder then name; keyset pages. */
export async function listLibrary(
  ctx: ServiceContext,
  actor: Actor,
  groupId: string,
  query: { folder?: string; limit: number },
  cursor?: LibraryCursor,
): Promise<{ page: Omit<LibraryPage, "nextCursor">; next: LibraryCursor | null }> {
  const { group, m } = await loadKnowledgeGroup(ctx, actor, groupId);
  const after = cursor ? sql`(${libraryItems.folder}, ${libraryItems.name}, ${libraryItems.id}) > (${cursor.f}, ${cursor.n}, ${cursor.i})` : undefined;
  const [rows, folders] = await Promise.all([
    ctx.db
      .select()
      .from(libraryItems)
      .where(and(eq(libraryItems.groupId, groupId), query.folder !== undefined ? eq(libraryItems.folder, query.folder) : undefined, after))
      .orderBy(asc(libraryItems.folder), asc(libraryItems.name), asc(libraryItems.id))
      .limit(query.limit + 1)
      .all(),
    ctx.db
      .select({ name: libraryItems.folder, items: sql<number>`count(*)` })
      .from(libraryItems)
      .where(eq(libraryItems.groupId, groupId))
      .groupBy(libraryItems.folder)
      .orderBy(asc(libraryItems.folder))
      .all(),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    page: { items: await hydrate(ctx, actor, group, m, page), folders, can: { add: canAddToLibrary(actor, group, m) } },
    next: rows.length > query.limit && last ? { f: last.folder, n: last.name, i: last.id } : null,
  };
}

/** One item with every version. */
export async function getLibraryItem(ctx: ServiceContext, actor: Actor, itemId: string): Promise<LibraryItem> {
  const { item, group, m } = await loadItem(ctx, actor, itemId);
  const [view] = await hydrate(ctx, actor, group, m, [item]);
  return view;
}

/** The caller's own upload, not attached to anything yet: the SQL condition every claim of it repeats. */
const FREE_UPLOAD = "f.id = ? AND f.owner_id = ? AND f.post_id IS NULL AND f.comment_id IS NULL";

const FREE_UPLOAD_ROW = "id = ? AND owner_id = ? AND post_id IS NULL AND comment_id IS NULL";

const unknownUpload = (uploadId: string) => new ValidationError([{ path: "uploadId", message: `Unknown or already used upload ${uploadId}` }]);

/**
 * Adds a file to a group's library (any member of the group): the caller's upload becomes the item's version 1. The
 * upload is claimed in the same batch that writes the item (its `files` row goes, its bytes stay in R2 under the
 * version), each statement conditioned on the upload being still free, so the same upload never makes two items.
 */
export async function addLibraryItem(ctx: ServiceContext, actor: Actor, groupId: string, input: LibraryBody): Promise<LibraryItem> {
  const { group, m } = await loadKnowledgeGroup(ctx, actor, groupId);
  if (!canAddToLibrary(actor, group, m)) throw new ForbiddenError("Join the group to add to its library");
  const now = Date.now();
  const id = newId("lib", now);
  const db = ctx.env.DB;
  const [created] = await db.batch([
    db
      .prepare(
        `INSERT INTO library_items (id, group_id, folder, name, current_version, download_count, uploader_id, created_at, updated_at)
         SELECT ?, ?, ?, coalesce(?, f.name), 1, 0, ?, ?, ? FROM files f WHERE ${FREE_UPLOAD}`,
      )
      .bind(id, groupId, input.folder ?? "", input.name ?? null, actor.id, now, now, input.uploadId, actor.id),
    db
      .prepare(
        `INSERT INTO library_versions (item_id, version, file_key, file_name, size, type, uploader_id, download_count, created_at)
         SELECT ?, 1, f.key, f.name, f.size, f.type, ?, 0, ? FROM files f WHERE ${FREE_UPLOAD} AND EXISTS (SELECT 1 FROM library_items WHERE id = ?)`,
      )
      .bind(id, actor.id, now, input.uploadId, actor.id, id),
    db.prepare(`DELETE FROM files WHERE ${FREE_UPLOAD_ROW} AND key IN (SELECT file_key FROM library_versions WHERE item_id = ?)`).bind(input.uploadId, actor.id, id),
  ]);
  if (!created.meta.changes) throw unknownUpload(input.uploadId);
  return getLibraryItem(ctx, actor, id);
}

/** Uploads a new version of an item (any member of the group): it becomes the default download; the others stay. */
export async function addLibraryVersion(ctx: ServiceContext, actor: Actor, itemId: string, uploadId: string): Promise<LibraryItem> {
  const { group, m } = await loadItem(ctx, actor, itemId);
  if (!canAddToLibrary(actor, group, m)) throw new ForbiddenError("Join the group to add to its library");
  const now = Date.now();
  const db = ctx.env.DB;
  // D1 runs a batch's statements one after another in one transaction: two new versions at once get two numbers.
  const [bumped] = await db.batch([
    db.prepare(`UPDATE library_items SET current_version = current_version + 1, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM files f WHERE ${FREE_UPLOAD})`).bind(now, itemId, uploadId, actor.id),
    db
      .prepare(
        `INSERT INTO library_versions (item_id, version, file_key, file_name, size, type, uploader_id, download_count, created_at)
         SELECT ?1, (SELECT current_version FROM library_items WHERE id = ?1), f.key, f.name, f.size, f.type, ?2, 0, ?3 FROM files f
         WHERE f.id = ?4 AND f.owner_id = ?2 AND f.post_id IS NULL AND f.comment_id IS NULL AND changes() = 1`,
      )
      .bind(itemId, actor.id, now, uploadId),
    db.prepare(`DELETE FROM files WHERE ${FREE_UPLOAD_ROW} AND key IN (SELECT file_key FROM library_versions WHERE item_id = ?)`).bind(uploadId, actor.id, itemId),
  ]);
  if (!bumped.meta.changes) throw unknownUpload(uploadId);
  return getLibraryItem(ctx, actor, itemId);
}

/** Deletes an item and every version of it (its uploader, the group's animators, administrators); audited. */
export async function deleteLibraryItem(ctx: ServiceContext, actor: Actor, itemId: string): Promise<void> {
  const { item, m } = await loadItem(ctx, actor, itemId);
  if (!canDeleteLibraryItem(actor, m, item)) throw new ForbiddenError("Only the uploader and the group's animators delete an item");
  const keys = await ctx.db.select({ key: libraryVersions.fileKey }).from(libraryVersions).where(eq(libraryVersions.itemId, itemId)).all();
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.delete(libraryVersions).where(eq(libraryVersions.itemId, itemId)),
    ctx.db.delete(libraryItems).where(eq(libraryItems.id, itemId)),
    auditInsert(
      ctx,
      actor,
      { action: "library.delete", target: { type: "library", id: itemId }, groupId: item.groupId, before: { name: item.name, folder: item.folder, versions: item.currentVersion, uploaderId: item.uploaderId } },
      now,
    ),
  ]);
  if (keys.length) await ctx.env.FILES.delete(keys.map((k) => k.key));
}

/**
 * A download (whoever reads the group's content): the newest version, or the one asked for; counted on the version and
 * on the item in one batch. Answers the R2 key and the file's name, for the route to serve.
 */
export async function downloadLibraryFile(ctx: ServiceContext, actor: Actor, itemId: string, version?: number): Promise<{ key: string; name: string }> {
  const { item } = await loadItem(ctx, actor, itemId);
  const wanted = version ?? item.currentVersion;
  const row = await ctx.db
    .select({ key: libraryVersions.fileKey, name: libraryVersions.fileName })
    .from(libraryVersions)
    .where(and(eq(libraryVersions.itemId, itemId), eq(libraryVersions.version, wanted)))
    .get();
  if (!row) throw new NotFoundError("No such version");
  await ctx.db.batch([
    ctx.db.update(libraryVersions).set({ downloadCount: sql`${libraryVersions.downloadCount} + 1` }).where(and(eq(libraryVersions.itemId, itemId), eq(libraryVersions.version, wanted))),
    ctx.db.update(libraryItems).set({ downloadCount: sql`${libraryItems.downloadCount} + 1` }).where(eq(libraryItems.id, itemId)),
  ]);
  return row;
}
