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
import "./admin.css";

/** /admin/:tab?: invitations, the ethics charter and integrations. Members are managed from their profile pages. */
export function Admin() {
  const { params } = useRoute();
  const tab = params.tab === "charter" || params.tab === "integrations" || params.tab === "sso" ? params.tab : "invitations";
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
          { id: "sso", href: "/admin/sso", label: t("admin.sso") },
        ]}
      />
      {tab === "charter" ? <CharterAdmin /> : tab === "integrations" ? <IntegrationsAdmin /> : tab === "sso" ? <SsoAdmin /> : <InvitationsAdmin />}
      {tab === "integrations" ? null : <p class="muted small">{t("admin.membersHint")}</p>}
    </section>
  );
}
