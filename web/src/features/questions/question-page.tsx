import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Comment, OfficeHour, Post, Question } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icons";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { useRoom } from "../../live/use-room";
import { me } from "../../session";
import { CommentThread, useComments } from "../posts/comments";
import { PostCard } from "../posts/post-card";
import { answerOf, Countdown, fetchQuestion, liveState, promiseText, StateBadge, useNow, usePromise } from "./questions-shared";
import "../posts/posts.css";
import "./questions.css";
import "../office-hours/office-hours.css";

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; question: Question };

/** Up-vote (one per member, withdrawable; disabled on one's own answer), the count, the support/peer and accepted marks, Accept. */
function AnswerBar({ comment, question, onVoted, onAccept }: { comment: Comment; question: Question; onVoted: (votedByMe: boolean) => void; onAccept: (c: Comment) => void }) {
  const [busy, setBusy] = useState(false);
  const a = answerOf(comment);
  if (!a) return null;
  const own = comment.author.id === me.value?.id;
  const vote = async () => {
    const next = !a.votedByMe;
    setBusy(true);
    onVoted(next);
    try {
      await api(`/comments/${encodeURIComponent(comment.id)}/vote`, { method: next ? "PUT" : "DELETE" });
    } catch (err) {
      onVoted(!next);
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const selfAnswer = comment.author.id === question.author.id;
  return (
    <div class="answer-bar">
      <button
        type="button"
        class={`btn btn-secondary vote-button${a.votedByMe ? " vote-on" : ""}`}
        aria-pressed={a.votedByMe}
        disabled={busy || !a.canVote}
        title={own ? t("questions.vote.own") : undefined}
        aria-label={t("questions.vote.label", { name: comment.author.name, count: a.votes })}
        onClick={vote}
      >
        <span aria-hidden="true">▲</span>
        <span class="vote-count">{a.votes}</span>
      </button>
      {a.accepted ? (
        <Badge tone="success">
          <Icon name="check" size={14} /> {t("questions.accepted")}
        </Badge>
      ) : null}
      {selfAnswer ? null : a.support ? <Badge tone="accent">{t("questions.supportAnswer")}</Badge> : <Badge tone="neutral">{t("questions.peerAnswer")}</Badge>}
      {question.canAccept && !a.accepted ? (
        <button type="button" class="btn btn-quiet accept-button" onClick={() => onAccept(comment)}>
          {t("questions.accept")}
        </button>
      ) : null}
    </div>
  );
}

/** The question's facts: state, promise, deadline and time left (counting down live), when it was answered. */
function QuestionFacts({ q }: { q: Question }) {
  const promise = usePromise(q.groupId);
  const now = useNow(q.answeredAt === null ? q.deadlineAt : null);
  const state = liveState(q, now);
  return (
    <section class="card question-facts" aria-label={t("questions.facts")}>
      <div class="question-facts-head">
        <StateBadge state={state} />
        <Countdown q={q} />
      </div>
      <dl class="facts">
        <dt>{t("questions.promiseLabel")}</dt>
        <dd>{promise ? promiseText(promise) : "…"}</dd>
        {q.deadlineAt !== null ? (
          <>
            <dt>{t("questions.deadline")}</dt>
            <dd>
              <time dateTime={new Date(q.deadlineAt).toISOString()}>{formatDateTime(q.deadlineAt)}</time>
            </dd>
          </>
        ) : null}
        {q.answeredAt !== null ? (
          <>
            <dt>{t("questions.firstAnswer")}</dt>
            <dd>
              <time dateTime={new Date(q.answeredAt).toISOString()}>{formatDateTime(q.answeredAt)}</time>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** "Asked during the office hour «topic»", linking to the session (its topic read from the API; a plain link until then). */
function AskedInOfficeHour({ id }: { id: string }) {
  const [topic, setTopic] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<OfficeHour>(`/office-hours/${encodeURIComponent(id)}`).then(
      (oh) => live && setTopic(oh.topic),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <p class="card question-office-hour small">
      <a href={`/office-hours/${encodeURIComponent(id)}`}>{topic === null ? t("officeHours.askedDuringOne") : t("officeHours.askedDuring", { topic })}</a>
    </p>
  );
}

/** `/questions/:id`: the question (the post's own card), its facts and countdown, and its answers by votes then time. */
export function QuestionPage({ id }: { id: string }) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const comments = useComments(id);
  const q = state.status === "ready" ? state.question : null;
  usePageTitle(q ? q.title : t("nav.questions"));
  const myId = me.value?.id;

  const load = async (quiet: boolean) => {
    if (!quiet) setState({ status: "loading" });
    try {
      const post = await api<Post>(`/posts/${encodeURIComponent(id)}`);
      const question = await fetchQuestion(id, post.groupId);
      if (!question) throw new ApiError(404, "not_found", "");
      setState({ status: "ready", question });
    } catch (err) {
      if (!quiet) setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 });
    }
  };
  useEffect(() => {
    void load(false);
  }, [id, attempt]);

  // New answers arrive live through the group's room: the thread's tail and the question's facts are read again.
  const refreshing = useRef(false);
  useRoom("group-room", q?.groupId ?? null, (frame) => {
    if (frame.type === "reload") {
      void comments.load();
      void load(true);
      return;
    }
    if (frame.type !== "event" || frame.name !== "comment.created" || frame.data.postId !== id) return;
    if (comments.state.status === "ready" && frame.data.commentId in comments.state.byId) return;
    if (refreshing.current) return;
    refreshing.current = true;
    comments
      .refreshTail()
      .catch(() => {})
      .finally(() => {
        refreshing.current = false;
      });
    void load(true);
  });

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card">
          <Skeleton lines={6} />
        </div>
      </section>
    );
  }
  if (state.status === "error") {
    return (
      <section class="page">
        <h1>{state.missing ? t("questions.missingTitle") : t("nav.questions")}</h1>
        <div class="card">
          <EmptyState
            role="alert"
            title={state.missing ? t("questions.missing") : state.message}
            action={state.missing ? <a class="btn btn-secondary" href="/questions">{t("questions.back")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      </section>
    );
  }

  const question = state.question;
  const setQuestion = (fn: (x: Question) => Question) => setState((s) => (s.status === "ready" ? { ...s, question: fn(s.question) } : s));

  const vote = (c: Comment, votedByMe: boolean) =>
    comments.patch(c.id, (x) => {
      const a = answerOf(x);
      return a ? ({ ...x, answer: { ...a, votedByMe, votes: a.votes + (votedByMe ? 1 : -1) } } as Comment) : x;
    });

  const accept = async (c: Comment) => {
    try {
      const next = await api<Question>(`/posts/${encodeURIComponent(question.id)}/accept`, { method: "POST", body: { commentId: c.id } });
      setQuestion((x) => ({ ...x, ...next }));
      const cs = comments.state;
      if (cs.status === "ready") {
        for (const cid of Object.keys(cs.byId)) {
          comments.patch(cid, (x) => {
            const a = answerOf(x);
            return a ? ({ ...x, answer: { ...a, accepted: x.id === c.id } } as Comment) : x;
          });
        }
      }
      toast(t("questions.acceptedDone"));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };

  const cs = comments.state;
  const answerCount = cs.status === "ready" ? cs.pages.flatMap((p) => p.ids).filter((cid) => cs.byId[cid] && !cs.byId[cid].parentId).length : 0;

  return (
    <section class="page question-page post-page">
      <a class="back-link" href={`/groups/${encodeURIComponent(question.groupId)}/questions`}>
        ‹ {question.group.name}
      </a>
      <h1 class="visually-hidden">{question.title}</h1>
      {question.officeHourId ? <AskedInOfficeHour id={question.officeHourId} /> : null}
      <QuestionFacts q={question} />
      <PostCard post={question} onChange={(fn) => setQuestion((x) => ({ ...x, ...fn(x) }))} detail />
      <section class="card" id="comments" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("questions.answers", { count: answerCount })}</h2>
        <p class="muted small">{t("questions.answersHint")}</p>
        <CommentThread
          post={question}
          comments={comments}
          onTyping={() => {}}
          answerBar={(c) => <AnswerBar comment={c} question={question} onVoted={(on) => vote(c, on)} onAccept={accept} />}
        />
      </section>
      {myId === question.author.id && question.state !== "answered" ? <p class="muted small">{t("questions.ownHint")}</p> : null}
    </section>
  );
}
