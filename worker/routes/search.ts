import { z } from "@hono/zod-openapi";
import { SearchPage, SearchQuery } from "../../contract/search";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { search } from "../services/search/search";
import { define, json, routes } from "./define";

const SearchCursor = z.object({ s: z.number(), k: z.string() });

export const searchRoutes = routes().openapi(
  define({ method: "get", path: "/", summary: "Search posts, comments, members, groups, file names and FAQ entries; only what the caller may read", tag: "Search", access: "member", query: SearchQuery, responses: { 200: json(SearchPage, "A page of hits, best first") } }),
  async (c) => {
    const { cursor, ...q } = c.req.valid("query");
    const { items, next } = await search(c.var.ctx, c.var.caller, q, decodeCursor(SearchCursor, cursor));
    return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
  },
);
