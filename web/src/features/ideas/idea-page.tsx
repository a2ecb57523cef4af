import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Campaign, Idea, IdeaStatus, IdeaStatusBody, Page, Post } from "../../api-types";
import { ActionMenu, type MenuAction } from "../../components/action-menu";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { DialogFooter, Modal } from "../../components/modal";
import { usePageTitle } from "../../components/page-title";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { CommentThread, useComments } from "../posts/comments";
import { PostCard } from "../posts/post-card";
import { EditPost } from "../posts/post-page";
import { ReportDialog } from "../posts/report-dialog";
import { me } from "../../session";
import { boxHref, campaignHref, ideaHref, NEXT_STATUSES, StatusBadge, statusLabel, SupportButton, type SupportContext } from "./ideas-shared";

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; idea: Idea };

/** The animator's status dialog: only the statuses the funnel allows from here; a reason, required to decline. */
function StatusDialog({ idea, onDone, onClose }: { idea: Idea; onDone: (idea: Idea) => void; onClose: () => void }) {
  const choices = NEXT_STATUSES[idea.status];
  const [status, setStatus] = useState<IdeaStatus>(choices[0]);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (status === "declined" && !reason.trim()) {
      setReasonError(t("ideas.statusDialog.reasonRequired"));
      return;
    }
    setReasonError("");
    setBusy(true);
    setError("");
    try {
      const body: IdeaStatusBody = { status, reason: reason.trim() };
      const next = await api<Idea>(`/ideas/${encodeURIComponent(idea.id)}/status`, { method: "PATCH", body });
      toast(t("ideas.statusDialog.done", { status: statusLabel(next.status) }));
      onDone(next);
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.some((i) => i.path.startsWith("reason"))) setReasonError(err.fieldIssues.find((i) => i.path.startsWith("reason"))!.message);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal id="idea-status" title={t("ideas.statusDialog.title")} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset class="choice-group">
          <legend>{t("ideas.statusDialog.to", { status: statusLabel(idea.status) })}</legend>
          {choices.map((s) => (
            <label key={s} class="check">
              <input type="radio" name="idea-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
              <span>{statusLabel(s)}</span>
            </label>
          ))}
        </fieldset>
        <Field id="idea-reason" label={status === "declined" ? t("ideas.statusDialog.reasonRequiredLabel") : t("ideas.statusDialog.reason")} hint={t("ideas.statusDialog.reasonHint")} error={reasonError}>
          <textarea id="idea-reason" rows={4} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...describedBy("idea-reason", "hint", reasonError)} />
        </Field>
        <DialogFooter error={error} busy={busy} submitLabel={t("ideas.statusDialog.submit")} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** "Merge into…": another idea of the same campaign or box keeps the supports (one per member); this one points to it. */
