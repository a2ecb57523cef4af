import { z } from "@hono/zod-openapi";
import { AuditPage, AuditQuery, ReportPage, ReportsQuery } from "../../contract/moderation";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { checkGroupRight } from "../services/groups/groups";
import { dismissReport, listAudit, listReports } from "../services/moderation/moderation";
import { define, json, routes } from "./define";

const IdCursor = z.object({ i: z.string().max(100) });

/** The network's moderation queue and audit log (administrators), and the dismissal of a report (its group's moderators). */
export const moderationRoutes = routes()
  .openapi(
    define({ method: "get", path: "/reports", summary: "The network's moderation queue (administrators)", tag: "Moderation", access: "admin", query: ReportsQuery, responses: { 200: json(ReportPage, "A page of reports, oldest first") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listReports(c.var.ctx, c.var.caller, q, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null }, 200);
    },
  )
  .openapi(
    define({ method: "post", path: "/reports/{id}/dismiss", summary: "Dismiss a report without acting (audited; 404 to whoever does not moderate its group)", tag: "Moderation", access: "member", responses: { 204: { description: "Dismissed" } } }),
    async (c) => {
      await dismissReport(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({ method: "get", path: "/audit", summary: "The network's moderation audit log (administrators)", tag: "Moderation", access: "admin", query: AuditQuery, responses: { 200: json(AuditPage, "A page of the log, newest first") } }),
    async (c) => {
      const { cursor, limit } = c.req.valid("query");
      const { items, next } = await listAudit(c.var.ctx, c.var.caller, { limit }, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null }, 200);
    },
  );

/** A group's moderation queue and audit log (its animators; 403 to its other readers), mounted at `/groups`. */
export const groupModerationRoutes = routes()
  .openapi(
    define({ method: "get", path: "/{id}/reports", summary: "The group's moderation queue (its animators)", tag: "Moderation", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "moderate"), query: ReportsQuery, responses: { 200: json(ReportPage, "A page of reports, oldest first") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listReports(c.var.ctx, c.var.caller, { groupId: c.req.param("id"), ...q }, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null }, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}/audit", summary: "The group's moderation audit log (its animators)", tag: "Moderation", access: "member", gate: (c) => checkGroupRight(c.var.ctx, c.var.caller, c.req.param("id")!, "moderate"), query: AuditQuery, responses: { 200: json(AuditPage, "A page of the log, newest first") } }),
    async (c) => {
      const { cursor, limit } = c.req.valid("query");
      const { items, next } = await listAudit(c.var.ctx, c.var.caller, { groupId: c.req.param("id"), limit }, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null }, 200);
    },
  );
