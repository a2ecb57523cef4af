import { useState } from "preact/hooks";
import { api } from "../../api";
import type { Group, GroupMemberRow, GroupRole, Page, Report } from "../../api-types";
import { ActionMenu, type MenuAction } from "../../components/action-menu";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { MemberChip } from "../../components/member-chip";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { postHref } from "../posts/post-card";

const ROLE_LABEL: Record<GroupRole, MessageKey> = { owner: "groupRole.owner", animator: "groupRole.animator", member: "groupRole.member" };

const membersPath = (group: Group) => `/groups/${encodeURIComponent(group.id)}/members`;

/** Members (readers of the group) with their roles and who is online; animators may remove someone. */
export function GroupMembers({ group, online }: { group: Group; online: Set<string> }) {
  const list = usePaged<GroupMemberRow & { id: string }>(`members:${group.id}`, async (cursor, signal) => {
    const page = await api<Page<GroupMemberRow>>(membersPath(group), { query: { cursor, limit: 50 }, signal });
    return { ...page, items: page.items.map((r) => ({ ...r, id: r.member.id })) };
  });
  const remove = async (row: GroupMemberRow) => {
    const ok = await confirmAction({ title: t("members.removeTitle", { name: row.member.name }), body: t("members.removeBody", { group: group.name }), confirmLabel: t("members.remove"), danger: true });
    if (!ok) return;
    try {
      await api(`${membersPath(group)}/${encodeURIComponent(row.member.id)}`, { method: "DELETE" });
      list.update((items) => items.filter((i) => i.id !== row.member.id));
      toast(t("members.removed", { name: row.member.name }));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  const setRole = async (row: GroupMemberRow, role: GroupRole) => {
    try {
      await api(membersPath(group), { method: "POST", body: { userId: row.member.id, role } });
      list.reload();
      toast(t("members.roleChanged", { name: row.member.name, role: t(ROLE_LABEL[role]).toLocaleLowerCase() }));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  // What the caller may do to each member comes with the row (`can`): the client does not re-derive the owner rules.
  const actionsFor = (row: GroupMemberRow): MenuAction[] => [
    ...row.can.changeRoleTo.map((role) => ({ id: role, label: t("members.makeRole", { role: t(ROLE_LABEL[role]).toLocaleLowerCase() }), run: () => setRole(row, role) })),
    ...(row.can.remove ? [{ id: "remove", label: t("members.remove"), run: () => remove(row), danger: true }] : []),
  ];
  if (list.state.status === "loading") return <div class="card"><Skeleton lines={5} /></div>;
  if (list.state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  if (list.state.items.length === 0) return <div class="card"><EmptyState icon="people" title={t("members.empty")} /></div>;
  return (
    <>
      <ul class="member-list" aria-label={t("members.title")}>
        {list.state.items.map((row) => (
          <li key={row.id} class="card member-row">
            <MemberChip member={{ ...row.member, title: row.title }}>
              <div class="badge-row">
                {row.role !== "member" ? <Badge tone="accent">{t(row.role === "owner" ? "groupRole.owner" : "groupRole.animator")}</Badge> : null}
                {online.has(row.member.id) ? <Badge tone="success">{t("members.online")}</Badge> : null}
              </div>
            </MemberChip>
            {actionsFor(row).length ? <ActionMenu label={t("members.actions", { name: row.member.name })} actions={actionsFor(row)} /> : null}
          </li>
        ))}
      </ul>
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </>
  );
}

/** Requests to join a private group (its animators): approve or decline each. */
export function GroupRequests({ group, onApproved }: { group: Group; onApproved: () => void }) {
  const list = usePaged<GroupMemberRow & { id: string }>(`requests:${group.id}`, async (cursor, signal) => {
    const page = await api<Page<GroupMemberRow>>(membersPath(group), { query: { state: "pending", cursor, limit: 50 }, signal });
    return { ...page, items: page.items.map((r) => ({ ...r, id: r.member.id })) };
  });
  const [busy, setBusy] = useState<string | null>(null);
  const decide = async (row: GroupMemberRow, approve: boolean) => {
    setBusy(row.member.id);
    try {
      if (approve) await api(membersPath(group), { method: "POST", body: { userId: row.member.id } });
      else await api(`${membersPath(group)}/${encodeURIComponent(row.member.id)}`, { method: "DELETE" });
      list.update((items) => items.filter((i) => i.id !== row.member.id));
      toast(approve ? t("requests.approved", { name: row.member.name }) : t("requests.declined", { name: row.member.name }));
      if (approve) onApproved();
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(null);
    }
  };
  if (list.state.status === "loading") return <div class="card"><Skeleton lines={3} /></div>;
  if (list.state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  if (list.state.items.length === 0) return <div class="card"><EmptyState icon="people" title={t("requests.empty")}>{t("requests.emptyBody")}</EmptyState></div>;
  return (
    <>
      <ul class="member-list" aria-label={t("requests.title")}>
        {list.state.items.map((row) => (
          <li key={row.id} class="card member-row">
            <MemberChip member={{ ...row.member, title: row.title }} />
            <div class="actions">
              {row.can.approve ? (
                <button type="button" class="btn btn-primary" disabled={busy === row.id} onClick={() => decide(row, true)} aria-label={t("requests.approveNamed", { name: row.member.name })}>
                  {t("requests.approve")}
                </button>
              ) : null}
              {row.can.remove ? (
                <button type="button" class="btn btn-secondary" disabled={busy === row.id} onClick={() => decide(row, false)} aria-label={t("requests.declineNamed", { name: row.member.name })}>
                  {t("requests.decline")}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </>
  );
}

/** The group's moderation queue: what was reported, by whom and why; hide the item or dismiss the report. */
export function GroupReports({ group }: { group: Group }) {
  const list = usePaged<Report>(`reports:${group.id}`, (cursor, signal) => api<Page<Report>>(`/groups/${encodeURIComponent(group.id)}/reports`, { query: { cursor, limit: 20 }, signal }));
  const act = async (report: Report, action: "hide" | "dismiss") => {
    try {
      // Hiding settles the item's open reports; dismissing leaves the item as it is.
      if (action === "hide") await api(`/${report.target.type === "post" ? "posts" : "comments"}/${encodeURIComponent(report.target.id)}/hide`, { method: "POST" });
      else await api(`/moderation/reports/${encodeURIComponent(report.id)}/dismiss`, { method: "POST" });
      list.update((items) => items.filter((i) => i.id !== report.id));
      toast(action === "hide" ? t("reports.hidden") : t("reports.dismissed"));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  if (list.state.status === "loading") return <div class="card"><Skeleton lines={3} /></div>;
  if (list.state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  if (list.state.items.length === 0) return <div class="card"><EmptyState icon="admin" title={t("reports.empty")} /></div>;
  return (
    <>
      <ul class="member-list" aria-label={t("reports.title")}>
        {list.state.items.map((r) => (
          <li key={r.id} class="card report-row">
            <p class="small muted">
              {t(r.target.type === "post" ? "reports.post" : "reports.comment", { name: r.reporter.name })} · <RelativeTime at={r.createdAt} />
              {r.hidden ? <> · <Badge tone="warning">{t("post.hidden")}</Badge></> : null}
            </p>
            <blockquote class="report-excerpt">{r.excerpt ?? ""}</blockquote>
            <p>
              <strong>{t("reports.reason")}</strong> {r.reason}
            </p>
            <div class="actions">
              <a class="btn btn-quiet" href={r.target.type === "post" ? postHref(r.target.id) : `${postHref(r.target.postId)}#c-${encodeURIComponent(r.target.id)}`}>
                {t("reports.open")}
              </a>
              {r.hidden ? null : (
                <button type="button" class="btn btn-danger" onClick={() => act(r, "hide")}>
                  {t("reports.hide")}
                </button>
              )}
              <button type="button" class="btn btn-secondary" onClick={() => act(r, "dismiss")}>
                {t("reports.dismiss")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </>
  );
}
