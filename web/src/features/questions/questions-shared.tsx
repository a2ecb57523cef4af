import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { AnswerFacts, AnswerPromise, Comment, Page, Question, QuestionState } from "../../api-types";
import { Badge, type BadgeTone } from "../../components/badge";
import { locale, t, type MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";

export const questionHref = (id: string) => `/questions/${encodeURIComponent(id)}`;
export const askHref = (groupId?: string) => (groupId ? `/questions/ask?groupId=${encodeURIComponent(groupId)}` : "/questions/ask");

/** A question's top-level comment with what it carries as an answer (null on other comments). */
export type AnswerComment = Comment & { answer?: AnswerFacts | null };
export const answerOf = (c: Comment): AnswerFacts | null => (c as AnswerComment).answer ?? null;

const STATE_LABEL: Record<QuestionState, MessageKey> = { unanswered: "questions.state.unanswered", overdue: "questions.state.overdue", answered: "questions.state.answered" };
const STATE_TONE: Record<QuestionState, BadgeTone> = { unanswered: "warning", overdue: "danger", answered: "success" };

export function StateBadge({ state }: { state: QuestionState }) {
  return <Badge tone={STATE_TONE[state]}>{t(STATE_LABEL[state])}</Badge>;
}

/** The state as the clock says now: an unanswered question whose deadline passed while on screen is overdue. */
export function liveState(q: Pick<Question, "state" | "deadlineAt" | "answeredAt">, now: number): QuestionState {
  if (q.answeredAt !== null || q.state === "answered") return "answered";
  return q.deadlineAt !== null && q.deadlineAt <= now ? "overdue" : "unanswered";
}

const SECONDS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];
const formats = new Map<string, Intl.RelativeTimeFormat>();

/** "in 3 hours", "2 minutes ago", "in 45 seconds": to the second when close, in the reader's language. */
export function relativeToSecond(at: number, now: number): string {
  let format = formats.get(locale.value);
  if (!format) formats.set(locale.value, (format = new Intl.RelativeTimeFormat(locale.value, { numeric: "always" })));
  const diff = at - now;
  for (const [unit, size] of SECONDS) {
    if (Math.abs(diff) >= size || unit === "second") return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, "second");
}

/** Now, ticking every second while a deadline is near (under 2 hours), else every 30 seconds. */
export function useNow(deadline: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const near = Math.abs(deadline - now) < 2 * 3_600_000;
    const timer = setTimeout(() => setNow(Date.now()), near ? 1000 - (Date.now() % 1000) + 5 : 30_000);
    return () => clearTimeout(timer);
  }, [deadline, now]);
  return now;
}

/**
 * The deadline and the time left, counting down live: "Answer due in 42 seconds" then "Overdue by 3 minutes"; the
 * exact deadline in the reader's time zone on hover. Nothing for a question without a promise or already answered.
 */
export function Countdown({ q }: { q: Pick<Question, "state" | "deadlineAt" | "answeredAt"> }) {
  const now = useNow(q.answeredAt === null ? q.deadlineAt : null);
  if (q.deadlineAt === null) return <span class="muted small countdown">{t("questions.noPromise")}</span>;
  if (q.answeredAt !== null) {
    const inTime = q.answeredAt <= q.deadlineAt;
    return (
      <span class={`small countdown ${inTime ? "countdown-ok" : "countdown-late"}`}>
        {inTime ? t("questions.answeredInTime") : t("questions.answeredLate")}
      </span>
    );
  }
  const late = q.deadlineAt <= now;
  return (
    <time class={`small countdown ${late ? "countdown-late" : "countdown-running"}`} dateTime={new Date(q.deadlineAt).toISOString()} title={t("questions.deadlineAt", { at: formatDateTime(q.deadlineAt) })}>
      {late ? t("questions.overdueSince", { when: relativeToSecond(q.deadlineAt, now) }) : t("questions.dueIn", { when: relativeToSecond(q.deadlineAt, now) })}
    </time>
  );
}

const DAY_NAMES = (days: number[]) => {
  const format = new Intl.DateTimeFormat(locale.value, { weekday: "short", timeZone: "UTC" });
  // 2023-01-01 was a Sunday (day 0).
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => format.format(Date.UTC(2023, 0, 1 + d)));
};

/** "Answers within 4 business hours (Mon, Tue, … 09:00–18:00, Europe/Paris)", "within 2 hours", or no promise. */
export function promiseText(p: AnswerPromise | null): string {
  if (!p || p.mode === "none" || p.hours === null) return t("questions.promise.none");
  const hours = formatHours(p.hours);
  if (p.mode === "calendar") return t("questions.promise.calendar", { hours });
  return t("questions.promise.business", { hours, days: DAY_NAMES(p.days).join(", "), opens: p.opens, closes: p.closes, zone: p.timezone });
}

/** 4 → "4 hours", 0.5 → "30 minutes", 0.02 → "72 seconds" (through Intl's unit formats). */
export function formatHours(hours: number): string {
  const seconds = Math.round(hours * 3600);
  const [unit, value] = seconds % 3600 === 0 ? (["hour", seconds / 3600] as const) : seconds % 60 === 0 ? (["minute", seconds / 60] as const) : seconds >= 3600 ? (["hour", Math.round(hours * 100) / 100] as const) : (["second", seconds] as const);
  return new Intl.NumberFormat(locale.value, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 2 }).format(value);
}

/** A group's promise, as anyone who sees the group may read it. */
export function usePromise(groupId: string | null, key = 0): AnswerPromise | null {
  const [promise, setPromise] = useState<AnswerPromise | null>(null);
  useEffect(() => {
    if (!groupId) return;
    let live = true;
    api<AnswerPromise>(`/groups/${encodeURIComponent(groupId)}/promise`).then(
      (p) => live && setPromise(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [groupId, key]);
  return promise;
}

/**
 * One question's view. The API has no GET /questions/:id yet (API.md lists only the list): it is asked first, and when
 * it is not there the group's list is read until the question is found (a few pages at most).
 */
export async function fetchQuestion(id: string, groupId: string): Promise<Question | null> {
  try {
    return await api<Question>(`/questions/${encodeURIComponent(id)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
  }
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page: Page<Question> = await api<Page<Question>>("/questions", { query: { groupId, state: "all", cursor, limit: 100 } });
    const found = page.items.find((q) => q.id === id);
    if (found) return found;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return null;
}
