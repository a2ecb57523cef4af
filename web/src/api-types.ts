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
// The views below mirror the Worker's (PostView in worker/services/posts/hydrate.ts, GroupView in
// worker/services/groups/groups.ts, CommentView in worker/services/posts/comments.ts, NotificationView in
// worker/services/notifications/notifications.ts, SearchHit in worker/services/search/search.ts, FeedPage in
// worker/services/feed/feed.ts). They are written out here because those modules pull the Worker's runtime globals
// (Env, D1) into the client's type check; the enums come from the schema files, which do not.
import type { NOTIFICATION_KINDS, PostKind, ReactionKind } from "../../worker/db/conversation";
import type { GroupRole, GroupVisibility, GROUP_KINDS, NOTIFY_LEVELS } from "../../worker/db/groups";

export type { GroupRole, GroupVisibility, PostKind, ReactionKind };
export type GroupKind = (typeof GROUP_KINDS)[number];
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Group = {
  id: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  kind: GroupKind;
  rules: string;
  rulesHtml: string;
  coverColor: string;
  memberCount: number;
  lastPostAt: number | null;
  createdAt: number;
  membership: { role: GroupRole; state: "member" | "pending"; notify: NotifyLevel } | null;
  can: { read: boolean; post: boolean; moderate: boolean };
};

import type { Attachment, PostView } from "../../worker/services/posts/post-view";
export type { Attachment };
/** A post as the API answers it (the server's own type). */
export type Post = PostView;

export type FeedItem = Post & { unread: boolean };

export type FeedPage = Page<FeedItem> & {
  /** First page only: must-read announcements not read yet. */
  unreadAnnouncements: Post[];
  /** First page only: my groups with posts I have not seen. */
  unreadGroups: { id: string; name: string }[];
};

export type Comment = {
  id: string;
  postId: string;
  parentId: string | null;
  author: MemberSummary;
  body: string;
  html: string;
  createdAt: number;
  editedAt: number | null;
  hidden: boolean;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  can: { edit: boolean; delete: boolean };
};

export type GroupMemberRow = { member: MemberSummary; title: string; role: GroupRole; state: "member" | "pending" };

export type Report = {
  id: string;
  target: { type: "post" | "comment"; id: string };
  group: { id: string; name: string };
  reporter: { id: string; name: string };
  reason: string;
  state: string;
  excerpt: string | null;
  hidden: boolean;
  createdAt: number;
};

export type Notification = {
  id: string;
  kind: NotificationKind;
  actor: MemberSummary | null;
  group: { id: string; name: string } | null;
  post: { id: string; excerpt: string } | null;
  commentId: string | null;
  createdAt: number;
  read: boolean;
};

export type NotificationPage = Page<Notification> & { unread: number };

export type NotificationSettings = { quietHours: { from: string; to: string } | null; groups: { id: string; name: string; notify: NotifyLevel }[] };

export type SearchType = "post" | "comment" | "user" | "group" | "file";

export type SearchHit = {
  type: SearchType;
  id: string;
  title: string;
  /** Escaped by the server; only <mark> is markup. */
  snippet: string;
  groupId: string | null;
  postId: string | null;
  authorId: string | null;
  createdAt: number | null;
};

export type Upload = Attachment;
