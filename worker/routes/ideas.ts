import { z } from "@hono/zod-openapi";
import { Campaign, CampaignBody, CampaignPage, CampaignPatch, CampaignsQuery, Idea, IdeaBody, IdeaMergeBody, IdeaPage, IdeasQuery, IdeaStats, IdeaStatsQuery, IdeaStatusBody, SimilarIdeas, SimilarIdeasQuery } from "../../contract/ideas";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { checkCampaignRight, createCampaign, getCampaign, listCampaigns, updateCampaign } from "../services/ideas/campaigns";
import { checkBoxRight, checkIdeaRight, createIdea, getIdea, listIdeas } from "../services/ideas/ideas";
import { mergeIdea, setIdeaStatus, similarIdeas, supportIdea, unsupportIdea } from "../services/ideas/supports";
import { ideaStats, statsCsv } from "../services/ideas/stats";
import { define, json, routes } from "./define";

/** Ideas (API.md "Ideas"): campaigns, a group's permanent idea box, supports, the funnel, similar ideas, statistics. */

const CampaignCursor = z.object({ s: z.number(), i: z.string() });
const IdeasCursor = z.object({ k: z.number(), t: z.number(), i: z.string() });

export const campaignRoutes = routes()
  .openapi(
    define({ method: "post", path: "/", summary: "Open a campaign: a group's animators (network-wide, groupId null: administrators)", tag: "Ideas", access: "member", body: CampaignBody, errors: [404], responses: { 201: json(Campaign, "The campaign") } }),
    async (c) => c.json(await createCampaign(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/", summary: "The campaigns the caller may see, latest start first; keyset pages", tag: "Ideas", access: "member", query: CampaignsQuery, responses: { 200: json(CampaignPage, "A page of campaigns") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listCampaigns(c.var.ctx, c.var.caller, q, decodeCursor(CampaignCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}", summary: "One campaign (404 to whoever may not see it: guests, network-wide)", tag: "Ideas", access: "member", responses: { 200: json(Campaign, "The campaign") } }),
    async (c) => c.json(await getCampaign(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "patch", path: "/{id}", summary: "Change a campaign (its managers)", tag: "Ideas", access: "member", gate: (c) => checkCampaignRight(c.var.ctx, c.var.caller, c.req.param("id")!, "manage"), gateAlongside: true, body: CampaignPatch, responses: { 200: json(Campaign, "The campaign") } }),
    async (c) => c.json(await updateCampaign(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/ideas",
      summary: "Post an idea into a campaign while it is open (409 before its start or after its end)",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkCampaignRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"),
      gateAlongside: true,
      body: IdeaBody,
      errors: [409],
      responses: { 201: json(Idea, "The idea") },
    }),
    async (c) => c.json(await createIdea(c.var.ctx, c.var.caller, { campaignId: c.req.param("id") }, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/{id}/ideas", summary: "A campaign's ideas: by supports, newest or most discussed, by status; keyset pages", tag: "Ideas", access: "member", query: IdeasQuery, responses: { 200: json(IdeaPage, "A page of ideas") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listIdeas(c.var.ctx, c.var.caller, { campaignId: c.req.param("id") }, q, decodeCursor(IdeasCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  );

export const groupIdeaRoutes = routes()
  .openapi(
    define({
      method: "post",
      path: "/{id}/ideas",
      summary: "Post an idea into the group's permanent idea box (its members; 409 when it has none)",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkBoxRight(c.var.ctx, c.var.caller, c.req.param("id")!, "post"),
      gateAlongside: true,
      body: IdeaBody,
      errors: [409],
      responses: { 201: json(Idea, "The idea") },
    }),
    async (c) => c.json(await createIdea(c.var.ctx, c.var.caller, { groupId: c.req.param("id") }, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/{id}/ideas", summary: "The ideas of a group's box: by supports, newest or most discussed, by status; keyset pages", tag: "Ideas", access: "member", gate: (c) => checkBoxRight(c.var.ctx, c.var.caller, c.req.param("id")!, "read"), query: IdeasQuery, responses: { 200: json(IdeaPage, "A page of ideas") } }),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listIdeas(c.var.ctx, c.var.caller, { groupId: c.req.param("id") }, q, decodeCursor(IdeasCursor, cursor));
      return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
    },
  );

export const ideaRoutes = routes()
  .openapi(
    define({ method: "get", path: "/similar", summary: "Up to 5 ideas of a campaign or box like `q` (while typing a title)", tag: "Ideas", access: "member", query: SimilarIdeasQuery, errors: [404], responses: { 200: json(SimilarIdeas, "Similar ideas") } }),
    async (c) => c.json(await similarIdeas(c.var.ctx, c.var.caller, c.req.valid("query")), 200),
  )
  .openapi(
    define({
      method: "get",
      path: "/stats",
      summary: "Who ideas come from, by department or site: shares and per 100 members; small keys folded into \"other\"; CSV with format=csv",
      tag: "Ideas",
      access: "member",
      query: IdeaStatsQuery,
      errors: [403, 404],
      responses: { 200: { description: "The statistics", content: { "application/json": { schema: IdeaStats }, "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const stats = await ideaStats(c.var.ctx, c.var.caller, q);
      if (q.format === "csv") return c.body(statsCsv(stats), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="idea-stats.csv"' });
      return c.json(stats, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}", summary: "One idea: the post view, its funnel and history, its supports", tag: "Ideas", access: "member", responses: { 200: json(Idea, "The idea") } }),
    async (c) => c.json(await getIdea(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({
      method: "put",
      path: "/{id}/support",
      summary: "Support an idea (not one's own; within the campaign's limit; while it is open)",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkIdeaRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"),
      gateAlongside: true,
      errors: [409],
      responses: { 204: { description: "Supported" } },
    }),
    async (c) => {
      await supportIdea(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({
      method: "delete",
      path: "/{id}/support",
      summary: "Withdraw one's support (while the campaign is open)",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkIdeaRight(c.var.ctx, c.var.caller, c.req.param("id")!, "takePart"),
      gateAlongside: true,
      errors: [409],
      responses: { 204: { description: "Withdrawn" } },
    }),
    async (c) => {
      await unsupportIdea(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .openapi(
    define({
      method: "patch",
      path: "/{id}/status",
      summary: "Move an idea along the funnel with a public reason (its managers; 409 outside the allowed transitions)",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkIdeaRight(c.var.ctx, c.var.caller, c.req.param("id")!, "manage"),
      gateAlongside: true,
      body: IdeaStatusBody,
      errors: [409],
      responses: { 200: json(Idea, "The idea") },
    }),
    async (c) => c.json(await setIdeaStatus(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(
    define({
      method: "post",
      path: "/{id}/merge",
      summary: "Merge a duplicate into another idea of the same campaign or box (its managers): supports move, once per member",
      tag: "Ideas",
      access: "member",
      gate: (c) => checkIdeaRight(c.var.ctx, c.var.caller, c.req.param("id")!, "manage"),
      gateAlongside: true,
      body: IdeaMergeBody,
      errors: [409],
      responses: { 200: json(Idea, "The kept idea") },
    }),
    async (c) => c.json(await mergeIdea(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").intoId), 200),
  );
