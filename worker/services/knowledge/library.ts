import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import type { LibraryBody, LibraryItem, LibraryPage } from "../../../contract/knowledge";
import type { GroupAccessFacts } from "../access";
import { libraryItems, libraryVersions } from "../../db/knowledge";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { canAddToLibrary, canDeleteLibraryItem, canReadKnowledge, libraryItemCan, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { presentMember } from "../users/present";
import { loadKnowledgeGroup } from "./group";
import { groupSeenBy, rowWithGroupFacts } from "../groups/groups";
import { settled } from "../../lib/settled";
import { join, sqlPart, statement } from "../../lib/sql";

type ItemRow = typeof libraryItems.$inferSelect;
export type LibraryCursor = { f: string; n: string; i: string };

export const itemUrl = (id: string) => `/api/v1/library/${id}/download`;
const versionUrl = (id: string, version: number) => `${itemUrl(id)}?version=${version}`;

/** A version with its uploader, as {@link viewStatements} reads it. */
type VersionRaw = {
  item_id: string; version: number; file_name: string; size: number; type: string; download_count: number; created_at: number;
  u_id: string; u_handle: string; u_name: string; u_location: string; u_timezone: string; u_avatar: string | null;
};
type ItemRaw = { id: string; group_id: string; folder: string; name: string; current_version: number; download_count: number; uploader_id: string; created_at: number; updated_at: number };
type MemberRaw = { id: string; handle: string; name: string; location: string; timezone: string; avatarKey: string | null };

const itemOf = (r: ItemRaw): ItemRow => ({
  id: r.id, groupId: r.group_id, folder: r.folder, name: r.name, currentVersion: r.current_version, downloadCount: r.download_count, uploaderId: r.uploader_id, createdAt: r.created_at, updatedAt: r.updated_at,
});

/**
 * The statements of items' views, read after a write in its batch (issue 13) or alone: the items (ids given), every
 * version (newest first) with its uploader, and the items' uploaders.
 */
function viewStatements(ctx: ServiceContext, ids: string[]): [D1PreparedStatement, D1PreparedStatement, D1PreparedStatement] {
  const list = join(ids.map((id) => sqlPart`${id}`), ",");
  return [
    statement(ctx.env.DB, sqlPart`SELECT * FROM library_items WHERE id IN (${list})`),
    statement(
      ctx.env.DB,
      sqlPart`SELECT v.item_id, v.version, v.file_name, v.size, v.type, v.download_count, v.created_at,
          u.id AS u_id, u.handle AS u_handle, u.name AS u_name, u.location AS u_location, u.timezone AS u_timezone, u.avatar_key AS u_avatar
        FROM library_versions v JOIN users u ON u.id = v.uploader_id WHERE v.item_id IN (${list}) ORDER BY v.item_id, v.version DESC`,
    ),
    statement(ctx.env.DB, sqlPart`SELECT u.id, u.handle, u.name, u.location, u.timezone, u.avatar_key AS avatarKey FROM users u WHERE u.id IN (SELECT i.uploader_id FROM library_items i WHERE i.id IN (${list}))`),
  ];
}

/** Items as the API shows them: every version (newest first) with its uploader, and what the caller may do. */
function present(actor: Actor, group: GroupAccessFacts, m: Membership, items: ItemRow[], versions: VersionRaw[], uploaderRows: MemberRaw[]): LibraryItem[] {
  const byItem = new Map<string, VersionRaw[]>();
  for (const r of versions) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), r]);
  const uploaders = new Map(uploaderRows.map((u) => [u.id, presentMember(u)]));
  const someone = (id: string) => uploaders.get(id) ?? { id, handle: "", name: "", location: "", timezone: "UTC", avatarUrl: null };
  return items.map((item) => ({
    id: item.id,
    groupId: item.groupId,
    name: item.name,
    folder: item.folder,
    version: item.currentVersion,
    versions: (byItem.get(item.id) ?? []).map((v) => ({
      version: v.version,
      name: v.file_name,
      size: v.size,
      type: v.type,
      uploader: presentMember({ id: v.u_id, handle: v.u_handle, name: v.u_name, location: v.u_location, timezone: v.u_timezone, avatarKey: v.u_avatar }),
      downloads: v.download_count,
      createdAt: v.created_at,
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

/** {@link present} of items already read (a list's page): their versions and uploaders read in one D1 round trip. */
async function hydrate(ctx: ServiceContext, actor: Actor, group: GroupAccessFacts, m: Membership, items: ItemRow[]): Promise<LibraryItem[]> {
  if (items.length === 0) return [];
  const [, versions, uploaders] = viewStatements(ctx, items.map((i) => i.id));
  const [v, u] = await Promise.all([versions.all<VersionRaw>(), uploaders.all<MemberRaw>()]);
  return present(actor, group, m, items, v.results, u.results);
}

/** The one item a write's batch read back ({@link viewStatements}' answers, its last three). */
function presentWritten(actor: Actor, group: GroupAccessFacts, m: Membership, answers: D1Result[]): LibraryItem {
  const [items, versions, uploaders] = answers.slice(-3) as [D1Result<ItemRaw>, D1Result<VersionRaw>, D1Result<MemberRaw>];
  return present(actor, group, m, items.results.map(itemOf), versions.results, uploaders.results)[0];
}

/**
 * A library item with its group and the caller's membership, or 404 when the caller may not read the group's content
 * (as {@link loadKnowledgeGroup}); the item, its group and my membership in one statement (one D1 round trip, issue 13).
 */
async function loadItem(ctx: ServiceContext, actor: Actor, itemId: string) {
  const found = await rowWithGroupFacts(ctx, actor, libraryItems, itemId);
  if (!found || !groupSeenBy(actor, found.row.groupId, found.group, found.m) || !canReadKnowledge(actor, found.group, found.m)) throw new NotFoundError("No such library item");
  return { item: found.row, group: found.group, m: found.m };
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
  // The group and my membership are read with the session check and the gate (one D1 round trip, issue 13), then the
  // claim of the upload, the item and its view read back in one batch.
  const { group, m } = await loadKnowledgeGroup(ctx, actor, groupId);
  if (!canAddToLibrary(actor, group, m)) throw new ForbiddenError("Join the group to add to its library");
  const now = Date.now();
  const id = newId("lib", now);
  const db = ctx.env.DB;
  const answers = await db.batch([
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
    ...viewStatements(ctx, [id]),
  ]);
  if (!answers[0].meta.changes) throw unknownUpload(input.uploadId);
  return presentWritten(actor, group, m, answers);
}

/** Uploads a new version of an item (any member of the group): it becomes the default download; the others stay. */
export async function addLibraryVersion(ctx: ServiceContext, actor: Actor, itemId: string, uploadId: string): Promise<LibraryItem> {
  // The item, its group and my membership are read with the session check and the gate (one D1 round trip, issue 13),
  // then the new version and the item's view read back in one batch.
  const { group, m } = await loadItem(ctx, actor, itemId);
  if (!canAddToLibrary(actor, group, m)) throw new ForbiddenError("Join the group to add to its library");
  const now = Date.now();
  const db = ctx.env.DB;
  // D1 runs a batch's statements one after another in one transaction: two new versions at once get two numbers.
  const answers = await db.batch([
    db.prepare(`UPDATE library_items SET current_version = current_version + 1, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM files f WHERE ${FREE_UPLOAD})`).bind(now, itemId, uploadId, actor.id),
    db
      .prepare(
        `INSERT INTO library_versions (item_id, version, file_key, file_name, size, type, uploader_id, download_count, created_at)
         SELECT ?1, (SELECT current_version FROM library_items WHERE id = ?1), f.key, f.name, f.size, f.type, ?2, 0, ?3 FROM files f
         WHERE f.id = ?4 AND f.owner_id = ?2 AND f.post_id IS NULL AND f.comment_id IS NULL AND changes() = 1`,
      )
      .bind(itemId, actor.id, now, uploadId),
    db.prepare(`DELETE FROM files WHERE ${FREE_UPLOAD_ROW} AND key IN (SELECT file_key FROM library_versions WHERE item_id = ?)`).bind(uploadId, actor.id, itemId),
    ...viewStatements(ctx, [itemId]),
  ]);
  if (!answers[0].meta.changes) throw unknownUpload(uploadId);
  return presentWritten(actor, group, m, answers);
}

/** Deletes an item and every version of it (its uploader, the group's animators, administrators); audited. */
export async function deleteLibraryItem(ctx: ServiceContext, actor: Actor, itemId: string): Promise<void> {
  // The item, my right to it and its versions' files are read together with the session check and the gate (one D1
  // round trip, issue 13), then the deletion and its audit row in one batch; the files go from R2 after it.
  const [{ item, m }, keysRead] = await Promise.all([loadItem(ctx, actor, itemId), settled(ctx.db.select({ key: libraryVersions.fileKey }).from(libraryVersions).where(eq(libraryVersions.itemId, itemId)).all())]);
  if (!canDeleteLibraryItem(actor, m, item)) throw new ForbiddenError("Only the uploader and the group's animators delete an item");
  const keys = keysRead();
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
