import { useLocation } from "preact-iso";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Facets, Profile, ProfilePatch } from "../../api-types";
import { describedBy, Field } from "../../components/field";
import { usePageTitle } from "../../components/page-title";
import { MarkdownPreview } from "../../components/markdown-preview";
import { SafeHtml } from "../../components/safe-html";
import { Skeleton } from "../../components/skeleton";
import { TagInput } from "../../components/tag-input";
import { toast } from "../../components/toast";
import { EmptyState } from "../../components/empty-state";
import { LOCALES, languageName, t, type MessageKey } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { deviceTimeZone, timeZones } from "../../i18n/format";
import { me, patchProfile } from "../../session";
import { AvatarUpload } from "./avatar-upload";
import "./people.css";

const TEXT_FIELDS = ["name", "handle", "title", "department", "location", "phone", "bio", "timezone", "locale"] as const;
const LIST_FIELDS = ["skills", "hotTopics", "languages", "hobbies"] as const;
type FormKey = (typeof TEXT_FIELDS)[number] | (typeof LIST_FIELDS)[number];
type Form = Pick<Profile, FormKey>;
type Errors = Partial<Record<FormKey | "form", string>>;

/** The server's rule for handles (API.md), checked here first so the message is in the member's language. */
const HANDLE = /^[a-z0-9_-](?:[a-z0-9._-]{0,38}[a-z0-9_-])?$/;

const LIST_LABEL: Record<(typeof LIST_FIELDS)[number], [MessageKey, MessageKey]> = {
  skills: ["profile.skills", "edit.skillsHint"],
  hotTopics: ["profile.hotTopics", "edit.hotTopicsHint"],
  languages: ["profile.languages", "edit.languagesHint"],
  hobbies: ["profile.hobbies", "edit.hobbiesHint"],
};

function formOf(p: Profile): Form {
  const form = {} as Record<FormKey, unknown>;
  for (const key of [...TEXT_FIELDS, ...LIST_FIELDS]) form[key] = p[key];
  return form as Form;
}

/** Only what changed is sent, so a stale copy never overwrites another tab's edit of another field. */
function changes(before: Form, after: Form): ProfilePatch {
  const patch: Record<string, unknown> = {};
  for (const key of [...TEXT_FIELDS, ...LIST_FIELDS]) {
    const value = after[key];
    const trimmed = typeof value === "string" && key !== "bio" ? value.trim() : value;
    if (JSON.stringify(trimmed) !== JSON.stringify(before[key])) patch[key] = trimmed;
  }
  return patch as ProfilePatch;
}

