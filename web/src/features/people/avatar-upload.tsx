import { useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { Avatar } from "../../components/avatar";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { me } from "../../session";

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Checked here first so a wrong file is refused at once; the server checks again (and sniffs the content). */
export function avatarProblem(file: File): string | null {
  if (!AVATAR_TYPES.includes(file.type)) return t("avatar.wrongType");
  if (file.size > AVATAR_MAX_BYTES) return t("avatar.tooBig", { size: 2 });
  return null;
}

/** My photo: PUT /api/v1/me/avatar with the file as the raw body. */
export function AvatarUpload() {
  const user = me.value;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const upload = async (file: File) => {
    setError("");
    const problem = avatarProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const { avatarUrl } = await api<{ avatarUrl: string }>("/me/avatar", { method: "PUT", body: file, contentType: file.type });
      me.value = { ...user, avatarUrl };
      toast(t("avatar.saved"));
    } catch (err) {
      // The server has the last word on type (it sniffs the bytes) and size: say it in the same words as the check above.
      setError(err instanceof ApiError && err.status === 415 ? t("avatar.wrongType") : err instanceof ApiError && err.status === 413 ? t("avatar.tooBig", { size: 2 }) : errorText(err));
    } finally {
      setBusy(false);
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
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
