import { useRef, useState } from "preact/hooks";
import { isAbort } from "../../api";
import { Avatar } from "../../components/avatar";
import { OperationProgress, ProgressSlot, uploadErrorText } from "../../components/progress";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { sendWithProgress } from "../../send-with-progress";
import { me } from "../../session";

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Checked here first so a wrong file is refused at once; the server checks again (and sniffs the content). */
export function avatarProblem(file: File): string | null {
  if (!AVATAR_TYPES.includes(file.type)) return t("upload.imageWrongType");
  if (file.size > AVATAR_MAX_BYTES) return t("upload.imageTooLarge", { size: 2 });
  return null;
}

/** My photo: PUT /api/v1/me/avatar with the file as the raw body, its progress shown and cancellable. */
export function AvatarUpload() {
  const user = me.value;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState("");
  const [sending, setSending] = useState<{ name: string; fraction: number; abort: () => void } | null>(null);
  const [status, setStatus] = useState("");
  const busy = sending !== null;
  if (!user) return null;

  const upload = async (file: File) => {
    setError("");
    const problem = avatarProblem(file);
    if (problem) {
      setError(problem);
      if (input.current) input.current.value = "";
      return;
    }
    const { done, abort } = sendWithProgress<{ avatarUrl: string }>("PUT", "/me/avatar", file, file.type, (fraction) => setSending((s) => (s ? { ...s, fraction } : s)));
    setSending({ name: file.name, fraction: 0, abort });
    setStatus(t("upload.started", { name: file.name }));
    try {
      const { avatarUrl } = await done;
      me.value = { ...user, avatarUrl };
      setStatus("");
      toast(t("avatar.saved"));
    } catch (err) {
      // The server has the last word on type (it sniffs the bytes) and size: said in the same words as the check above.
      const text = uploadErrorText(err, { maxMb: 2, image: true });
      setStatus("");
      if (isAbort(err)) toast(text, "info");
      else setError(text);
    } finally {
      setSending(null);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div class="avatar-upload">
      <Avatar member={user} size="xl" />
      <div class="stack-tight">
        <label class="btn btn-secondary file-button" aria-disabled={busy}>
          <input
            ref={input}
            type="file"
            class="visually-hidden"
            accept={AVATAR_TYPES.join(",")}
            disabled={busy}
            aria-describedby="avatar-hint"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
          {busy ? t("avatar.uploading") : t("avatar.change")}
        </label>
        <p id="avatar-hint" class="field-hint">
          {t("avatar.hint", { size: 2 })}
        </p>
        <ProgressSlot status={status}>
          {sending ? <OperationProgress label={t("upload.photo")} detail={sending.name} fraction={sending.fraction} onCancel={sending.abort} cancelLabel={t("upload.cancelNamed", { name: sending.name })} /> : null}
        </ProgressSlot>
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
