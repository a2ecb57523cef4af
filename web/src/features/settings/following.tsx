import { useEffect, useState } from "preact/hooks";
import { withQuery } from "../../api";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { MemberChip } from "../../components/member-chip";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { followMember, followTag, loadFollows, myFollows } from "../people/follows";

/** Settings → "Following": the members and tags whose posts come to my home feed, each with its unfollow. */
export function Following() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = myFollows();

  const load = (force = false) => {
    setError(null);
    loadFollows(force).catch((err) => setError(errorText(err)));
  };
  useEffect(() => load(true), []);

  const run = async (key: string, change: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await change();
      toast(done);
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card stack" aria-labelledby="following-title">
      <div>
        <h2 id="following-title">{t("settings.following")}</h2>
        <p class="muted small">{t("settings.followingHint")}</p>
      </div>
      {error ? (
        <EmptyState role="alert" title={t("settings.followsError")} action={<button type="button" class="btn btn-secondary" onClick={() => load(true)}>{t("common.retry")}</button>}>
          {error}
        </EmptyState>
      ) : !list ? (
        <Skeleton lines={3} />
      ) : list.members.length === 0 && list.tags.length === 0 ? (
        <EmptyState title={t("settings.noFollows")} action={<a class="btn btn-secondary" href="/people">{t("settings.findPeople")}</a>} />
      ) : (
        <>
          {list.members.length ? (
            <div class="stack-tight">
              <h3 id="following-members">{t("settings.followedMembers")}</h3>
              <ul class="settings-bare settings-list" aria-labelledby="following-members">
                {list.members.map((m) => (
                  <li key={m.id}>
                    <MemberChip member={m} />
                    <button type="button" class="btn btn-secondary" disabled={busy === m.id} aria-label={t("follow.unfollowName", { name: m.name })} onClick={() => run(m.id, () => followMember(m, false), t("follow.memberOff", { name: m.name }))}>
                      {t("follow.unfollow")}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {list.tags.length ? (
            <div class="stack-tight">
              <h3 id="following-tags">{t("settings.followedTags")}</h3>
              <ul class="settings-bare settings-list" aria-labelledby="following-tags">
                {list.tags.map((tag) => (
                  <li key={tag}>
                    <a class="badge-link" href={withQuery("/search", { tag })}>
                      <Badge>#{tag}</Badge>
                    </a>
                    <button type="button" class="btn btn-secondary" disabled={busy === `#${tag}`} onClick={() => run(`#${tag}`, () => followTag(tag, false), t("follow.tagOff", { tag }))}>
                      {t("follow.unfollowTag", { tag })}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
