import { useEffect, useRef, useState } from "preact/hooks";
import { api, isAbort } from "../../api";
import type { Group, LibraryItem, LibraryPage } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatBytes } from "../../i18n/format";
import { MAX_UPLOAD_BYTES, uploadFile } from "../../send-with-progress";
import { ProgressSlot, UploadProgress, uploadErrorText } from "../../components/progress";
import "./knowledge.css";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; page: LibraryPage; more: boolean };
type Uploading = { name: string; size: number; fraction: number; abort: () => void };

/**
 * Uploads a file with progress (POST /uploads through XMLHttpRequest), then hands its id to `attach`; the caller sees
 * the progress while it runs and may cancel it. Resolves with what `attach` answered, or null when cancelled or failed.
 */
function useUpload() {
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const run = async <T,>(file: File, attach: (uploadId: string) => Promise<T>): Promise<T | null> => {
    if (file.size > MAX_UPLOAD_BYTES) {
      toast(t("upload.tooLargeNext", { size: 25 }), "error");
      return null;
    }
    const { done, abort } = uploadFile(file, (fraction) => setUploading((u) => (u ? { ...u, fraction } : u)));
    setUploading({ name: file.name, size: file.size, fraction: 0, abort });
    try {
      const upload = await done;
      return await attach(upload.id);
    } catch (err) {
      toast(uploadErrorText(err, { maxMb: 25 }), isAbort(err) ? "info" : "error");
      return null;
    } finally {
      setUploading(null);
    }
  };
  return { uploading, run };
}

function VersionHistory({ item, onDownload }: { item: LibraryItem; onDownload: (version: number) => void }) {
  return (
    <ol class="library-versions" aria-label={t("library.history", { name: item.name })}>
      {item.versions.map((v) => (
        <li key={v.version}>
          <Badge tone={v.version === item.version ? "accent" : "neutral"}>{t("library.versionShort", { version: v.version })}</Badge>
          <a href={v.url} download={v.name} onClick={() => onDownload(v.version)}>
            {v.name}
          </a>
          <span class="muted small">
            {formatBytes(v.size)} · <a href={`/people/${encodeURIComponent(v.uploader.id)}`}>{v.uploader.name}</a> · <RelativeTime at={v.createdAt} /> · {t("library.downloads", { count: v.downloads })}
          </span>
        </li>
      ))}
    </ol>
  );
}

function ItemRow({ item, onChange, onGone }: { item: LibraryItem; onChange: (item: LibraryItem) => void; onGone: () => void }) {
  const [open, setOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { uploading, run } = useUpload();
  const current = item.versions.find((v) => v.version === item.version);

  const counted = (version: number) => {
    // The browser downloads the file itself: the counts move here at once, then the server's figures replace them.
    onChange({ ...item, downloads: item.downloads + 1, versions: item.versions.map((v) => (v.version === version ? { ...v, downloads: v.downloads + 1 } : v)) });
    setTimeout(() => {
      api<LibraryItem>(`/library/${encodeURIComponent(item.id)}`).then(onChange, () => {});
    }, 1500);
  };
  const newVersion = async (file: File) => {
    const next = await run(file, (uploadId) => api<LibraryItem>(`/library/${encodeURIComponent(item.id)}/versions`, { method: "POST", body: { uploadId } }));
    if (next) {
      onChange(next);
      setOpen(true);
      toast(t("library.versionAdded", { version: next.version }));
    }
  };
  const remove = async () => {
    const ok = await confirmAction({ title: t("library.deleteTitle"), body: t("library.deleteBody", { name: item.name, count: item.versions.length }), confirmLabel: t("library.delete"), danger: true });
    if (!ok) return;
    try {
      await api(`/library/${encodeURIComponent(item.id)}`, { method: "DELETE" });
      toast(t("library.deleted"));
      onGone();
    } catch (err) {
      toast(errorText(err), "error");
    }
  };

  return (
    <li class="card library-item" data-item={item.id}>
      <div class="library-item-head">
        <Icon name="file" size={20} />
        <div class="library-item-title">
          <a class="library-item-name" href={item.url} download={current?.name ?? item.name} onClick={() => counted(item.version)}>
            {item.name}
          </a>
          <span class="muted small">
            {item.folder ? `${item.folder} · ` : ""}
            {t("library.versionShort", { version: item.version })}
            {current ? ` · ${formatBytes(current.size)}` : ""} · <RelativeTime at={item.updatedAt} />
          </span>
        </div>
        <span class="library-downloads" aria-live="polite">
          {t("library.downloads", { count: item.downloads })}
        </span>
      </div>
      {uploading ? <UploadProgress name={uploading.name} size={uploading.size} fraction={uploading.fraction} onCancel={uploading.abort} /> : null}
      <div class="library-tools">
        <a class="btn btn-primary" href={item.url} download={current?.name ?? item.name} onClick={() => counted(item.version)}>
          {t("library.download")}
        </a>
        <button type="button" class="btn btn-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t("library.versions", { count: item.versions.length })}
        </button>
        {item.can.addVersion ? (
          <>
            <input
              ref={fileInput}
              type="file"
              class="visually-hidden"
              tabIndex={-1}
              aria-label={t("library.newVersionOf", { name: item.name })}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = "";
                if (file) void newVersion(file);
              }}
            />
            <button type="button" class="btn btn-secondary" disabled={uploading !== null} onClick={() => fileInput.current?.click()}>
              {t("library.newVersion")}
            </button>
          </>
        ) : null}
        {item.can.delete ? (
          <button type="button" class="btn btn-quiet knowledge-danger" onClick={remove}>
            {t("library.delete")}
          </button>
        ) : null}
      </div>
      {open ? <VersionHistory item={item} onDownload={counted} /> : null}
    </li>
  );
}

