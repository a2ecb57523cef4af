import { useRoute } from "preact-iso";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, OfficeHour, Question } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { MemberChip } from "../../components/member-chip";
import { usePageTitle } from "../../components/page-title";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { MAX_CHAT_LENGTH } from "../coffee/frames";
import { LiveStatus } from "../coffee/live-status";
import { questionHref, relativeToSecond, StateBadge, liveState, useNow } from "../questions/questions-shared";
import { OfficeHourRoomStore, type RoomQuestion } from "./room-store";
import { clockState, OfficeHourStateBadge, sessionQuestions, timeRange } from "./shared";
import "../coffee/coffee.css";
import "./office-hours.css";

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; view: OfficeHour };

const ERROR_TEXT = {
  rate_limited: "coffee.error.rateLimited",
  too_large: "coffee.error.tooLarge",
  bad_frame: "officeHours.room.badFrame",
} as const satisfies Record<string, MessageKey>;

/** `/office-hours/:id`: an expert's office hour — before its start a countdown, then its live room, then its threads. */
export function OfficeHourPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const store = useMemo(() => new OfficeHourRoomStore(id), [id]);
  const view = state.status === "ready" ? state.view : null;
  usePageTitle(view ? view.topic : t("officeHours.title"));

  const load = async (quiet: boolean) => {
    if (!quiet) setState({ status: "loading" });
    try {
      const next = await api<OfficeHour>(`/office-hours/${encodeURIComponent(id)}`);
      setState({ status: "ready", view: next });
    } catch (err) {
      if (!quiet) setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 });
    }
  };
  useEffect(() => {
    void load(false);
  }, [id, attempt]);
  useEffect(() => () => store.dispose(), [store]);

  // The clock decides the phase (the next boundary ticks it to the second when near); a `closed` frame ends it at once.
  const closed = store.closed.value;
  const now = useNow(view && !closed ? (view.state === "scheduled" && Date.now() < view.startsAt ? view.startsAt : view.endsAt) : null);
  const phase = view ? (closed ? "ended" : clockState(view, now)) : null;

  useEffect(() => {
    if (phase === "live") store.connect();
    if (phase === "ended") {
      store.end();
      // The view as the server has it now: ended, with its final count of questions.
      if (view && view.state !== "ended") void load(true);
    }
  }, [phase, store]);

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card">
          <Skeleton lines={5} />
        </div>
      </section>
    );
  }
  if (state.status === "error") {
    return (
      <section class="page">
        <h1>{state.missing ? t("officeHours.missingTitle") : t("officeHours.title")}</h1>
        <div class="card">
          <EmptyState
            role="alert"
            title={state.missing ? t("officeHours.missing") : state.message}
            action={state.missing ? <a class="btn btn-secondary" href="/groups">{t("groups.backToGroups")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      </section>
    );
  }

  const oh = state.view;
  const shown = phase ?? oh.state;
  const cancel = async () => {
    const ok = await confirmAction({
      title: t("officeHours.cancelTitle"),
      body: shown === "live" ? t("officeHours.cancelLiveBody") : t("officeHours.cancelBody"),
      confirmLabel: shown === "live" ? t("officeHours.endNow") : t("officeHours.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await api(`/office-hours/${encodeURIComponent(oh.id)}`, { method: "DELETE" });
      store.end();
      toast(shown === "live" ? t("officeHours.ended") : t("officeHours.cancelled"));
      await load(true);
    } catch (err) {
      toast(errorText(err), "error");
    }
  };

  return (
    <section class="page office-hour-page" aria-labelledby="office-hour-title">
      <a class="back-link" href={`/groups/${encodeURIComponent(oh.groupId)}/office-hours`}>
        ‹ {oh.groupName}
      </a>
      <header class="card office-hour-head">
        <div class="office-hour-head-top">
          <p class="muted small office-hour-kicker">{t("officeHours.kicker")}</p>
          <OfficeHourStateBadge state={shown} />
        </div>
        <h1 id="office-hour-title">{oh.topic}</h1>
        <div class="office-hour-head-facts">
          <MemberChip member={oh.expert}>
            <span class="badge badge-accent">{t("officeHours.expert")}</span>
          </MemberChip>
          <p class="office-hour-when-line">
            <span>{timeRange(oh)}</span>
          </p>
        </div>
        {oh.canCancel && shown !== "ended" ? (
          <div class="actions">
            <button type="button" class="btn btn-danger" onClick={cancel}>
              {shown === "live" ? t("officeHours.endNow") : t("officeHours.cancel")}
            </button>
          </div>
        ) : null}
      </header>
      {shown === "scheduled" ? <BeforeStart oh={oh} now={now} /> : shown === "live" ? <LiveRoom oh={oh} store={store} now={now} /> : <Ended oh={oh} />}
    </section>
  );
}

function BeforeStart({ oh, now }: { oh: OfficeHour; now: number }) {
  return (
    <section class="card office-hour-before" aria-labelledby="office-hour-before-title">
      <h2 id="office-hour-before-title">{t("officeHours.startsAt", { at: formatDateTime(oh.startsAt) })}</h2>
      <p class="office-hour-countdown">
        <time dateTime={new Date(oh.startsAt).toISOString()}>{t("officeHours.startsIn", { when: relativeToSecond(oh.startsAt, now) })}</time>
      </p>
      <p class="muted">{t("officeHours.opensAtStart")}</p>
    </section>
  );
}

/** The live room: questions in the order they were asked, the expert's answers under them, the "Ask" box; who is here. */
function LiveRoom({ oh, store, now }: { oh: OfficeHour; store: OfficeHourRoomStore; now: number }) {
  // Only the group's members ask (a reader of an open group from the coffee lobby follows, and is offered to join).
  const [mayAsk, setMayAsk] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    api<Group>(`/groups/${encodeURIComponent(oh.groupId)}`).then(
      (g) => live && setMayAsk(g.can.post),
      () => live && setMayAsk(true),
    );
    return () => {
      live = false;
    };
  }, [oh.groupId]);
  const error = store.error.value;
  useEffect(() => {
    if (error) toast(t(ERROR_TEXT[error.code] ?? "officeHours.room.badFrame"), "error");
  }, [error]);

  const refusal = store.refusal.value;
  if (refusal) {
    return (
      <div class="card">
        <EmptyState
          role="alert"
          title={refusal === "missing" ? t("officeHours.missing") : t("officeHours.room.unavailable")}
          action={
            refusal === "unavailable" ? (
              <button type="button" class="btn btn-primary" onClick={() => store.retry()}>
                {t("common.retry")}
              </button>
            ) : undefined
          }
        />
      </div>
    );
  }

  const questions = store.questions.value;
  const presence = store.presence.value;
  const expert = store.isExpert;
  const announcement = store.announcement.value;
  return (
    <section class="office-hour-room" aria-labelledby="office-hour-room-title">
      <div class="card office-hour-room-head">
        <h2 id="office-hour-room-title">{t("officeHours.room.title")}</h2>
        <LiveStatus status={store.status.value} />
        <p class="muted small office-hour-presence">
          {store.welcomed.value ? t("officeHours.room.here", { count: presence.length }) : t("common.loading")}
          {" · "}
          {t("officeHours.room.endsIn", { when: relativeToSecond(oh.endsAt, now) })}
        </p>
      </div>
      {/* New questions and answers are told to screen readers without moving the focus. */}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement ? t(announcement.kind === "question" ? "officeHours.room.newQuestion" : "officeHours.room.newAnswer", { name: announcement.name, text: announcement.text }) : ""}
      </div>
      {!store.welcomed.value ? (
        <div class="card">
          <Skeleton lines={3} />
        </div>
      ) : questions.length === 0 ? (
        <div class="card">
          <EmptyState icon="questions" title={t("officeHours.room.empty")}>
            {expert ? t("officeHours.room.emptyExpert") : t("officeHours.room.emptyBody")}
          </EmptyState>
        </div>
      ) : (
        <ol class="office-hour-questions" aria-label={t("officeHours.room.questions")}>
          {questions.map((q) => (
            <RoomQuestionItem key={q.id} q={q} store={store} expert={expert} />
          ))}
        </ol>
      )}
      {store.welcomed.value && !expert && mayAsk ? <AskBox store={store} /> : null}
      {store.welcomed.value && !expert && mayAsk === false ? (
        <p class="card muted office-hour-members-ask">
          {t("officeHours.room.membersAsk")} <a href={`/groups/${encodeURIComponent(oh.groupId)}`}>{t("officeHours.room.toGroup", { name: oh.groupName })}</a>
        </p>
      ) : null}
    </section>
  );
}

