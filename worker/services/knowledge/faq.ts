import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import type { FaqBody, FaqEntry, FaqFromPostBody, FaqPatch } from "../../../contract/knowledge";
import { faqEntries } from "../../db/knowledge";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { canCurateFaq, canReadKnowledge, faqCan, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { loadPost } from "../posts/posts";
import { loadKnowledgeGroup } from "./group";
import { groupSeenBy, rowWithGroupFacts } from "../groups/groups";
import { settled } from "../../lib/settled";
import { join, sqlPart, statement, type SqlPart } from "../../lib/sql";

type FaqRow = typeof faqEntries.$inferSelect;
export type FaqCursor = { s: string; o: number; i: string };

function present(actor: Actor, m: Membership, row: FaqRow): FaqEntry {
  return {
    id: row.id,
    groupId: row.groupId,
    question: row.question,
    answer: row.answer,
    answerHtml: row.answerHtml,
    section: row.section,
    order: row.position,
    sourcePostId: row.sourcePostId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    can: faqCan(actor, m),
  };
}

/**
 * An FAQ entry with its group and the caller's membership, or 404 when the caller may not read the group's content
 * (as {@link loadKnowledgeGroup}); the entry, its group and my membership in one statement (one D1 round trip, issue 13).
 */
async function loadEntry(ctx: ServiceContext, actor: Actor, entryId: string) {
  const found = await rowWithGroupFacts(ctx, actor, faqEntries, entryId);
  if (!found || !groupSeenBy(actor, found.row.groupId, found.group, found.m) || !canReadKnowledge(actor, found.group, found.m)) throw new NotFoundError("No such FAQ entry");
  return found;
}

/** The gate of the FAQ's writes: 403 to a reader of the group who does not curate its FAQ. */
export function checkFaqGroupRight(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  return refuseUnless(loadKnowledgeGroup(ctx, actor, groupId), ({ m }) => canCurateFaq(actor, m), "Only the group's animators curate its FAQ");
}
export function checkFaqEntryRight(ctx: ServiceContext, actor: Actor, entryId: string): Promise<void> {
  return refuseUnless(loadEntry(ctx, actor, entryId), ({ m }) => canCurateFaq(actor, m), "Only the group's animators curate its FAQ");
}
export function checkFaqFromPostRight(ctx: ServiceContext, actor: Actor, postId: string): Promise<void> {
  return refuseUnless(loadPost(ctx, actor, postId), ({ m }) => canCurateFaq(actor, m), "Only the group's animators curate its FAQ");
}

/** A group's FAQ, by section then order; keyset pages. */
export async function listFaq(ctx: ServiceContext, actor: Actor, groupId: string, query: { limit: number }, cursor?: FaqCursor): Promise<{ items: FaqEntry[]; next: FaqCursor | null }> {
  const { m } = await loadKnowledgeGroup(ctx, actor, groupId);
  const after = cursor ? sql`(${faqEntries.section}, ${faqEntries.position}, ${faqEntries.id}) > (${cursor.s}, ${cursor.o}, ${cursor.i})` : undefined;
  const rows = await ctx.db
    .select()
    .from(faqEntries)
    .where(and(eq(faqEntries.groupId, groupId), after))
    .orderBy(asc(faqEntries.section), asc(faqEntries.position), asc(faqEntries.id))
    .limit(query.limit + 1)
    .all();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => present(actor, m, r)), next: rows.length > query.limit && last ? { s: last.section, o: last.position, i: last.id } : null };
}

type PlaceRow = { id: string; position: number; section: string };

/**
 * The entries of the sections an entry leaves and joins, read with the caller's checks (one D1 round trip, issue 13):
 * those of group `groupId` (a SQL expression: a value, or a subquery of the entry or post the group is found through)
 * in `sections` (SQL expressions too), by place.
 */
function sectionRows(ctx: ServiceContext, groupId: SqlPart, sections: SqlPart[]): Promise<PlaceRow[]> {
  return statement(
    ctx.env.DB,
    sqlPart`SELECT f.id, f.position, f.section FROM faq_entries f WHERE f.group_id = ${groupId} AND f.section IN (${join(sections, ",")}) ORDER BY f.position, f.id`,
  )
    .all<PlaceRow>()
    .then((r) => r.results);
}

