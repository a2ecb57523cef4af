import { Avatar } from "../../components/avatar";
import { LanguageSwitch } from "../../components/language-switch";
import { LocalTime } from "../../components/local-time";
import { usePageTitle } from "../../components/page-title";
import { t } from "../../i18n";
import { isAdmin, me, signOut } from "../../session";
import "./people.css";

/** /me: the phone's "Me" tab, where the sidebar's and the avatar menu's destinations live on a small screen. */
export function MeHub() {
  usePageTitle(t("nav.me"));
  const user = me.value;
  if (!user) return null;
  return (
    <section class="page">
      <div class="card welcome">
        <Avatar member={user} size="lg" />
        <div class="stack-tight">
          <h1>{user.name}</h1>
          <p class="muted">
            <LocalTime timezone={user.timezone} city={user.location} />
          </p>
        </div>
      </div>
      <nav class="card link-list" aria-label={t("nav.me")}>
        <a href={`/people/${encodeURIComponent(user.id)}`}>{t("menu.profile")}</a>
        <a href="/me/edit">{t("profile.edit")}</a>
        <a href="/people">{t("nav.people")}</a>
        <a href="/settings">{t("menu.settings")}</a>
        {isAdmin.value ? <a href="/admin">{t("nav.admin")}</a> : null}
      </nav>
      <div class="card me-language">
        <span>{t("settings.language")}</span>
        <LanguageSwitch />
      </div>
      <button type="button" class="btn btn-secondary btn-block" onClick={() => signOut().catch(() => {})}>
        {t("menu.signOut")}
      </button>
    </section>
  );
}
