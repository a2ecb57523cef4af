import { z } from "@hono/zod-openapi";
import { HHMM, MemberSummary, Opaque, pageParams } from "./common";
import { NOTIFICATION_KINDS, NOTIFY_LEVELS } from "./enums";

/** The notification bell and its settings (API.md "Conversation"). */

export const Notification = z
  .strictObject({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    actor: MemberSummary.nullable(),
    group: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    post: z.strictObject({ id: z.string(), excerpt: z.string() }).nullable(),
    commentId: z.string().nullable(),
    /** When it was delivered (after the recipient's quiet hours, if any). */
    createdAt: z.number(),
    read: z.boolean(),
  })
  .openapi("Notification");
export type Notification = z.infer<typeof Notification>;

export const NotificationsQuery = z.strictObject(pageParams);

export const NotificationPage = z
  .strictObject({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int() })
  .openapi("NotificationPage");
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.strictObject({ unread: z.number().int() });

const QuietHours = z.strictObject({ from: HHMM, to: HHMM });

export const NotificationSettings = z
  .strictObject({
    /** In the member's own time zone, "HH:MM"; null: none. */
    quietHours: QuietHours.nullable(),
    /** The member's groups, with how much each one notifies. */
    groups: z.array(z.strictObject({ id: z.string(), name: z.string(), notify: z.enum(NOTIFY_LEVELS) })),
  })
  .openapi("NotificationSettings");
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** Marks these notifications read; no ids: all of them. */
export const ReadBody = z.strictObject({ ids: z.array(Opaque(0, 40)).max(100).optional() });
/** Quiet hours in my time zone; null: none. */
export const QuietHoursBody = z.strictObject({ quietHours: QuietHours.nullable() });
export type QuietHoursBody = z.infer<typeof QuietHoursBody>;
