import { useEffect, useRef, useState } from "preact/hooks";
import { isAbort } from "../../api";
import type { Group, PostKind, Upload } from "../../api-types";
import { Icon } from "../../components/icons";
import { UploadList, uploadErrorText } from "../../components/progress";
import { toast } from "../../components/toast";
import { MarkdownPreview } from "../../components/markdown-preview";
import { t, type MessageKey } from "../../i18n";
import { readerTimeZone } from "../../i18n/format";
import { me } from "../../session";
import { clearDraft, readDraft, writeDraft } from "./drafts";
import { FirstLookField, firstLookBody, firstLookProblems, newFirstLook, type FirstLookChoice, type FirstLookErrors } from "./first-look-field";
import { MentionTextarea } from "./mention-textarea";
import { sendPost } from "./outbox";
import { PendingPostCard } from "./post-list";
import { MAX_UPLOAD_BYTES, uploadFile } from "../../send-with-progress";
import "./posts.css";

// A post sent shows at once as pending: its card's code loads as soon as the member starts writing (the form's first
// focus), not with the composer, where it was one more request before the screen's first paint.
const preloadPendingCard = () => void PendingPostCard.preload();

type Attachment = { key: number; name: string; size: number; progress: number; status: "uploading" | "done" | "failed"; error?: string; upload?: Upload; abort?: () => void };

const KIND_LABEL: Partial<Record<PostKind, MessageKey>> = { discussion: "kind.discussion", announcement: "kind.announcement", link: "kind.link" };

let nextKey = 1;

/**
 * Writing a post (DESIGN.md "Parts to reuse"): markdown with a preview, attachments uploaded with progress, @mentions
 * completed, and the kinds the member may use here. Sending is optimistic (outbox.ts): the composer empties at once and
 * the post shows in the list as "sending".
 */
