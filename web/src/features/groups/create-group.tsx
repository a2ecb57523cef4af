import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { api } from "../../api";
import type { Group, GroupKind, GroupVisibility } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { DialogFooter, Modal } from "../../components/modal";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { formErrors } from "../../i18n/error-text";
import { GROUP_KINDS, KIND_LABEL, VISIBILITY_HINT, VISIBILITY_LABEL } from "./group-parts";

type Form = { name: string; description: string; visibility: GroupVisibility; kind: GroupKind };
type Errors = Partial<Record<keyof Form | "form", string>>;

/** "New group": POST /api/v1/groups; the creator becomes its owner and lands on its page. */
export function CreateGroupDialog({ onClose }: { onClose: () => void }) {
  const { route } = useLocation();
  const [form, setForm] = useState<Form>({ name: "", description: "", visibility: "open", kind: "community" });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Errors = {};
    if (form.name.trim().length < 2) next.name = t("groups.nameShort");
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const group = await api<Group>("/groups", { method: "POST", body: { name: form.name.trim(), description: form.description.trim(), visibility: form.visibility, kind: form.kind } });
      toast(t("groups.created", { name: group.name }));
      onClose();
      route(`/groups/${encodeURIComponent(group.id)}`);
    } catch (err) {
      setErrors(formErrors(err, ["name", "description", "visibility", "kind"]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="new-group" title={t("groups.new")} onClose={onClose} wide>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="group-name" label={t("groups.name")} error={errors.name}>
          <input id="group-name" type="text" value={form.name} maxLength={80} required autoFocus onInput={(e) => set({ name: e.currentTarget.value })} {...describedBy("group-name", undefined, errors.name)} />
        </Field>
        <Field id="group-description" label={t("groups.description")} hint={t("groups.descriptionHint")} error={errors.description}>
          <textarea id="group-description" rows={3} maxLength={2000} value={form.description} onInput={(e) => set({ description: e.currentTarget.value })} {...describedBy("group-description", "hint", errors.description)} />
        </Field>
        <fieldset>
          <legend>{t("groups.visibility")}</legend>
          {(["open", "private", "secret"] as GroupVisibility[]).map((v) => (
            <label key={v} class="check choice">
              <input type="radio" name="group-visibility" value={v} checked={form.visibility === v} onChange={() => set({ visibility: v })} />
              <span>
                {t(VISIBILITY_LABEL[v])}
                <span class="field-hint">{t(VISIBILITY_HINT[v])}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field id="group-kind" label={t("groups.kind")} error={errors.kind}>
          <select id="group-kind" value={form.kind} onChange={(e) => set({ kind: e.currentTarget.value as GroupKind })}>
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </Field>
        <DialogFooter error={errors.form} busy={busy} submitLabel={t("groups.create")} onCancel={onClose} />
      </form>
    </Modal>
  );
}
