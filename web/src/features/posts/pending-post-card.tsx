import { Avatar } from "../../components/avatar";
import { Badge } from "../../components/badge";
import { Icon } from "../../components/icons";
import { t } from "../../i18n";
import { me } from "../../session";
import { discardPost, retryPost, type PendingPost } from "./outbox";
import { firstLookLabel } from "./post-card";

// Its own chunk (post-list.tsx loads it lazily, the composer early): the first page does not carry it.

/** My post while it is on its way (or refused): what I wrote, as plain text, with its state. */
export function PendingPostCard({ pending, showGroup }: { pending: PendingPost; showGroup?: boolean }) {
  const user = me.value;
  const { draft } = pending;
  const sending = pending.status === "sending";
  return (
    <article class={`card post post-pending${pending.status === "failed" ? " post-failed" : ""}`} aria-busy={sending} aria-label={sending ? t("post.sending") : pending.status === "waiting" ? t("outbox.waiting") : t("post.failed")}>
      <header class="post-header">
        {user ? <Avatar member={user} size="md" /> : null}
        <div class="post-meta">
          <div class="post-byline">
            <strong>{user?.name}</strong>
            {showGroup ? (
              <>
                <span class="muted" aria-hidden="true">›</span>
                <span>{draft.groupName}</span>
              </>
            ) : null}
          </div>
          <div class="post-when small">
            {sending ? <span class="muted">{t("post.sending")}</span> : pending.status === "waiting" ? <span class="muted">{t("outbox.waiting")}</span> : <span class="field-error">{t("post.failed")}</span>}
          </div>
        </div>
      </header>
      {draft.firstLook ? (
        <div class="badge-row">
          <Badge tone="neutral">{firstLookLabel({ audience: draft.firstLook.audience, at: Date.parse(draft.firstLook.at), reached: false })}</Badge>
        </div>
      ) : null}
      {draft.kind === "link" ? <p class="post-link">{draft.title}</p> : null}
      <div class="post-body plain">{draft.body}</div>
      {draft.attachments.length ? (
        <ul class="attachment-files">
          {draft.attachments.map((a) => (
            <li key={a.id} class="attachment-file">
              <Icon name="file" size={18} />
              <span class="attachment-name">{a.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {pending.status === "failed" ? (
        <div class="post-error" role="alert">
          <p class="field-error">{pending.error}</p>
          {pending.details?.length ? (
            <ul class="field-error small">
              {pending.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={() => retryPost(pending.tempId)}>
              {t("common.retry")}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => discardPost(pending.tempId)}>
              {t("post.discard")}
            </button>
          </div>
        </div>
      ) : null}
    </article>
  );
}
