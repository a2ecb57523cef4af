import { useLocation } from "preact-iso";
import { EmptyState } from "../../components/empty-state";
import type { IconName } from "../../components/icons";
import { usePageTitle } from "../../components/page-title";
import { t, type MessageKey } from "../../i18n";

const SECTIONS: Record<string, { label: MessageKey; icon: IconName }> = {
  groups: { label: "nav.groups", icon: "groups" },
  coffee: { label: "nav.coffee", icon: "coffee" },
  ideas: { label: "nav.ideas", icon: "ideas" },
  campaigns: { label: "nav.ideas", icon: "ideas" },
  questions: { label: "nav.questions", icon: "questions" },
  events: { label: "nav.events", icon: "events" },
};

/** Sections that are on the map but not built yet: said calmly, with a way to somewhere useful. */
export function ComingSoon() {
  const { path } = useLocation();
  const section = SECTIONS[path.split("/")[1] ?? ""] ?? SECTIONS.groups;
  const title = t(section.label);
  usePageTitle(title);
  return (
    <section class="page">
      <h1>{title}</h1>
      <div class="card">
        <EmptyState icon={section.icon} title={t("soon.title")} action={<a class="btn btn-secondary" href="/people">{t("soon.action")}</a>}>
          {t("soon.body")}
        </EmptyState>
      </div>
    </section>
  );
}

export function NotFound() {
  usePageTitle(t("notFound.title"));
  return (
    <section class="page">
      <h1>{t("notFound.title")}</h1>
      <div class="card">
        <EmptyState title={t("notFound.body")} action={<a class="btn btn-primary" href="/">{t("notFound.action")}</a>} />
      </div>
    </section>
  );
}
