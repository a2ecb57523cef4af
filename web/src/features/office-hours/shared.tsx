import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { OfficeHour, OfficeHourState, Page, Question } from "../../api-types";
import type { OFFICE_HOUR_MINUTES } from "../../../../contract/questions";
import { Badge, type BadgeTone } from "../../components/badge";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatClock, formatDateTime, readerTimeZone } from "../../i18n/format";

export const officeHourHref = (id: string) => `/office-hours/${encodeURIComponent(id)}`;

/** An office hour lasts 15 minutes to 4 hours (the contract's bounds, written here so zod stays out of the client). */
export const MINUTES = { min: 15, max: 240 } as const satisfies typeof OFFICE_HOUR_MINUTES;

const STATE_LABEL: Record<OfficeHourState, MessageKey> = { scheduled: "officeHours.state.scheduled", live: "officeHours.state.live", ended: "officeHours.state.ended" };
const STATE_TONE: Record<OfficeHourState, BadgeTone> = { scheduled: "accent", live: "success", ended: "neutral" };

export function OfficeHourStateBadge({ state }: { state: OfficeHourState }) {
  return <Badge tone={STATE_TONE[state]}>{t(STATE_LABEL[state])}</Badge>;
}

/** The state as the clock says now: a scheduled session whose start came while on screen is live, a live one past its end ended. */
export function clockState(oh: Pick<OfficeHour, "state" | "startsAt" | "endsAt">, now: number): OfficeHourState {
  if (oh.state === "ended" || now >= oh.endsAt) return "ended";
  return now >= oh.startsAt ? "live" : "scheduled";
}

/** "5 Dec 2026, 14:00 – 15:00" in the reader's time zone. */
export function timeRange(oh: Pick<OfficeHour, "startsAt" | "endsAt">): string {
  return `${formatDateTime(oh.startsAt)} – ${formatClock(oh.endsAt, readerTimeZone.value)}`;
}

export type ListState<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: T[] };

/** One page of GET /office-hours (sessions the reader may see), read again when `key` changes. */
export function useOfficeHours(query: { groupId?: string; state?: OfficeHourState; limit?: number }, key = 0): ListState<OfficeHour> {
  const [state, setState] = useState<ListState<OfficeHour>>({ status: "loading" });
  const deps = JSON.stringify(query);
  useEffect(() => {
    let live = true;
    api<Page<OfficeHour>>("/office-hours", { query: { ...query, limit: query.limit ?? 50 } }).then(
      (page) => live && setState({ status: "ready", items: page.items }),
      (err) => live && setState({ status: "error", message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [deps, key]);
  return state;
}

/** The questions asked in a session (GET /questions?officeHourId=), oldest first: in the order they were asked. */
export async function sessionQuestions(oh: Pick<OfficeHour, "id">): Promise<Question[]> {
  const found: Question[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: Page<Question> = await api<Page<Question>>("/questions", { query: { officeHourId: oh.id, state: "all", cursor, limit: 100 } });
    found.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return found.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
