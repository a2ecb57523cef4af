import { z } from "@hono/zod-openapi";
import { Id, MemberSummary, Millis, MultiLine, page, pageParams, SingleLine } from "./common";

/**
 * A group's knowledge (API.md "Questions and knowledge"): FAQ entries its animators curate (sections, order, markdown
 * answers, made by hand or from an answered question), and a library of files in folders with every version kept.
 * Both are read where the group's content is read; a private group's are 404 to outsiders through every path.
 */

/** A section's name; "" is the FAQ's unnamed first section. */
const Section = SingleLine(0, 80);
/** A place in a section, 0 first; a larger number puts the entry last. */
const Position = z.number().int().min(0).max(10_000);

export const FaqEntry = z
  .strictObject({
    id: z.string(),
    groupId: z.string(),
    question: z.string(),
    /** Markdown, as written. */
    answer: z.string(),
    /** Rendered and sanitised at write time. */
    answerHtml: z.string(),
    section: z.string(),
    /** The entry's place within its section, 0 first. */
    order: z.number().int(),
    /** The answered question it was made from, else null. */
    sourcePostId: z.string().nullable(),
    createdAt: Millis,
    updatedAt: Millis,
    can: z.strictObject({ edit: z.boolean() }),
  })
  .openapi("FaqEntry");
export type FaqEntry = z.infer<typeof FaqEntry>;
export const FaqPage = page(FaqEntry);

export const FaqQuery = z.strictObject({ ...pageParams });
export const FaqBody = z.strictObject({ question: SingleLine(1, 300), answer: MultiLine(1, 20_000), section: Section.optional(), order: Position.optional() });
export type FaqBody = z.infer<typeof FaqBody>;
export const FaqPatch = z.strictObject({ question: SingleLine(1, 300).optional(), answer: MultiLine(1, 20_000).optional(), section: Section.optional(), order: Position.optional() });
export type FaqPatch = z.infer<typeof FaqPatch>;
/** Turning an answered question into an entry: its section and place (the question and answer come from the thread). */
export const FaqFromPostBody = z.strictObject({ section: Section.optional(), order: Position.optional() });
export type FaqFromPostBody = z.infer<typeof FaqFromPostBody>;

/** A library folder's name: one level; "" is the root. */
const Folder = SingleLine(0, 80).refine((f) => !f.includes("/"), "A folder name holds no /");

export const LibraryVersion = z
  .strictObject({
    version: z.number().int(),
    name: z.string(),
    size: z.number().int(),
    type: z.string(),
    uploader: MemberSummary,
    downloads: z.number().int(),
    createdAt: Millis,
    /** Downloads this version (counted). */
    url: z.string(),
  })
  .openapi("LibraryVersion");

export const LibraryItem = z
  .strictObject({
    id: z.string(),
    groupId: z.string(),
    name: z.string(),
    folder: z.string(),
    /** The current (newest) version's number: the default download. */
    version: z.number().int(),
    /** Every version, newest first. */
    versions: z.array(LibraryVersion),
    /** Downloads of every version. */
    downloads: z.number().int(),
    /** Downloads the newest version (counted). */
    url: z.string(),
    uploader: MemberSummary,
    createdAt: Millis,
    updatedAt: Millis,
    can: z.strictObject({ addVersion: z.boolean(), delete: z.boolean() }),
  })
  .openapi("LibraryItem");
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LibraryFolder = z.strictObject({ name: z.string(), items: z.number().int() }).openapi("LibraryFolder");

/** A page of items, with the library's folders (every folder of the group and its item count) on every page. */
export const LibraryPage = z
  .strictObject({ items: z.array(LibraryItem), nextCursor: z.string().nullable(), folders: z.array(LibraryFolder), can: z.strictObject({ add: z.boolean() }) })
  .openapi("LibraryPage");
export type LibraryPage = z.infer<typeof LibraryPage>;

/** `folder` absent: every item of the library; given ("" for the root): that folder's. */
export const LibraryQuery = z.strictObject({ folder: Folder.optional(), ...pageParams });
export const LibraryBody = z.strictObject({ uploadId: Id("fil"), folder: Folder.optional(), name: SingleLine(1, 200).optional() });
export type LibraryBody = z.infer<typeof LibraryBody>;
export const LibraryVersionBody = z.strictObject({ uploadId: Id("fil") });
/** A download: the newest version unless `version` names another. */
export const DownloadQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(100_000).optional() });
