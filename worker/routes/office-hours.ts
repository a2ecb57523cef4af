import { z } from "@hono/zod-openapi";
import { OfficeHour, OfficeHourBody, OfficeHourPage, OfficeHoursQuery } from "../../contract/questions";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { cancelOfficeHour, checkCancelRight, getOfficeHour, listOfficeHours, scheduleOfficeHour } from "../services/questions/office-hours";
import { define, json, routes } from "./define";

/**
 * Expert office hours (API.md "Questions and knowledge"): scheduling, the lists, one session, cancelling. The live room
 * itself is `/parties/office-hours/:id` (party/office-hour-room.ts).
 */

const Cursor = z.object({ p: z.union([z.literal(0), z.literal(1)]), s: z.number(), i: z.string() });

export const officeHourRoutes = routes()
  .openapi(
    define({
      method: "post",
      path: "/",
      summary: "Schedule an office hour in a group, as its expert (its members; starts from now to a year ahead, lasts 15 minutes to 4 hours)",
      tag: "Questions",
      access: "member",
      body: OfficeHourBody,
      // The group is named in the body: 404 when the caller does not see it.
      errors: [404],
      responses: { 201: json(OfficeHour, "The office hour") },
    }),
    async (c) => c.json(await scheduleOfficeHour(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({
      method: "get",
      path: "/",
      summary: "Office hours of the groups the caller reads: scheduled and live soonest first, ended latest first",
      tag: "Questions",
      access: "member",
      query: OfficeHoursQuery,
      responses: { 200: json(OfficeHourPage, "A page of office hours") },
    }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listOfficeHours(c.var.ctx, c.var.caller, q, decodeCursor(Cursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}", summary: "One office hour (404 where its group's content is not readable)", tag: "Questions", access: "member", responses: { 200: json(OfficeHour, "The office hour") } }),
    async (c) => c.json(await getOfficeHour(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({
      method: "delete",
      path: "/{id}",
      summary: "Cancel an office hour, ending it now if live (its expert, the group's animators, administrators; 409 once ended; audited for another's)",
      tag: "Questions",
      access: "member",
      gate: (c) => checkCancelRight(c.var.ctx, c.var.caller, c.req.param("id")!),
      gateAlongside: true,
      errors: [409],
      responses: { 204: { description: "Cancelled" } },
    }),
    async (c) => {
      await cancelOfficeHour(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  );