/**
 * The updates that number a section 0..n-1 with `entryId` at `position` (clamped to the end), or without it when
 * `position` is null (it left the section), from its rows (`rows`: any sections', read by {@link sectionRows}). Only
 * entries whose place changes are written.
 */
function renumber(ctx: ServiceContext, rows: PlaceRow[], section: string, entryId: string, position: number | null) {
  const inSection = rows.filter((r) => r.section === section);
  const others = inSection.filter((r) => r.id !== entryId);
  const ids = others.map((r) => r.id);
  if (position !== null) ids.splice(Math.min(position, ids.length), 0, entryId);
  const was = new Map(inSection.map((r) => [r.id, r.position]));
  const updates = ids.flatMap((id, i) => (id !== entryId && was.get(id) !== i ? [ctx.db.update(faqEntries).set({ position: i }).where(eq(faqEntries.id, id))] : []));
  return { updates, position: position === null ? 0 : ids.indexOf(entryId) };
}

/** What the audit keeps of an entry: its text and place. */
const audited = (r: Pick<FaqRow, "question" | "answer" | "section" | "position">) => ({ question: r.question, answer: r.answer, section: r.section, order: r.position });

function insertEntry(ctx: ServiceContext, actor: Actor, groupId: string, m: Membership, rows: PlaceRow[], input: { question: string; answer: string; section: string; order?: number; sourcePostId: string | null }): Promise<FaqEntry> {
  const now = Date.now();
  const id = newId("faq", now);
  const place = renumber(ctx, rows, input.section, id, input.order ?? Number.MAX_SAFE_INTEGER);
  const row: FaqRow = {
    id,
    groupId,
    question: input.question,
    answer: input.answer,
    answerHtml: renderMarkdown(input.answer),
    section: input.section,
    position: place.position,
    sourcePostId: input.sourcePostId,
    authorId: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.db
    .batch([
      ctx.db.insert(faqEntries).values(row),
      ...place.updates,
      auditInsert(ctx, actor, { action: "faq.create", target: { type: "faq", id }, groupId, after: audited(row) }, now),
    ])
    .then(() => present(actor, m, row));
}

/** Adds an entry to a group's FAQ (its animators, administrators): at `order` in its section, or last. */
export async function createFaqEntry(ctx: ServiceContext, actor: Actor, groupId: string, input: FaqBody): Promise<FaqEntry> {
  // The group, my role and the section's entries are read with the session check and the gate (one D1 round trip,
  // issue 13), then the entry, the section's new places and the audit row in one batch.
  const section = input.section ?? "";
  const [{ m }, rowsRead] = await Promise.all([loadKnowledgeGroup(ctx, actor, groupId), settled(sectionRows(ctx, sqlPart`${groupId}`, [sqlPart`${section}`]))]);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  return insertEntry(ctx, actor, groupId, m, rowsRead(), { question: input.question, answer: input.answer, section, order: input.order, sourcePostId: null });
}

/** The entry's group and section as SQL subqueries, for {@link sectionRows} read along with the entry. */
const entryGroup = (entryId: string) => sqlPart`(SELECT e.group_id FROM faq_entries e WHERE e.id = ${entryId})`;
const entrySection = (entryId: string) => sqlPart`(SELECT e.section FROM faq_entries e WHERE e.id = ${entryId})`;

/** Changes an entry: its text, its section, its place (the other entries of the sections it leaves and joins move up or down). */
export async function updateFaqEntry(ctx: ServiceContext, actor: Actor, entryId: string, input: FaqPatch): Promise<FaqEntry> {
  // The entry, my role and the entries of the sections it leaves and joins are read together, with the session check
  // and the gate (one D1 round trip, issue 13), then the change, the new places and the audit row in one batch.
  const [{ row, m }, rowsRead] = await Promise.all([
    loadEntry(ctx, actor, entryId),
    settled(sectionRows(ctx, entryGroup(entryId), [entrySection(entryId), ...(input.section !== undefined ? [sqlPart`${input.section}`] : [])])),
  ]);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  const rows = rowsRead();
  const now = Date.now();
  const section = input.section ?? row.section;
  const moved = section !== row.section || (input.order !== undefined && input.order !== row.position);
  const leaving = section !== row.section ? renumber(ctx, rows, row.section, row.id, null) : { updates: [] };
  const joining = moved ? renumber(ctx, rows, section, row.id, input.order ?? (section !== row.section ? Number.MAX_SAFE_INTEGER : row.position)) : { updates: [], position: row.position };
  const answer = input.answer ?? row.answer;
  const next: FaqRow = { ...row, question: input.question ?? row.question, answer, answerHtml: input.answer !== undefined ? renderMarkdown(answer) : row.answerHtml, section, position: joining.position, updatedAt: now };
  await ctx.db.batch([
    ctx.db.update(faqEntries).set({ question: next.question, answer: next.answer, answerHtml: next.answerHtml, section: next.section, position: next.position, updatedAt: now }).where(eq(faqEntries.id, row.id)),
    ...leaving.updates,
    ...joining.updates,
    auditInsert(ctx, actor, { action: "faq.update", target: { type: "faq", id: row.id }, groupId: row.groupId, before: audited(row), after: audited(next) }, now),
  ]);
  return present(actor, m, next);
}

/** Deletes an entry; the entries after it in its section move up. */
export async function deleteFaqEntry(ctx: ServiceContext, actor: Actor, entryId: string): Promise<void> {
  // As updateFaqEntry: the entry and its section's entries read together, then one batch.
  const [{ row, m }, rowsRead] = await Promise.all([loadEntry(ctx, actor, entryId), settled(sectionRows(ctx, entryGroup(entryId), [entrySection(entryId)]))]);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  const now = Date.now();
  const leaving = renumber(ctx, rowsRead(), row.section, row.id, null);
  await ctx.db.batch([
    ctx.db.delete(faqEntries).where(eq(faqEntries.id, row.id)),
    ...leaving.updates,
    auditInsert(ctx, actor, { action: "faq.delete", target: { type: "faq", id: row.id }, groupId: row.groupId, before: audited(row) }, now),
  ]);
}

/**
 * Turns an answered question into an FAQ entry (the group's animators, administrators): the question's title (or its
 * first line) becomes the entry's question, its accepted answer (or else its first answer) the entry's answer. A post
 * that is not a question, or a question without an answer, is a 409.
 */
export async function faqFromQuestion(ctx: ServiceContext, actor: Actor, postId: string, input: FaqFromPostBody): Promise<FaqEntry> {
  // The post, my role, its answer (the accepted one, else the first, live) and the section's entries are read together
  // with the session check and the gate (one D1 round trip, issue 13), then the entry's batch.
  const section = input.section ?? "";
  const [{ post, m }, answerRead, rowsRead] = await Promise.all([
    loadPost(ctx, actor, postId),
    settled(
      statement(
        ctx.env.DB,
        sqlPart`SELECT c.body FROM questions q JOIN comments c ON c.id = coalesce(q.accepted_comment_id, q.first_answer_id)
          WHERE q.post_id = ${postId} AND c.post_id = ${postId} AND c.deleted_at IS NULL AND c.hidden_at IS NULL`,
      ).first<{ body: string }>(),
    ),
    settled(sectionRows(ctx, sqlPart`(SELECT p.group_id FROM posts p WHERE p.id = ${postId})`, [sqlPart`${section}`])),
  ]);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  if (post.kind !== "question") throw new ConflictError("Only a question becomes an FAQ entry");
  const answer = answerRead();
  if (!answer) throw new ConflictError("This question has no answer yet");
  const firstLine = post.body.split("\n").find((l) => l.trim() !== "") ?? "";
  const question = (post.title.trim() || firstLine.replace(/^#+\s*/, "").trim()).slice(0, 300) || "Question";
  return insertEntry(ctx, actor, post.groupId, m, rowsRead(), { question, answer: answer.body.slice(0, 20_000), section, order: input.order, sourcePostId: postId });
}