export function Composer({ groups, fixed }: { groups: Group[]; fixed?: boolean }) {
  // Client spaces last: a post meant for colleagues must not land before a client by default.
  const postable = groups.filter((g) => g.can.post).sort((a, b) => Number(a.kind === "client") - Number(b.kind === "client"));
  const [groupId, setGroupId] = useState(postable[0]?.id ?? "");
  const group = postable.find((g) => g.id === groupId) ?? postable[0];
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [kind, setKind] = useState<PostKind>("discussion");
  // The text is kept as a draft of the chosen group as it is typed (drafts.ts), and comes back after a reload.
  const memberId = me.value?.id;
  const [body, setBodyState] = useState(() => readDraft(memberId, { group: group?.id ?? "" }));
  const setBody = (text: string) => {
    setBodyState(text);
    if (group) writeDraft(memberId, { group: group.id }, text);
  };
  // Another group chosen (or the list of groups arriving late): that group's draft.
  const shownGroup = group?.id ?? "";
  useEffect(() => {
    if (shownGroup) setBodyState(readDraft(memberId, { group: shownGroup }));
  }, [shownGroup, memberId]);
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [files, setFiles] = useState<Attachment[]>([]);
  const zone = readerTimeZone.value;
  const [firstLook, setFirstLook] = useState<FirstLookChoice>(() => newFirstLook(zone));
  const [errors, setErrors] = useState<Partial<Record<"body" | "title" | "url", string>> & FirstLookErrors>({});
  const fileInput = useRef<HTMLInputElement>(null);
  const idBase = fixed && group ? `composer-${group.id}` : "composer";

  if (!group) return null;
  const canAnnounce = group.can.announce;
  const kinds: PostKind[] = canAnnounce ? ["discussion", "announcement", "link"] : ["discussion", "link"];
  const uploading = files.some((f) => f.status === "uploading");

  const patchFile = (key: number, patch: Partial<Attachment>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));

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

  const submit = () => {
    const next: typeof errors = {};
    if (!body.trim()) next.body = kind === "link" ? t("composer.linkBodyRequired") : t("composer.bodyRequired");
    if (kind === "link") {
      if (!title.trim()) next.title = t("composer.titleRequired");
      if (!/^https?:\/\/\S+$/i.test(url.trim())) next.url = t("composer.urlInvalid");
    }
    const withFirstLook = kind === "announcement" && firstLook.on;
    if (withFirstLook) Object.assign(next, firstLookProblems(firstLook, group, zone));
    setErrors(next);
    if (Object.keys(next).length || uploading) return;
    sendPost({
      groupId: group.id,
      groupName: group.name,
      body: body.trim(),
      kind,
      title: kind === "link" ? title.trim() : undefined,
      url: kind === "link" ? url.trim() : undefined,
      attachments: files.flatMap((f) => (f.upload ? [f.upload] : [])),
      firstLook: withFirstLook ? firstLookBody(firstLook, group, zone) : undefined,
    });
    clearDraft(memberId, { group: group.id });
    setBodyState("");
    setTitle("");
    setUrl("");
    setFiles([]);
    setTab("write");
    setKind("discussion");
    setFirstLook(newFirstLook(zone));
  };

  return (
    <form
      class="card composer"
      aria-label={t("composer.label")}
      onFocusIn={preloadPendingCard}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!fixed && postable.length > 1 ? (
        <div class="field composer-group">
          <label for={`${idBase}-group`}>{t("composer.group")}</label>
          <select id={`${idBase}-group`} value={group.id} onChange={(e) => setGroupId(e.currentTarget.value)}>
            {postable.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="composer-bar">
        <div class="segmented" role="group" aria-label={t("composer.kind")}>
          {kinds.map((k) => (
            <button key={k} type="button" class="segmented-item" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {t(KIND_LABEL[k]!)}
            </button>
          ))}
        </div>
        <div class="segmented" role="group" aria-label={t("edit.bioMode")}>
          <button type="button" class="segmented-item" aria-pressed={tab === "write"} onClick={() => setTab("write")}>
            {t("edit.write")}
          </button>
          <button type="button" class="segmented-item" aria-pressed={tab === "preview"} onClick={() => setTab("preview")}>
            {t("edit.preview")}
          </button>
        </div>
      </div>
      {kind === "link" ? (
        <div class="composer-link">
          <div class={`field${errors.url ? " field-invalid" : ""}`}>
            <label for={`${idBase}-url`}>{t("composer.url")}</label>
            <input id={`${idBase}-url`} type="url" inputMode="url" value={url} placeholder="https://" onInput={(e) => setUrl(e.currentTarget.value)} aria-invalid={errors.url ? "true" : undefined} aria-describedby={errors.url ? `${idBase}-url-error` : undefined} />
            {errors.url ? <p id={`${idBase}-url-error`} class="field-error" role="alert">{errors.url}</p> : null}
          </div>
          <div class={`field${errors.title ? " field-invalid" : ""}`}>
            <label for={`${idBase}-title`}>{t("composer.title")}</label>
            <input id={`${idBase}-title`} type="text" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} aria-invalid={errors.title ? "true" : undefined} aria-describedby={errors.title ? `${idBase}-title-error` : undefined} />
            {errors.title ? <p id={`${idBase}-title-error`} class="field-error" role="alert">{errors.title}</p> : null}
          </div>
        </div>
      ) : null}
      <div class={`field${errors.body ? " field-invalid" : ""}`}>
        <label for={`${idBase}-body`} class="visually-hidden">
          {t("composer.body")}
        </label>
        {tab === "write" ? (
          <MentionTextarea
            id={`${idBase}-body`}
            value={body}
            onValue={setBody}
            rows={4}
            placeholder={t(kind === "announcement" ? "composer.announcePlaceholder" : "composer.placeholder", { group: group.name })}
            describedBy={`${idBase}-hint${errors.body ? ` ${idBase}-body-error` : ""}`}
            invalid={!!errors.body}
            onSubmit={submit}
          />
        ) : (
          <div aria-live="polite">
            <MarkdownPreview text={body} class="composer-preview post-body" />
          </div>
        )}
        <p id={`${idBase}-hint`} class="field-hint">
          {t("composer.hint")}
        </p>
        {errors.body ? <p id={`${idBase}-body-error`} class="field-error" role="alert">{errors.body}</p> : null}
      </div>
      <UploadList
        files={files}
        label={t("composer.attachments")}
        onRemove={(key) => setFiles((fs) => fs.filter((x) => x.key !== key))}
      />
      {kind === "announcement" ? <FirstLookField idBase={idBase} home={group} zone={zone} value={firstLook} onChange={setFirstLook} errors={errors} /> : null}
      <div class="composer-actions">
        <label class="btn btn-quiet file-button">
          <input ref={fileInput} type="file" multiple class="visually-hidden" onChange={(e) => addFiles(e.currentTarget.files)} />
          <Icon name="paperclip" size={18} />
          <span>{t("composer.attach")}</span>
        </label>
        <button type="submit" class="btn btn-primary" disabled={uploading}>
          {uploading ? t("upload.waiting") : kind === "announcement" ? t("composer.announce") : t("composer.post")}
        </button>
      </div>
    </form>
  );
}