function RoomQuestionItem({ q, store, expert }: { q: RoomQuestion; store: OfficeHourRoomStore; expert: boolean }) {
  const answered = q.answers.length > 0;
  return (
    <li class={`card office-hour-question${answered ? " is-answered" : ""}`} data-question={q.id}>
      <div class="office-hour-question-head">
        <Avatar member={q.from} size="sm" />
        <span class="office-hour-question-who">{t("officeHours.room.askedBy", { name: q.from.name })}</span>
        <span class="muted small">
          <RelativeTime at={q.at} />
        </span>
        {answered ? <Badge tone="success">{t("questions.state.answered")}</Badge> : <Badge tone="warning">{t("questions.state.unanswered")}</Badge>}
      </div>
      <p class="office-hour-question-text">{q.text}</p>
      <a class="small" href={questionHref(q.postId)}>
        {t("officeHours.room.thread")}
      </a>
      {q.answers.map((a) => (
        <div key={a.commentId} class="office-hour-answer" data-answer={a.commentId}>
          <p class="small office-hour-answer-who">
            <Icon name="check" size={14} /> {t("officeHours.room.answerBy", { name: a.from.name })}
          </p>
          <p class="office-hour-answer-text">{a.text}</p>
        </div>
      ))}
      {expert && !answered ? <ReplyBox q={q} store={store} /> : null}
    </li>
  );
}

