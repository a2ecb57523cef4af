import { z } from "@hono/zod-openapi";
import { parse } from "csv-parse/sync";
import { page } from "../../contract/common";
import { normaliseText } from "../../contract/text";
import { BulkQuery, BulkResult, CharterPublish, CharterVersionRow, CreatedInvitation, InvitationBody, InvitationRow, PageQuery, Published } from "../../contract/identity";
import { ApiError, ValidationError } from "../errors";
import { decodeCursor, encodeCursor, MAX_JSON_BYTES } from "../lib/validate";
import { listCharterVersions, publishCharter } from "../services/charter/charter";
import { bulkInvite, createInvitation, listInvitations, type BulkLine } from "../services/invitations/invitations";
import { setMemberActive } from "../services/users/profile";
import { define, json, routes } from "./define";

const InvitationCursor = z.object({ c: z.number().int(), i: z.string() });
const CharterCursor = z.object({ v: z.number().int() });

/**
 * CSV with the header row `email,role,name`; `line` counts from 1, the header being line 1. Each cell goes through the
 * contract's text normalisation, as a JSON field would (a CSV has no schema to do it).
 */
function parseInvitationCsv(text: string): BulkLine[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true, bom: true });
  } catch (err) {
    throw new ApiError("bad_request", `The CSV could not be read: ${(err as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  if (header.join(",") !== "email,role,name") {
    throw new ValidationError([{ path: "header", message: "The first line must be: email,role,name" }]);
  }
  if (records.length > 1001) throw new ValidationError([{ path: "lines", message: "At most 1,000 invitations at a time" }]);
  return records
    .slice(1)
    .map((r) => r.map((cell) => normaliseText(cell, "single-line")))
    .map((r, i) => ({ line: i + 2, email: (r[0] ?? "").toLowerCase(), role: (r[1] ?? "").toLowerCase(), name: r[2] ?? "" }))
    .filter((l) => l.email !== "" || l.role !== "" || l.name !== "");
}

export const adminRoutes = routes()
  .openapi(
    define({ method: "post", path: "/charter", summary: "Publish a new charter version (every member must accept it again)", tag: "Admin", access: "admin", body: CharterPublish, responses: { 201: json(Published, "The new version") } }),
    async (c) => c.json(await publishCharter(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/charter", summary: "Published charter versions with their acceptance counts", tag: "Admin", access: "admin", query: PageQuery, responses: { 200: json(page(CharterVersionRow), "A page of versions") } }),
    async (c) => {
      const q = c.req.valid("query");
      const before = decodeCursor(CharterCursor, q.cursor);
      const { rows, more } = await listCharterVersions(c.var.ctx, { before: before?.v, limit: q.limit });
      return c.json({ items: rows, nextCursor: more ? encodeCursor({ v: rows.at(-1)!.version }) : null }, 200);
    },
  )
  .openapi(
    define({ method: "post", path: "/invitations", summary: "Invite one person; the answer carries the one-time link (valid 7 days)", tag: "Admin", access: "admin", body: InvitationBody, errors: [409], responses: { 201: json(CreatedInvitation, "Invited") } }),
    async (c) => {
      const inv = await createInvitation(c.var.ctx, c.var.caller, c.req.valid("json"));
      return c.json({ id: inv.id, email: inv.email, role: inv.role, url: inv.url }, 201);
    },
  )
  .openapi(
    define({ method: "post", path: "/invitations/bulk", summary: "Invite from CSV (header `email,role,name`); `?dryRun=1` checks and writes nothing", tag: "Admin", access: "admin", raw: ["text/csv"], query: BulkQuery, responses: { 200: json(BulkResult, "Created and rejected lines") } }),
    async (c) => {
      if (!(c.req.header("Content-Type") ?? "").toLowerCase().startsWith("text/csv")) {
        throw new ApiError("unsupported_media_type", "Send the CSV with Content-Type: text/csv");
      }
      if (Number(c.req.header("Content-Length") ?? 0) > MAX_JSON_BYTES) throw new ApiError("too_large", "The CSV is over 256 KB");
      const text = await c.req.text();
      if (new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) throw new ApiError("too_large", "The CSV is over 256 KB");
      const dryRun = ["1", "true"].includes(c.req.valid("query").dryRun ?? "0");
      return c.json(await bulkInvite(c.var.ctx, c.var.caller, parseInvitationCsv(text), dryRun), 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/invitations", summary: "Invitations, newest first", tag: "Admin", access: "admin", query: PageQuery, responses: { 200: json(page(InvitationRow), "A page of invitations") } }),
    async (c) => {
      const q = c.req.valid("query");
      const before = decodeCursor(InvitationCursor, q.cursor);
      const { rows, more } = await listInvitations(c.var.ctx, { before: before && { createdAt: before.c, id: before.i }, limit: q.limit });
      const last = rows.at(-1);
      return c.json({ items: rows, nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null }, 200);
    },
  )
  .openapi(define({ method: "post", path: "/users/{id}/deactivate", summary: "Deactivate a member: their sessions end at once", tag: "Admin", access: "admin", errors: [409], responses: { 204: { description: "Deactivated" } } }), async (c) => {
    await setMemberActive(c.var.ctx, c.var.caller, c.req.param("id"), false);
    return c.body(null, 204);
  })
  .openapi(define({ method: "post", path: "/users/{id}/reactivate", summary: "Reactivate a member", tag: "Admin", access: "admin", responses: { 204: { description: "Reactivated" } } }), async (c) => {
    await setMemberActive(c.var.ctx, c.var.caller, c.req.param("id"), true);
    return c.body(null, 204);
  });
