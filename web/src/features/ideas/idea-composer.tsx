import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, isAbort } from "../../api";
import type { Idea, IdeaBody, SimilarIdeas, Upload } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { UploadList, uploadErrorText } from "../../components/progress";
import { toast } from "../../components/toast";
import { MarkdownPreview } from "../../components/markdown-preview";
import { TagInput } from "../../components/tag-input";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { MentionTextarea } from "../posts/mention-textarea";
import { MAX_UPLOAD_BYTES, uploadFile } from "../../send-with-progress";
import { ideaHref, StatusBadge } from "./ideas-shared";
import "../posts/posts.css";

type FileState = { key: number; name: string; size: number; progress: number; status: "uploading" | "done" | "failed"; error?: string; upload?: Upload; abort?: () => void };
type Errors = Partial<Record<"title" | "body" | "form", string>>;
let nextKey = 1;

/** Where the idea goes: a campaign, or a group's permanent idea box. */
export type IdeaTarget = { campaignId: string } | { groupId: string };

/**
 * A new idea: title, body (markdown with a preview), tags and attachments. While the title is typed, up to 5 similar
 * ideas of the same campaign or box are shown (GET /ideas/similar, debounced) so people support instead of duplicating.
 */
export function IdeaComposer({ target, onPosted }: { target: IdeaTarget; onPosted: (idea: Idea) => void }) {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [files, setFiles] = useState<FileState[]>([]);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [similar, setSimilar] = useState<SimilarIdeas["items"]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploading = files.some((f) => f.status === "uploading");

  // Similar ideas, 300 ms after the last keystroke; an older answer never replaces a newer one.
  const q = title.trim();
  useEffect(() => {
    if (q.length < 3) {
      setSimilar([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<SimilarIdeas>("/ideas/similar", { query: { q, ...target }, signal: controller.signal }).then(
        (answer) => setSimilar(answer.items.slice(0, 5)),
        () => {
          // A suggestion that fails is no reason to stop someone posting.
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, "campaignId" in target ? target.campaignId : target.groupId]);

  const patchFile = (key: number, patch: Partial<FileState>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const addFiles = (list: FileList | null) => {
    for (const file of [...(list ?? [])]) {
      const key = nextKey++;
      if (file.size > MAX_UPLOAD_BYTES) {
        setFiles((fs) => [...fs, { key, name: file.name, size: file.size, progress: 0, status: "failed", error: t("upload.tooLargeNext", { size: 25 }) }]);
        continue;
      }
      const { done, abort } = uploadFile(file, (progress) => patchFile(key, { progress }));
      setFiles((fs) => [...fs, { key, name: file.name, size: file.size, progress: 0, status: "uploading", abort }]);
      done.then(
        (upload) => patchFile(key, { status: "done", progress: 1, upload, abort: undefined }),
        (err) => {
          if (isAbort(err)) {
            setFiles((fs) => fs.filter((f) => f.key !== key));
            toast(uploadErrorText(err, { maxMb: 25 }), "info");
          }
          else patchFile(key, { status: "failed", error: uploadErrorText(err, { maxMb: 25 }), abort: undefined });
        },
      );
    }
    if (fileInput.current) fileInput.current.value = "";
  };

  const submit = async () => {
    const next: Errors = {};
    if (!title.trim()) next.title = t("ideas.composer.titleRequired");
    if (!body.trim()) next.body = t("composer.bodyRequired");
    setErrors(next);
    if (Object.keys(next).length || uploading || busy) return;
    const payload: IdeaBody = { title: title.trim(), body: body.trim() };
    if (tags.length) payload.tags = tags;
    const ids = files.flatMap((f) => (f.upload ? [f.upload.id] : []));
    if (ids.length) payload.attachmentIds = ids;
    const path = "campaignId" in target ? `/campaigns/${encodeURIComponent(target.campaignId)}/ideas` : `/groups/${encodeURIComponent(target.groupId)}/ideas`;
    setBusy(true);
    try {
      const idea = await api<Idea>(path, { body: payload, idempotencyKey: crypto.randomUUID() });
      setTitle("");
      setBody("");
      setTags([]);
      setFiles([]);
      setTab("write");
      setSimilar([]);
      onPosted(idea);
    } catch (err) {
      const fields: Errors = {};
      if (err instanceof ApiError) {
        for (const issue of err.fieldIssues) {
          if (issue.path.startsWith("title")) fields.title = issue.message;
          if (issue.path.startsWith("body")) fields.body = issue.message;
        }
      }
      setErrors({ ...fields, form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card composer idea-composer"
      aria-label={t("ideas.composer.label")}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t("ideas.composer.heading")}</h2>
      <Field id="idea-title" label={t("ideas.composer.title")} error={errors.title}>
        <input id="idea-title" type="text" maxLength={200} autoComplete="off" value={title} onInput={(e) => setTitle(e.currentTarget.value)} {...describedBy("idea-title", undefined, errors.title)} />
      </Field>
      {similar.length ? (
        <div class="similar" role="region" aria-label={t("ideas.similar.label")}>
          <p class="small">
            <strong>{t("ideas.similar.heading")}</strong> {t("ideas.similar.hint")}
          </p>
          <ul class="similar-list">
            {similar.map((s) => (
              <li key={s.id}>
                <a href={ideaHref(s.id)}>{s.title}</a>
                <span class="muted small">{t("ideas.supports", { count: s.supportCount })}</span>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class={`field${errors.body ? " field-invalid" : ""}`}>
        <div class="field-head">
          <label for="idea-body">{t("ideas.composer.body")}</label>
          <div class="segmented" role="group" aria-label={t("edit.bioMode")}>
            <button type="button" class="segmented-item" aria-pressed={tab === "write"} onClick={() => setTab("write")}>
              {t("edit.write")}
            </button>
            <button type="button" class="segmented-item" aria-pressed={tab === "preview"} onClick={() => setTab("preview")}>
              {t("edit.preview")}
            </button>
          </div>
        </div>
        {tab === "write" ? (
          <MentionTextarea id="idea-body" value={body} onValue={setBody} rows={5} placeholder={t("ideas.composer.placeholder")} describedBy={errors.body ? "idea-body-error" : "idea-body-hint"} invalid={!!errors.body} onSubmit={() => void submit()} />
        ) : (
          <div aria-live="polite">
            <MarkdownPreview text={body} class="composer-preview post-body" />
          </div>
        )}
        <p id="idea-body-hint" class="field-hint">
          {t("composer.hint")}
        </p>
        {errors.body ? <p id="idea-body-error" class="field-error" role="alert">{errors.body}</p> : null}
      </div>
      <div class="field">
        <label for="idea-tags">{t("ideas.composer.tags")}</label>
        <TagInput id="idea-tags" value={tags} onChange={(next) => setTags(next.slice(0, 10))} />
      </div>
      <UploadList
        files={files}
        label={t("composer.attachments")}
        onRemove={(key) => setFiles((fs) => fs.filter((x) => x.key !== key))}
      />
      {errors.form ? (
        <p class="alert alert-danger" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div class="composer-actions">
        <label class="btn btn-quiet file-button">
          <input ref={fileInput} type="file" multiple class="visually-hidden" onChange={(e) => addFiles(e.currentTarget.files)} />
          <Icon name="paperclip" size={18} />
          <span>{t("composer.attach")}</span>
        </label>
        <button type="submit" class="btn btn-primary" disabled={uploading || busy}>
          {uploading ? t("upload.waiting") : busy ? t("common.sending") : t("ideas.composer.post")}
        </button>
      </div>
    </form>
  );
}
