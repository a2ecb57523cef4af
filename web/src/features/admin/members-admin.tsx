import { useState } from "preact/hooks";
import { api } from "../../api";
import type { AdminMember, CreatedInvitation, InvitationRow, Page, Role } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { me } from "../../session";
import { AdminList } from "./admin-list";

const ROLES: Role[] = ["member", "guest", "admin"];
const ROLE_LABEL: Record<Role, MessageKey> = { member: "role.member", guest: "role.guest", admin: "role.admin" };

type Filters = { q: string; role: "" | Role; status: "" | "active" | "deactivated"; department: string };

/** One member: their role (changed at once, after a confirmation when it grants or removes administration) and access. */
function MemberRow({ member, onChange }: { member: AdminMember; onChange: (m: AdminMember) => void }) {
  const [busy, setBusy] = useState(false);
  const setRole = async (role: Role) => {
    if (role === member.role) return;
    if (role === "admin" || member.role === "admin") {
      const ok = await confirmAction({ title: t("console.roleTitle", { name: member.name }), body: t(role === "admin" ? "console.roleGrantBody" : "console.roleRemoveBody"), confirmLabel: t("console.roleConfirm") });
      if (!ok) return onChange({ ...member });
    }
    setBusy(true);
    try {
      onChange(await api<AdminMember>(`/admin/members/${encodeURIComponent(member.id)}`, { method: "PATCH", body: { role } }));
      toast(t("console.roleChanged", { name: member.name, role: t(ROLE_LABEL[role]) }));
    } catch (err) {
      toast(errorText(err), "error");
      onChange({ ...member });
    } finally {
      setBusy(false);
    }
  };
  const toggle = async () => {
    const deactivate = member.status === "active";
    const ok = await confirmAction(
      deactivate
        ? { title: t("admin.deactivateTitle", { name: member.name }), body: t("admin.deactivateBody"), confirmLabel: t("admin.deactivate"), danger: true }
        : { title: t("admin.reactivateTitle", { name: member.name }), body: t("admin.reactivateBody"), confirmLabel: t("admin.reactivate") },
    );
    if (!ok) return;
    setBusy(true);
    try {
      await api(`/admin/users/${encodeURIComponent(member.id)}/${deactivate ? "deactivate" : "reactivate"}`, { method: "POST" });
      onChange({ ...member, status: deactivate ? "deactivated" : "active" });
      toast(deactivate ? t("admin.deactivated", { name: member.name }) : t("admin.reactivated", { name: member.name }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const self = member.id === me.value?.id;
  return (
    <tr>
      <td>
        <a href={`/people/${encodeURIComponent(member.id)}`}>{member.name}</a>
        <div class="small muted break">{member.email}</div>
      </td>
      <td>{member.department || <span class="muted">—</span>}</td>
      <td>
        <label class="visually-hidden" for={`role-${member.id}`}>{t("console.roleOf", { name: member.name })}</label>
        <select id={`role-${member.id}`} value={member.role} disabled={busy} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_LABEL[r])}</option>)}
        </select>
      </td>
      <td>
        {member.status === "active" ? <Badge tone="success">{t("console.active")}</Badge> : <Badge tone="warning">{t("console.deactivated")}</Badge>}
        {member.externalId ? <div class="small muted">{t("console.fromDirectory")}</div> : null}
      </td>
      <td>
        {self ? null : (
          <button type="button" class={`btn ${member.status === "active" ? "btn-danger" : "btn-secondary"}`} disabled={busy} onClick={toggle}>
            {member.status === "active" ? t("admin.deactivate") : t("admin.reactivate")}
          </button>
        )}
      </td>
    </tr>
  );
}

function PendingInvitations() {
  const list = usePaged<InvitationRow>("pending-invitations", (cursor, signal) => api<Page<InvitationRow>>("/admin/invitations", { query: { cursor, limit: 20 }, signal }));
  const [links, setLinks] = useState<Record<string, string>>({});
  const resend = async (row: InvitationRow) => {
    try {
      const inv = await api<CreatedInvitation>(`/admin/invitations/${encodeURIComponent(row.id)}/resend`, { method: "POST" });
      setLinks((l) => ({ ...l, [row.id]: inv.url }));
      list.update((items) => items.map((i) => (i.id === row.id ? { ...i, expiresAt: Date.now() + 7 * 24 * 3600 * 1000 } : i)));
      toast(t("console.resent", { email: row.email }));
    } catch (err) {
      toast(errorText(err), "error");
    }
  };
  if (list.state.status !== "ready") return list.state.status === "loading" ? <Skeleton lines={2} /> : <p role="alert">{list.state.message}</p>;
  const pending = list.state.items.filter((i) => i.acceptedAt === null);
  if (pending.length === 0) return <p class="muted small">{t("console.noPending")}</p>;
  const now = Date.now();
  return (
    <ul class="integration-bare stack">
      {pending.map((row, i) => (
        <li key={row.id} class="console-pending">
          <span class="break">{row.email}</span> {row.expiresAt < now ? <Badge tone="warning">{t("invitations.expired")}</Badge> : <Badge tone="accent">{t("invitations.pending")}</Badge>}
          <button type="button" class="btn btn-secondary" onClick={() => resend(row)}>{t("console.resend")}</button>
          {links[row.id] ? <CopyField id={`resent-${i}`} label={t("invitations.linkFor", { email: row.email })} value={links[row.id]} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Members: search by name or email, filter by role, status and department; change role, deactivate, reactivate. */
export function MembersAdmin() {
  return (
    <div class="stack">
      <AdminList<AdminMember, Filters>
        id="members"
        title={t("console.members")}
        initial={{ q: "", role: "", status: "", department: "" }}
        fields={[
          { key: "q", id: "members-q", label: t("console.search"), type: "search", maxLength: 200 },
          { key: "role", id: "members-role", label: t("invitations.role"), options: [{ value: "", label: t("console.any") }, ...ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))] },
          {
            key: "status",
            id: "members-status",
            label: t("console.status"),
            options: [
              { value: "", label: t("console.any") },
              { value: "active", label: t("console.active") },
              { value: "deactivated", label: t("console.deactivated") },
            ],
          },
          { key: "department", id: "members-department", label: t("console.department"), maxLength: 100 },
        ]}
        load={(applied, cursor, signal) => api<Page<AdminMember>>("/admin/members", { query: { ...applied, cursor, limit: 25 }, signal })}
        empty={{ icon: "people", title: t("console.noMembers") }}
        columns={[{ label: t("console.name") }, { label: t("console.department") }, { label: t("invitations.role") }, { label: t("console.status") }, { label: t("console.actions"), hiddenLabel: true }]}
        rowKey={(m) => `${m.id}:${m.role}:${m.status}`}
        row={(m, replace) => <MemberRow member={m} onChange={replace} />}
      />
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("console.pendingInvitations")}</h2>
        <PendingInvitations />
      </section>
    </div>
  );
}
