import { useRoute } from "preact-iso";
import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { Tabs } from "../../components/tabs";
import { t } from "../../i18n";
import { isAdmin } from "../../session";
import { CharterAdmin } from "./charter-admin";
import { IntegrationsAdmin } from "./integrations";
import { InvitationsAdmin } from "./invitations";
import { SsoAdmin } from "./sso";
import { AuditLogAdmin } from "./audit-log";
import { GroupsAdmin } from "./groups-admin";
import { MembersAdmin } from "./members-admin";
import { ModerationAdmin } from "./moderation-admin";
import { ScimAdmin } from "./scim-admin";
import { SettingsAdmin } from "./settings-admin";
import "./admin.css";

/** The console's tabs beyond invitations, the charter and integrations (issue 12), by their path. */
const CONSOLE_TABS = {
  members: MembersAdmin,
  groups: GroupsAdmin,
  moderation: ModerationAdmin,
  settings: SettingsAdmin,
  sso: SsoAdmin,
  scim: ScimAdmin,
  audit: AuditLogAdmin,
} as const;

/** /admin/:tab?: members, invitations, groups, the charter, moderation, settings, integrations, SCIM, the audit log. */
export function Admin() {
  const { params } = useRoute();
  const consoleTab = (params.tab ?? "") in CONSOLE_TABS ? (params.tab as keyof typeof CONSOLE_TABS) : null;
  const tab = consoleTab ?? (params.tab === "charter" || params.tab === "integrations" ? params.tab : "invitations");
  usePageTitle(tab === "integrations" ? t("admin.integrations") : t("nav.admin"));
  if (!isAdmin.value) {
    return (
      <section class="page">
        <h1>{t("nav.admin")}</h1>
        <div class="card">
          <EmptyState icon="admin" title={t("admin.onlyAdmins")} action={<a class="btn btn-secondary" href="/">{t("notFound.action")}</a>} />
        </div>
      </section>
    );
  }
  return (
    <section class="page page-wide">
      <h1>{t("nav.admin")}</h1>
      <Tabs
        label={t("nav.admin")}
        current={tab}
        items={[
          { id: "invitations", href: "/admin/invitations", label: t("admin.invitations") },
          { id: "charter", href: "/admin/charter", label: t("admin.charter") },
          { id: "integrations", href: "/admin/integrations", label: t("admin.integrations") },
          { id: "members", href: "/admin/members", label: t("console.members") },
          { id: "groups", href: "/admin/groups", label: t("console.groups") },
          { id: "moderation", href: "/admin/moderation", label: t("console.moderation") },
          { id: "settings", href: "/admin/settings", label: t("console.settings") },
          { id: "sso", href: "/admin/sso", label: t("admin.sso") },
          { id: "scim", href: "/admin/scim", label: t("console.scim") },
          { id: "audit", href: "/admin/audit", label: t("console.audit") },
        ]}
      />
      {consoleTab ? (() => { const Panel = CONSOLE_TABS[consoleTab]; return <Panel />; })() : tab === "charter" ? <CharterAdmin /> : tab === "integrations" ? <IntegrationsAdmin /> : <InvitationsAdmin />}
    </section>
  );
}
