/**
 * The shapes of a notification and of the notification settings as the API answers them. Types only (no runtime
 * imports), so the web client imports them with `import type` instead of keeping a copy.
 */
import type { NOTIFICATION_KINDS } from "../../db/conversation";
import type { NotifyLevel } from "../groups/group-view";
import type { MemberSummary } from "../users/present";

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationView = {
  id: string;
  kind: NotificationKind;
  actor: MemberSummary | null;
  group: { id: string; name: string } | null;
  post: { id: string; excerpt: string } | null;
  commentId: string | null;
  createdAt: number;
  read: boolean;
};

export type NotificationSettings = {
  /** In the member's own time zone, "HH:MM"; null: none. */
  quietHours: { from: string; to: string } | null;
  /** The member's groups, with how much each one notifies. */
  groups: { id: string; name: string; notify: NotifyLevel }[];
};
