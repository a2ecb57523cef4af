import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, isAbort } from "../../api";
import type { Group, IncomingHook } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { OperationProgress, uploadErrorText } from "../../components/progress";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText, formErrors } from "../../i18n/error-text";
import { AVATAR_TYPES, avatarProblem } from "../people/avatar-upload";
import { uploadFile } from "../../send-with-progress";
import "./incoming-hooks.css";

type Errors = Partial<Record<"name" | "avatarUploadId" | "form", string>>;

function CreateHook({ base, onCreated }: { base: string; onCreated: (hook: IncomingHook) => void }) {
  const [name, setName] = useState("");
  const [avatar, setAvatar] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const abortUpload = useRef<(() => void) | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setErrors({ name: t("hooks.nameMissing") });
    setErrors({});
    setBusy(true);
    try {
      let avatarUploadId: string | undefined;
      if (avatar) {
        setProgress(0);
        const sending = uploadFile(avatar, setProgress);
        abortUpload.current = sending.abort;
        avatarUploadId = (await sending.done).id;
        abortUpload.current = null;
      }
      const hook = await api<IncomingHook>(`${base}/hooks`, { body: { name: name.trim(), ...(avatarUploadId ? { avatarUploadId } : {}) } });
      setName("");
      setAvatar(null);
      if (file.current) file.current.value = "";
      onCreated(hook);
    } catch (err) {
      if (isAbort(err)) toast(uploadErrorText(err, { maxMb: 2, image: true }), "info");
      else if (err instanceof ApiError && (err.status === 413 || err.status === 415 || err.code === "network")) setErrors({ avatarUploadId: uploadErrorText(err, { maxMb: 2, image: true }) });
      else setErrors(formErrors(err, ["name", "avatarUploadId"] as const));
    } finally {
      setBusy(false);
      setProgress(null);
      abortUpload.current = null;
    }
  };

  return (
    <form class="form hooks-form" onSubmit={submit} noValidate aria-labelledby="hook-new-title">
      <h4 id="hook-new-title">{t("hooks.new")}</h4>
      <Field id="hook-name" label={t("hooks.name")} hint={t("hooks.nameHint")} error={errors.name}>
        <input id="hook-name" type="text" maxLength={80} required value={name} onInput={(e) => setName(e.currentTarget.value)} {...describedBy("hook-name", "hint", errors.name)} />
      </Field>
      <Field id="hook-avatar" label={t("hooks.avatar")} hint={t("hooks.avatarHint", { size: 2 })} error={errors.avatarUploadId}>
        <input
          ref={file}
          id="hook-avatar"
          type="file"
          accept={AVATAR_TYPES.join(",")}
          disabled={busy}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0] ?? null;
            const problem = chosen ? avatarProblem(chosen) : null;
            setErrors({ ...errors, avatarUploadId: problem ?? undefined });
            setAvatar(problem ? null : chosen);
            if (problem) e.currentTarget.value = "";
          }}
          {...describedBy("hook-avatar", "hint", errors.avatarUploadId)}
        />
      </Field>
      {progress !== null ? <OperationProgress label={t("hooks.uploading")} detail={avatar?.name} fraction={progress} onCancel={abortUpload.current ? () => abortUpload.current?.() : undefined} cancelLabel={avatar ? t("upload.cancelNamed", { name: avatar.name }) : undefined} /> : null}
      {errors.form ? (
        <p class="alert alert-danger" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.sending") : t("hooks.create")}
        </button>
      </div>
    </form>
  );
}

function CreatedHook({ hook, onDone }: { hook: IncomingHook; onDone: () => void }) {
  const url = hook.url ?? "";
  const example = `curl -X POST -H 'Content-Type: application/json' -d '{"text":"Hello"}' ${url}`;
  return (
    <div class="result hooks-created" role="status">
      <p class="alert alert-warning">{t("hooks.once")}</p>
      <CopyField id="hook-url" label={t("hooks.url", { name: hook.name })} value={url} />
      <CopyField id="hook-curl" label={t("hooks.example")} value={example} />
      {/* The whole command, wrapped, for reading (the field above holds it for copying). */}
      <pre class="hooks-example" aria-hidden="true">{example}</pre>
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={onDone}>
          {t("hooks.done")}
        </button>
      </div>
    </div>
  );
}

/**
 * A group's incoming hooks, for those who run it: GET/POST /groups/:id/hooks, DELETE …/hooks/:hookId. A hook's URL
 * is its secret: it is shown once, when it is made.
 */
export function IncomingHooks({ group }: { group: Group }) {
  const base = `/groups/${encodeURIComponent(group.id)}`;
  const [hooks, setHooks] = useState<IncomingHook[] | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<IncomingHook | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<{ items: IncomingHook[] }>(`${base}/hooks`).then(
      (answer) => live && setHooks(answer.items),
      (err) => live && setHooks({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [base, attempt]);

  const revoke = async (hook: IncomingHook) => {
    const ok = await confirmAction({ title: t("hooks.revokeTitle", { name: hook.name }), body: t("hooks.revokeBody"), confirmLabel: t("hooks.revoke"), danger: true });
    if (!ok) return;
    setRevoking(hook.id);
    try {
      await api(`${base}/hooks/${encodeURIComponent(hook.id)}`, { method: "DELETE" });
      setHooks((list) => (Array.isArray(list) ? list.filter((x) => x.id !== hook.id) : list));
      if (created?.id === hook.id) setCreated(null);
      toast(t("hooks.revoked", { name: hook.name }));
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setRevoking(null);
    }
  };

  return (
    <section class="hooks stack" aria-labelledby="hooks-title">
      <div>
        <h3 id="hooks-title">{t("hooks.title")}</h3>
        <p class="muted small">{t("hooks.intro")}</p>
      </div>
      {hooks === null ? (
        <Skeleton lines={2} />
      ) : "error" in hooks ? (
        <EmptyState role="alert" title={hooks.error} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</button>} />
      ) : hooks.length === 0 ? (
        <p class="muted">{t("hooks.none")}</p>
      ) : (
        <ul class="hooks-list" aria-label={t("hooks.title")}>
          {hooks.map((x) => (
            <li key={x.id}>
              <Avatar member={x} size="sm" />
              <div class="hooks-text">
                <span class="hooks-name">{x.name}</span>
                <span class="muted small">
                  {x.lastUsedAt === null ? (
                    t("hooks.neverUsed")
                  ) : (
                    <>
                      {t("hooks.lastUsed")} <RelativeTime at={x.lastUsedAt} />
                    </>
                  )}
                </span>
              </div>
              <button type="button" class="btn btn-danger" disabled={revoking === x.id} onClick={() => revoke(x)} aria-label={t("hooks.revokeNamed", { name: x.name })}>
                {t("hooks.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {created ? <CreatedHook hook={created} onDone={() => setCreated(null)} /> : null}
      <CreateHook
        base={base}
        onCreated={(hook) => {
          setCreated(hook);
          setHooks((list) => (Array.isArray(list) ? [{ ...hook, url: null }, ...list.filter((x) => x.id !== hook.id)] : list));
          toast(t("hooks.created", { name: hook.name }));
        }}
      />
    </section>
  );
}