/** A text box that sends through the room and keeps its text when the room refuses it. */
function useRoomDraft(store: OfficeHourRoomStore, questionId: string | null) {
  const [draft, setDraft] = useState("");
  const refused = store.refused.value;
  useEffect(() => {
    if (!refused || refused.questionId !== questionId) return;
    setDraft((current) => (current.trim() ? current : refused.text));
    store.refused.value = null;
  }, [refused]);
  return [draft, setDraft] as const;
}

function ReplyBox({ q, store }: { q: RoomQuestion; store: OfficeHourRoomStore }) {
  const [draft, setDraft] = useRoomDraft(store, q.id);
  const id = `reply-${q.id}`;
  const send = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text || text.length > MAX_CHAT_LENGTH) return;
    if (!store.reply(q.id, text)) {
      toast(t("officeHours.room.notSent"), "error");
      return;
    }
    setDraft("");
  };
  return (
    <form class="office-hour-reply" onSubmit={send}>
      <label for={id} class="small">
        {t("officeHours.room.replyLabel", { name: q.from.name })}
      </label>
      <textarea id={id} rows={2} value={draft} maxLength={MAX_CHAT_LENGTH} onInput={(e) => setDraft(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={!draft.trim()}>
          {t("officeHours.room.reply")}
        </button>
      </div>
    </form>
  );
}

function AskBox({ store }: { store: OfficeHourRoomStore }) {
  const [draft, setDraft] = useRoomDraft(store, null);
  const send = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text || text.length > MAX_CHAT_LENGTH) return;
    if (!store.ask(text)) {
      toast(t("officeHours.room.notSent"), "error");
      return;
    }
    setDraft("");
  };
  return (
    <form class="card office-hour-ask" onSubmit={send} aria-labelledby="office-hour-ask-title">
      <h2 id="office-hour-ask-title" class="office-hour-ask-title">
        {t("officeHours.room.askTitle")}
      </h2>
      <label for="office-hour-ask-text" class="visually-hidden">
        {t("officeHours.room.askLabel")}
      </label>
      <textarea id="office-hour-ask-text" rows={3} value={draft} maxLength={MAX_CHAT_LENGTH} placeholder={t("officeHours.room.askPlaceholder")} onInput={(e) => setDraft(e.currentTarget.value)} />
      <p class="muted small">{t("officeHours.room.askHint")}</p>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={!draft.trim()}>
          {t("officeHours.room.ask")}
        </button>
      </div>
    </form>
  );
}

/** After the end: what was asked, each a thread of the group, answered or still waiting in the group's queue. */
function Ended({ oh }: { oh: OfficeHour }) {
  const [threads, setThreads] = useState<{ status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: Question[] }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    // Read again when the count changes (the view read after the end): what is shown stays until the new list is here.
    setThreads((current) => (current.status === "ready" ? current : { status: "loading" }));
    sessionQuestions(oh).then(
      (items) => live && setThreads({ status: "ready", items }),
      (err) => live && setThreads({ status: "error", message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [oh.id, oh.questionCount, attempt]);
  const now = Date.now();
  return (
    <section class="card office-hour-ended" aria-labelledby="office-hour-ended-title">
      <div role="status">
        <h2 id="office-hour-ended-title">{t("officeHours.hasEnded")}</h2>
      </div>
      <p class="muted">{t("officeHours.endedBody")}</p>
      <h3>{t("officeHours.threads")}</h3>
      {threads.status === "loading" ? (
        <Skeleton lines={3} />
      ) : threads.status === "error" ? (
        <EmptyState role="alert" title={threads.message} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
      ) : threads.items.length === 0 ? (
        <p class="muted">{t("officeHours.noThreads")}</p>
      ) : (
        <ul class="office-hour-threads" aria-label={t("officeHours.threads")}>
          {threads.items.map((q) => (
            <li key={q.id} class="office-hour-thread" data-state={liveState(q, now)}>
              <a href={questionHref(q.id)}>{q.title}</a>
              <span class="muted small"> {t("questions.askedBy", { name: q.author.name })}</span>
              <StateBadge state={liveState(q, now)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
