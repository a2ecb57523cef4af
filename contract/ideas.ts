import { z } from "@hono/zod-openapi";
import { Body, Id, MemberSummary, Millis, MultiLine, page, pageParams, SingleLine } from "./common";
import { IDEA_STATUSES } from "./enums";
import { Post } from "./posts";

/**
 * Ideas (API.md "Ideas"): time-boxed campaigns (a group's, or network-wide: `groupId` null, every member but guests),
 * a group's permanent idea box, supports, the public funnel with its reasons, and who the ideas come from. An idea is
 * a post of kind `idea`: comments, reactions, mentions, attachments, reports and search work as for any post.
 */

export const IdeaStatus = z.enum(IDEA_STATUSES).openapi("IdeaStatus");
export type IdeaStatus = z.infer<typeof IdeaStatus>;

export const CAMPAIGN_STATES = ["scheduled", "open", "closed"] as const;

export const Campaign = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    brief: z.string(),
    briefHtml: z.string(),
    startsAt: Millis,
    endsAt: Millis,
    /** null: network-wide (every member sees it, guests never). */
    groupId: z.string().nullable(),
    group: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    /** Supports one member may give in this campaign; null: no limit. */
    supportLimit: z.number().int().nullable(),
    /** From the clock, whenever it is read. */
    state: z.enum(CAMPAIGN_STATES),
    counts: z.strictObject({ ideas: z.number().int(), supporters: z.number().int() }),
    /** The caller's supports given in this campaign (to show "2 of 3 left"). */
    mySupports: z.number().int(),
    can: z.strictObject({
      /** Post an idea now (a member of its audience, while it is open). */
      post: z.boolean(),
      /** Change it, and move its ideas along the funnel: its group's animators, administrators (network-wide: administrators). */
      manage: z.boolean(),
    }),
    createdAt: Millis,
  })
  .openapi("Campaign");
export type Campaign = z.infer<typeof Campaign>;
export const CampaignPage = page(Campaign);

const Title = SingleLine(1, 200);
const Brief = MultiLine(0, 20_000);

export const CampaignBody = z.strictObject({
  title: Title,
  brief: Brief,
  startsAt: Millis,
  endsAt: Millis,
  groupId: Id("grp").nullable(),
  supportLimit: z.number().int().min(1).max(1000).nullable().optional(),
});
export type CampaignBody = z.infer<typeof CampaignBody>;

export const CampaignPatch = z.strictObject({
  title: Title.optional(),
  brief: Brief.optional(),
  startsAt: Millis.optional(),
  endsAt: Millis.optional(),
  supportLimit: z.number().int().min(1).max(1000).nullable().optional(),
});
export type CampaignPatch = z.infer<typeof CampaignPatch>;

export const CampaignsQuery = z.strictObject({
  state: z.enum(CAMPAIGN_STATES).optional(),
  groupId: Id("grp").optional(),
  ...pageParams,
});

export const IdeaBody = z.strictObject({
  title: Title,
  body: Body,
  tags: z.array(SingleLine(1, 50)).max(10).optional(),
  attachmentIds: z.array(Id("fil")).max(10).optional(),
});
export type IdeaBody = z.infer<typeof IdeaBody>;

export const IdeaHistoryEntry = z
  .strictObject({ status: IdeaStatus, reason: z.string(), by: MemberSummary.nullable(), at: Millis })
  .openapi("IdeaHistoryEntry");

/** An idea: the post view, plus where it was posted, where it stands in the funnel, and its supports. */
export const Idea = z
  .strictObject({
    ...Post.shape,
    campaignId: z.string().nullable(),
    /** The group whose permanent idea box took it (null for a campaign's idea). */
    boxGroupId: z.string().nullable(),
    status: IdeaStatus,
    supportCount: z.number().int(),
    supportedByMe: z.boolean(),
    /** Every status change, oldest first, each with its public reason. */
    history: z.array(IdeaHistoryEntry),
    /** The idea this duplicate was merged into; null when it stands on its own. */
    mergedInto: z.string().nullable(),
    can: z.strictObject({
      edit: z.boolean(),
      delete: z.boolean(),
      moderate: z.boolean(),
      /** Support it now (not one's own, while its campaign is open, within the limit). */
      support: z.boolean(),
      /** Move it along the funnel and merge it: its campaign's or box's managers. */
      manage: z.boolean(),
    }),
  })
  .openapi("Idea");
export type Idea = z.infer<typeof Idea>;
export const IdeaPage = page(Idea);

export const IdeasQuery = z.strictObject({
  sort: z.enum(["supports", "new", "discussed"]).default("supports"),
  status: IdeaStatus.optional(),
  ...pageParams,
});

export const SimilarIdeasQuery = z.strictObject({
  q: SingleLine(1, 200),
  campaignId: Id("cmp").optional(),
  groupId: Id("grp").optional(),
  /** How many at most (5, the composer's list). */
  limit: z.coerce.number().int().min(1).max(5).default(5),
});
export const SimilarIdeas = z.strictObject({
  items: z.array(z.strictObject({ id: z.string(), title: z.string(), status: IdeaStatus, supportCount: z.number().int() })).max(5),
});

export const IdeaStatusBody = z.strictObject({ status: IdeaStatus, reason: MultiLine(0, 2000) });
export type IdeaStatusBody = z.infer<typeof IdeaStatusBody>;
export const IdeaMergeBody = z.strictObject({ intoId: Id("pst") });

export const IdeaStatsQuery = z.strictObject({
  campaignId: Id("cmp").optional(),
  groupId: Id("grp").optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  by: z.enum(["department", "site"]).default("department"),
  format: z.enum(["json", "csv"]).default("json"),
});

const StatsFigures = {
  ideas: z.number().int(),
  authors: z.number().int(),
  supporters: z.number().int(),
  retained: z.number().int(),
  members: z.number().int(),
};
export const IdeaStats = z
  .strictObject({
    totals: z.strictObject(StatsFigures),
    /** One row per department or site; those under 5 members or 5 authors are folded into the key "other". */
    rows: z.array(z.strictObject({ key: z.string(), ...StatsFigures, share: z.number(), per100: z.number() })),
  })
  .openapi("IdeaStats");
export type IdeaStats = z.infer<typeof IdeaStats>;
