import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { discardOutboxItem, onDelivered, outbox, sendOrKeep } from "../../outbox";
import { api } from "../../api";
import type { Comment, Page, Post } from "../../api-types";
import { ActionMenu, type MenuAction } from "../../components/action-menu";
import { Avatar } from "../../components/avatar";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { RelativeTime } from "../../components/relative-time";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { me } from "../../session";
import { clearDraft, readDraft, writeDraft } from "./drafts";
import { MentionTextarea } from "./mention-textarea";
import { ReactionBar } from "./reactions";
import { ReportDialog } from "./report-dialog";

const PAGE = 50;

type CommentPages = { cursor: string | null; ids: string[] }[];
export type CommentsState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; pages: CommentPages; byId: Record<string, Comment>; nextCursor: string | null; more: "idle" | "loading" | string };

/**
 * A post's comments, oldest first, kept by page so that one page can be read again when the room says something in it
 * changed: the API has no read of a single comment, and its cursors are opaque, so the page a comment came in (or the
 * last page, for new ones) is fetched again from the cursor that first brought it.
 */
export function useComments(postId: string) {
  const [state, setState] = useState<CommentsState>({ status: "loading" });
  const stateRef = useRef(state);
  stateRef.current = state;
  const path = `/posts/${encodeURIComponent(postId)}/comments`;

  const fetchPage = (cursor: string | null) => api<Page<Comment>>(path, { query: { cursor, limit: PAGE } });

  const load = async () => {
    setState({ status: "loading" });
    try {
      const page = await fetchPage(null);
      setState({ status: "ready", pages: [{ cursor: null, ids: page.items.map((c) => c.id) }], byId: Object.fromEntries(page.items.map((c) => [c.id, c])), nextCursor: page.nextCursor, more: "idle" });
    } catch (err) {
      setState({ status: "error", message: errorText(err) });
    }
  };

  useEffect(() => {
    void load();
  }, [postId]);

  const merge = (index: number, cursor: string | null, page: Page<Comment>, isLast: boolean) =>
    setState((s) => {
      if (s.status !== "ready") return s;
      const pages = [...s.pages];
      pages[index] = { cursor, ids: page.items.map((c) => c.id) };
      const byId = { ...s.byId };
      for (const c of page.items) byId[c.id] = c;
      return { ...s, pages, byId, nextCursor: isLast ? page.nextCursor : s.nextCursor };
    });

  const loadMore = async () => {
    const s = stateRef.current;
    if (s.status !== "ready" || !s.nextCursor) return;
    const cursor = s.nextCursor;
    setState({ ...s, more: "loading" });
    try {
      const page = await fetchPage(cursor);
      setState((cur) => {
        if (cur.status !== "ready") return cur;
        const byId = { ...cur.byId };
        for (const c of page.items) byId[c.id] = c;
        return { ...cur, pages: [...cur.pages, { cursor, ids: page.items.map((c) => c.id) }], byId, nextCursor: page.nextCursor, more: "idle" };
      });
    } catch (err) {
      setState((cur) => (cur.status === "ready" ? { ...cur, more: errorText(err) } : cur));
    }
  };

  /** New comments: read the last page again (when everything before it is loaded). Returns whether it could. */
  const refreshTail = async (): Promise<boolean> => {
    const s = stateRef.current;
    if (s.status !== "ready" || s.nextCursor) return false;
    const index = s.pages.length - 1;
    const cursor = s.pages[index].cursor;
    const page = await fetchPage(cursor);
    merge(index, cursor, page, true);
    return true;
  };

  /** A changed comment (reactions, hidden): read its page again. */
  const refreshComment = async (id: string) => {
    const s = stateRef.current;
    if (s.status !== "ready") return;
    const index = s.pages.findIndex((p) => p.ids.includes(id));
    if (index < 0) return;
    const cursor = s.pages[index].cursor;
    merge(index, cursor, await fetchPage(cursor), index === s.pages.length - 1);
  };

  const put = (comment: Comment) =>
    setState((s) => {
      if (s.status !== "ready") return s;
      const known = comment.id in s.byId;
      const pages = known ? s.pages : s.pages.map((p, i) => (i === s.pages.length - 1 ? { ...p, ids: [...p.ids, comment.id] } : p));
      return { ...s, pages, byId: { ...s.byId, [comment.id]: comment } };
    });

  const patch = (id: string, fn: (c: Comment) => Comment) =>
    setState((s) => (s.status === "ready" && s.byId[id] ? { ...s, byId: { ...s.byId, [id]: fn(s.byId[id]) } } : s));

  const remove = (id: string) =>
    setState((s) => (s.status === "ready" ? { ...s, pages: s.pages.map((p) => ({ ...p, ids: p.ids.filter((x) => x !== id) })) } : s));

  return { state, load, loadMore, refreshTail, refreshComment, put, patch, remove };
}

