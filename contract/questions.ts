import { z } from "@hono/zod-openapi";
import { HHMM, Id, MemberSummary, Millis, page, pageParams, SingleLine, TimeZone } from "./common";
import { GROUP_VISIBILITIES, OFFICE_HOUR_STATES, PROMISE_MODES, QUESTION_STATES } from "./enums";
import { Post } from "./posts";

/**
 * Questions and knowledge (API.md "Questions and knowledge"). A question is a post of kind `question` with a `title`
 * (asked with POST /groups/:id/posts `{kind: "question", title, body, tags}`); its answers are its top-level comments.
 * Its deadline comes from the group's answer-time promise when it is asked; its `state` from the clock when it is read.
 */

export const QuestionState = z.enum(QUESTION_STATES).openapi("QuestionState");
export type QuestionState = z.infer<typeof QuestionState>;
export const PromiseMode = z.enum(PROMISE_MODES).openapi("PromiseMode");

/** Hours of a promise: positive, fractions allowed (0.5 = 30 minutes), a year at most. */
const PromiseHours = z.number().positive().max(8760);
const WeekDays = z.array(z.number().int().min(0).max(6)).min(1).max(7).refine((d) => new Set(d).size === d.length, "Each day once");

/**
 * A group's answer-time promise. `business`: `hours` counted only on `days` (0 = Sunday) between `opens` and `closes`
 * in `timezone`; `calendar`: `hours` of the clock; `none`: no promise (the other fields optional, and ignored).
 */
export const PromiseBody = z
  .strictObject({
    mode: PromiseMode,
    hours: PromiseHours.optional(),
    days: WeekDays.optional(),
    opens: HHMM.optional(),
    closes: HHMM.optional(),
    timezone: TimeZone.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.mode !== "none" && p.hours === undefined) ctx.addIssue({ code: "custom", path: ["hours"], message: "Required unless mode is none" });
    if (p.mode === "business") {
      for (const f of ["days", "opens", "closes", "timezone"] as const) {
        if (p[f] === undefined) ctx.addIssue({ code: "custom", path: [f], message: "Required for business hours" });
      }
      // Compared only when both read as HH:MM (the refinement runs even when a field failed its own check).
      const hhmm = (v: unknown) => typeof v === "string" && /^\d\d:\d\d$/.test(v);
      if (hhmm(p.opens) && hhmm(p.closes) && p.opens! >= p.closes!) ctx.addIssue({ code: "custom", path: ["closes"], message: "Must be after opens" });
    }
  });
export type PromiseBody = z.infer<typeof PromiseBody>;

/** The promise a group follows now: its own, or the network's default (`source: "network"`). */
export const AnswerPromise = z
  .strictObject({
    mode: PromiseMode,
    hours: z.number().nullable(),
    days: z.array(z.number().int()),
    opens: HHMM,
    closes: HHMM,
    timezone: z.string(),
    source: z.enum(["group", "network"]),
  })
  .openapi("AnswerPromise");
export type AnswerPromise = z.infer<typeof AnswerPromise>;

export const Question = z
  .strictObject({
    ...Post.shape,
    state: QuestionState,
    /** null: the group promised nothing when it was asked. */
    deadlineAt: Millis.nullable(),
    /** The first answer by someone other than the asker. */
    answeredAt: Millis.nullable(),
    acceptedCommentId: z.string().nullable(),
    /** Asked in an expert's office hour. */
    officeHourId: z.string().nullable(),
    /** The caller may accept an answer (the asker, the group's animators, administrators). */
    canAccept: z.boolean(),
  })
  .openapi("Question");
export type Question = z.infer<typeof Question>;
export const QuestionPage = page(Question);

export const QuestionsQuery = z.strictObject({
  state: z.enum([...QUESTION_STATES, "all"]).default("all"),
  groupId: Id("grp").optional(),
  tag: SingleLine(1, 50).optional(),
  mine: z.enum(["1"]).optional(),
  /** The threads of one expert office hour. */
  officeHourId: Id("ofh").optional(),
  ...pageParams,
});
export type QuestionsQuery = z.output<typeof QuestionsQuery>;

/** What a top-level comment of a question carries as an answer: defined beside Comment (contract/posts.ts). */
export { AnswerFacts } from "./posts";

export const AcceptBody = z.strictObject({ commentId: Id("cmt") });
export const SupportMembersBody = z.strictObject({ userIds: z.array(Id("usr")).max(100) });
export const SupportMembers = z.strictObject({ items: z.array(MemberSummary) }).openapi("SupportMembers");

export const QuestionStatsQuery = z.strictObject({
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
});
export const QuestionStats = z
  .strictObject({
    from: Millis,
    to: Millis,
    asked: z.number().int(),
    answered: z.number().int(),
    answeredInTime: z.number().int(),
    /** Of the questions asked with a promise, the share answered within it; null when none had a promise. */
    inTimeShare: z.number().min(0).max(1).nullable(),
    medianFirstAnswerMs: z.number().nullable(),
    peerShare: z.number().min(0).max(1).nullable(),
    supportShare: z.number().min(0).max(1).nullable(),
    overdueNow: z.number().int(),
  })
  .openapi("QuestionStats");
export type QuestionStats = z.infer<typeof QuestionStats>;

// ---------- Expert office hours ----------

export const OfficeHourState = z.enum(OFFICE_HOUR_STATES).openapi("OfficeHourState");
export type OfficeHourState = z.infer<typeof OfficeHourState>;

/** An office hour lasts 15 minutes to 4 hours. */
export const OFFICE_HOUR_MINUTES = { min: 15, max: 240 } as const;

/**
 * POST /api/v1/office-hours: any member who may ask in the group schedules one, as its expert. `startsAt` may be now
 * (a few minutes in the past are forgiven, for a clock behind) but never earlier, and at most a year ahead.
 */
export const OfficeHourBody = z.strictObject({
  groupId: Id("grp"),
  topic: SingleLine(1, 200),
  startsAt: Millis.min(0),
  durationMinutes: z.number().int().min(OFFICE_HOUR_MINUTES.min).max(OFFICE_HOUR_MINUTES.max),
});
export type OfficeHourBody = z.infer<typeof OfficeHourBody>;

export const OfficeHour = z
  .strictObject({
    id: z.string(),
    groupId: z.string(),
    /** The group's name and visibility, for lists outside the group (the coffee lobby shows open groups' sessions only). */
    groupName: z.string(),
    groupVisibility: z.enum(GROUP_VISIBILITIES),
    topic: z.string(),
    startsAt: Millis,
    endsAt: Millis,
    expert: MemberSummary,
    state: OfficeHourState,
    /** Questions asked in its room so far (each is a question post of the group). */
    questionCount: z.number().int(),
    /** The caller may cancel it (its expert, the group's animators, administrators) while it has not ended. */
    canCancel: z.boolean(),
  })
  .openapi("OfficeHour");
export type OfficeHour = z.infer<typeof OfficeHour>;
export const OfficeHourPage = page(OfficeHour);

/** GET /api/v1/office-hours: sessions the caller may see, soonest first for `scheduled`/`live`, latest first for `ended`. */
export const OfficeHoursQuery = z.strictObject({
  groupId: Id("grp").optional(),
  state: OfficeHourState.optional(),
  ...pageParams,
});
export type OfficeHoursQuery = z.output<typeof OfficeHoursQuery>;
