/**
 * The closed lists of the API, written once: the database columns, the request and response schemas, the rooms and
 * the client all take them from here.
 */
export const ROLES = ["admin", "member", "guest"] as const;
export const GROUP_VISIBILITIES = ["open", "private", "secret"] as const;
export const GROUP_KINDS = ["community", "project", "wellbeing", "onboarding", "client"] as const;
export const GROUP_ROLES = ["owner", "animator", "member"] as const;
export const MEMBERSHIP_STATES = ["member", "pending"] as const;
export const NOTIFY_LEVELS = ["all", "mentions", "none"] as const;
export const POST_KINDS = ["discussion", "announcement", "link", "question", "idea", "event"] as const;
/**
 * The kinds a new post may take: those whose feature exists. Questions, ideas and events stay in POST_KINDS (the
 * column, the filters) and join this list with the issue that brings their screens; until then they are refused (400).
 */
export const NEW_POST_KINDS = ["discussion", "announcement", "link", "question"] as const satisfies readonly (typeof POST_KINDS)[number][];
export const REACTION_KINDS = ["like", "thanks", "support", "celebrate"] as const;
export const NOTIFICATION_KINDS = ["mention", "reply", "comment", "post", "join_request", "announcement", "joined", "approved", "coffee_paired", "coffee_left_out", "webhook_disabled", "idea_status", "question_nudge", "question_overdue"] as const;
export const LEFT_OUT_REASONS = ["no_overlap", "no_partner_outside_department", "all_met_recently", "odd_one_out", "no_hours"] as const;
export const LOCALES = ["en", "fr"] as const;
/** A group's answer-time promise: none, N business hours (days, opening hours, time zone), or N calendar hours. */
export const PROMISE_MODES = ["none", "business", "calendar"] as const;
/** A question as read now: no answer yet and within its promise (or none), past its deadline, or answered. */
export const QUESTION_STATES = ["unanswered", "overdue", "answered"] as const;
/** An office hour, from the clock: before its start, between start and end, after its end (or cancelled). */
export const OFFICE_HOUR_STATES = ["scheduled", "live", "ended"] as const;

export type Role = (typeof ROLES)[number];
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type GroupRole = (typeof GROUP_ROLES)[number];
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];
export type PostKind = (typeof POST_KINDS)[number];
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type PromiseMode = (typeof PROMISE_MODES)[number];
export type QuestionState = (typeof QUESTION_STATES)[number];
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];
/** What an API token may do: `read` the GET routes, `write` all a member may do, `admin` the admin routes too. */
export const API_SCOPES = ["read", "write", "admin"] as const;
/** A webhook delivery: waiting for its next attempt, delivered (a 2xx), or given up. */
export const WEBHOOK_DELIVERY_STATES = ["pending", "succeeded", "failed"] as const;
/** Why an endpoint stopped: an administrator, the receiver answered 410, or every attempt failed for 3 days. */
export const WEBHOOK_DISABLED_REASONS = ["admin", "gone", "failing"] as const;
/** The funnel of an idea: `declined` from any step before `implemented`. */
export const IDEA_STATUSES = ["submitted", "studied", "retained", "implemented", "declined"] as const;
