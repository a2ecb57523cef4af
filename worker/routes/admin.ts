import { Hono } from "hono";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError, ValidationError } from "../errors";
import { describe } from "../lib/openapi";
import { decodeCursor, encodeCursor, jsonBody, MAX_JSON_BYTES, noBody, pageParams, queryParams } from "../lib/validate";
import { requireAdmin } from "../middleware/auth";
import { listCharterVersions, publishCharter } from "../services/charter/charter";
import { bulkInvite, createInvitation, listInvitations, type BulkLine } from "../services/invitations/invitations";
import { setMemberActive } from "../services/users/profile";
import { Email, Id } from "./schemas";

const InvitationBody = z.strictObject({
  email: Email,
  role: z.enum(["member", "guest", "admin"]),
  groupIds: z.array(Id("grp")).max(50).optional(),
});
const InvitationCursor = z.object({ c: z.number().int(), i: z.string() });
const CharterCursor = z.object({ v: z.number().int() });

/** CSV with the header row `email,role,name`; `line` counts from 1, the header being line 1. */
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
    .map((r, i) => ({ line: i + 2, email: (r[0] ?? "").toLowerCase(), role: (r[1] ?? "").toLowerCase(), name: r[2] ?? "" }))
    .filter((l) => l.email !== "" || l.role !== "" || l.name !== "");
}

export const adminRoutes = new Hono<AppEnv>()
  .post("/charter", describe({ summary: "Publish a new charter version (every member must accept it again)", tag: "Admin", auth: "admin" }), jsonBody(z.strictObject({ body: z.string().trim().min(1).max(100_000) })), async (c) => {
    const actor = requireAdmin(c.var.actor);
    return c.json(await publishCharter(c.var.ctx, actor, c.req.valid("json")), 201);
  })
  .get("/charter", describe({ summary: "Published charter versions with their acceptance counts", tag: "Admin", auth: "admin" }), queryParams(z.strictObject(pageParams)), async (c) => {
    requireAdmin(c.var.actor);
    const q = c.req.valid("query");
    const before = decodeCursor(CharterCursor, q.cursor);
    const { rows, more } = await listCharterVersions(c.var.ctx, { before: before?.v, limit: q.limit });
    return c.json({ items: rows, nextCursor: more ? encodeCursor({ v: rows.at(-1)!.version }) : null });
  })
  .post(
    "/invitations",
    describe({ summary: "Invite one person; the answer carries the one-time link (valid 7 days)", tag: "Admin", auth: "admin", responses: { 201: { description: "Invited", schema: z.object({ id: z.string(), email: z.string(), url: z.string() }) } } }),
    jsonBody(InvitationBody),
    async (c) => {
      const actor = requireAdmin(c.var.actor);
      const inv = await createInvitation(c.var.ctx, actor, c.req.valid("json"));
      return c.json({ id: inv.id, email: inv.email, role: inv.role, url: inv.url }, 201);
    },
  )
  .post(
    "/invitations/bulk",
    describe({ summary: "Invite from CSV (header `email,role,name`); `?dryRun=1` checks and writes nothing", tag: "Admin", auth: "admin", rawBody: ["text/csv"] }),
    queryParams(z.strictObject({ dryRun: z.enum(["0", "1", "true", "false"]).optional() })),
    async (c) => {
      const actor = requireAdmin(c.var.actor);
      if (!(c.req.header("Content-Type") ?? "").toLowerCase().startsWith("text/csv")) {
        throw new ApiError("unsupported_media_type", "Send the CSV with Content-Type: text/csv");
      }
      if (Number(c.req.header("Content-Length") ?? 0) > MAX_JSON_BYTES) throw new ApiError("too_large", "The CSV is over 256 KB");
      const text = await c.req.text();
      if (new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) throw new ApiError("too_large", "The CSV is over 256 KB");
      const dryRun = ["1", "true"].includes(c.req.valid("query").dryRun ?? "0");
      return c.json(await bulkInvite(c.var.ctx, actor, parseInvitationCsv(text), dryRun));
    },
  )
  .get("/invitations", describe({ summary: "Invitations, newest first", tag: "Admin", auth: "admin" }), queryParams(z.strictObject(pageParams)), async (c) => {
    requireAdmin(c.var.actor);
    const q = c.req.valid("query");
    const before = decodeCursor(InvitationCursor, q.cursor);
    const { rows, more } = await listInvitations(c.var.ctx, { before: before && { createdAt: before.c, id: before.i }, limit: q.limit });
    const last = rows.at(-1);
    return c.json({ items: rows, nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null });
  })
  .post("/users/:id/deactivate", describe({ summary: "Deactivate a member: their sessions end at once", tag: "Admin", auth: "admin" }), noBody(), async (c) => {
    await setMemberActive(c.var.ctx, requireAdmin(c.var.actor), c.req.param("id"), false);
    return c.body(null, 204);
  })
  .post("/users/:id/reactivate", describe({ summary: "Reactivate a member", tag: "Admin", auth: "admin" }), noBody(), async (c) => {
    await setMemberActive(c.var.ctx, requireAdmin(c.var.actor), c.req.param("id"), true);
    return c.body(null, 204);
  });

