import { useRef, useState } from "preact/hooks";
import { api, isAbort } from "../../api";
import type { Group } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { DialogFooter, Modal } from "../../components/modal";
import { OperationProgress, ProgressSlot, uploadErrorText } from "../../components/progress";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { formErrors } from "../../i18n/error-text";
import { AVATAR_TYPES, avatarProblem } from "../people/avatar-upload";
import { sendWithProgress } from "../../send-with-progress";
import { coverStyle } from "./group-parts";
import { IncomingHooks } from "./incoming-hooks";

type Form = { name: string; description: string; rules: string; coverColor: string; ideaBox: boolean };
type Errors = Partial<Record<keyof Form | "form" | "cover", string>>;

/**
 * "Edit the group" for its animators: PATCH /api/v1/groups/:id for the texts, the cover colour and the idea box; the cover image goes
 * at once with PUT (or DELETE) /api/v1/groups/:id/cover, as a photo does. Below the form, the group's incoming hooks.
 */
export function EditGroupDialog({ group, onSaved, onClose }: { group: Group; onSaved: (g: Group) => void; onClose: () => void }) {
  const [form, setForm] = useState<Form>({ name: group.name, description: group.description, rules: group.rules, coverColor: group.coverColor, ideaBox: group.ideaBox });
  const [cover, setCover] = useState<Group>(group);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState<{ name: string; fraction: number; abort: () => void } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const base = `/groups/${encodeURIComponent(group.id)}`;

  const changeCover = async (next: File | null) => {
    setErrors({ ...errors, cover: undefined });
    const problem = next ? avatarProblem(next) : null;
    if (problem) return setErrors({ ...errors, cover: problem });
    setBusy(true);
    try {
      let updated: Group;
      if (next) {
        const { done, abort } = sendWithProgress<Group>("PUT", `${base}/cover`, next, next.type, (fraction) => setSending((s) => (s ? { ...s, fraction } : s)));
        setSending({ name: next.name, fraction: 0, abort });
        updated = await done;
      } else updated = await api<Group>(`${base}/cover`, { method: "DELETE" });
      setCover(updated);
      onSaved(updated);
      toast(next ? t("groups.coverSaved") : t("groups.coverRemoved"));
    } catch (err) {
      if (isAbort(err)) toast(uploadErrorText(err, { maxMb: 2, image: true }), "info");
      else setErrors({ ...errors, cover: uploadErrorText(err, { maxMb: 2, image: true }) });
    } finally {
      setBusy(false);
      setSending(null);
      if (file.current) file.current.value = "";
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (form.name.trim().length < 2) return setErrors({ name: t("groups.nameShort") });
    setErrors({});
    setBusy(true);
    try {
      const updated = await api<Group>(base, { method: "PATCH", body: { name: form.name.trim(), description: form.description.trim(), rules: form.rules, coverColor: form.coverColor, ideaBox: form.ideaBox } });
      onSaved(updated);
      toast(t("groups.saved"));
      onClose();
    } catch (err) {
      setErrors(formErrors(err, ["name", "description", "rules", "coverColor"]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="edit-group" title={t("groups.editTitle")} onClose={onClose} wide>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="edit-group-name" label={t("groups.name")} error={errors.name}>
          <input id="edit-group-name" type="text" value={form.name} maxLength={80} required onInput={(e) => set({ name: e.currentTarget.value })} {...describedBy("edit-group-name", undefined, errors.name)} />
        </Field>
        <Field id="edit-group-description" label={t("groups.description")} hint={t("groups.descriptionHint")} error={errors.description}>
          <textarea id="edit-group-description" rows={3} maxLength={2000} value={form.description} onInput={(e) => set({ description: e.currentTarget.value })} {...describedBy("edit-group-description", "hint", errors.description)} />
        </Field>
        <Field id="edit-group-rules" label={t("groups.rules")} hint={t("groups.rulesHint")} error={errors.rules}>
          <textarea id="edit-group-rules" rows={5} maxLength={20000} value={form.rules} onInput={(e) => set({ rules: e.currentTarget.value })} {...describedBy("edit-group-rules", "hint", errors.rules)} />
        </Field>
        <div class="field">
          <label class="check">
            <input type="checkbox" checked={form.ideaBox} aria-describedby="edit-group-idea-box-hint" onChange={(e) => set({ ideaBox: e.currentTarget.checked })} />
            <span>{t("groups.ideaBox")}</span>
          </label>
          <p id="edit-group-idea-box-hint" class="field-hint">
            {t("groups.ideaBoxHint")}
          </p>
        </div>
        <fieldset class="cover-fields">
          <legend>{t("groups.cover")}</legend>
          <div class="group-cover cover-preview" style={coverStyle({ ...cover, coverColor: form.coverColor })} aria-hidden="true" />
          <Field id="edit-group-color" label={t("groups.coverColor")} error={errors.coverColor}>
            <input id="edit-group-color" type="color" value={form.coverColor} onInput={(e) => set({ coverColor: e.currentTarget.value })} />
          </Field>
          <div class="actions">
            <label class="btn btn-secondary file-button" aria-disabled={busy}>
              <input
                ref={file}
                type="file"
                class="visually-hidden"
                accept={AVATAR_TYPES.join(",")}
                disabled={busy}
                aria-describedby="edit-group-cover-hint"
                onChange={(e) => {
                  const chosen = e.currentTarget.files?.[0];
                  if (chosen) void changeCover(chosen);
                }}
              />
              {t("groups.coverChoose")}
            </label>
            {cover.coverUrl ? (
              <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => changeCover(null)}>
                {t("groups.coverRemove")}
              </button>
            ) : null}
          </div>
          <p id="edit-group-cover-hint" class="field-hint">
            {t("avatar.hint", { size: 2 })}
          </p>
          <ProgressSlot>
            {sending ? <OperationProgress label={t("upload.cover")} detail={sending.name} fraction={sending.fraction} onCancel={sending.abort} cancelLabel={t("upload.cancelNamed", { name: sending.name })} /> : null}
          </ProgressSlot>
          {errors.cover ? (
            <p class="field-error" role="alert">
              {errors.cover}
            </p>
          ) : null}
        </fieldset>
        <DialogFooter error={errors.form} busy={busy} submitLabel={t("common.save")} onCancel={onClose} />
      </form>
      {/* Incoming hooks post into the group as an integration: those who run it make and revoke them. */}
      {group.can.moderate || group.can.edit ? <IncomingHooks group={group} /> : null}
    </Modal>
  );
}
