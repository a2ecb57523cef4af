import { EmptyState } from "../../components/empty-state";
import { usePageTitle } from "../../components/page-title";
import { t } from "../../i18n";

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
