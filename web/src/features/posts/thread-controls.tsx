import { useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Post, ThreadFollow } from "../../api-types";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { FollowTagButton } from "../people/follow-button";

/**
 * Under a post on its page: follow or mute its thread (PUT/DELETE /posts/:id/follow and /mute), and follow its tags.
 * Where I stand comes from the post's own answer (`thread`); each change applies the rule the server follows (following
 * unmutes, unmuting is following again) once the server said yes.
 */
export function ThreadControls({ post, onChange }: { post: Post; onChange: (thread: ThreadFollow) => void }) {
  const [busy, setBusy] = useState(false);
  const thread = post.thread ?? { following: false, muted: false };
  const path = `/posts/${encodeURIComponent(post.id)}`;
  const change = async (what: "follow" | "mute", on: boolean, next: ThreadFollow, done: string) => {
    setBusy(true);
    try {
      await api(`${path}/${what}`, { method: on ? "PUT" : "DELETE" });
      onChange(next);
      toast(done);
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const hint = thread.muted ? t("thread.mutedHint") : thread.following ? t("thread.followingHint") : t("thread.noneHint");
  return (
    <section class="card thread-controls" aria-label={t("thread.label")}>
      <div class="thread-controls-row">
        {thread.following ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => change("follow", false, { following: false, muted: false }, t("thread.unfollowed"))}>
            {t("thread.unfollow")}
          </button>
        ) : (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => change("follow", true, { following: true, muted: false }, t("thread.followed"))}>
            {t("thread.follow")}
          </button>
        )}
        {thread.muted ? (
          <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => change("mute", false, { following: true, muted: false }, t("thread.unmuted"))}>
            {t("thread.unmute")}
          </button>
        ) : (
          <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => change("mute", true, { following: false, muted: true }, t("thread.muted"))}>
            {t("thread.mute")}
          </button>
        )}
        <p class="muted small thread-controls-hint">
          {hint}
        </p>
      </div>
      {post.tags.length ? (
        <ul class="thread-controls-tags" aria-label={t("post.followTags")}>
          {post.tags.map((tag) => (
            <li key={tag}>
              <a href={withQuery("/search", { tag })}>{t("post.tagPage", { tag })}</a>
              <FollowTagButton tag={tag} quiet />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
