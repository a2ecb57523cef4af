/**
 * The API's payloads as the client reads them: every type comes from the contract (`contract/`), imported as types
 * only so that zod stays out of the client bundle. Nothing is written here twice; a few names are kept for the
 * screens that use them.
 */
export type { ErrorCode, MemberSummary, Page } from "../../contract/common";
export type { GroupKind, GroupRole, GroupVisibility, NotificationKind, NotifyLevel, PostKind, ReactionKind, Role } from "../../contract/enums";
export type { FeedItem, FeedPage } from "../../contract/feed";
export type { Upload } from "../../contract/files";
export type { Group, GroupMemberRow } from "../../contract/groups";
export type {
  BulkResult,
  Charter,
  CharterVersionRow,
  CreatedInvitation,
  Facets,
  InvitationLookup as Invitation,
  InvitationRow,
  Me as MeResponse,
  MeCan,
  Profile,
  ProfilePatch,
} from "../../contract/identity";
export type { Report } from "../../contract/moderation";
export type { Notification, NotificationPage, NotificationSettings } from "../../contract/notifications";
export type { Attachment, Comment, Post } from "../../contract/posts";
export type { SearchHit, SearchType } from "../../contract/search";
export type {
  ApiScope,
  ApiToken,
  ApiTokenBody,
  ApiTokenCreated,
  IncomingHook,
  IncomingHookBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointCreated,
  WebhookEndpointPatch,
} from "../../contract/integrations";
import type { z } from "@hono/zod-openapi";
import type { WebhookEventInfo as WebhookEventInfoSchema } from "../../contract/integrations";
import type { WebhookDelivery as Delivery } from "../../contract/integrations";
/** One event type of the webhook catalogue (GET /api/v1/webhooks/events). */
export type WebhookEventInfo = z.infer<typeof WebhookEventInfoSchema>;
/** One attempt of a webhook delivery. */
export type WebhookAttempt = Delivery["attempts"][number];
// Ideas (issue 10): campaigns, idea boxes, supports, the funnel and the statistics.
export type { Campaign, CampaignBody, CampaignPatch, Idea, IdeaBody, IdeaStats, IdeaStatus, IdeaStatusBody } from "../../contract/ideas";
import type { SimilarIdeas as SimilarIdeasSchema } from "../../contract/ideas";
/** GET /api/v1/ideas/similar: up to 5 ideas of the same campaign or box whose titles are near what is typed. */
export type SimilarIdeas = z.infer<typeof SimilarIdeasSchema>;
// FAQ and library (issue 11): a group's FAQ entries and its library of versioned files.
export type { FaqEntry, LibraryItem, LibraryPage } from "../../contract/knowledge";
// Questions answered on time (issue 11): questions, answers' votes and acceptance, a group's promise, support members, figures.
export type { AnswerFacts, AnswerPromise, PromiseBody, Question, QuestionState, QuestionStats } from "../../contract/questions";
import type { SupportMembers as SupportMembersSchema } from "../../contract/questions";
/** GET/PUT /api/v1/groups/:id/support-members. */
export type SupportMembers = z.infer<typeof SupportMembersSchema>;
// Admin console (issue 12): members, groups, settings, SCIM tokens, the audit log, the network's public face.
export type { AdminAuditEntry, AdminGroup, AdminMember, NetworkSettings, NetworkSettingsBody, PublicNetwork, ScimToken, ScimTokenCreated } from "../../contract/admin";
// Expert office hours (issue 11): a session's view, its state, and the list's query.
export type { OfficeHour, OfficeHourState, OfficeHoursQuery } from "../../contract/questions";
// Follows (issue 14): the members and tags I follow, and where I stand with a post's thread.
export type { Follows, MemberFollow, TagFollow, ThreadFollow } from "../../contract/follows";
export type { FirstLookBody } from "../../contract/posts";
