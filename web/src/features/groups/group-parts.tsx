import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, GroupKind, GroupVisibility } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { Icon } from "../../components/icons";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";

export const VISIBILITY_LABEL: Record<GroupVisibility, MessageKey> = { open: "groups.open", private: "groups.private", secret: "groups.secret" };
export const VISIBILITY_HINT: Record<GroupVisibility, MessageKey> = { open: "groups.openHint", private: "groups.privateHint", secret: "groups.secretHint" };
export const KIND_LABEL: Record<GroupKind, MessageKey> = {
  community: "groupKind.community",
  project: "groupKind.project",
  wellbeing: "groupKind.wellbeing",
  onboarding: "groupKind.onboarding",
  client: "groupKind.client",
};
/** A group's cover: its colour, under its image when it has one. */
export function coverStyle(group: Pick<Group, "coverColor" | "coverUrl">) {
  return { backgroundColor: group.coverColor, backgroundImage: group.coverUrl ? `url("${group.coverUrl}")` : undefined };
}

export const GROUP_KINDS: GroupKind[] = ["community", "project", "wellbeing", "onboarding", "client"];

export function GroupBadges({ group }: { group: Group }) {
  return (
    <div class="badge-row">
      <Badge tone={group.visibility === "open" ? "neutral" : "warning"}>
        {group.visibility === "open" ? null : <Icon name="lock" size={14} />}
        {t(VISIBILITY_LABEL[group.visibility])}
      </Badge>
      <Badge>{t(KIND_LABEL[group.kind])}</Badge>
      <Badge>{t("groups.members", { count: group.memberCount })}</Badge>
      {group.membership?.state === "member" && group.membership.role !== "member" ? <Badge tone="accent">{t(group.membership.role === "owner" ? "groupRole.owner" : "groupRole.animator")}</Badge> : null}
    </div>
  );
}

/**
 * Join (open: member at once), request to join (private: pending until an animator approves), cancel a request, or
 * leave. `onChange` receives the group with its new membership.
 */
export function JoinButton({ group, onChange, compact }: { group: Group; onChange: (g: Group) => void; compact?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const state = group.membership?.state;
  const id = encodeURIComponent(group.id);

  const join = async () => {
    setBusy(true);
    setError("");
    try {
      const answer = await api<{ state: "member" | "pending" }>(`/groups/${id}/join`, { method: "POST" });
      const member = answer.state === "member";
      onChange({
        ...group,
        membership: { role: "member", state: answer.state, notify: "mentions" },
        memberCount: member && state !== "member" ? group.memberCount + 1 : group.memberCount,
        can: { ...group.can, read: group.can.read || member, post: member },
      });
      toast(member ? t("groups.joined", { name: group.name }) : t("groups.requested", { name: group.name }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    const pending = state === "pending";
    if (!pending) {
      const ok = await confirmAction({ title: t("groups.leaveTitle", { name: group.name }), body: t(group.visibility === "open" ? "groups.leaveBodyOpen" : "groups.leaveBody"), confirmLabel: t("groups.leave"), danger: true });
      if (!ok) return;
    }
    setBusy(true);
    setError("");
    try {
      await api(`/groups/${id}/leave`, { method: "POST" });
      onChange({
        ...group,
        membership: null,
        memberCount: pending ? group.memberCount : Math.max(0, group.memberCount - 1),
        can: { read: group.visibility === "open", post: false, moderate: false },
      });
      toast(pending ? t("groups.requestCancelled") : t("groups.left", { name: group.name }));
    } catch (err) {
      // The last owner cannot leave a group that still has members (409).
      setError(err instanceof ApiError && err.status === 409 ? t("groups.lastOwner") : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="join">
      {state === "member" ? (
        compact ? (
          <Badge tone="success">{t("groups.isMember")}</Badge>
        ) : (
          <button type="button" class="btn btn-secondary" onClick={leave} disabled={busy}>
            {t("groups.leave")}
          </button>
        )
      ) : state === "pending" ? (
        <div class="join-pending">
          <Badge tone="warning">{t("groups.requestSent")}</Badge>
          {compact ? null : (
            <button type="button" class="btn btn-quiet" onClick={leave} disabled={busy}>
              {t("groups.cancelRequest")}
            </button>
          )}
        </div>
      ) : group.visibility === "secret" ? null : (
        <button type="button" class="btn btn-primary" onClick={join} disabled={busy} aria-label={t(group.visibility === "open" ? "groups.joinNamed" : "groups.requestNamed", { name: group.name })}>
          {group.visibility === "open" ? t("groups.join") : t("groups.requestToJoin")}
        </button>
      )}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
