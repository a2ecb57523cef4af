/**
 * The shapes of a notification and of the notification settings, from the contract. Types only (no runtime imports),
 * so the web client imports them with `import type` instead of keeping a copy.
 */
export type { NotificationKind } from "../../../contract/enums";
export type { Notification as NotificationView, NotificationPage, NotificationSettings } from "../../../contract/notifications";
