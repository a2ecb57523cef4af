import { z } from "@hono/zod-openapi";
import { DownloadQuery, FaqBody, FaqEntry, FaqFromPostBody, FaqPage, FaqPatch, FaqQuery, LibraryBody, LibraryItem, LibraryPage, LibraryQuery, LibraryVersionBody } from "../../contract/knowledge";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { checkFaqEntryRight, checkFaqFromPostRight, checkFaqGroupRight, createFaqEntry, deleteFaqEntry, faqFromQuestion, listFaq, updateFaqEntry } from "../services/knowledge/faq";
import { addLibraryItem, addLibraryVersion, checkLibraryGroupRight, checkLibraryItemRight, deleteLibraryItem, downloadLibraryFile, getLibraryItem, listLibrary } from "../services/knowledge/library";
import { binary, define, json, routes } from "./define";
import { serve } from "./files";
import { INLINE_IMAGE_TYPES } from "../services/files/sniff";

/** A group's FAQ and library (API.md "Questions and knowledge"): read where the group's content is read. */

const FaqCursor = z.object({ s: z.string(), o: z.number(), i: z.string() });
const LibraryCursor = z.object({ f: z.string(), n: z.string(), i: z.string() });

export const groupKnowledgeRoutes = routes()
  .openapi(
    define({ method: "get", path: "/{id}/faq", summary: "The group's FAQ, by section then order; keyset pages", tag: "Knowledge", access: "member", query: FaqQuery, responses: { 200: json(FaqPage, "A page of FAQ entries") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listFaq(c.var.ctx, c.var.caller, c.req.param("id"), q, decodeCursor(FaqCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/faq",
      summary: "Add an FAQ entry (the group's animators, administrators): at `order` in its section, or last",
      tag: "Knowledge",
      access: "member",
      gate: (c) => checkFaqGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!),
      gateAlongside: true,
      body: FaqBody,
      responses: { 201: json(FaqEntry, "The entry") },
    }),
    async (c) => c.json(await createFaqEntry(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  )
  .openapi(
    define({
      method: "get",
      path: "/{id}/library",
      summary: "The group's library: its folders, and the items of one folder (`folder`, \"\" the root) or of all; keyset pages",
      tag: "Knowledge",
      access: "member",
      query: LibraryQuery,
      responses: { 200: json(LibraryPage, "A page of items, with the folders") },
    }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { page, next } = await listLibrary(c.var.ctx, c.var.caller, c.req.param("id"), q, decodeCursor(LibraryCursor, cursor));
      return c.json({ ...page, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/library",
      summary: "Add a file to the library (any member of the group): an upload (POST /uploads) becomes the item's version 1",
      tag: "Knowledge",
      access: "member",
      gate: (c) => checkLibraryGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!),
      gateAlongside: true,
      body: LibraryBody,
      responses: { 201: json(LibraryItem, "The item") },
    }),
    async (c) => c.json(await addLibraryItem(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
  );

export const faqRoutes = routes()
  .openapi(
    define({
      method: "patch",
      path: "/{id}",
      summary: "Change an FAQ entry: its text, section or place (the group's animators, administrators)",
      tag: "Knowledge",
      access: "member",
      gate: (c) => checkFaqEntryRight(c.var.ctx, c.var.caller, c.req.param("id")!),
      gateAlongside: true,
      body: FaqPatch,
      responses: { 200: json(FaqEntry, "The entry") },
    }),
    async (c) => c.json(await updateFaqEntry(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(
    define({ method: "delete", path: "/{id}", summary: "Delete an FAQ entry (the group's animators, administrators)", tag: "Knowledge", access: "member", gate: (c) => checkFaqEntryRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, responses: { 204: { description: "Deleted" } } }),
    async (c) => {
      await deleteFaqEntry(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  );

export const postFaqRoutes = routes().openapi(
  define({
    method: "post",
    path: "/{id}/faq",
    summary: "Turn an answered question into an FAQ entry (the group's animators, administrators): its accepted answer, else its first; 409 when it is no question or has no answer",
    tag: "Knowledge",
    access: "member",
    gate: (c) => checkFaqFromPostRight(c.var.ctx, c.var.caller, c.req.param("id")!),
    gateAlongside: true,
    body: FaqFromPostBody,
    errors: [409],
    responses: { 201: json(FaqEntry, "The entry") },
  }),
  async (c) => c.json(await faqFromQuestion(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 201),
);

export const libraryRoutes = routes()
  .openapi(
    define({ method: "get", path: "/{id}", summary: "A library item with every version", tag: "Knowledge", access: "member", responses: { 200: json(LibraryItem, "The item") } }),
    async (c) => c.json(await getLibraryItem(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/versions",
      summary: "Upload a new version of an item (any member of the group): it becomes the default download; the history stays",
      tag: "Knowledge",
      access: "member",
      gate: (c) => checkLibraryItemRight(c.var.ctx, c.var.caller, c.req.param("id")!, "addVersion"),
      gateAlongside: true,
      body: LibraryVersionBody,
      responses: { 201: json(LibraryItem, "The item with its new version") },
    }),
    async (c) => c.json(await addLibraryVersion(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").uploadId), 201),
  )
  .openapi(
    define({
      method: "delete",
      path: "/{id}",
      summary: "Delete an item and every version (its uploader, the group's animators, administrators)",
      tag: "Knowledge",
      access: "member",
      gate: (c) => checkLibraryItemRight(c.var.ctx, c.var.caller, c.req.param("id")!, "delete"),
      gateAlongside: true,
      responses: { 204: { description: "Deleted" } },
    }),
    async (c) => {
      await deleteLibraryItem(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({
      method: "get",
      path: "/{id}/download",
      summary: "Download an item: its newest version, or `version`; each download is counted",
      tag: "Knowledge",
      access: "member",
      query: DownloadQuery,
      responses: { 200: binary("The file, as stored", ["application/octet-stream", ...INLINE_IMAGE_TYPES]) },
    }),
    async (c) => {
      const file = await downloadLibraryFile(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("query").version);
      return serve(c.env.FILES, file.key, file.name);
    },
  );