/** The box to write a comment or a reply; sends typing frames (throttled by the caller) while the member types. */
export function CommentForm({ post, parent, onSent, onCancel, onTyping, initial = "", autoFocus }: { post: Post; parent?: Comment; onSent: (c: Comment) => void; onCancel?: () => void; onTyping?: () => void; initial?: string; autoFocus?: boolean }) {
  // A comment (not a reply, whose box closes) is kept as the post's draft as it is typed (drafts.ts).
  const memberId = me.value?.id;
  const draft = parent ? null : { post: post.id };
  const [body, setBodyState] = useState(() => (draft ? readDraft(memberId, draft) || initial : initial));
  const setBody = (text: string) => {
    setBodyState(text);
    if (draft) writeDraft(memberId, draft, text);
  };
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const id = parent ? `reply-${parent.id}` : `comment-${post.id}`;
  useEffect(() => {
    if (autoFocus) {
      const area = document.getElementById(id) as HTMLTextAreaElement | null;
      area?.focus();
      area?.setSelectionRange(area.value.length, area.value.length);
    }
  }, []);
  const submit = async () => {
    if (!body.trim()) {
      setError(t("comments.empty"));
      return;
    }
    setBusy(true);
    setError("");
    try {
      // Offline, it waits in the outbox (shown under the thread) and goes out with the network.
      const comment = await sendOrKeep<Comment>({ kind: "comment", about: post.id, path: `/posts/${encodeURIComponent(post.id)}/comments`, body: { body: body.trim(), ...(parent ? { parentId: parent.id } : {}) } });
      if (draft) clearDraft(memberId, draft);
      setBodyState("");
      if (comment) onSent(comment);
      else onCancel?.();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class={parent ? "comment-form comment-form-reply" : "comment-form"}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label for={id} class="visually-hidden">
        {parent ? t("comments.replyTo", { name: parent.author.name }) : t("comments.write")}
      </label>
      <MentionTextarea id={id} value={body} onValue={setBody} rows={parent ? 2 : 3} placeholder={parent ? t("comments.replyPlaceholder") : t("comments.placeholder")} onSubmit={submit} onTyping={onTyping} invalid={!!error} describedBy={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions comment-form-actions">
        {onCancel ? (
          <button type="button" class="btn btn-quiet" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.sending") : parent ? t("comments.reply") : t("comments.send")}
        </button>
      </div>
    </form>
  );
}

function EditComment({ comment, onDone }: { comment: Comment; onDone: (c: Comment | null) => void }) {
  const [body, setBody] = useState(comment.body);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const id = `edit-${comment.id}`;
  const save = async () => {
    if (!body.trim()) {
      setError(t("comments.empty"));
      return;
    }
    setBusy(true);
    try {
      onDone(await api<Comment>(`/comments/${encodeURIComponent(comment.id)}`, { method: "PATCH", body: { body: body.trim() } }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="comment-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label for={id} class="visually-hidden">{t("comments.edit")}</label>
      <MentionTextarea id={id} value={body} onValue={setBody} rows={3} onSubmit={save} invalid={!!error} describedBy={error ? `${id}-error` : undefined} />
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
      <div class="actions comment-form-actions">
        <button type="button" class="btn btn-quiet" onClick={() => onDone(null)}>{t("common.cancel")}</button>
        <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? t("common.saving") : t("common.save")}</button>
      </div>
    </form>
  );
}

type CommentActions = { onReply: (c: Comment) => void; onChange: (id: string, fn: (c: Comment) => Comment) => void; onRemove: (id: string) => void; answerBar?: (c: Comment) => ComponentChildren };

function CommentItem({ comment, post, actions }: { comment: Comment; post: Post; actions: CommentActions }) {
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const mine = comment.author.id === me.value?.id;
  const path = `/comments/${encodeURIComponent(comment.id)}`;

  const del = async () => {
    const ok = await confirmAction({ title: t("comments.deleteTitle"), body: t("comments.deleteBody"), confirmLabel: t("common.delete"), danger: true });
    if (!ok) return;
    try {
      await api(path, { method: "DELETE" });
      actions.onRemove(comment.id);
      toast(t("comments.deleted"));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  const moderate = async (hide: boolean) => {
    try {
      await api(`${path}/${hide ? "hide" : "restore"}`, { method: "POST" });
      actions.onChange(comment.id, (c) => ({ ...c, hidden: hide }));
      toast(hide ? t("post.hiddenDone") : t("post.restoredDone"));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  const menu: MenuAction[] = [
    ...(comment.can.edit ? [{ id: "edit", label: t("common.edit"), run: () => setEditing(true) }] : []),
    ...(post.can.moderate ? [{ id: "hide", label: comment.hidden ? t("post.restore") : t("post.hide"), run: () => moderate(!comment.hidden) }] : []),
    ...(!mine ? [{ id: "report", label: t("report.action"), run: () => setReporting(true) }] : []),
    ...(comment.can.delete ? [{ id: "delete", label: t("common.delete"), run: del, danger: true }] : []),
  ];

  return (
    <article class={`comment${comment.hidden ? " post-is-hidden" : ""}`} id={`c-${comment.id}`} aria-labelledby={`c-${comment.id}-by`}>
      <Avatar member={comment.author} size="sm" />
      <div class="comment-main">
        <header class="comment-head">
          <a id={`c-${comment.id}-by`} class="post-author" href={`/people/${encodeURIComponent(comment.author.id)}`}>
            {comment.author.name}
          </a>
          <span class="muted small">
            <RelativeTime at={comment.createdAt} />
            {comment.editedAt ? <span title={formatDateTime(comment.editedAt)}> · {t("post.edited")}</span> : null}
          </span>
          {comment.hidden ? <Badge tone="warning">{t("post.hidden")}</Badge> : null}
          <ActionMenu label={t("comments.actions", { name: comment.author.name })} actions={menu} />
        </header>
        {editing ? (
          <EditComment
            comment={comment}
            onDone={(next) => {
              setEditing(false);
              if (next) actions.onChange(comment.id, () => next);
            }}
          />
        ) : (
          <SafeHtml html={comment.html} class="comment-body" />
        )}
        <div class="comment-foot">
          {!comment.parentId && actions.answerBar ? actions.answerBar(comment) : null}
          <ReactionBar small path={path} state={{ reactions: comment.reactions, myReactions: comment.myReactions }} onChange={(update) => actions.onChange(comment.id, (c) => ({ ...c, ...update({ reactions: c.reactions, myReactions: c.myReactions }) }))} />
          <button type="button" class="btn btn-quiet" onClick={() => actions.onReply(comment)}>
            {t("comments.reply")}
          </button>
        </div>
      </div>
      {reporting ? <ReportDialog path={path} onClose={() => setReporting(false)} /> : null}
    </article>
  );
}

/**
 * The thread: top-level comments in order, each with its replies (one level), and the forms to answer. A question's
 * page passes `answerBar`, shown in each top-level comment's foot (its votes, its support or peer badge, accept).
 */
export function CommentThread({ post, comments, onTyping, answerBar }: { post: Post; comments: ReturnType<typeof useComments>; onTyping: () => void; answerBar?: (c: Comment) => ComponentChildren }) {
  const [replyTo, setReplyTo] = useState<{ threadId: string; to: Comment } | null>(null);
  const { state } = comments;
  if (state.status === "loading") return <Skeleton lines={4} />;
  if (state.status === "error") {
    return <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={comments.load}>{t("common.retry")}</button>} />;
  }
  const all = state.pages.flatMap((p) => p.ids).map((id) => state.byId[id]).filter(Boolean);
  const ids = new Set(all.map((c) => c.id));
  const top = all.filter((c) => !c.parentId || !ids.has(c.parentId));
  const replies = new Map<string, Comment[]>();
  for (const c of all) if (c.parentId && ids.has(c.parentId)) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  const actions: CommentActions = {
    onReply: (c) => setReplyTo({ threadId: c.parentId && ids.has(c.parentId) ? c.parentId : c.id, to: c }),
    onChange: comments.patch,
    onRemove: comments.remove,
    answerBar,
  };
  const added = (c: Comment) => comments.put(c);
  return (
    <div class="comments">
      <WaitingComments postId={post.id} onDelivered={added} />
      {top.length === 0 ? <p class="muted">{t("comments.none")}</p> : null}
      <ol class="comment-list" aria-label={t("comments.title")}>
        {top.map((c) => (
          <li key={c.id}>
            <CommentItem comment={c} post={post} actions={actions} />
            {(replies.get(c.id)?.length || replyTo?.threadId === c.id) ? (
              <ol class="reply-list" aria-label={t("comments.repliesTo", { name: c.author.name })}>
                {(replies.get(c.id) ?? []).map((r) => (
                  <li key={r.id}>
                    <CommentItem comment={r} post={post} actions={actions} />
                  </li>
                ))}
                {replyTo?.threadId === c.id ? (
                  <li>
                    <CommentForm
                      post={post}
                      parent={replyTo.to}
                      initial={replyTo.to.author.id !== me.value?.id ? `@${replyTo.to.author.handle} ` : ""}
                      autoFocus
                      onTyping={onTyping}
                      onCancel={() => setReplyTo(null)}
                      onSent={(reply) => {
                        setReplyTo(null);
                        added(reply);
                      }}
                    />
                  </li>
                ) : null}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      {state.nextCursor ? (
        <div class="load-more">
          {state.more !== "idle" && state.more !== "loading" ? <p class="field-error" role="alert">{state.more}</p> : null}
          <button type="button" class="btn btn-secondary" onClick={comments.loadMore} disabled={state.more === "loading"}>
            {state.more === "loading" ? t("common.loading") : t("comments.more")}
          </button>
        </div>
      ) : null}
      <CommentForm post={post} onTyping={onTyping} onSent={added} />
    </div>
  );
}

/** This post's comments written offline: waiting for the network, being sent, or refused (to discard). */
function WaitingComments({ postId, onDelivered: delivered }: { postId: string; onDelivered: (c: Comment) => void }) {
  useEffect(() => onDelivered((item, answer) => {
    if (item.kind === "comment" && item.about === postId) delivered(answer as Comment);
  }), [postId]);
  const mine = outbox.value.filter((i) => i.kind === "comment" && i.about === postId);
  if (mine.length === 0) return null;
  return (
    <ul class="outbox-list" aria-label={t("outbox.title")}>
      {mine.map((item) => (
        <li key={item.id} class={`outbox-item outbox-${item.state}`}>
          <p class="outbox-text">{String(item.body?.body ?? "")}</p>
          <p class="muted small" role="status">
            {item.state === "failed" ? t("outbox.failed", { reason: item.error ?? "" }) : item.state === "sending" ? t("outbox.sending") : t("outbox.waiting")}
          </p>
          {item.state === "failed" ? (
            <button type="button" class="btn btn-quiet" onClick={() => discardOutboxItem(item.id)}>
              {t("outbox.discard")}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
