import { z } from "@hono/zod-openapi";
import { DirectoryPage, DirectoryQuery, Facets, Profile } from "../../contract/identity";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { directoryFacets, searchDirectory } from "../services/users/directory";
import { getProfile } from "../services/users/get-user";
import { define, json, routes } from "./define";

const DirectoryCursor = z.union([z.object({ r: z.number(), i: z.string() }), z.object({ n: z.string(), i: z.string() })]);

export const userRoutes = routes()
  .openapi(
    define({ method: "get", path: "/", summary: "The people directory: search by name, skill, department, location, hobby; filters; keyset pages", tag: "People", access: "member", etag: true, query: DirectoryQuery, responses: { 200: json(DirectoryPage, "A page of profiles") } }),
    async (c) => {
      const { cursor, ...query } = c.req.valid("query");
      const { items, next } = await searchDirectory(c.var.ctx, c.var.caller, query, decodeCursor(DirectoryCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(define({ method: "get", path: "/facets", summary: "Departments, locations and skills to filter the directory by", tag: "People", access: "member", responses: { 200: json(Facets, "Facets") } }), async (c) =>
    c.json(await directoryFacets(c.var.ctx, c.var.caller), 200),
  )
  .openapi(define({ method: "get", path: "/{id}", summary: "One member's profile", tag: "People", access: "member", responses: { 200: json(Profile, "Profile") } }), async (c) =>
    c.json(await getProfile(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  );
