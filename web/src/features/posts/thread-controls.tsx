import { useState } from "preact/hooks";
import { api, withQuery } from "../../api";
import type { Post, ThreadFollow } from "../../api-types";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
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
  // Each button turns its standing on or off; `next` is where that leaves me, by the server's rule.
  const toggles = [
    thread.following
      ? { what: "follow", on: false, tone: "btn-secondary", label: "thread.unfollow", done: "thread.unfollowed", next: { following: false, muted: false } }
      : { what: "follow", on: true, tone: "btn-secondary", label: "thread.follow", done: "thread.followed", next: { following: true, muted: false } },
    thread.muted
      ? { what: "mute", on: false, tone: "btn-quiet", label: "thread.unmute", done: "thread.unmuted", next: { following: true, muted: false } }
      : { what: "mute", on: true, tone: "btn-quiet", label: "thread.mute", done: "thread.muted", next: { following: false, muted: true } },
  ] as const satisfies readonly { what: "follow" | "mute"; on: boolean; tone: string; label: MessageKey; done: MessageKey; next: ThreadFollow }[];
  const hint = thread.muted ? t("thread.mutedHint") : thread.following ? t("thread.followingHint") : t("thread.noneHint");
  return (
    <section class="card thread-controls" aria-label={t("thread.label")}>
      <div class="thread-controls-row">
        {toggles.map((b) => (
          <button key={b.what} type="button" class={`btn ${b.tone}`} disabled={busy} onClick={() => change(b.what, b.on, b.next, t(b.done))}>
            {t(b.label)}
          </button>
        ))}
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
