import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Campaign, CampaignBody, Group, Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { MarkdownPreview } from "../../components/markdown-preview";
import { DialogFooter, Modal } from "../../components/modal";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { readerTimeZone } from "../../i18n/format";
import { isAdmin } from "../../session";
import { boxHref, campaignDates, campaignHref, campaignWhen, hasIdeaBox, localInputToUtc, StateBadge, utcToLocalInput } from "./ideas-shared";

type Load<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: T };

function CampaignCard({ c }: { c: Campaign }) {
  return (
    <li class="card campaign-card">
      <div class="campaign-card-head">
        <a class="campaign-card-title" href={campaignHref(c.id)}>
          {c.title}
        </a>
        <StateBadge state={c.state} />
      </div>
      <p class="muted small">
        {c.group ? c.group.name : t("ideas.wholeNetwork")} · <span title={campaignDates(c)}>{campaignWhen(c)}</span>
      </p>
      <p class="small campaign-counts">
        {t("ideas.countIdeas", { count: c.counts.ideas })} · {t("ideas.countSupporters", { count: c.counts.supporters })}
      </p>
    </li>
  );
}

function CampaignSection({ title, items, empty }: { title: string; items: Campaign[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <section aria-label={title} class="stack">
      <h2>{title}</h2>
      {items.length ? (
        <ul class="campaign-list">
          {items.map((c) => (
            <CampaignCard key={c.id} c={c} />
          ))}
        </ul>
      ) : (
        <div class="card">
          <EmptyState icon="ideas" title={empty!} />
        </div>
      )}
    </section>
  );
}

type FormErrors = Partial<Record<"title" | "startsAt" | "endsAt" | "supportLimit" | "brief" | "form", string>>;

/** "New campaign": title, brief (markdown with a preview), start and end in the member's time zone, where, limit. */
function NewCampaign({ groups, onClose }: { groups: Group[]; onClose: () => void }) {
  const { route } = useLocation();
  const zone = readerTimeZone.value;
  const admin = isAdmin.value;
  const [title, setTitle] = useState("");
  const [brief, setBrief] = useState("");
  const [tab, setTab] = useState<"write" | "preview">("write");
  const now = Date.now();
  const [startsAt, setStartsAt] = useState(utcToLocalInput(now - (now % 3_600_000) + 3_600_000, zone));
  const [endsAt, setEndsAt] = useState(utcToLocalInput(now - (now % 3_600_000) + 3_600_000 + 42 * 86_400_000, zone));
  const [where, setWhere] = useState(admin ? "" : (groups[0]?.id ?? ""));
  const [limit, setLimit] = useState("");
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
    const body: CampaignBody = { title: title.trim(), brief, startsAt: start, endsAt: end, groupId: where || null, supportLimit: limitNumber };
    setBusy(true);
    try {
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
    <Modal id="new-campaign" title={t("ideas.form.title")} onClose={onClose} wide>
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
        <Field id="campaign-limit" label={t("ideas.form.limit")} hint={t("ideas.form.limitHint")} error={errors.supportLimit}>
          <input id="campaign-limit" type="number" inputMode="numeric" min={1} max={1000} value={limit} onInput={(e) => setLimit(e.currentTarget.value)} {...describedBy("campaign-limit", "hint", errors.supportLimit)} />
        </Field>
        <DialogFooter error={errors.form} busy={busy} submitLabel={t("ideas.form.create")} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** `/ideas`: campaigns open now, coming and closed, and the permanent idea boxes I can post to. */
export function IdeasHome() {
  usePageTitle(t("nav.ideas"));
  const [campaigns, setCampaigns] = useState<Load<Campaign[]>>({ status: "loading" });
  const [groups, setGroups] = useState<Group[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let live = true;
    setCampaigns({ status: "loading" });
    api<Page<Campaign>>("/campaigns", { query: { limit: 100 } }).then(
      (page) => live && setCampaigns({ status: "ready", value: page.items }),
      (err) => live && setCampaigns({ status: "error", message: errorText(err) }),
    );
    api<Page<Group>>("/groups", { query: { mine: "1", limit: 100 } }).then(
      (page) => live && setGroups(page.items),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const boxes = groups.filter((g) => hasIdeaBox(g) && g.can.post);
  const animated = groups.filter((g) => g.membership?.state === "member" && (g.membership.role === "animator" || g.membership.role === "owner"));
  const mayCreate = isAdmin.value || animated.length > 0;
  const list = campaigns.status === "ready" ? campaigns.value : [];
  const open = list.filter((c) => c.state === "open").sort((a, b) => a.endsAt - b.endsAt);
  const scheduled = list.filter((c) => c.state === "scheduled").sort((a, b) => a.startsAt - b.startsAt);
  const closed = list.filter((c) => c.state === "closed").sort((a, b) => b.endsAt - a.endsAt);

  return (
    <section class="page ideas-page">
      <div class="page-head">
        <h1>{t("nav.ideas")}</h1>
        <div class="actions">
          <a class="btn btn-secondary" href="/ideas/stats">
            {t("ideas.stats.link")}
          </a>
          {mayCreate ? (
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              <Icon name="plus" size={18} />
              <span>{t("ideas.newCampaign")}</span>
            </button>
          ) : null}
        </div>
      </div>
      {campaigns.status === "loading" ? (
        <div class="card">
          <Skeleton lines={4} />
        </div>
      ) : campaigns.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={campaigns.message} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
        </div>
      ) : (
        <>
          <CampaignSection title={t("ideas.openCampaigns")} items={open} empty={t("ideas.noOpen")} />
          <CampaignSection title={t("ideas.scheduledCampaigns")} items={scheduled} />
          <CampaignSection title={t("ideas.closedCampaigns")} items={closed} />
        </>
      )}
      <section aria-label={t("ideas.boxes")} class="stack">
        <h2>{t("ideas.boxes")}</h2>
        {boxes.length ? (
          <ul class="campaign-list">
            {boxes.map((g) => (
              <li key={g.id} class="card campaign-card">
                <a class="campaign-card-title" href={boxHref(g.id)}>
                  {g.name}
                </a>
                <p class="muted small">{t("ideas.boxAlways")}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("ideas.noBoxes")}</p>
        )}
      </section>
      {creating ? <NewCampaign groups={animated} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