function MergeDialog({ idea, onClose }: { idea: Idea; onClose: () => void }) {
  const { route } = useLocation();
  const [others, setOthers] = useState<Idea[] | null>(null);
  const [loadError, setLoadError] = useState("");
  const [into, setInto] = useState("");
  const [filter, setFilter] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const base = idea.campaignId ? `/campaigns/${encodeURIComponent(idea.campaignId)}/ideas` : idea.boxGroupId ? `/groups/${encodeURIComponent(idea.boxGroupId)}/ideas` : null;
  useEffect(() => {
    if (!base) return;
    api<Page<Idea>>(base, { query: { sort: "supports", limit: 100 } }).then(
      (page) => setOthers(page.items.filter((i) => i.id !== idea.id && !i.mergedInto)),
      (err) => setLoadError(errorText(err)),
    );
  }, [base]);
  const shown = (others ?? []).filter((i) => !filter.trim() || i.title.toLowerCase().includes(filter.trim().toLowerCase()));
  const submit = async () => {
    const kept = others?.find((i) => i.id === into);
    if (!kept) {
      setError(t("ideas.merge.pick"));
      return;
    }
    const ok = await confirmAction({ title: t("ideas.merge.confirmTitle"), body: t("ideas.merge.confirmBody", { title: kept.title }), confirmLabel: t("ideas.merge.submit") });
    if (!ok) return;
    setBusy(true);
    setError("");
    try {
      const result = await api<Idea>(`/ideas/${encodeURIComponent(idea.id)}/merge`, { body: { intoId: kept.id } });
      toast(t("ideas.merge.done"));
      onClose();
      route(ideaHref(result.id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal id="idea-merge" title={t("ideas.merge.title")} onClose={onClose} wide>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p class="muted small">{t("ideas.merge.hint")}</p>
        <Field id="merge-filter" label={t("ideas.merge.filter")}>
          <input id="merge-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </Field>
        {loadError ? (
          <p class="alert alert-danger" role="alert">
            {loadError}
          </p>
        ) : others === null ? (
          <Skeleton lines={3} />
        ) : !shown.length ? (
          <p class="muted">{t("ideas.merge.none")}</p>
        ) : (
          <fieldset class="choice-group merge-list">
            <legend class="visually-hidden">{t("ideas.merge.into")}</legend>
            {shown.map((i) => (
              <label key={i.id} class="check">
                <input type="radio" name="merge-into" value={i.id} checked={into === i.id} onChange={() => setInto(i.id)} />
                <span>
                  {i.title} <span class="muted small">· {t("ideas.supports", { count: i.supportCount })}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <DialogFooter error={error} busy={busy} submitLabel={t("ideas.merge.submit")} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Where the idea stands: every step of the funnel with its reason, who and when. */
function History({ idea }: { idea: Idea }) {
  return (
    <section class="card" aria-labelledby="idea-history-title">
      <h2 id="idea-history-title">{t("ideas.history.title")}</h2>
      {idea.history.length ? (
        <ol class="idea-history">
          {idea.history.map((h, index) => (
            <li key={`${h.at}-${index}`}>
              <div class="badge-row">
                <StatusBadge status={h.status} />
                <span class="muted small">
                  {h.by ? t("ideas.history.by", { name: h.by.name }) : null} · <RelativeTime at={h.at} />
                </span>
              </div>
              {h.reason ? <p class="idea-reason">{h.reason}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t("ideas.history.none")}</p>
      )}
    </section>
  );
}

/** `/ideas/:id`: the idea as a post (comments and all), its status and history, its supports, and the managers' tools. */
export function IdeaPage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [dialog, setDialog] = useState<"status" | "merge" | "report" | null>(null);
  const [editing, setEditing] = useState(false);
  const { route } = useLocation();
  const comments = useComments(id);
  usePageTitle(state.status === "ready" ? state.idea.title : t("nav.ideas"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    api<Idea>(`/ideas/${encodeURIComponent(id)}`).then(
      (idea) => {
        if (!live) return;
        setState({ status: "ready", idea });
        if (idea.campaignId) api<Campaign>(`/campaigns/${encodeURIComponent(idea.campaignId)}`).then((c) => live && setCampaign(c), () => {});
        else setCampaign(null);
      },
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

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
        <a class="back-link" href="/ideas">
          ‹ {t("nav.ideas")}
        </a>
        <div class="card">
          <EmptyState role="alert" title={state.missing ? t("ideas.missing") : state.message} action={state.missing ? <a class="btn btn-secondary" href="/ideas">{t("nav.ideas")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
        </div>
      </section>
    );
  }

  const idea = state.idea;
  const setIdea = (fn: (i: Idea) => Idea) => setState((s) => (s.status === "ready" ? { ...s, idea: fn(s.idea) } : s));
  const back = idea.campaignId ? campaignHref(idea.campaignId) : idea.boxGroupId ? boxHref(idea.boxGroupId) : "/ideas";
  const ctx: SupportContext = {
    state: campaign?.state ?? null,
    limit: campaign?.supportLimit ?? null,
    mine: campaign?.mySupports ?? 0,
    limitAtLoad: !!campaign && campaign.supportLimit !== null && campaign.mySupports >= campaign.supportLimit,
  };
  const menu: MenuAction[] = idea.can.manage
    ? [
        ...(NEXT_STATUSES[idea.status].length && !idea.mergedInto ? [{ id: "status", label: t("ideas.statusDialog.open"), run: () => setDialog("status") }] : []),
        ...(!idea.mergedInto && (idea.campaignId || idea.boxGroupId) ? [{ id: "merge", label: t("ideas.merge.open"), run: () => setDialog("merge") }] : []),
      ]
    : [];

  const path = `/posts/${encodeURIComponent(idea.id)}`;
  const withdraw = async () => {
    const ok = await confirmAction({ title: t("ideas.withdrawTitle"), body: t("ideas.withdrawBody"), confirmLabel: t("ideas.withdraw"), danger: true });
    if (!ok) return;
    try {
      await api(path, { method: "DELETE" });
      toast(t("ideas.withdrawn"));
      route(back);
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  // The author edits or withdraws it as any post, until it is studied (the server's `can` says when).
  const postMenu: MenuAction[] = [
    ...(idea.can.edit ? [{ id: "edit", label: t("common.edit"), run: () => setEditing(true) }] : []),
    ...(idea.author.id !== me.value?.id ? [{ id: "report", label: t("report.action"), run: () => setDialog("report") }] : []),
    ...(idea.can.delete ? [{ id: "delete", label: t("ideas.withdraw"), run: withdraw, danger: true }] : []),
  ];

  return (
    <section class="page idea-page">
      <a class="back-link" href={back}>
        ‹ {campaign ? campaign.title : t("nav.ideas")}
      </a>
      <h1 class="idea-page-title">{idea.title}</h1>
      {idea.mergedInto ? (
        <p class="alert alert-warning" role="status">
          {t("ideas.mergedNote")} <a href={ideaHref(idea.mergedInto)}>{t("ideas.mergedLink")}</a>
        </p>
      ) : null}
      <div class="card idea-summary">
        <div class="badge-row">
          <StatusBadge status={idea.status} />
        </div>
        <SupportButton
          idea={idea}
          ctx={ctx}
          onChange={(next, delta) => {
            setIdea(() => next);
            setCampaign((c) => (c ? { ...c, mySupports: Math.max(0, c.mySupports + delta) } : c));
          }}
        />
        {menu.length ? (
          <div class="actions idea-manage">
            {menu.map((m) => (
              <button key={m.id} type="button" class="btn btn-secondary" onClick={m.run}>
                {m.label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {editing ? (
        <EditPost
          post={idea}
          onDone={(next) => {
            setEditing(false);
            if (next) setIdea((i) => ({ ...i, ...next, can: i.can }));
          }}
        />
      ) : (
        <PostCard post={idea} detail onChange={(update: (p: Post) => Post) => setIdea((i) => ({ ...i, ...update(i), can: i.can }))} actions={postMenu.length ? <ActionMenu label={t("post.actions")} actions={postMenu} /> : undefined} />
      )}
      <History idea={idea} />
      <section class="card" id="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">{t("comments.heading", { count: idea.commentCount })}</h2>
        <CommentThread post={idea} comments={comments} onTyping={() => {}} />
      </section>
      {dialog === "status" ? (
        <StatusDialog
          idea={idea}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            setIdea((i) => ({ ...i, ...next }));
          }}
        />
      ) : null}
      {dialog === "merge" ? <MergeDialog idea={idea} onClose={() => setDialog(null)} /> : null}
      {dialog === "report" ? <ReportDialog path={path} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
