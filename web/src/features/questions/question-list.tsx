import { api } from "../../api";
import type { Page, Question } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { Countdown, liveState, questionHref, StateBadge, useNow } from "./questions-shared";
import "./questions.css";

export type QuestionFilter = { state: "unanswered" | "overdue" | "answered" | "all"; groupId?: string; tag?: string; mine?: boolean };

/** One row: title, group, state, deadline and time left, answer count, who asked and when. */
export function QuestionRow({ q, showGroup = true }: { q: Question; showGroup?: boolean }) {
  const now = useNow(q.answeredAt === null ? q.deadlineAt : null);
  const state = liveState(q, now);
  return (
    <li class="card question-row" data-state={state}>
      <div class="question-row-head">
        <a class="question-row-title" href={questionHref(q.id)}>
          {q.title}
        </a>
        <StateBadge state={state} />
        {q.acceptedCommentId ? <span class="badge badge-success">{t("questions.hasAccepted")}</span> : null}
      </div>
      <p class="muted small question-row-meta">
        {showGroup ? (
          <>
            <a href={`/groups/${encodeURIComponent(q.groupId)}/questions`}>{q.group.name}</a>
            {" · "}
          </>
        ) : null}
        {t("questions.askedBy", { name: q.author.name })} <RelativeTime at={q.createdAt} />
      </p>
      <p class="small question-row-facts">
        <Countdown q={q} />
        <span class="question-row-count">{t("questions.answerCount", { count: q.commentCount })}</span>
      </p>
      {q.tags.length ? (
        <ul class="question-tags" aria-label={t("questions.tags")}>
          {q.tags.map((tag) => (
            <li key={tag} class="badge badge-neutral">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** A page of questions from GET /questions, with "Load more"; `keep` filters what is shown (e.g. my groups only). */
export function QuestionList({ filter, keep, empty, showGroup = true, reloadKey = 0 }: { filter: QuestionFilter; keep?: (q: Question) => boolean; empty: string; showGroup?: boolean; reloadKey?: number }) {
  const key = JSON.stringify([filter, reloadKey]);
  const list = usePaged<Question>(key, (cursor, signal) =>
    api<Page<Question>>("/questions", { query: { state: filter.state, groupId: filter.groupId, tag: filter.tag, mine: filter.mine ? "1" : undefined, cursor, limit: 30 }, signal }),
  );
  const s = list.state;
  if (s.status === "loading") {
    return (
      <div class="card">
        <Skeleton lines={4} />
      </div>
    );
  }
  if (s.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={s.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  const items = keep ? s.items.filter(keep) : s.items;
  return (
    <>
      {items.length ? (
        <ul class="question-list" aria-label={t("questions.listLabel")}>
          {items.map((q) => (
            <QuestionRow key={q.id} q={q} showGroup={showGroup} />
          ))}
        </ul>
      ) : (
        <div class="card">
          <EmptyState icon="questions" title={empty} />
        </div>
      )}
      <LoadMore state={s} onLoad={list.loadMore} />
    </>
  );
}
