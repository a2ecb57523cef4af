import { useEffect, useState } from "preact/hooks";
import type { MemberSummary } from "../../api-types";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { followMember, followTag, foldTag, loadFollows, myFollows } from "./follows";

/** Loads my follows once the button shows; a failed load says so (once for all the buttons of the page). */
function useFollows() {
  useEffect(() => {
    loadFollows().catch((err) => {
      if (loadFailure === err) return;
      loadFailure = err;
      toast(`${t("settings.followsError")} ${errorText(err)}`, "error");
    });
  }, []);
  return myFollows();
}

let loadFailure: unknown = null;

/**
 * Follow or unfollow a member (their posts, in groups I may read, come to my home feed). The button says what it
 * will do; a line beside it says where I stand, for screen readers and eyes alike.
 */
export function FollowMemberButton({ member }: { member: MemberSummary }) {
  const list = useFollows();
  const [busy, setBusy] = useState(false);
  const following = list?.members.some((m) => m.id === member.id) ?? false;
  const toggle = async () => {
    setBusy(true);
    try {
      await followMember(member, !following);
      toast(following ? t("follow.memberOff", { name: member.name }) : t("follow.memberOn", { name: member.name }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class={`btn ${following ? "btn-secondary" : "btn-primary"}`} onClick={toggle} disabled={busy || !list}>
      {following ? t("follow.unfollow") : t("follow.follow")}
    </button>
  );
}

/** Follow or unfollow a tag (its posts, in groups I may read, come to my home feed). */
export function FollowTagButton({ tag, quiet }: { tag: string; quiet?: boolean }) {
  const list = useFollows();
  const [busy, setBusy] = useState(false);
  const folded = foldTag(tag);
  const following = list?.tags.includes(folded) ?? false;
  const toggle = async () => {
    setBusy(true);
    try {
      await followTag(folded, !following);
      toast(following ? t("follow.tagOff", { tag: folded }) : t("follow.tagOn", { tag: folded }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class={`btn ${quiet ? "btn-quiet" : following ? "btn-secondary" : "btn-primary"}`} onClick={toggle} disabled={busy || !list}>
      {following ? t("follow.unfollowTag", { tag: folded }) : t("follow.followTag", { tag: folded })}
    </button>
  );
}
