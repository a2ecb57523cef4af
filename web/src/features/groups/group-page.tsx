import { lazy, useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, NotifyLevel } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { Tabs } from "../../components/tabs";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDate } from "../../i18n/format";
import type { Member } from "../../live/room";
import { useRoom } from "../../live/use-room";
import { me } from "../../session";
import { coverStyle, GroupBadges, JoinButton, KIND_LABEL, VISIBILITY_HINT } from "./group-parts";
import { GroupPosts } from "./group-posts";
import { markGroupSeen } from "./unread";
import "./groups.css";

/*
 * The page's chunk holds its header and its posts (what a visit shows first); every other tab, and the editing dialog,
 * is a chunk of its own with its words, loaded when it is opened: the header's description (the page's largest paint)
 * waited for the code and the words of all eleven tabs (22 chunks and 11 word parts a language).
 */
const EditGroupDialog = lazy(() => import("./edit-group").then((m) => m.EditGroupDialog));
const GroupMembers = lazy(() => import("./group-members").then((m) => m.GroupMembers));
const GroupRequests = lazy(() => import("./group-members").then((m) => m.GroupRequests));
const GroupReports = lazy(() => import("./group-members").then((m) => m.GroupReports));
const GroupQuestions = lazy(() => import("../questions/group-questions").then((m) => m.GroupQuestions));
const GroupFaq = lazy(() => import("../knowledge/faq").then((m) => m.GroupFaq));
const GroupLibrary = lazy(() => import("../knowledge/library").then((m) => m.GroupLibrary));
const GroupOfficeHours = lazy(() => import("../office-hours/group-office-hours").then((m) => m.GroupOfficeHours));
const GroupAudit = lazy(() => import("./group-audit").then((m) => m.GroupAudit));

type State = { status: "loading" } | { status: "error"; message: string; missing: boolean } | { status: "ready"; group: Group };

