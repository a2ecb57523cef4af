import { api } from "../../api";
import type { AdminGroup, GroupVisibility, Page } from "../../api-types";
import { Badge } from "../../components/badge";
import { RelativeTime } from "../../components/relative-time";
import { t, type MessageKey } from "../../i18n";
import { AdminList } from "./admin-list";

const VISIBILITY: Record<GroupVisibility, MessageKey> = { open: "console.open", private: "console.private", secret: "console.secret" };

type Filters = { q: string; visibility: "" | GroupVisibility };

/** Every group of the network, secret ones included, with their owners and counts. */
export function GroupsAdmin() {
  return (
    <AdminList<AdminGroup, Filters>
      id="groups"
      title={t("console.groups")}
      initial={{ q: "", visibility: "" }}
      fields={[
        { key: "q", id: "groups-q", label: t("console.search"), type: "search", maxLength: 200 },
        {
          key: "visibility",
          id: "groups-visibility",
          label: t("console.visibility"),
          options: [{ value: "", label: t("console.any") }, ...(Object.keys(VISIBILITY) as GroupVisibility[]).map((v) => ({ value: v, label: t(VISIBILITY[v]) }))],
        },
      ]}
      load={(applied, cursor, signal) => api<Page<AdminGroup>>("/admin/groups", { query: { ...applied, cursor, limit: 25 }, signal })}
      empty={{ icon: "groups", title: t("console.noGroups") }}
      columns={[{ label: t("console.name") }, { label: t("console.visibility") }, { label: t("console.owners") }, { label: t("console.membersCount") }, { label: t("console.posts") }, { label: t("console.lastPost") }]}
      row={(g) => (
        <tr>
          <td><a href={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</a></td>
          <td><Badge tone={g.visibility === "secret" ? "danger" : g.visibility === "private" ? "warning" : "neutral"}>{t(VISIBILITY[g.visibility])}</Badge></td>
          <td>{g.owners.length ? g.owners.map((o, i) => <span key={o.id}>{i ? ", " : ""}<a href={`/people/${encodeURIComponent(o.id)}`}>{o.name}</a></span>) : <span class="muted">{t("console.noOwner")}</span>}</td>
          <td>{g.memberCount}{g.pendingCount ? <span class="small muted"> {t("console.pending", { count: g.pendingCount })}</span> : null}</td>
          <td>{g.postCount}</td>
          <td>{g.lastPostAt ? <RelativeTime at={g.lastPostAt} /> : <span class="muted">—</span>}</td>
        </tr>
      )}
    />
  );
}
