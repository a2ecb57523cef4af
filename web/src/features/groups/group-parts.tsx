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

/** The group as the server now answers it, or null when the caller may no longer see it (404). */
async function fetchGroup(id: string): Promise<Group | null> {
  try {
    return await api<Group>(`/groups/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/**
 * Join (open: member at once), request to join (private: pending until an animator approves), cancel a request, or
 * leave — whichever the group's `can` offers. After each, the group is fetched again, so that what the caller may now
 * do comes from the server: `onChange` receives it, or null when they may no longer see it (they left a secret group).
 */
export function JoinButton({ group, onChange, compact }: { group: Group; onChange: (g: Group | null) => void; compact?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const state = group.membership?.state;
  const id = encodeURIComponent(group.id);

  const join = async () => {
    setBusy(true);
    setError("");
    try {
      const answer = await api<{ state: "member" | "pending" }>(`/groups/${id}/join`, { method: "POST" });
      toast(answer.state === "member" ? t("groups.joined", { name: group.name }) : t("groups.requested", { name: group.name }));
      onChange(await fetchGroup(group.id));
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
      toast(pending ? t("groups.requestCancelled") : t("groups.left", { name: group.name }));
      onChange(await fetchGroup(group.id));
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
        ) : group.can.leave ? (
          <button type="button" class="btn btn-secondary" onClick={leave} disabled={busy}>
            {t("groups.leave")}
          </button>
        ) : null
      ) : state === "pending" ? (
        <div class="join-pending">
          <Badge tone="warning">{t("groups.requestSent")}</Badge>
          {compact || !group.can.leave ? null : (
            <button type="button" class="btn btn-quiet" onClick={leave} disabled={busy}>
              {t("groups.cancelRequest")}
            </button>
          )}
        </div>
      ) : group.can.join === null ? null : (
        <button type="button" class="btn btn-primary" onClick={join} disabled={busy} aria-label={t(group.can.join === "member" ? "groups.joinNamed" : "groups.requestNamed", { name: group.name })}>
          {group.can.join === "member" ? t("groups.join") : t("groups.requestToJoin")}
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