const TABS = ["posts", "questions", "faq", "library", "office-hours", "pinned", "members", "about", "requests", "reports", "audit"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { posts: "groups.posts", questions: "nav.questions", faq: "faq.tab", library: "library.tab", "office-hours": "officeHours.title", pinned: "groups.pinned", members: "members.title", about: "groups.about", requests: "requests.title", reports: "reports.title", audit: "groupAudit.tab" };
const LEVELS: { value: NotifyLevel; label: MessageKey }[] = [
  { value: "all", label: "notify.all" },
  { value: "mentions", label: "notify.mentions" },
  { value: "none", label: "notify.none" },
];

function About({ group, onChange }: { group: Group; onChange?: (g: Group) => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <section class="card group-about" aria-labelledby="about-title">
      <div class="group-about-head">
        <h2 id="about-title">{t("groups.about")}</h2>
        {group.can.edit && onChange ? (
          <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
            {t("groups.edit")}
          </button>
        ) : null}
      </div>
      {editing && onChange ? <EditGroupDialog group={group} onSaved={onChange} onClose={() => setEditing(false)} /> : null}
      <dl class="facts">
        <dt>{t("groups.visibility")}</dt>
        <dd>{t(VISIBILITY_HINT[group.visibility])}</dd>
        <dt>{t("groups.kind")}</dt>
        <dd>{t(KIND_LABEL[group.kind])}</dd>
        <dt>{t("groups.since")}</dt>
        <dd>{formatDate(group.createdAt)}</dd>
      </dl>
      {group.rulesHtml ? (
        <>
          <h3>{t("groups.rules")}</h3>
          <SafeHtml html={group.rulesHtml} />
        </>
      ) : null}
    </section>
  );
}

function NotifyLevelSelect({ group, onChange }: { group: Group; onChange: (g: Group) => void }) {
  const [busy, setBusy] = useState(false);
  const membership = group.membership;
  if (membership?.state !== "member") return null;
  const save = async (level: NotifyLevel) => {
    setBusy(true);
    try {
      await api(`/groups/${encodeURIComponent(group.id)}/notifications`, { method: "PUT", body: { level } });
      onChange({ ...group, membership: { ...membership, notify: level } });
      toast(t("notify.saved"));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="field notify-level">
      <label for="group-notify">{t("notify.label")}</label>
      <select id="group-notify" value={membership.notify} disabled={busy} onChange={(e) => save(e.currentTarget.value as NotifyLevel)}>
        {LEVELS.map((l) => (
          <option key={l.value} value={l.value}>
            {t(l.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

function OnlineNow({ people }: { people: Member[] }) {
  if (!people.length) return null;
  const shown = people.slice(0, 8);
  return (
    <div class="online-now">
      <span class="muted small">{t("groups.online", { count: people.length })}</span>
      <ul class="avatar-stack" aria-label={t("groups.onlineList")}>
        {shown.map((m) => (
          <li key={m.id}>
            <a href={`/people/${encodeURIComponent(m.id)}`} title={m.name}>
              <Avatar member={m} size="sm" label={m.name} />
              <span class="presence-dot" aria-hidden="true" />
            </a>
          </li>
        ))}
        {people.length > shown.length ? <li class="muted small">+{people.length - shown.length}</li> : null}
      </ul>
    </div>
  );
}

/** `/groups/:id/:tab?`: a group — its band and name, who is online, and its posts, pins, members and rules. */
export function GroupPage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? "";
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [news, setNews] = useState<string[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const group = state.status === "ready" ? state.group : null;
  usePageTitle(group ? group.name : t("nav.groups"));

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    setNews([]);
    api<Group>(`/groups/${encodeURIComponent(id)}`).then(
      (g) => {
        if (!live) return;
        setState({ status: "ready", group: g });
        if (g.membership?.state === "member") {
          markGroupSeen(g.id);
          // Told once the group is on screen (the frame after this one): not one more request before its first paint.
          requestAnimationFrame(() =>
            setTimeout(() => {
              api(`/groups/${encodeURIComponent(g.id)}/read`, { method: "POST" }).catch(() => {
                // Only the unread mark is at stake; the next visit tries again.
              });
            }, 0),
          );
        }
      },
      (err) => live && setState({ status: "error", message: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const myId = me.value?.id;
  const room = useRoom("group-room", group?.can.read ? group.id : null, (frame) => {
    if (frame.type === "reload") {
      setNews([]);
      setReloadKey((k) => k + 1);
      return;
    }
    if (frame.type === "event" && frame.name === "post.created") {
      const { postId, authorId } = frame.data;
      if (authorId !== myId) setNews((list) => (list.includes(postId) ? list : [...list, postId]));
    }
  });
  const online = room?.presence.value ?? [];

  if (state.status === "loading") {
    return (
      <section class="page">
        <div class="card"><Skeleton lines={5} /></div>
      </section>
    );
  }
  if (state.status === "error") {
    return (
      <section class="page">
        <h1>{state.missing ? t("groups.missingTitle") : t("nav.groups")}</h1>
        <div class="card">
          <EmptyState
            role="alert"
            icon="groups"
            title={state.missing ? t("groups.missing") : state.message}
            action={state.missing ? <a class="btn btn-secondary" href="/groups">{t("groups.backToGroups")}</a> : <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>}
          />
        </div>
      </section>
    );
  }

  const g = state.group;
  const setGroup = (next: Group) => setState({ status: "ready", group: next });
  const tabs = TABS.filter((tab) => (tab === "requests" || tab === "reports" || tab === "audit" ? g.can.moderate : true)).filter((tab) => tab !== "requests" || g.visibility !== "open");
  const requested = (params.tab ?? "posts") as Tab;
  const tab: Tab = tabs.includes(requested) ? requested : "posts";
  const base = `/groups/${encodeURIComponent(g.id)}`;

  return (
    <section class="page group-page">
      <header class="card group-header">
        <div class="group-cover" style={coverStyle(g)} aria-hidden="true" />
        <div class="group-head">
          <div class="stack-tight group-title">
            <h1>{g.name}</h1>
            <GroupBadges group={g} />
          </div>
          {/* Null: having left it, the caller may no longer see the group (a secret one). */}
          <JoinButton group={g} onChange={(next) => (next ? setGroup(next) : route("/groups"))} />
        </div>
        {g.description ? <p class="group-description">{g.description}</p> : null}
        <div class="group-tools">
          {g.can.read ? <OnlineNow people={online} /> : null}
          <NotifyLevelSelect group={g} onChange={setGroup} />
        </div>
      </header>

      {!g.can.read ? (
        <>
          <About group={g} />
          <div class="card">
            <EmptyState icon="lock" title={g.membership?.state === "pending" ? t("groups.pendingBody") : t("groups.privateBody")} />
          </div>
        </>
      ) : (
        <>
          <Tabs label={t("groups.sections")} current={tab} items={tabs.map((x) => ({ id: x, href: x === "posts" ? base : `${base}/${x}`, label: t(TAB_LABEL[x]) }))} />
          {tab === "posts" ? (
            <GroupPosts group={g} news={news} onNewsTaken={() => setNews([])} reloadKey={reloadKey} />
          ) : tab === "pinned" ? (
            <GroupPosts group={g} pinned news={[]} onNewsTaken={() => {}} reloadKey={reloadKey} />
          ) : tab === "members" ? (
            <GroupMembers group={g} online={new Set(online.map((m) => m.id))} />
          ) : tab === "requests" ? (
            <GroupRequests group={g} onApproved={() => setGroup({ ...g, memberCount: g.memberCount + 1 })} />
          ) : tab === "reports" ? (
            <GroupReports group={g} />
          ) : tab === "questions" ? (
            <GroupQuestions group={g} />
          ) : tab === "faq" ? (
            <GroupFaq group={g} />
          ) : tab === "library" ? (
            <GroupLibrary group={g} />
          ) : tab === "office-hours" ? (
            <GroupOfficeHours group={g} />
          ) : tab === "audit" ? (
            <GroupAudit group={g} />
          ) : (
            <About group={g} onChange={setGroup} />
          )}
        </>
      )}
    </section>
  );
}
