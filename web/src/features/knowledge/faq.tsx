import { useEffect, useState } from "preact/hooks";
import { api, ApiError, isAbort } from "../../api";
import type { FaqEntry, Group, Page } from "../../api-types";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Modal } from "../../components/modal";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import "./knowledge.css";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; entries: FaqEntry[] };

/** Every entry of a group's FAQ (a group's FAQ is short: its pages are read to the end). */
async function loadFaq(groupId: string, signal: AbortSignal): Promise<FaqEntry[]> {
  const entries: FaqEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<FaqEntry> = await api<Page<FaqEntry>>(`/groups/${encodeURIComponent(groupId)}/faq`, { query: { limit: 100, cursor }, signal });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** Entries by section, in the server's order (sections by name, the unnamed one first; entries by their order). */
function bySection(entries: FaqEntry[]): [string, FaqEntry[]][] {
  const sections = new Map<string, FaqEntry[]>();
  for (const e of entries) sections.set(e.section, [...(sections.get(e.section) ?? []), e]);
  return [...sections.entries()];
}

type Draft = { question: string; answer: string; section: string };

function FaqForm({ groupId, entry, sections, onSaved, onClose }: { groupId: string; entry: FaqEntry | null; sections: string[]; onSaved: () => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>({ question: entry?.question ?? "", answer: entry?.answer ?? "", section: entry?.section ?? "" });
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | "form", string>>>({});
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = { question: draft.question.trim(), answer: draft.answer, section: draft.section.trim() };
      if (entry) await api(`/faq/${encodeURIComponent(entry.id)}`, { method: "PATCH", body });
      else await api(`/groups/${encodeURIComponent(groupId)}/faq`, { method: "POST", body });
      toast(t("faq.saved"));
      onSaved();
      onClose();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldIssues : [];
      const next: typeof errors = {};
      for (const f of fields) if (f.path === "question" || f.path === "answer" || f.path === "section") next[f.path] = f.message;
      setErrors(Object.keys(next).length ? next : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal id="faq-form" title={entry ? t("faq.editTitle") : t("faq.addTitle")} onClose={onClose} wide>
      <form class="stack" onSubmit={save}>
        <Field id="faq-question" label={t("faq.question")} error={errors.question}>
          <input id="faq-question" required maxLength={300} value={draft.question} onInput={(e) => setDraft({ ...draft, question: e.currentTarget.value })} {...describedBy("faq-question", undefined, errors.question)} />
        </Field>
        <Field id="faq-answer" label={t("faq.answer")} hint={t("faq.answerHint")} error={errors.answer}>
          <textarea id="faq-answer" required rows={8} maxLength={20000} value={draft.answer} onInput={(e) => setDraft({ ...draft, answer: e.currentTarget.value })} {...describedBy("faq-answer", t("faq.answerHint"), errors.answer)} />
        </Field>
        <Field id="faq-section" label={t("faq.section")} hint={t("faq.sectionHint")} error={errors.section}>
          <input id="faq-section" list="faq-sections" maxLength={80} value={draft.section} onInput={(e) => setDraft({ ...draft, section: e.currentTarget.value })} {...describedBy("faq-section", t("faq.sectionHint"), errors.section)} />
        </Field>
        <datalist id="faq-sections">
          {sections.filter(Boolean).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {errors.form ? <p class="field-error" role="alert">{errors.form}</p> : null}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t("common.saving") : t("faq.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The FAQ tab of a group: sections of expandable entries; its animators add, edit, reorder and delete them. */
export function GroupFaq({ group }: { group: Group }) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<FaqEntry | "new" | null>(null);
  const [busy, setBusy] = useState(false);
  const curate = group.can.moderate;
  const opened = typeof location !== "undefined" ? decodeURIComponent(location.hash.replace(/^#faq-/, "")) : "";

  useEffect(() => {
    const ctl = new AbortController();
    loadFaq(group.id, ctl.signal).then(
      (entries) => setState({ status: "ready", entries }),
      (err) => !isAbort(err) && setState({ status: "error", message: errorText(err) }),
    );
    return () => ctl.abort();
  }, [group.id, attempt]);

  useEffect(() => {
    if (state.status === "ready" && opened) document.getElementById(`faq-${opened}`)?.scrollIntoView({ block: "start" });
  }, [state.status]);

  const reload = () => setAttempt((a) => a + 1);
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) toast(done);
      reload();
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const move = (entry: FaqEntry, order: number) => act(() => api(`/faq/${encodeURIComponent(entry.id)}`, { method: "PATCH", body: { order } }));
  const remove = async (entry: FaqEntry) => {
    const ok = await confirmAction({ title: t("faq.deleteTitle"), body: t("faq.deleteBody", { question: entry.question }), confirmLabel: t("faq.delete"), danger: true });
    if (ok) await act(() => api(`/faq/${encodeURIComponent(entry.id)}`, { method: "DELETE" }), t("faq.deleted"));
  };

  if (state.status === "loading") return <div class="card"><Skeleton lines={5} /></div>;
  if (state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  const sections = bySection(state.entries);
  const add = curate ? (
    <button type="button" class="btn btn-primary" onClick={() => setEditing("new")}>
      {t("faq.add")}
    </button>
  ) : null;
  return (
    <section class="knowledge" aria-labelledby="faq-title">
      <div class="knowledge-head">
        <h2 id="faq-title">{t("faq.title")}</h2>
        {state.entries.length ? add : null}
      </div>
      {editing ? <FaqForm groupId={group.id} entry={editing === "new" ? null : editing} sections={sections.map(([s]) => s)} onSaved={reload} onClose={() => setEditing(null)} /> : null}
      {state.entries.length === 0 ? (
        <div class="card">
          <EmptyState icon="questions" title={t("faq.empty")} action={add}>
            {curate ? t("faq.emptyCurate") : t("faq.emptyBody")}
          </EmptyState>
        </div>
      ) : (
        sections.map(([section, entries]) => (
          <div key={section} class="card faq-section">
            <h3>{section || t("faq.general")}</h3>
            <ul class="faq-list">
              {entries.map((entry, i) => (
                <li key={entry.id} id={`faq-${entry.id}`} class="faq-entry">
                  <details open={opened === entry.id}>
                    <summary>{entry.question}</summary>
                    <SafeHtml class="faq-answer" html={entry.answerHtml} />
                    {entry.sourcePostId ? (
                      <p class="small">
                        <a href={`/posts/${encodeURIComponent(entry.sourcePostId)}`}>{t("faq.fromQuestion")}</a>
                      </p>
                    ) : null}
                  </details>
                  {entry.can.edit ? (
                    <div class="faq-tools" role="group" aria-label={t("faq.tools", { question: entry.question })}>
                      <button type="button" class="btn btn-quiet" disabled={busy || i === 0} onClick={() => move(entry, i - 1)} aria-label={t("faq.moveUp", { question: entry.question })}>
                        ↑
                      </button>
                      <button type="button" class="btn btn-quiet" disabled={busy || i === entries.length - 1} onClick={() => move(entry, i + 1)} aria-label={t("faq.moveDown", { question: entry.question })}>
                        ↓
                      </button>
                      <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => setEditing(entry)}>
                        {t("faq.edit")}
                      </button>
                      <button type="button" class="btn btn-quiet knowledge-danger" disabled={busy} onClick={() => remove(entry)}>
                        {t("faq.delete")}
                      </button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
