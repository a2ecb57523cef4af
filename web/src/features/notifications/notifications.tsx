import { useLocation, useRoute } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api";
import type { Notification, NotificationPage, NotificationSettings, NotifyLevel } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { EmptyState } from "../../components/empty-state";
import { Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { Tabs } from "../../components/tabs";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { notificationPulse, refreshUnread, unreadNotifications } from "../../live/user-live";
import "./notifications.css";

const TEXT: Record<Notification["kind"], MessageKey> = {
  mention: "notif.mention",
  reply: "notif.reply",
  comment: "notif.comment",
  post: "notif.post",
  announcement: "notif.announcement",
  join_request: "notif.joinRequest",
  joined: "notif.joined",
  approved: "notif.approved",
  coffee_paired: "notif.coffeePaired",
  coffee_left_out: "notif.coffeeLeftOut",
  webhook_disabled: "notif.webhookDisabled",
  idea_status: "notif.ideaStatus",
  question_nudge: "notif.questionNudge",
  question_overdue: "notif.questionOverdue",
};

/** Where a notification leads. */
function targetOf(n: Notification): string {
  const group = n.group ? `/groups/${encodeURIComponent(n.group.id)}` : null;
  if (n.kind === "join_request" && group) return `${group}/requests`;
  if (n.kind === "idea_status" && n.post) return `/ideas/${encodeURIComponent(n.post.id)}`;
  if (n.post) return `/posts/${encodeURIComponent(n.post.id)}${n.commentId ? `#c-${n.commentId}` : ""}`;
  if (n.kind.startsWith("coffee")) return "/coffee";
  if (n.kind === "webhook_disabled") return "/admin/integrations";
  return group ?? "/";
}

function markRead(ids?: string[]) {
  return api("/notifications/read", { method: "POST", body: ids ? { ids } : {} });
}

function NotificationList() {
  const { route } = useLocation();
  const list = usePaged<Notification, NotificationPage>("notifications", (cursor, signal) => api<NotificationPage>("/notifications", { query: { cursor, limit: 30 }, signal }), (first) => {
    unreadNotifications.value = first.unread;
  });
  const [busy, setBusy] = useState(false);

  // A new notification arrived in my room: the first page again (items stay on screen meanwhile).
  const pulse = notificationPulse.value;
  const seen = useRef(pulse);
  useEffect(() => {
    if (pulse !== seen.current) {
      seen.current = pulse;
      list.reload();
    }
  }, [pulse]);

  const readAll = async () => {
    setBusy(true);
    try {
      await markRead();
      list.update((items) => items.map((n) => ({ ...n, read: true })));
      unreadNotifications.value = 0;
      toast(t("notif.allRead"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const readOne = async (n: Notification) => {
    if (n.read) return;
    list.update((items) => items.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    try {
      await markRead([n.id]);
    } catch (err) {
      list.update((items) => items.map((x) => (x.id === n.id ? { ...x, read: false } : x)));
      toast(errorText(err), "error");
    }
    void refreshUnread();
  };

  if (list.state.status === "loading") return <div class="card"><Skeleton lines={6} /></div>;
  if (list.state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  const items = list.state.items;
  const unread = items.some((n) => !n.read);
  const unreadCount = unreadNotifications.value ?? items.filter((n) => !n.read).length;
  return (
    <>
      <div class="notif-head">
        <p class="muted small" role="status">
          {unreadCount ? t("notif.unreadCount", { count: unreadCount }) : t("notif.noneUnread")}
        </p>
        <button type="button" class="btn btn-secondary" onClick={readAll} disabled={busy || !unread}>
          {t("notif.markAll")}
        </button>
      </div>
      {items.length === 0 ? (
        <div class="card">
          <EmptyState icon="bell" title={t("notif.empty")} action={<a class="btn btn-secondary" href="/groups">{t("home.findGroups")}</a>}>
            {t("notif.emptyBody")}
          </EmptyState>
        </div>
      ) : (
        <ul class="card notif-list" aria-label={t("nav.notifications")}>
          {items.map((n) => {
            const href = targetOf(n);
            const text = t(TEXT[n.kind], { name: n.actor?.name ?? t("notif.someone"), group: n.group?.name ?? "" });
            return (
              <li key={n.id} class={n.read ? "notif" : "notif notif-unread"}>
                {n.actor ? <Avatar member={n.actor} size="md" /> : <span class="avatar avatar-md avatar-hue-0" aria-hidden="true" />}
                <div class="notif-main">
                  <a
                    class="notif-link"
                    href={href}
                    onClick={(e) => {
                      e.preventDefault();
                      void readOne(n);
                      route(href);
                    }}
                  >
                    {text}
                  </a>
                  {n.post?.excerpt ? <p class="notif-excerpt muted small">{n.post.excerpt}</p> : null}
                  <span class="muted small">
                    <RelativeTime at={n.createdAt} />
                  </span>
                </div>
                {n.read ? null : (
                  <button type="button" class="btn btn-quiet notif-read" onClick={() => readOne(n)} aria-label={t("notif.markReadNamed", { text })}>
                    <span class="unread-dot" aria-hidden="true" />
                    <span>{t("notif.markRead")}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </>
  );
}

const LEVELS: { value: NotifyLevel; label: MessageKey }[] = [
  { value: "all", label: "notify.all" },
  { value: "mentions", label: "notify.mentions" },
  { value: "none", label: "notify.none" },
];

function NotificationSettingsForm() {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [error, setError] = useState("");
  const [attempt, setAttempt] = useState(0);
  const [quiet, setQuiet] = useState({ on: false, from: "22:00", to: "07:00" });
  const [quietError, setQuietError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setError("");
    api<NotificationSettings>("/notifications/settings").then(
      (s) => {
        setSettings(s);
        setQuiet(s.quietHours ? { on: true, ...s.quietHours } : { on: false, from: "22:00", to: "07:00" });
      },
      (err) => setError(errorText(err)),
    );
  }, [attempt]);

  const saveQuiet = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setQuietError("");
    try {
      await api("/notifications/quiet-hours", { method: "PUT", body: { quietHours: quiet.on ? { from: quiet.from, to: quiet.to } : null } });
      toast(t("quiet.saved"));
    } catch (err) {
      setQuietError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const saveLevel = async (groupId: string, level: NotifyLevel) => {
    if (!settings) return;
    const before = settings;
    setSettings({ ...settings, groups: settings.groups.map((g) => (g.id === groupId ? { ...g, notify: level } : g)) });
    try {
      await api(`/groups/${encodeURIComponent(groupId)}/notifications`, { method: "PUT", body: { level } });
      toast(t("notify.saved"));
    } catch (err) {
      setSettings(before);
      toast(errorText(err), "error");
    }
  };

  if (error) {
    return (
      <div class="card">
        <EmptyState role="alert" title={error} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
      </div>
    );
  }
  if (!settings) return <div class="card"><Skeleton lines={5} /></div>;
  return (
    <>
      <form class="card form" onSubmit={saveQuiet} aria-labelledby="quiet-title">
        <h2 id="quiet-title">{t("quiet.title")}</h2>
        <p class="muted small">{t("quiet.hint")}</p>
        <label class="check">
          <input type="checkbox" checked={quiet.on} onChange={(e) => setQuiet({ ...quiet, on: e.currentTarget.checked })} />
          <span>{t("quiet.enable")}</span>
        </label>
        {quiet.on ? (
          <div class="quiet-times">
            <Field id="quiet-from" label={t("quiet.from")}>
              <input id="quiet-from" type="time" value={quiet.from} required onInput={(e) => setQuiet({ ...quiet, from: e.currentTarget.value })} />
            </Field>
            <Field id="quiet-to" label={t("quiet.to")}>
              <input id="quiet-to" type="time" value={quiet.to} required onInput={(e) => setQuiet({ ...quiet, to: e.currentTarget.value })} />
            </Field>
          </div>
        ) : null}
        {quietError ? <p class="field-error" role="alert">{quietError}</p> : null}
        <div>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
      <section class="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t("notify.perGroup")}</h2>
        {settings.groups.length === 0 ? (
          <EmptyState icon="groups" title={t("home.noGroups")} action={<a class="btn btn-secondary" href="/groups">{t("home.findGroups")}</a>} />
        ) : (
          <ul class="level-list">
            {settings.groups.map((g) => (
              <li key={g.id} class="level-row">
                <label for={`level-${g.id}`}>{g.name}</label>
                <select id={`level-${g.id}`} value={g.notify} onChange={(e) => saveLevel(g.id, e.currentTarget.value as NotifyLevel)}>
                  {LEVELS.map((l) => (
                    <option key={l.value} value={l.value}>
                      {t(l.label)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** `/notifications` and `/notifications/settings`: what happened for me, and how much I want to hear. */
export function NotificationsPage() {
  const { params } = useRoute();
  const tab = params.tab === "settings" ? "settings" : "list";
  usePageTitle(t("nav.notifications"));
  return (
    <section class="page">
      <h1>{t("nav.notifications")}</h1>
      <Tabs
        label={t("nav.notifications")}
        current={tab}
        items={[
          { id: "list", href: "/notifications", label: t("notif.all") },
          { id: "settings", href: "/notifications/settings", label: t("notif.settings") },
        ]}
      />
      {tab === "settings" ? <NotificationSettingsForm /> : <NotificationList />}
    </section>
  );
}
