import { useState } from "preact/hooks";
import { api } from "../../api";
import type { FaqEntry, Post } from "../../api-types";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";

/**
 * "Turn into FAQ entry" under a question, for the group's animators (the post's `can.moderate`): its accepted answer
 * (or else its first) becomes an entry of the group's FAQ. The server refuses a question with no answer yet (409).
 */
export function FaqFromQuestion({ post }: { post: Post }) {
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<FaqEntry | null>(null);
  if (post.kind !== "question" || !post.can.moderate) return null;
  const make = async () => {
    setBusy(true);
    try {
      const entry = await api<FaqEntry>(`/posts/${encodeURIComponent(post.id)}/faq`, { method: "POST", body: {} });
      setMade(entry);
      toast(t("faq.made"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card faq-from-question">
      {made ? (
        <a href={`/groups/${encodeURIComponent(post.groupId)}/faq#faq-${made.id}`}>{t("faq.seeEntry")}</a>
      ) : (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={make}>
          {busy ? t("common.saving") : t("faq.turnInto")}
        </button>
      )}
    </div>
  );
}