function AddFile({ group, folders, folder, onAdded }: { group: Group; folders: string[]; folder: string | null; onAdded: (item: LibraryItem) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [target, setTarget] = useState(folder ?? "");
  const { uploading, run } = useUpload();
  useEffect(() => setTarget(folder ?? ""), [folder]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const item = await run(file, (uploadId) =>
      api<LibraryItem>(`/groups/${encodeURIComponent(group.id)}/library`, { method: "POST", body: { uploadId, folder: target.trim(), ...(name.trim() ? { name: name.trim() } : {}) } }),
    );
    if (item) {
      toast(t("library.added", { name: item.name }));
      setFile(null);
      setName("");
      (e.target as HTMLFormElement).reset();
      onAdded(item);
    }
  };
  return (
    <form class="card library-add stack" onSubmit={submit} aria-labelledby="library-add-title">
      <h3 id="library-add-title">{t("library.addTitle")}</h3>
      <Field id="library-file" label={t("library.file")}>
        <input id="library-file" type="file" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </Field>
      <div class="library-add-fields">
        <Field id="library-name" label={t("library.name")} hint={t("library.nameHint")}>
          <input id="library-name" maxLength={200} value={name} placeholder={file?.name ?? ""} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="library-folder" label={t("library.folder")} hint={t("library.folderHint")}>
          <input id="library-folder" list="library-folders" maxLength={80} pattern="[^/]*" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
        </Field>
        <datalist id="library-folders">
          {folders.filter(Boolean).map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
      </div>
      <ProgressSlot>{uploading ? <UploadProgress name={uploading.name} size={uploading.size} fraction={uploading.fraction} onCancel={uploading.abort} /> : null}</ProgressSlot>
      <div>
        <button type="submit" class="btn btn-primary" disabled={!file || uploading !== null}>
          {t("library.upload")}
        </button>
      </div>
    </form>
  );
}

/** The Library tab of a group: folders, items with their versions and download counts, uploads with progress. */
export function GroupLibrary({ group }: { group: Group }) {
  const [folder, setFolder] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const path = `/groups/${encodeURIComponent(group.id)}/library`;

  useEffect(() => {
    const ctl = new AbortController();
    api<LibraryPage>(path, { query: { folder, limit: 50 }, signal: ctl.signal }).then(
      (page) => setState({ status: "ready", page, more: false }),
      (err) => !isAbort(err) && setState({ status: "error", message: errorText(err) }),
    );
    return () => ctl.abort();
  }, [group.id, folder, attempt]);

  const reload = () => setAttempt((a) => a + 1);
  if (state.status === "loading") return <div class="card"><Skeleton lines={5} /></div>;
  if (state.status === "error") {
    return (
      <div class="card">
        <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={reload}>{t("common.retry")}</button>} />
      </div>
    );
  }
  const { page } = state;
  const replace = (next: LibraryItem) => setState((s) => (s.status === "ready" ? { ...s, page: { ...s.page, items: s.page.items.map((i) => (i.id === next.id ? next : i)) } } : s));
  const loadMore = async () => {
    if (!page.nextCursor) return;
    setState({ ...state, more: true });
    try {
      const next = await api<LibraryPage>(path, { query: { folder, limit: 50, cursor: page.nextCursor } });
      setState({ status: "ready", page: { ...next, items: [...page.items, ...next.items] }, more: false });
    } catch (err) {
      toast(errorText(err), "error");
      setState({ ...state, more: false });
    }
  };
  const folderNames = page.folders.map((f) => f.name);
  const total = page.folders.reduce((n, f) => n + f.items, 0);

  return (
    <section class="knowledge" aria-labelledby="library-title">
      <div class="knowledge-head">
        <h2 id="library-title">{t("library.title")}</h2>
      </div>
      {page.folders.length ? (
        <nav class="library-folders" aria-label={t("library.folders")}>
          <button type="button" class="chip" aria-pressed={folder === null} onClick={() => setFolder(null)}>
            {t("library.all")} <span class="muted">{total}</span>
          </button>
          {page.folders.map((f) => (
            <button key={f.name} type="button" class="chip" aria-pressed={folder === f.name} onClick={() => setFolder(f.name)}>
              {f.name || t("library.root")} <span class="muted">{f.items}</span>
            </button>
          ))}
        </nav>
      ) : null}
      {page.can.add ? <AddFile group={group} folders={folderNames} folder={folder} onAdded={reload} /> : null}
      {page.items.length === 0 ? (
        <div class="card">
          <EmptyState icon="file" title={t("library.empty")}>
            {page.can.add ? t("library.emptyAdd") : t("library.emptyBody")}
          </EmptyState>
        </div>
      ) : (
        <ul class="library-items" aria-label={t("library.items")}>
          {page.items.map((item) => (
            <ItemRow key={item.id} item={item} onChange={replace} onGone={reload} />
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <button type="button" class="btn btn-secondary" disabled={state.more} onClick={loadMore}>
          {state.more ? t("common.loading") : t("library.more")}
        </button>
      ) : null}
    </section>
  );
}
