import { Avatar } from "../../components/avatar";
import { Icon } from "../../components/icons";
import { LocalTime } from "../../components/local-time";
import { usePageTitle } from "../../components/page-title";
import { t } from "../../i18n";
import { me } from "../../session";

/** / for now: a welcome and the two things worth doing first. The feed comes with the groups. */
export function Home() {
  usePageTitle(t("nav.home"));
  const user = me.value;
  if (!user) return null;
  const incomplete = !user.title || !user.location || user.skills.length === 0;
  return (
    <section class="page">
      <div class="card welcome">
        <Avatar member={user} size="lg" />
        <div class="stack-tight">
          <h1>{t("home.welcome", { name: user.name })}</h1>
          <p class="muted">
            <LocalTime timezone={user.timezone} city={user.location} />
          </p>
        </div>
      </div>
      <div class="card-grid">
        <a class="card card-link" href="/me/edit">
          <Icon name="me" size={24} />
          <span class="card-link-title">{incomplete ? t("home.fillProfile") : t("home.updateProfile")}</span>
          <span class="muted">{t("home.fillProfileBody")}</span>
        </a>
        <a class="card card-link" href="/people">
          <Icon name="people" size={24} />
          <span class="card-link-title">{t("home.findPeople")}</span>
          <span class="muted">{t("home.findPeopleBody")}</span>
        </a>
      </div>
      <p class="muted small">{t("home.feedSoon")}</p>
    </section>
  );
}
