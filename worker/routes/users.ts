import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { decodeCursor, encodeCursor, pageParams, queryParams } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { directoryFacets, searchDirectory } from "../services/users/directory";
import { getProfile } from "../services/users/get-user";
import { page, ProfileSchema } from "./schemas";

const Filter = z.string().trim().max(100).optional();
const DirectoryQuery = z.strictObject({ q: z.string().trim().max(200).optional(), skill: Filter, department: Filter, location: Filter, ...pageParams });
const DirectoryCursor = z.union([z.object({ r: z.number(), i: z.string() }), z.object({ n: z.string(), i: z.string() })]);

export const userRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describe({ summary: "The people directory: search by name, skill, department, location, hobby; filters; keyset pages", tag: "People", auth: "member", responses: { 200: { description: "A page of profiles", schema: page(ProfileSchema) } } }),
    queryParams(DirectoryQuery),
    async (c) => {
      const actor = requireActor(c.var.actor);
      const { cursor, ...query } = c.req.valid("query");
      const { items, next } = await searchDirectory(c.var.ctx, actor, query, decodeCursor(DirectoryCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
    },
  )
  .get("/facets", describe({ summary: "Departments, locations and skills to filter the directory by", tag: "People", auth: "member" }), async (c) => {
    return c.json(await directoryFacets(c.var.ctx, requireActor(c.var.actor)));
  })
  .get("/:id", describe({ summary: "One member's profile", tag: "People", auth: "member", responses: { 200: { description: "Profile", schema: ProfileSchema } } }), async (c) => {
    return c.json(await getProfile(c.var.ctx, requireActor(c.var.actor), c.req.param("id")));
  });
