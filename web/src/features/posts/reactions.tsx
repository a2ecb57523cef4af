import { useState } from "preact/hooks";
import type { ReactionKind } from "../../api-types";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { outbox, sendOrKeep } from "../../outbox";

export const REACTIONS: { kind: ReactionKind; emoji: string; label: MessageKey }[] = [
  { kind: "like", emoji: "👍", label: "reaction.like" },
  { kind: "thanks", emoji: "🙏", label: "reaction.thanks" },
  { kind: "support", emoji: "💪", label: "reaction.support" },
  { kind: "celebrate", emoji: "🎉", label: "reaction.celebrate" },
];

export type ReactionState = { reactions: Partial<Record<ReactionKind, number>>; myReactions: ReactionKind[] };

export function toggled(state: ReactionState, kind: ReactionKind, on: boolean): ReactionState {
  const count = state.reactions[kind] ?? 0;
  return {
    reactions: { ...state.reactions, [kind]: Math.max(0, count + (on ? 1 : -1)) },
    myReactions: on ? [...state.myReactions.filter((k) => k !== kind), kind] : state.myReactions.filter((k) => k !== kind),
  };
}

/**
 * Like, thanks, support, celebrate — counts and mine, toggled optimistically (PUT/DELETE `<path>/reactions/:kind`);
 * a refusal puts the count back and says why. Offline, the change waits in the outbox (web/src/outbox.ts), the button
 * marked as waiting, and is sent when the network is back. `path` is `/posts/:id` or `/comments/:id`. The count has
 * its place kept when it is zero, so that counts coming and going move nothing beside them.
 */
export function ReactionBar({ path, state, onChange, small }: { path: string; state: ReactionState; onChange: (update: (s: ReactionState) => ReactionState) => void; small?: boolean }) {
  const [busy, setBusy] = useState<ReactionKind[]>([]);
  const toggle = async (kind: ReactionKind) => {
    if (busy.includes(kind)) return;
    const on = !state.myReactions.includes(kind);
    onChange((s) => toggled(s, kind, on));
    setBusy((b) => [...b, kind]);
    try {
      await sendOrKeep({ kind: "reaction", path: `${path}/reactions/${kind}`, method: on ? "PUT" : "DELETE", about: path });
    } catch (err) {
      onChange((s) => toggled(s, kind, !on));
      toast(errorText(err), "error");
    } finally {
      setBusy((b) => b.filter((k) => k !== kind));
    }
  };
  return (
    <div class={small ? "reactions reactions-small" : "reactions"} role="group" aria-label={t("reaction.group")}>
      {REACTIONS.map(({ kind, emoji, label }) => {
        const count = state.reactions[kind] ?? 0;
        const mine = state.myReactions.includes(kind);
        const waiting = outbox.value.some((i) => i.path === `${path}/reactions/${kind}`);
        return (
          <button key={kind} type="button" class={waiting ? "reaction is-waiting" : "reaction"} aria-pressed={mine} onClick={() => toggle(kind)} aria-label={`${t("reaction.toggle", { label: t(label), count })}${waiting ? ` — ${t("outbox.waiting")}` : ""}`} title={t(label)}>
            <span aria-hidden="true">{emoji}</span>
            <span class="reaction-count" aria-hidden="true">{count || ""}</span>
          </button>
        );
      })}
    </div>
  );
}
