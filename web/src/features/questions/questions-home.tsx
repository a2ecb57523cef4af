import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, Page, Question } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { MarkdownPreview } from "../../components/markdown-preview";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { Tabs } from "../../components/tabs";
import { TagInput } from "../../components/tag-input";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { QuestionPage } from "./question-page";
import { QuestionList, type QuestionFilter } from "./question-list";
import { askHref, promiseText, questionHref, usePromise } from "./questions-shared";
import "./questions.css";

const TABS = ["groups", "unanswered", "overdue", "mine"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { groups: "questions.tab.groups", unanswered: "questions.tab.unanswered", overdue: "questions.tab.overdue", mine: "questions.tab.mine" };
const TAB_EMPTY: Record<Tab, MessageKey> = { groups: "questions.empty.groups", unanswered: "questions.empty.unanswered", overdue: "questions.empty.overdue", mine: "questions.empty.mine" };

/** My groups (memberships), for the "my groups" tab, the filters and the ask form's group picker. */
function useMyGroups() {
  const [groups, setGroups] = useState<Group[] | null>(null);
  useEffect(() => {
    let live = true;
    api<Page<Group>>("/groups", { query: { mine: "1", limit: 100 } }).then(
      (page) => live && setGroups(page.items.filter((g) => g.membership?.state === "member")),
      () => live && setGroups([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return groups;
}

/** `/questions/:tab?`: the questions of my groups, the network's unanswered and overdue queues, and mine. */
function QuestionsHome({ tab }: { tab: Tab }) {
  usePageTitle(t("nav.questions"));
  const groups = useMyGroups();
  const [groupId, setGroupId] = useState("");
  const [tag, setTag] = useState("");
  const [tagDraft, setTagDraft] = useState("");
  const filter: QuestionFilter = {
    state: tab === "unanswered" || tab === "overdue" ? tab : "all",
    groupId: groupId || undefined,
    tag: tag || undefined,
    mine: tab === "mine",
  };
  const mineIds = new Set((groups ?? []).map((g) => g.id));
  return (
    <section class="page questions-page">
      <div class="page-head">
        <h1>{t("nav.questions")}</h1>
        <div class="actions">
          <a class="btn btn-primary" href={askHref(groupId || undefined)}>
            <Icon name="plus" size={18} />
            <span>{t("questions.ask")}</span>
          </a>
        </div>
      </div>
      <Tabs label={t("questions.sections")} current={tab} items={TABS.map((x) => ({ id: x, href: x === "groups" ? "/questions" : `/questions/${x}`, label: t(TAB_LABEL[x]) }))} />
      <form
        class="question-filters"
        role="search"
        aria-label={t("questions.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setTag(tagDraft.trim());
        }}
      >
        <div class="field">
          <label for="questions-group">{t("questions.filterGroup")}</label>
          <select id="questions-group" value={groupId} onChange={(e) => setGroupId(e.currentTarget.value)}>
            <option value="">{tab === "groups" ? t("questions.allMyGroups") : t("questions.allGroups")}</option>
            {(groups ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="questions-tag">{t("questions.filterTag")}</label>
          <input id="questions-tag" type="search" maxLength={50} value={tagDraft} onInput={(e) => setTagDraft(e.currentTarget.value)} onBlur={() => setTag(tagDraft.trim())} />
        </div>
        <button type="submit" class="btn btn-secondary">
          {t("questions.applyFilter")}
        </button>
      </form>
      {tab === "groups" && groups === null ? (
        <div class="card">
          <Skeleton lines={4} />
        </div>
      ) : (
        <QuestionList filter={filter} keep={tab === "groups" ? (q: Question) => mineIds.has(q.groupId) : undefined} empty={t(TAB_EMPTY[tab])} />
      )}
    </section>
  );
}

type AskErrors = Partial<Record<"group" | "title" | "body" | "tags" | "form", string>>;

/** `/questions/ask?groupId=`: which group, a title, the details (markdown, with a preview) and tags; the promise shown. */
function AskPage() {
  usePageTitle(t("questions.askTitle"));
  const { route, query } = useLocation();
  const groups = useMyGroups();
  const [groupId, setGroupId] = useState(query.groupId ?? "");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<AskErrors>({});
  const [busy, setBusy] = useState(false);
  const postable = (groups ?? []).filter((g) => g.can.post);
  const chosen = groupId || postable[0]?.id || "";
  const promise = usePromise(chosen || null);

  const submit = async () => {
    const next: AskErrors = {};
    if (!chosen) next.group = t("questions.form.groupRequired");
    if (!title.trim()) next.title = t("questions.form.titleRequired");
    if (!body.trim()) next.body = t("questions.form.bodyRequired");
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const json = { kind: "question", title: title.trim(), body: body.trim(), tags };
      const created = await api<{ id: string }>(`/groups/${encodeURIComponent(chosen)}/posts`, { method: "POST", body: json });
      toast(t("questions.form.asked"));
      route(questionHref(created.id));
    } catch (err) {
      const fields: AskErrors = {};
      if (err instanceof ApiError) {
        for (const issue of err.fieldIssues) {
          const key = issue.path.split(".")[0] as keyof AskErrors;
          if (key === "title" || key === "body" || key === "tags") fields[key] = issue.message;
        }
      }
      setErrors({ ...fields, form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  if (groups === null) {
    return (
      <section class="page">
        <div class="card">
          <Skeleton lines={5} />
        </div>
      </section>
    );
  }
  return (
    <section class="page questions-page">
      <a class="back-link" href="/questions">
        ‹ {t("nav.questions")}
      </a>
      <h1>{t("questions.askTitle")}</h1>
      {postable.length === 0 ? (
        <div class="card">
          <EmptyState icon="groups" title={t("questions.form.noGroup")} action={<a class="btn btn-secondary" href="/groups">{t("home.findGroups")}</a>} />
        </div>
      ) : (
        <form
          class="card form ask-form"
          aria-label={t("questions.askTitle")}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field id="ask-group" label={t("questions.form.group")} hint={promiseText(promise)} error={errors.group}>
            <select id="ask-group" value={chosen} onChange={(e) => setGroupId(e.currentTarget.value)} {...describedBy("ask-group", "hint", errors.group)}>
              {postable.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="ask-title" label={t("questions.form.title")} hint={t("questions.form.titleHint")} error={errors.title}>
            <input id="ask-title" type="text" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} {...describedBy("ask-title", "hint", errors.title)} />
          </Field>
          <div class={`field${errors.body ? " field-invalid" : ""}`}>
            <div class="field-head">
              <label for="ask-body">{t("questions.form.body")}</label>
              <div class="segmented" role="group" aria-label={t("edit.bioMode")}>
                <button type="button" class="segmented-item" aria-pressed={!preview} onClick={() => setPreview(false)}>
                  {t("edit.write")}
                </button>
                <button type="button" class="segmented-item" aria-pressed={preview} onClick={() => setPreview(true)}>
                  {t("edit.preview")}
                </button>
              </div>
            </div>
            {preview ? (
              <div aria-live="polite">
                <MarkdownPreview text={body} class="composer-preview post-body" />
              </div>
            ) : (
              <textarea id="ask-body" rows={6} value={body} onInput={(e) => setBody(e.currentTarget.value)} {...describedBy("ask-body", "hint", errors.body)} />
            )}
            <p id="ask-body-hint" class="field-hint">
              {t("composer.hint")}
            </p>
            {errors.body ? (
              <p id="ask-body-error" class="field-error" role="alert">
                {errors.body}
              </p>
            ) : null}
          </div>
          <Field id="ask-tags" label={t("questions.form.tags")} hint={t("questions.form.tagsHint")} error={errors.tags}>
            <TagInput id="ask-tags" value={tags} onChange={(next) => setTags(next.slice(0, 10))} describedBy={describedBy("ask-tags", "hint", errors.tags)} />
          </Field>
          {errors.form ? (
            <p class="alert alert-danger" role="alert">
              {errors.form}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? t("common.sending") : t("questions.form.submit")}
            </button>
            <a class="btn btn-secondary" href="/questions">
              {t("common.cancel")}
            </a>
          </div>
        </form>
      )}
    </section>
  );
}

/** `/questions`, `/questions/:tab`, `/questions/ask` and `/questions/:id` (a question's own page). */
export function QuestionsRoute() {
  const { params } = useRoute();
  const id = params.id ?? "";
  if (!id) return <QuestionsHome tab="groups" />;
  if ((TABS as readonly string[]).includes(id)) return <QuestionsHome tab={id as Tab} />;
  if (id === "ask") return <AskPage />;
  return <QuestionPage id={id} />;
}
