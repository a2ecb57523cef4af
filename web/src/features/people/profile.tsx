import { useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, withQuery } from "../../api";
import type { Profile } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { LocalTime } from "../../components/local-time";
import { usePageTitle } from "../../components/page-title";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { isAdmin, me } from "../../session";
import { FollowMemberButton } from "./follow-button";
import "./people.css";

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; profile: Profile };

function TagSection({ label, items, linkTo }: { label: MessageKey; items: string[]; linkTo?: "skill" }) {
  if (!items.length) return null;
  return (
    <section class="profile-section">
      <h2>{t(label)}</h2>
      <ul class="badge-list">
        {items.map((item) => (
          <li key={item}>
            {linkTo ? (
              <a class="badge-link" href={withQuery("/people", { [linkTo]: item })}>
                <Badge>{item}</Badge>
              </a>
            ) : (
              <Badge>{item}</Badge>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Deactivating ends the member's sessions at once and blocks sign-in; reactivating lets them back. */
function AdminActions({ profile, onChange }: { profile: Profile; onChange: (p: Profile) => void }) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    const deactivate = !profile.deactivated;
    const ok = await confirmAction(
      deactivate
        ? { title: t("admin.deactivateTitle", { name: profile.name }), body: t("admin.deactivateBody"), confirmLabel: t("admin.deactivate"), danger: true }
        : { title: t("admin.reactivateTitle", { name: profile.name }), body: t("admin.reactivateBody"), confirmLabel: t("admin.reactivate") },
    );
    if (!ok) return;
    setBusy(true);
    try {
      await api(`/admin/users/${encodeURIComponent(profile.id)}/${deactivate ? "deactivate" : "reactivate"}`, { method: "POST" });
      onChange({ ...profile, deactivated: deactivate });
      toast(deactivate ? t("admin.deactivated", { name: profile.name }) : t("admin.reactivated", { name: profile.name }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  // Erasure (GDPR article 17): the member becomes "Deleted member" everywhere; this page then has nobody to show.
  const erase = async () => {
    const ok = await confirmAction({ title: t("admin.eraseTitle", { name: profile.name }), body: t("admin.eraseBody"), confirmLabel: t("admin.erase"), danger: true });
    if (!ok) return;
    setBusy(true);
    try {
      await api(`/admin/members/${encodeURIComponent(profile.id)}`, { method: "DELETE" });
      toast(t("admin.erased", { name: profile.name }));
      location.assign("/people");
    } catch (err) {
      toast(errorText(err), "error");
      setBusy(false);
    }
  };
  return (
    <section class="card admin-box" aria-labelledby="admin-box-title">
      <h2 id="admin-box-title">{t("admin.memberBox")}</h2>
      <p class="muted small">{profile.deactivated ? t("admin.isDeactivated") : t("admin.isActive")}</p>
      <div class="admin-box-actions">
        <button type="button" class={`btn ${profile.deactivated ? "btn-secondary" : "btn-danger"}`} onClick={toggle} disabled={busy}>
          {profile.deactivated ? t("admin.reactivate") : t("admin.deactivate")}
        </button>
        <button type="button" class="btn btn-danger" onClick={erase} disabled={busy} aria-describedby="admin-erase-hint">
          {t("admin.erase")}
        </button>
      </div>
      <p id="admin-erase-hint" class="muted small">{t("admin.eraseHint")}</p>
    </section>
  );
}

/** /people/:id: who someone is, where and what time it is for them, and what they know. */
export function ProfilePage() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  usePageTitle(state.status === "ready" ? state.profile.name : t("people.title"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    api<Profile>(`/users/${encodeURIComponent(id)}`).then(
      (profile) => live && setState({ status: "ready", profile }),
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card"><Skeleton lines={6} /></div>
      </section>
    );
  }
  if (state.status === "error") {
    return (
      <section class="page">
        <div class="card">
          <EmptyState
            role="alert"
            icon="people"
            title={state.missing ? t("profile.missing") : state.message}
            action={state.missing ? <a class="btn btn-secondary" href="/people">{t("profile.backToPeople")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      </section>
    );
  }

  const { profile } = state;
  const mine = me.value?.id === profile.id;
  const shown = mine && me.value ? { ...profile, ...me.value } : profile;
  return (
    <section class="page">
      <article class="card profile">
        <header class="profile-header">
          <Avatar member={shown} size="xl" />
          <div class="stack-tight profile-identity">
            <h1>{shown.name}</h1>
            <p class="muted">@{shown.handle}</p>
            {shown.title || shown.department ? <p>{[shown.title, shown.department].filter(Boolean).join(" · ")}</p> : null}
            <p class="muted">
              <LocalTime timezone={shown.timezone} city={shown.location} />
            </p>
            <div class="badge-row">
              {shown.role === "admin" ? <Badge tone="accent">{t("role.admin")}</Badge> : null}
              {shown.role === "guest" ? <Badge tone="warning">{t("role.guest")}</Badge> : null}
              {shown.deactivated ? <Badge tone="danger">{t("profile.deactivated")}</Badge> : null}
            </div>
          </div>
          {mine ? (
            <a class="btn btn-secondary profile-edit" href="/me/edit">
              {t("profile.edit")}
            </a>
          ) : !shown.deactivated ? (
            <div class="profile-edit">
              <FollowMemberButton member={{ id: shown.id, handle: shown.handle, name: shown.name, location: shown.location, timezone: shown.timezone, avatarUrl: shown.avatarUrl }} />
            </div>
          ) : null}
        </header>

        {shown.email || shown.phone ? (
          <section class="profile-section">
            <h2>{t("profile.contact")}</h2>
            <dl class="facts">
              {shown.email ? (
                <>
                  <dt>{t("profile.email")}</dt>
                  <dd><a href={`mailto:${shown.email}`}>{shown.email}</a></dd>
                </>
              ) : null}
              {shown.phone ? (
                <>
                  <dt>{t("profile.phone")}</dt>
                  <dd><a href={`tel:${shown.phone.replace(/[^\d+]/g, "")}`}>{shown.phone}</a></dd>
                </>
              ) : null}
            </dl>
          </section>
        ) : null}

        {shown.bioHtml ? (
          <section class="profile-section">
            <h2>{t("profile.bio")}</h2>
            {/* Rendered from markdown and sanitised by the server when saved. */}
            <SafeHtml html={shown.bioHtml} />
          </section>
        ) : mine ? (
          <section class="profile-section">
            <EmptyState title={t("profile.emptyMine")} action={<a class="btn btn-primary" href="/me/edit">{t("profile.edit")}</a>} />
          </section>
        ) : null}

        <TagSection label="profile.skills" items={shown.skills} linkTo="skill" />
        <TagSection label="profile.hotTopics" items={shown.hotTopics} />
        <TagSection label="profile.languages" items={shown.languages} />
        <TagSection label="profile.hobbies" items={shown.hobbies} />
      </article>
      {isAdmin.value && !mine ? <AdminActions profile={profile} onChange={(p) => setState({ status: "ready", profile: p })} /> : null}
    </section>
  );
}
