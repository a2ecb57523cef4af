/** Payloads of API.md as the client reads them. The profile is owned by the Worker and imported as a type only. */
import type { MemberSummary, Profile } from "../../worker/services/users/present";

export type { MemberSummary, Profile };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Charter = { version: number; body: string; html: string };

export type MeResponse = { user: Profile; charterAccepted: boolean; currentCharter?: number | null };

export type Invitation = { email: string; charter: Charter | null };

export type Role = Profile["role"];

export type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
};

export type CreatedInvitation = { id: string; email: string; url: string };

export type BulkResult = {
  created: { email: string; role: Role; url?: string }[];
  rejected: { line: number; reason: string }[];
};

export type CharterVersionRow = { version: number; publishedAt: number; acceptances: number };

export type Facets = { departments: string[]; locations: string[]; skills: string[] };

/** The fields PATCH /api/v1/me/profile accepts. */
export type ProfilePatch = Partial<
  Pick<
    Profile,
    "handle" | "name" | "title" | "department" | "location" | "timezone" | "locale" | "languages" | "phone" | "bio" | "hobbies" | "hotTopics" | "skills"
  >
>;

// ---------- Conversation (API.md "Conversation") ----------
//
// The views are the Worker's own types, from its types-only `*-view.ts` modules (no runtime imports, so the Worker's
// globals stay out of the client's type check). Where a route wraps a service's answer (`nextCursor` for `next`), the
// type here describes the JSON.
import type { PostKind, ReactionKind } from "../../worker/db/conversation";
import type { GroupRole, GroupVisibility } from "../../worker/db/groups";
import type { FeedItem, FeedPage as FeedResult } from "../../worker/services/feed/feed-view";
import type { GroupKind, GroupMemberRow, GroupView, NotifyLevel } from "../../worker/services/groups/group-view";
import type { ReportView } from "../../worker/services/moderation/report-view";
import type { NotificationKind, NotificationSettings, NotificationView } from "../../worker/services/notifications/notification-view";
import type { CommentView } from "../../worker/services/posts/comment-view";
import type { Attachment, PostView } from "../../worker/services/posts/post-view";
import type { SearchHit, SearchType } from "../../worker/services/search/search-view";

export type { Attachment, FeedItem, GroupKind, GroupMemberRow, GroupRole, GroupVisibility, NotificationKind, NotificationSettings, NotifyLevel, PostKind, ReactionKind, SearchHit, SearchType };

export type Group = GroupView;
export type Post = PostView;
export type Comment = CommentView;
export type Report = ReportView;
export type Notification = NotificationView;

/** GET /feed: a page of the feed, with the first page's extras. */
export type FeedPage = Page<FeedItem> & Pick<FeedResult, "unreadAnnouncements" | "unreadGroups">;

/** GET /notifications: a page, with the unread count of the bell. */
export type NotificationPage = Page<Notification> & { unread: number };

export type Upload = Attachment;