/** /me/edit: every field of my profile, saved with PATCH /api/v1/me/profile. */
export function EditProfile() {
  usePageTitle(t("edit.title"));
  const { query, route } = useLocation();
  const welcome = query.welcome === "1";
  const [original, setOriginal] = useState<Profile | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [bioTab, setBioTab] = useState<"write" | "preview">("write");
  const [facets, setFacets] = useState<Facets | null>(null);
  const zones = useMemo(timeZones, []);

  useEffect(() => {
    const id = me.value?.id;
    if (!id) return;
    api<Profile>(`/users/${encodeURIComponent(id)}`).then(
      (p) => {
        setOriginal(p);
        setForm(formOf(p));
      },
      (err) => setLoadError(errorText(err)),
    );
    api<Facets>("/users/facets").then(setFacets, () => setFacets(null));
  }, []);

  if (loadError) {
    return (
      <section class="page">
        <div class="card"><EmptyState role="alert" title={loadError} action={<button type="button" class="btn btn-secondary" onClick={() => location.reload()}>{t("common.retry")}</button>} /></div>
      </section>
    );
  }
  if (!form || !original) {
    return (
      <section class="page">
        <h1>{t("edit.title")}</h1>
        <div class="card"><Skeleton lines={8} /></div>
      </section>
    );
  }

  // The first field in error gets the focus, so nobody has to hunt for what went wrong.
  const showErrors = (next: Errors) => {
    setErrors(next);
    setTimeout(() => document.querySelector<HTMLElement>('.form [aria-invalid="true"]')?.focus());
  };

  const set = <K extends FormKey>(key: K, value: Form[K]) => {
    setForm({ ...form, [key]: value });
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const patch = changes(formOf(original), form);
    const local: Errors = {};
    if (!form.name.trim()) local.name = t("edit.nameRequired");
    if (!HANDLE.test(form.handle.trim())) local.handle = t("edit.handleInvalid");
    if (Object.keys(local).length) {
      showErrors(local);
      return;
    }
    if (Object.keys(patch).length === 0) {
      route(`/people/${encodeURIComponent(original.id)}`);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const saved = await patchProfile(patch);
      toast(t("edit.saved"));
      route(`/people/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        showErrors({ handle: t("edit.handleTaken") });
      } else if (err instanceof ApiError && err.code === "validation_failed") {
        const next: Errors = {};
        const loose: string[] = [];
        for (const issue of err.fieldIssues) {
          const key = issue.path.split(".")[0] as FormKey;
          if (key in form) next[key] ??= fieldIssueText(issue.message);
          else loose.push(issue.message);
        }
        showErrors({ ...next, form: `${errorText(err)} ${loose.join(" · ")}`.trim() });
      } else {
        showErrors({ form: errorText(err) });
      }
    }
  };

  const text = (key: (typeof TEXT_FIELDS)[number], label: MessageKey, props: Record<string, unknown> = {}, hint?: string) => (
    <Field id={`edit-${key}`} label={t(label)} hint={hint} error={errors[key]}>
      <input id={`edit-${key}`} type="text" value={form[key]} onInput={(e) => set(key, e.currentTarget.value)} {...props} {...describedBy(`edit-${key}`, hint, errors[key])} />
    </Field>
  );

  return (
    <section class="page">
      <h1>{t("edit.title")}</h1>
      {welcome ? (
        <div class="alert alert-success welcome-banner" role="status">
          <strong>{t("edit.welcomeTitle", { name: original.name })}</strong> {t("edit.welcomeBody")}
        </div>
      ) : null}

      <div class="card">
        <h2>{t("avatar.title")}</h2>
        <AvatarUpload />
      </div>

      <form class="card form" onSubmit={submit} noValidate>
        {errors.form ? (
          <p class="alert alert-danger" role="alert">
            {errors.form}
          </p>
        ) : null}
        <fieldset>
          <legend>{t("edit.identity")}</legend>
          {text("name", "edit.name", { autoComplete: "name", required: true })}
          {text("handle", "edit.handle", { autoComplete: "off", spellcheck: false, autoCapitalize: "none" }, t("edit.handleHint"))}
          {text("title", "edit.jobTitle", { autoComplete: "organization-title" })}
          {text("department", "edit.department", { list: "edit-department-options" })}
          {text("location", "edit.location", { list: "edit-location-options" }, t("edit.locationHint"))}
          <datalist id="edit-department-options">{facets?.departments.map((d) => <option key={d} value={d} />)}</datalist>
          <datalist id="edit-location-options">{facets?.locations.map((d) => <option key={d} value={d} />)}</datalist>
          <Field id="edit-timezone" label={t("edit.timezone")} hint={t("edit.timezoneHint", { zone: deviceTimeZone })} error={errors.timezone}>
            <select id="edit-timezone" value={form.timezone} onChange={(e) => set("timezone", e.currentTarget.value)} {...describedBy("edit-timezone", "hint", errors.timezone)}>
              {(zones.includes(form.timezone) ? zones : [form.timezone, ...zones]).map((z) => (
                <option key={z} value={z}>{z.replaceAll("_", " ")}</option>
              ))}
            </select>
          </Field>
          <Field id="edit-locale" label={t("settings.language")} error={errors.locale}>
            <select id="edit-locale" value={form.locale} onChange={(e) => set("locale", e.currentTarget.value as Form["locale"])}>
              {LOCALES.map((code) => <option key={code} value={code} lang={code}>{languageName(code)}</option>)}
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("profile.contact")}</legend>
          <Field id="edit-email" label={t("profile.email")} hint={t("edit.emailHint")}>
            <input id="edit-email" type="email" value={original.email} readOnly aria-describedby="edit-email-hint" />
          </Field>
          <Field id="edit-phone" label={t("profile.phone")} error={errors.phone}>
            <input id="edit-phone" type="tel" autoComplete="tel" value={form.phone} onInput={(e) => set("phone", e.currentTarget.value)} {...describedBy("edit-phone", undefined, errors.phone)} />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("edit.about")}</legend>
          <div class={`field${errors.bio ? " field-invalid" : ""}`}>
            <div class="field-head">
              <label for="edit-bio">{t("profile.bio")}</label>
              <div class="segmented" role="group" aria-label={t("edit.bioMode")}>
                <button type="button" class="segmented-item" aria-pressed={bioTab === "write"} onClick={() => setBioTab("write")}>{t("edit.write")}</button>
                <button type="button" class="segmented-item" aria-pressed={bioTab === "preview"} onClick={() => setBioTab("preview")}>{t("edit.preview")}</button>
              </div>
            </div>
            {bioTab === "write" ? (
              <textarea id="edit-bio" rows={6} value={form.bio} onInput={(e) => set("bio", e.currentTarget.value)} {...describedBy("edit-bio", "hint", errors.bio)} />
            ) : form.bio === original.bio && original.bioHtml ? (
              <SafeHtml html={original.bioHtml} class="bio-preview" />
            ) : (
              <MarkdownPreview text={form.bio} of="bio" class="bio-preview" />
            )}
            <p id="edit-bio-hint" class="field-hint">{t("edit.bioHint")}</p>
            {errors.bio ? <p class="field-error" role="alert">{errors.bio}</p> : null}
          </div>
          {LIST_FIELDS.map((key) => {
            const [label, hint] = LIST_LABEL[key];
            return (
              <Field key={key} id={`edit-${key}`} label={t(label)} hint={t(hint)} error={errors[key]}>
                <TagInput id={`edit-${key}`} value={form[key]} onChange={(v) => set(key, v)} suggestions={key === "skills" ? facets?.skills : undefined} describedBy={describedBy(`edit-${key}`, "hint", errors[key])} />
              </Field>
            );
          })}
        </fieldset>

        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t("common.saving") : t("edit.save")}
          </button>
          <a class="btn btn-quiet" href={`/people/${encodeURIComponent(original.id)}`}>{t("common.cancel")}</a>
        </div>
      </form>
    </section>
  );
}
