import { useState } from "preact/hooks";
import { api } from "../../api";
import type { AdminMember, CreatedInvitation, InvitationRow, Page, Role } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { me } from "../../session";

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
  const [draft, setDraft] = useState<Filters>({ q: "", role: "", status: "", department: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const key = JSON.stringify(filters);
  const list = usePaged<AdminMember>(`admin-members:${key}`, (cursor, signal) =>
    api<Page<AdminMember>>("/admin/members", { query: { ...filters, cursor, limit: 25 }, signal }),
  );
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <div class="stack">
      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">{t("console.members")}</h2>
        <form
          class="form console-filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <div class="field">
            <label for="members-q">{t("console.search")}</label>
            <input id="members-q" type="search" value={draft.q} maxLength={200} onInput={(e) => set({ q: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="members-role">{t("invitations.role")}</label>
            <select id="members-role" value={draft.role} onChange={(e) => set({ role: e.currentTarget.value as Filters["role"] })}>
              <option value="">{t("console.any")}</option>
              {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_LABEL[r])}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="members-status">{t("console.status")}</label>
            <select id="members-status" value={draft.status} onChange={(e) => set({ status: e.currentTarget.value as Filters["status"] })}>
              <option value="">{t("console.any")}</option>
              <option value="active">{t("console.active")}</option>
              <option value="deactivated">{t("console.deactivated")}</option>
            </select>
          </div>
          <div class="field">
            <label for="members-department">{t("console.department")}</label>
            <input id="members-department" value={draft.department} maxLength={100} onInput={(e) => set({ department: e.currentTarget.value })} />
          </div>
          <button type="submit" class="btn btn-primary">{t("console.apply")}</button>
        </form>
        {list.state.status === "loading" ? (
          <Skeleton lines={5} />
        ) : list.state.status === "error" ? (
          <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
        ) : list.state.items.length === 0 ? (
          <EmptyState icon="people" title={t("console.noMembers")} />
        ) : (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("console.name")}</th>
                  <th scope="col">{t("console.department")}</th>
                  <th scope="col">{t("invitations.role")}</th>
                  <th scope="col">{t("console.status")}</th>
                  <th scope="col"><span class="visually-hidden">{t("console.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {list.state.items.map((m) => (
                  <MemberRow key={`${m.id}:${m.role}:${m.status}`} member={m} onChange={(next) => list.update((items) => items.map((i) => (i.id === next.id ? next : i)))} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore state={list.state} onLoad={list.loadMore} />
      </section>
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("console.pendingInvitations")}</h2>
        <PendingInvitations />
      </section>
    </div>
  );
}
