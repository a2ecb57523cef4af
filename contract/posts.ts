import { z } from "@hono/zod-openapi";
import { Body, Id, MemberSummary, MultiLine, page, pageParams, refuseBrokenText, SingleLine } from "./common";
import { GROUP_VISIBILITIES, NEW_POST_KINDS, POST_KINDS, REACTION_KINDS } from "./enums";
import { ThreadFollow } from "./follows";

/** Posts, comments, reactions, ratings, receipts (API.md "Conversation"). */

export const Attachment = z.strictObject({ id: z.string(), name: z.string(), size: z.number().int(), type: z.string(), url: z.string() }).openapi("Attachment");
export type Attachment = z.infer<typeof Attachment>;

export const ReactionKind = z.enum(REACTION_KINDS).openapi("ReactionKind");
export type ReactionKind = z.infer<typeof ReactionKind>;
/** The `{kind}` of a reaction path (`/posts/{id}/reactions/{kind}`): a bad kind answers 400 naming `kind`. */
export const ReactionPath = z.object({ kind: ReactionKind });

const ReactionCounts = z.partialRecord(ReactionKind, z.number().int());

/** An incoming hook (API.md "Integrations") as a post's author: the integration's name and avatar, never a member. */
export const IntegrationAuthor = z
  .strictObject({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable(), integration: z.literal(true) })
  .openapi("IntegrationAuthor");
export type IntegrationAuthor = z.infer<typeof IntegrationAuthor>;

/** A post's author: a member, or an integration that posted through an incoming hook. */
export const PostAuthor = z.union([MemberSummary, IntegrationAuthor]);
export type PostAuthor = z.infer<typeof PostAuthor>;

/** The longest a first look may wait: 90 days. */
export const FIRST_LOOK_MAX_DAYS = 90;
/** Who a first-look announcement reaches at its time: the whole network (not guests), or up to 20 named groups. */
export const FirstLookAudience = z.union([z.literal("network"), z.strictObject({ groupIds: z.array(Id("grp")).min(1).max(20) })]).openapi("FirstLookAudience");
export type FirstLookAudience = z.infer<typeof FirstLookAudience>;
/** An announcement's first look as asked: the audience, and the time (ISO 8601, future, within 90 days) it reaches them. */
export const FirstLookBody = z.strictObject({ audience: FirstLookAudience, at: z.iso.datetime({ offset: true }) });
export type FirstLookBody = z.infer<typeof FirstLookBody>;
export const FirstLookView = z
  .strictObject({ audience: z.union([z.literal("network"), z.strictObject({ groupIds: z.array(z.string()) })]), at: z.number(), reached: z.boolean() })
  .openapi("FirstLook");
export type FirstLookView = z.infer<typeof FirstLookView>;

export const Post = z
  .strictObject({
    id: z.string(),
    groupId: z.string(),
    group: z.strictObject({ id: z.string(), name: z.string(), visibility: z.enum(GROUP_VISIBILITIES) }),
    author: PostAuthor,
    kind: z.enum(POST_KINDS),
    title: z.string(),
    url: z.string().nullable(),
    body: z.string(),
    html: z.string(),
    tags: z.array(z.string()),
    attachments: z.array(Attachment),
    createdAt: z.number(),
    editedAt: z.number().nullable(),
    pinned: z.boolean(),
    hidden: z.boolean(),
    commentCount: z.number().int(),
    reactions: ReactionCounts,
    myReactions: z.array(ReactionKind),
    rating: z.strictObject({ average: z.number().nullable(), count: z.number().int(), mine: z.number().int().nullable() }),
    /** Must-read announcements: "read by 412 of 530". */
    receipts: z.strictObject({ mustRead: z.boolean(), read: z.boolean(), readCount: z.number().int(), audience: z.number().int() }).nullable(),
    /** What the caller may do with it, so that clients never re-derive the rules. */
    can: z.strictObject({ edit: z.boolean(), delete: z.boolean(), moderate: z.boolean() }),
    /** One post's own answer (`GET /posts/:id`) only: whether the caller follows or muted its thread. */
    thread: ThreadFollow.optional(),
    /**
     * First look (API.md "First look"): the wider audience that reads this announcement from `at` (ms), and whether
     * that time has come. The group ids are those the caller can see (a secret group's id never reaches an outsider).
     */
    firstLook: FirstLookView.nullable(),
  })
  .openapi("Post");
