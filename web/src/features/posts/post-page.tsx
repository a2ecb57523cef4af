import { useLocation, useRoute } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Post } from "../../api-types";
import { ActionMenu, type MenuAction } from "../../components/action-menu";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import type { LiveRoom } from "../../live/room";
import { useRoom } from "../../live/use-room";
import { me } from "../../session";
import { CommentThread, useComments } from "./comments";
import { MentionTextarea } from "./mention-textarea";
import { groupHref, PostCard } from "./post-card";
import { ReportDialog } from "./report-dialog";
import { ThreadControls } from "./thread-controls";
import "./posts.css";
import { FaqFromQuestion } from "../knowledge/faq-from-question";

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; post: Post };

const TYPING_SHOWN_MS = 6_000;
const TYPING_EVERY_MS = 3_000;

export function EditPost({ post, onDone }: { post: Post; onDone: (p: Post | null) => void }) {
  const [body, setBody] = useState(post.body);
  const [title, setTitle] = useState(post.title);
  const [url, setUrl] = useState(post.url ?? "");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const link = post.kind === "link";
  const save = async () => {
    if (!body.trim()) {
      setError(t("composer.bodyRequired"));
      return;
    }
    setBusy(true);
    setError("");
    try {
      onDone(await api<Post>(`/posts/${encodeURIComponent(post.id)}`, { method: "PATCH", body: { body: body.trim(), ...(link ? { title: title.trim(), url: url.trim() } : {}) } }));
      toast(t("post.saved"));
    } catch (err) {
      const issues = err instanceof ApiError ? err.fieldIssues.map((i) => `${i.path}: ${i.message}`).join(" · ") : "";
      setError(issues ? `${errorText(err)} (${issues})` : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" aria-label={t("post.editTitle")} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2>{t("post.editTitle")}</h2>
      {link ? (
        <>
          <div class="field">
            <label for="edit-url">{t("composer.url")}</label>
            <input id="edit-url" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="edit-title">{t("composer.title")}</label>
            <input id="edit-title" type="text" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
        </>
      ) : null}
      <div class="field">
        <label for="edit-body">{t("composer.body")}</label>
        <MentionTextarea id="edit-body" value={body} onValue={setBody} rows={8} onSubmit={save} invalid={!!error} describedBy={error ? "edit-body-error" : undefined} />
      </div>
      {error ? (
        <p id="edit-body-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function TypingLine({ typing, room }: { typing: Record<string, number>; room: LiveRoom<"group-room"> | null }) {
  const ids = Object.keys(typing);
  if (!ids.length) return <p class="typing muted small" aria-live="polite" />;
  const presence = room?.presence.value ?? [];
  const names = ids.map((id) => presence.find((m) => m.id === id)?.name).filter((n): n is string => !!n);
  const text = names.length === 0 ? t("typing.someone") : names.length === 1 ? t("typing.one", { name: names[0] }) : t("typing.many", { names: names.join(", ") });
  return (
    <p class="typing muted small" aria-live="polite">
      {text}
    </p>
  );
}

/** `/posts/:id`: one post with its comments; new comments, reactions and who is typing arrive live. */
export function PostPage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [typing, setTyping] = useState<Record<string, number>>({});
  const [moreBelow, setMoreBelow] = useState(false);
  const lastTyping = useRef(0);
  const comments = useComments(id);
  const post = state.status === "ready" ? state.post : null;
  usePageTitle(post ? post.title || t("post.byTitle", { name: post.author.name }) : t("nav.home"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    setEditing(false);
    api<Post>(`/posts/${encodeURIComponent(id)}`).then(
      (p) => {
        if (!live) return;
        // A question has its own page (votes, accept, the countdown); links and notifications to the post lead there.
        if (p.kind === "question") route(`/questions/${encodeURIComponent(p.id)}${location.hash}`, true);
        else setState({ status: "ready", post: p });
      },
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  // Names fade from "is typing…" a few seconds after their last frame.
  useEffect(() => {
    const ids = Object.keys(typing);
    if (!ids.length) return;
    const next = Math.min(...Object.values(typing)) - Date.now();
    const timer = setTimeout(() => setTyping((cur) => Object.fromEntries(Object.entries(cur).filter(([, until]) => until > Date.now()))), Math.max(50, next));
    return () => clearTimeout(timer);
  }, [typing]);

  // A link to a comment (#c-…) or to the comments (#comments): scroll there once both are on screen.
  const scrolled = useRef<string | null>(null);
  const ready = state.status === "ready" && comments.state.status === "ready";
  useEffect(() => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!ready || !hash || scrolled.current === `${id}#${hash}`) return;
    scrolled.current = `${id}#${hash}`;
    const target = document.getElementById(hash);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    if (hash.startsWith("c-")) target.classList.add("comment-target");
  }, [ready, id]);

  const setPost = (fn: (p: Post) => Post) => setState((s) => (s.status === "ready" ? { ...s, post: fn(s.post) } : s));
  const myId = me.value?.id;

  const refreshReactions = async () => {
    try {
      const fresh = await api<Post>(`/posts/${encodeURIComponent(id)}`);
      setPost((p) => ({ ...p, reactions: fresh.reactions, myReactions: fresh.myReactions, commentCount: fresh.commentCount }));
    } catch {
      // The counts stay as they were; the next event or visit corrects them.
    }
  };

  const room = useRoom("group-room", post?.groupId ?? null, (frame) => {
    if (frame.type === "reload") {
      setAttempt((n) => n + 1);
      void comments.load();
      return;
    }
    if (frame.type === "typing") {
      if (frame.postId === id && frame.userId !== myId) setTyping((cur) => ({ ...cur, [frame.userId]: Date.now() + TYPING_SHOWN_MS }));
      return;
    }
    if (frame.data.postId !== id) return;
    if (frame.name === "comment.created") {
      const { authorId, commentId } = frame.data;
      setTyping((cur) => Object.fromEntries(Object.entries(cur).filter(([k]) => k !== authorId)));
      if (comments.state.status === "ready" && commentId in comments.state.byId) return;
      comments.refreshTail().then(
        (done) => {
          if (!done) setMoreBelow(true);
        },
        () => setMoreBelow(true),
      );
    } else if (frame.name === "reaction.changed" && frame.data.userId !== myId) {
      if (frame.data.targetType === "post") void refreshReactions();
      else comments.refreshComment(frame.data.targetId).catch(() => {});
    }
  });

  const sendTyping = () => {
    const now = Date.now();
    if (now - lastTyping.current < TYPING_EVERY_MS) return;
    // Not connected yet: the next keystroke tries again.
    if (room?.send({ type: "typing", postId: id })) lastTyping.current = now;
  };

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card"><Skeleton lines={6} /></div>
      </section>
    );
  }
  if (state.status === "error") {
    return (
      <section class="page">
        <h1>{state.missing ? t("post.missingTitle") : t("nav.home")}</h1>
        <div class="card">
          <EmptyState
            role="alert"
            title={state.missing ? t("post.missing") : state.message}
            action={state.missing ? <a class="btn btn-secondary" href="/">{t("notFound.action")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      </section>
    );
  }

  const p = state.post;
  const path = `/posts/${encodeURIComponent(p.id)}`;
  const act = async (run: () => Promise<unknown>, done: string, apply: (p: Post) => Post) => {
    try {
      await run();
      setPost(apply);
      toast(done);
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  const del = async () => {
    const ok = await confirmAction({ title: t("post.deleteTitle"), body: t("post.deleteBody"), confirmLabel: t("common.delete"), danger: true });
    if (!ok) return;
    try {
      await api(path, { method: "DELETE" });
      toast(t("post.deleted"));
      route(groupHref(p.groupId));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  const menu: MenuAction[] = [
    ...(p.can.edit ? [{ id: "edit", label: t("common.edit"), run: () => setEditing(true) }] : []),
    ...(p.can.moderate
      ? [
          { id: "pin", label: p.pinned ? t("post.unpin") : t("post.pin"), run: () => act(() => api(`${path}/pin`, { method: p.pinned ? "DELETE" : "PUT" }), p.pinned ? t("post.unpinned") : t("post.pinnedDone"), (x) => ({ ...x, pinned: !p.pinned })) },
          { id: "hide", label: p.hidden ? t("post.restore") : t("post.hide"), run: () => act(() => api(`${path}/${p.hidden ? "restore" : "hide"}`, { method: "POST" }), p.hidden ? t("post.restoredDone") : t("post.hiddenDone"), (x) => ({ ...x, hidden: !p.hidden })) },
        ]
      : []),
    ...(p.author.id !== myId ? [{ id: "report", label: t("report.action"), run: () => setReporting(true) }] : []),
    ...(p.can.delete ? [{ id: "delete", label: t("common.delete"), run: del, danger: true }] : []),
  ];

  // Once every comment is loaded the count is what is on screen (live additions included); before, the server's.
  const cs = comments.state;
  const commentCount = cs.status === "ready" && !cs.nextCursor ? cs.pages.reduce((n, page) => n + page.ids.length, 0) : p.commentCount;

  return (
    <section class="page post-page">
      <a class="back-link" href={groupHref(p.groupId)}>
        ‹ {p.group.name}
      </a>
      <h1 class="visually-hidden">{p.title || t("post.byTitle", { name: p.author.name })}</h1>
      {editing ? (
        <EditPost
          post={p}
          onDone={(next) => {
            setEditing(false);
            if (next) setPost((cur) => ({ ...cur, ...next }));
          }}
        />
      ) : (
        <PostCard post={p} onChange={setPost} detail actions={<ActionMenu label={t("post.actions")} actions={menu} />} />
      )}
      {!editing ? <ThreadControls post={p} onChange={(thread) => setPost((cur) => ({ ...cur, thread }))} /> : null}
      <FaqFromQuestion post={p} />
      <section class="card" id="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">{t("comments.heading", { count: commentCount })}</h2>
        {moreBelow ? (
          <p class="alert alert-warning" role="status">
            {t("comments.newBelow")}
          </p>
        ) : null}
        <CommentThread post={p} comments={comments} onTyping={sendTyping} />
        <TypingLine typing={typing} room={room} />
      </section>
      {reporting ? <ReportDialog path={path} onClose={() => setReporting(false)} /> : null}
    </section>
  );
}
