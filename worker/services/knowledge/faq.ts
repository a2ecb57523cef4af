import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import type { FaqBody, FaqEntry, FaqFromPostBody, FaqPatch } from "../../../contract/knowledge";
import { comments } from "../../db/conversation";
import { faqEntries } from "../../db/knowledge";
import { questions } from "../../db/questions";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { canCurateFaq, faqCan, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { loadPost } from "../posts/posts";
import { loadKnowledgeGroup } from "./group";

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

/** An FAQ entry with its group and the caller's membership, or 404 when the caller may not read the group's content. */
async function loadEntry(ctx: ServiceContext, actor: Actor, entryId: string) {
  const row = await ctx.db.select().from(faqEntries).where(eq(faqEntries.id, entryId)).get();
  if (!row) throw new NotFoundError("No such FAQ entry");
  const { group, m } = await loadKnowledgeGroup(ctx, actor, row.groupId).catch((err) => {
    if (err instanceof NotFoundError) throw new NotFoundError("No such FAQ entry");
    throw err;
  });
  return { row, group, m };
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

/**
 * The updates that number a section 0..n-1 with `entryId` at `position` (clamped to the end), or without it when
 * `position` is null (it left the section). Only entries whose place changes are written.
 */
async function renumber(ctx: ServiceContext, groupId: string, section: string, entryId: string, position: number | null) {
  const rows = await ctx.db
    .select({ id: faqEntries.id, position: faqEntries.position })
    .from(faqEntries)
    .where(and(eq(faqEntries.groupId, groupId), eq(faqEntries.section, section)))
    .orderBy(asc(faqEntries.position), asc(faqEntries.id))
    .all();
  const others = rows.filter((r) => r.id !== entryId);
  const ids = others.map((r) => r.id);
  if (position !== null) ids.splice(Math.min(position, ids.length), 0, entryId);
  const was = new Map(rows.map((r) => [r.id, r.position]));
  const updates = ids.flatMap((id, i) => (id !== entryId && was.get(id) !== i ? [ctx.db.update(faqEntries).set({ position: i }).where(eq(faqEntries.id, id))] : []));
  return { updates, position: position === null ? 0 : ids.indexOf(entryId) };
}

/** What the audit keeps of an entry: its text and place. */
const audited = (r: Pick<FaqRow, "question" | "answer" | "section" | "position">) => ({ question: r.question, answer: r.answer, section: r.section, order: r.position });

async function insertEntry(ctx: ServiceContext, actor: Actor, groupId: string, m: Membership, input: { question: string; answer: string; section: string; order?: number; sourcePostId: string | null }): Promise<FaqEntry> {
  const now = Date.now();
  const id = newId("faq", now);
  const place = await renumber(ctx, groupId, input.section, id, input.order ?? Number.MAX_SAFE_INTEGER);
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
  await ctx.db.batch([
    ctx.db.insert(faqEntries).values(row),
    ...place.updates,
    auditInsert(ctx, actor, { action: "faq.create", target: { type: "faq", id }, groupId, after: audited(row) }, now),
  ]);
  return present(actor, m, row);
}

/** Adds an entry to a group's FAQ (its animators, administrators): at `order` in its section, or last. */
export async function createFaqEntry(ctx: ServiceContext, actor: Actor, groupId: string, input: FaqBody): Promise<FaqEntry> {
  const { m } = await loadKnowledgeGroup(ctx, actor, groupId);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  return insertEntry(ctx, actor, groupId, m, { question: input.question, answer: input.answer, section: input.section ?? "", order: input.order, sourcePostId: null });
}

/** Changes an entry: its text, its section, its place (the other entries of the sections it leaves and joins move up or down). */
export async function updateFaqEntry(ctx: ServiceContext, actor: Actor, entryId: string, input: FaqPatch): Promise<FaqEntry> {
  const { row, m } = await loadEntry(ctx, actor, entryId);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  const now = Date.now();
  const section = input.section ?? row.section;
  const moved = section !== row.section || (input.order !== undefined && input.order !== row.position);
  const leaving = section !== row.section ? await renumber(ctx, row.groupId, row.section, row.id, null) : { updates: [] };
  const joining = moved ? await renumber(ctx, row.groupId, section, row.id, input.order ?? (section !== row.section ? Number.MAX_SAFE_INTEGER : row.position)) : { updates: [], position: row.position };
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
  const { row, m } = await loadEntry(ctx, actor, entryId);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  const now = Date.now();
  const leaving = await renumber(ctx, row.groupId, row.section, row.id, null);
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
  const { post, m } = await loadPost(ctx, actor, postId);
  if (!canCurateFaq(actor, m)) throw new ForbiddenError("Only the group's animators curate its FAQ");
  if (post.kind !== "question") throw new ConflictError("Only a question becomes an FAQ entry");
  const q = await ctx.db.select({ accepted: questions.acceptedCommentId, first: questions.firstAnswerId }).from(questions).where(eq(questions.postId, postId)).get();
  const answerId = q?.accepted ?? q?.first ?? null;
  const answer = answerId
    ? await ctx.db.select({ body: comments.body }).from(comments).where(and(eq(comments.id, answerId), eq(comments.postId, postId), sql`${comments.deletedAt} IS NULL AND ${comments.hiddenAt} IS NULL`)).get()
    : undefined;
  if (!answer) throw new ConflictError("This question has no answer yet");
  const firstLine = post.body.split("\n").find((l) => l.trim() !== "") ?? "";
  const question = (post.title.trim() || firstLine.replace(/^#+\s*/, "").trim()).slice(0, 300) || "Question";
  return insertEntry(ctx, actor, post.groupId, m, { question, answer: answer.body.slice(0, 20_000), section: input.section ?? "", order: input.order, sourcePostId: postId });
}