export type Post = z.infer<typeof Post>;

/**
 * What a top-level comment of a question carries as an answer (the `answer` field of Comment; null on other
 * comments): its up-votes, whether the caller voted, whether a support member of the group wrote it, whether it is
 * the accepted one.
 */
export const AnswerFacts = z
  .strictObject({ votes: z.number().int(), votedByMe: z.boolean(), support: z.boolean(), accepted: z.boolean(), canVote: z.boolean() })
  .openapi("AnswerFacts");
export type AnswerFacts = z.infer<typeof AnswerFacts>;

export const Comment = z
  .strictObject({
    id: z.string(),
    postId: z.string(),
    parentId: z.string().nullable(),
    author: MemberSummary,
    body: z.string(),
    html: z.string(),
    createdAt: z.number(),
    editedAt: z.number().nullable(),
    hidden: z.boolean(),
    reactions: ReactionCounts,
    myReactions: z.array(ReactionKind),
    can: z.strictObject({ edit: z.boolean(), delete: z.boolean() }),
    /** A question's top-level comment (an answer): its votes and marks; null on every other comment. */
    answer: AnswerFacts.nullable(),
  })
  .openapi("Comment");
export type Comment = z.infer<typeof Comment>;

const Tags = z.array(SingleLine(1, 50)).max(10);
/** A comment: shorter than a post. */
const CommentText = MultiLine(1, 10_000);
const Url = z.url({ protocol: /^https?$/ }).max(2000).superRefine(refuseBrokenText);

export const PostBody = z.strictObject({
  body: Body,
  kind: z.enum(NEW_POST_KINDS).optional(),
  attachmentIds: z.array(Id("fil")).max(10).optional(),
  title: SingleLine(1, 200).optional(),
  url: Url.optional(),
  tags: Tags.optional(),
  mustRead: z.boolean().optional(),
  /** Announcements only (API.md "First look"). */
  firstLook: FirstLookBody.optional(),
});
export type PostBody = z.infer<typeof PostBody>;
export const PostPatch = z.strictObject({
  body: Body.optional(),
  title: SingleLine(1, 200).optional(),
  url: Url.optional(),
  tags: Tags.optional(),
});
export type PostPatch = z.infer<typeof PostPatch>;
export const CommentBody = z.strictObject({ body: CommentText, parentId: Id("cmt").optional() });
export type CommentBody = z.infer<typeof CommentBody>;
export const CommentPatch = z.strictObject({ body: CommentText });
export const RatingBody = z.strictObject({ rating: z.number().int().min(1).max(5) });
/** A report to the group's moderators, of a post or a comment. */
export const ReportBody = z.strictObject({ reason: MultiLine(3, 1000) });
export const ReportCreated = z.strictObject({ id: z.string() }).openapi("ReportCreated");
export type ReportCreated = z.infer<typeof ReportCreated>;
export const GroupPostsQuery = z.strictObject({
  sort: z.enum(["new", "rating"]).default("new"),
  kind: z.enum(POST_KINDS).optional(),
  tag: SingleLine(1, 50).optional(),
  pinned: z.enum(["0", "1"]).optional(),
  ...pageParams,
});
export type GroupPostsQuery = z.output<typeof GroupPostsQuery>;
export const CommentsQuery = z.strictObject(pageParams);
export const PostPage = page(Post);
export const CommentPage = page(Comment);
