import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Campaign, CampaignBody, CampaignPatch, Group } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { MarkdownPreview } from "../../components/markdown-preview";
import { DialogFooter, Modal } from "../../components/modal";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { readerTimeZone } from "../../i18n/format";
import { isAdmin } from "../../session";
import { campaignHref, localInputToUtc, utcToLocalInput } from "./ideas-shared";

type FormErrors = Partial<Record<"title" | "startsAt" | "endsAt" | "supportLimit" | "brief" | "form", string>>;

/**
 * "New campaign" and "Edit the campaign": title, brief (markdown with a preview), start and end in the member's time
 * zone, where (fixed once created), the support limit. Editing sends only what changed.
 */
export function CampaignForm({ groups, campaign, onClose, onSaved }: { groups: Group[]; campaign?: Campaign; onClose: () => void; onSaved?: (c: Campaign) => void }) {
  const { route } = useLocation();
  const zone = readerTimeZone.value;
  const admin = isAdmin.value;
  const [title, setTitle] = useState(campaign?.title ?? "");
  const [brief, setBrief] = useState(campaign?.brief ?? "");
  const [tab, setTab] = useState<"write" | "preview">("write");
  const now = Date.now();
  const [startsAt, setStartsAt] = useState(utcToLocalInput(campaign?.startsAt ?? now - (now % 3_600_000) + 3_600_000, zone));
  const [endsAt, setEndsAt] = useState(utcToLocalInput(campaign?.endsAt ?? now - (now % 3_600_000) + 3_600_000 + 42 * 86_400_000, zone));
  const [where, setWhere] = useState(admin ? "" : (groups[0]?.id ?? ""));
  const [limit, setLimit] = useState(campaign?.supportLimit ? String(campaign.supportLimit) : "");
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const next: FormErrors = {};
    const start = localInputToUtc(startsAt, zone);
    const end = localInputToUtc(endsAt, zone);
    if (!title.trim()) next.title = t("ideas.form.titleRequired");
    if (!Number.isFinite(start)) next.startsAt = t("ideas.form.dateInvalid");
    if (!Number.isFinite(end)) next.endsAt = t("ideas.form.dateInvalid");
    else if (Number.isFinite(start) && end <= start) next.endsAt = t("ideas.form.endBeforeStart");
    const limitNumber = limit.trim() ? Number(limit) : null;
    if (limitNumber !== null && (!Number.isInteger(limitNumber) || limitNumber < 1 || limitNumber > 1000)) next.supportLimit = t("ideas.form.limitInvalid");
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      if (campaign) {
        const patch: CampaignPatch = {};
        if (title.trim() !== campaign.title) patch.title = title.trim();
        if (brief !== campaign.brief) patch.brief = brief;
        if (start !== campaign.startsAt) patch.startsAt = start;
        if (end !== campaign.endsAt) patch.endsAt = end;
        if (limitNumber !== campaign.supportLimit) patch.supportLimit = limitNumber;
        const saved = Object.keys(patch).length ? await api<Campaign>(`/campaigns/${encodeURIComponent(campaign.id)}`, { method: "PATCH", body: patch }) : campaign;
        toast(t("ideas.form.saved"));
        onClose();
        onSaved?.(saved);
        return;
      }
      const body: CampaignBody = { title: title.trim(), brief, startsAt: start, endsAt: end, groupId: where || null, supportLimit: limitNumber };
      const created = await api<Campaign>("/campaigns", { body });
      toast(t("ideas.form.created"));
      onClose();
      route(campaignHref(created.id));
    } catch (err) {
      const fields: FormErrors = {};
      if (err instanceof ApiError) {
        for (const issue of err.fieldIssues) {
          const key = issue.path.split(".")[0] as keyof FormErrors;
          if (["title", "startsAt", "endsAt", "supportLimit", "brief"].includes(key)) fields[key] = issue.message;
        }
      }
      setErrors({ ...fields, form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id={campaign ? "edit-campaign" : "new-campaign"} title={campaign ? t("ideas.form.editTitle") : t("ideas.form.title")} onClose={onClose} wide>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="campaign-title" label={t("ideas.form.name")} error={errors.title}>
          <input id="campaign-title" type="text" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} {...describedBy("campaign-title", undefined, errors.title)} />
        </Field>
        <div class={`field${errors.brief ? " field-invalid" : ""}`}>
          <div class="field-head">
            <label for="campaign-brief">{t("ideas.form.brief")}</label>
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
            <textarea id="campaign-brief" rows={6} value={brief} onInput={(e) => setBrief(e.currentTarget.value)} aria-describedby="campaign-brief-hint" />
          ) : (
            <div aria-live="polite">
              <MarkdownPreview text={brief} class="composer-preview post-body" />
            </div>
          )}
          <p id="campaign-brief-hint" class="field-hint">
            {t("composer.hint")}
          </p>
          {errors.brief ? <p class="field-error" role="alert">{errors.brief}</p> : null}
        </div>
        <div class="campaign-dates">
          <Field id="campaign-start" label={t("ideas.form.start")} hint={t("ideas.form.zone", { zone })} error={errors.startsAt}>
            <input id="campaign-start" type="datetime-local" value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} {...describedBy("campaign-start", "hint", errors.startsAt)} />
          </Field>
          <Field id="campaign-end" label={t("ideas.form.end")} hint={t("ideas.form.zone", { zone })} error={errors.endsAt}>
            <input id="campaign-end" type="datetime-local" value={endsAt} onInput={(e) => setEndsAt(e.currentTarget.value)} {...describedBy("campaign-end", "hint", errors.endsAt)} />
          </Field>
        </div>
        {campaign ? null : (
          <Field id="campaign-where" label={t("ideas.form.where")}>
            <select id="campaign-where" value={where} onChange={(e) => setWhere(e.currentTarget.value)}>
              {admin ? <option value="">{t("ideas.wholeNetwork")}</option> : null}
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="campaign-limit" label={t("ideas.form.limit")} hint={t("ideas.form.limitHint")} error={errors.supportLimit}>
          <input id="campaign-limit" type="number" inputMode="numeric" min={1} max={1000} value={limit} onInput={(e) => setLimit(e.currentTarget.value)} {...describedBy("campaign-limit", "hint", errors.supportLimit)} />
        </Field>
        <DialogFooter error={errors.form} busy={busy} submitLabel={campaign ? t("common.save") : t("ideas.form.create")} onCancel={onClose} />
      </form>
    </Modal>
  );
}

