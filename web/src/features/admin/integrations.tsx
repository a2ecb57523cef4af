import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Group, Page, WebhookEndpoint, WebhookEndpointCreated, WebhookEventInfo } from "../../api-types";
import { Badge } from "../../components/badge";
import { confirmAction } from "../../components/confirm-dialog";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { GroupChecklist } from "../../components/group-checklist";
import { Icon } from "../../components/icons";
import { DialogFooter, Modal } from "../../components/modal";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText, formErrors } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { DeliveryLog } from "./webhook-log";

/**
 * Admin → Integrations (/admin/integrations): the outgoing webhook endpoints. The list, then one endpoint at
 * /admin/integrations?endpoint=<id> with its actions (edit, turn off or on, rotate the secret, send a test event,
 * delete) and its delivery log. A signing secret is shown once: when the endpoint is made and when it is rotated.
 */

const REASON: Record<NonNullable<WebhookEndpoint["disabledReason"]>, MessageKey> = {
  admin: "webhooks.reasonAdmin",
  gone: "webhooks.reasonGone",
  failing: "webhooks.reasonFailing",
};

export function reasonText(endpoint: WebhookEndpoint): string {
  return endpoint.disabledReason ? t(REASON[endpoint.disabledReason]) : t("webhooks.reasonAdmin");
}

function StateBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  return endpoint.enabled ? <Badge tone="success">{t("webhooks.enabled")}</Badge> : <Badge tone="warning">{t("webhooks.disabled")}</Badge>;
}

/** The event catalogue (GET /webhooks/events), read once per visit of the tab. */
function useCatalogue() {
  const [state, setState] = useState<{ items: WebhookEventInfo[] } | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    api<{ items: WebhookEventInfo[] }>("/webhooks/events").then(
      (answer) => live && setState({ items: answer.items }),
      (err) => live && setState({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}

/** A group whose content an endpoint carries only when granted: every group but the open, non-client ones. */
export function needsGrant(group: Group): boolean {
  return group.visibility !== "open" || group.kind === "client";
}

/** The groups an administrator may grant, by name (a few pages of GET /groups; a network has tens, not thousands). */
function useGrantableGroups() {
  const [state, setState] = useState<{ groups: Group[] } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const all: Group[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Page<Group> = await api<Page<Group>>("/groups", { query: { cursor, limit: 100 } });
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return all.filter(needsGrant).sort((a, b) => a.name.localeCompare(b.name));
    })().then(
      (groups) => live && setState({ groups }),
      (err) => live && setState({ error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

type Form = { url: string; description: string; events: string[]; groupIds: string[]; enabled: boolean };
type Errors = Partial<Record<keyof Form | "form", string>>;

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? (list.includes(value) ? list : [...list, value]) : list.filter((x) => x !== value);
}

function GroupGrants({ value, onChange, error }: { value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const state = useGrantableGroups();
  const groups = state && "groups" in state ? state.groups : [];
  const known = new Set(groups.map((g) => g.id));
  return (
    <fieldset aria-describedby="endpoint-groups-hint">
      <legend>{t("webhooks.groups")}</legend>
      <p id="endpoint-groups-hint" class="field-hint">
        {t("webhooks.groupsHint")}
      </p>
      {state === null ? (
        <Skeleton lines={2} />
      ) : "error" in state ? (
        <p class="field-error" role="alert">
          {state.error}
        </p>
      ) : groups.length === 0 ? (
        <p class="muted small">{t("webhooks.noGrantable")}</p>
      ) : (
        <GroupChecklist
          id="endpoint-groups"
          groups={groups}
          value={value}
          onChange={onChange}
          filterLabel={t("webhooks.groupsFilter")}
          note={(g) => t(g.visibility === "secret" ? "groups.secret" : g.visibility === "private" ? "groups.private" : "groupKind.client")}
          listClass="integration-bare integration-checks"
        >
          {value
            .filter((id) => !known.has(id))
            .map((id) => (
              <li key={id}>
                <label class="check">
                  <input type="checkbox" checked onChange={() => onChange(value.filter((x) => x !== id))} />
                  <span class="mono">{id}</span>
                </label>
              </li>
            ))}
        </GroupChecklist>
      )}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function EventChecklist({ catalogue, value, onChange, error }: { catalogue: WebhookEventInfo[]; value: string[]; onChange: (events: string[]) => void; error?: string }) {
  const all = catalogue.length > 0 && catalogue.every((e) => value.includes(e.type));
  return (
    <fieldset aria-describedby={error ? "endpoint-events-error" : undefined}>
      <legend>{t("webhooks.events")}</legend>
      <div class="actions">
        <button type="button" class="btn btn-quiet" onClick={() => onChange(all ? [] : catalogue.map((e) => e.type))}>
          {all ? t("webhooks.eventsNone") : t("webhooks.eventsAll")}
        </button>
      </div>
      <ul class="integration-bare integration-checks">
        {catalogue.map((e) => (
          <li key={e.type}>
            <label class="check event-check">
              <input type="checkbox" checked={value.includes(e.type)} onChange={(ev) => onChange(toggle(value, e.type, ev.currentTarget.checked))} />
              <span>
                <code>{e.type}</code>
                <span class="event-description">{e.description}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id="endpoint-events-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Add endpoint" and "Edit endpoint": one form; a new endpoint's answer carries its secret, shown by the caller. */
function EndpointDialog({
  endpoint,
  catalogue,
  onSaved,
  onClose,
}: {
  endpoint: WebhookEndpoint | null;
  catalogue: WebhookEventInfo[];
  onSaved: (saved: WebhookEndpoint | WebhookEndpointCreated) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<Form>(
    endpoint
      ? { url: endpoint.url, description: endpoint.description, events: endpoint.events, groupIds: endpoint.groupIds, enabled: endpoint.enabled }
      : { url: "", description: "", events: [], groupIds: [], enabled: true },
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    const url = form.url.trim();
    const next: Errors = {};
    if (!url) next.url = t("webhooks.urlMissing");
    else if (!/^https:\/\//i.test(url)) next.url = t("webhooks.urlHttps");
    if (form.events.length === 0) next.events = t("webhooks.eventsMissing");
    if (Object.keys(next).length) return setErrors(next);
    setErrors({});
    setBusy(true);
    // The catalogue's order, so that the list reads the same way everywhere.
    const events = catalogue.map((x) => x.type).filter((type) => form.events.includes(type));
    const body = { url, description: form.description.trim(), events: events.length ? events : form.events, groupIds: form.groupIds };
    try {
      const saved = endpoint
        ? await api<WebhookEndpoint>(`/admin/webhooks/${encodeURIComponent(endpoint.id)}`, { method: "PATCH", body: { ...body, ...(form.enabled !== endpoint.enabled ? { enabled: form.enabled } : {}) } })
        : await api<WebhookEndpointCreated>("/admin/webhooks", { body });
      onSaved(saved);
    } catch (err) {
      setErrors(formErrors(err, ["url", "description", "events", "groupIds"] as const) as Errors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="endpoint-form" title={endpoint ? t("webhooks.editTitle") : t("webhooks.addTitle")} onClose={onClose} wide>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="endpoint-url" label={t("webhooks.url")} hint={t("webhooks.urlHint")} error={errors.url}>
          <input
            id="endpoint-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://"
            required
            maxLength={2000}
            value={form.url}
            onInput={(e) => set({ url: e.currentTarget.value })}
            {...describedBy("endpoint-url", "hint", errors.url)}
          />
        </Field>
        <Field id="endpoint-description" label={t("webhooks.description")} hint={t("webhooks.descriptionHint")} error={errors.description}>
          <textarea id="endpoint-description" rows={2} maxLength={500} value={form.description} onInput={(e) => set({ description: e.currentTarget.value })} {...describedBy("endpoint-description", "hint", errors.description)} />
        </Field>
        <EventChecklist catalogue={catalogue} value={form.events} onChange={(events) => set({ events })} error={errors.events} />
        <GroupGrants value={form.groupIds} onChange={(groupIds) => set({ groupIds })} error={errors.groupIds} />
        {endpoint ? (
          <fieldset>
            <legend>{t("webhooks.state")}</legend>
            <label class="check">
              <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
              <span>{t("webhooks.enabledLabel")}</span>
            </label>
            {!endpoint.enabled ? <p class="field-hint">{reasonText(endpoint)}</p> : null}
          </fieldset>
        ) : null}
        <DialogFooter error={errors.form} busy={busy} submitLabel={endpoint ? t("common.save") : t("webhooks.add")} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A signing secret, shown this once, with the way to copy it. */
function SecretDialog({ title, secret, note, onClose }: { title: string; secret: string; note?: string; onClose: () => void }) {
  return (
    <Modal id="webhook-secret" title={title} onClose={onClose}>
      <div class="stack">
        <p class="alert alert-warning">{t("webhooks.secretOnce")}</p>
        <CopyField id="webhook-secret-value" label={t("webhooks.secret")} value={secret} />
        <p class="field-hint">{note ?? t("webhooks.secretHint")}</p>
        <div class="dialog-actions">
          <button type="button" class="btn btn-primary" onClick={onClose}>
            {t("webhooks.secretDone")}
          </button>
        </div>
      </div>
    </Modal>
  );
}

type Shown = { title: string; secret: string; note?: string };

function EndpointList({ catalogue, onCreated }: { catalogue: WebhookEventInfo[]; onCreated: (created: WebhookEndpointCreated) => void }) {
  const list = usePaged<WebhookEndpoint>("webhooks", (cursor, signal) => api<Page<WebhookEndpoint>>("/admin/webhooks", { query: { cursor, limit: 20 }, signal }));
  const [adding, setAdding] = useState(false);
  const state = list.state;
  return (
    <section class="card" aria-labelledby="endpoints-title">
      <div class="integration-section-head">
        <h2 id="endpoints-title">{t("webhooks.endpoints")}</h2>
        <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
          <Icon name="plus" size={18} />
          <span>{t("webhooks.add")}</span>
        </button>
      </div>
      <p class="muted small">{t("webhooks.intro")}</p>
      {adding ? (
        <EndpointDialog
          endpoint={null}
          catalogue={catalogue}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            list.reload();
            toast(t("webhooks.added"));
            if ("secret" in saved) onCreated(saved);
          }}
        />
      ) : null}
      {state.status === "loading" ? (
        <Skeleton lines={3} />
      ) : state.status === "error" ? (
        <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : state.items.length === 0 ? (
        <EmptyState icon="link" title={t("webhooks.none")} action={<button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>{t("webhooks.add")}</button>}>
          {t("webhooks.noneBody")}
        </EmptyState>
      ) : (
        <ul class="integration-bare integration-list" aria-label={t("webhooks.endpoints")}>
          {state.items.map((x) => (
            <li key={x.id} class="integration-item">
              <div class="integration-head">
                <a class="integration-url mono" href={`/admin/integrations?endpoint=${encodeURIComponent(x.id)}`}>
                  {x.url}
                </a>
                <StateBadge endpoint={x} />
              </div>
              {x.description ? <p class="integration-description">{x.description}</p> : null}
              {!x.enabled ? <p class="small integration-reason">{reasonText(x)}</p> : null}
              <p class="muted small">
                {t("webhooks.eventsCount", { count: x.events.length })} · {x.groupIds.length === 0 ? t("webhooks.openOnly") : t("webhooks.groupsCount", { count: x.groupIds.length })} · {t("webhooks.createdAt")} <RelativeTime at={x.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <LoadMore state={state} onLoad={list.loadMore} />
    </section>
  );
}

function EndpointDetail({ id, catalogue, onSecret }: { id: string; catalogue: WebhookEventInfo[]; onSecret: (shown: Shown) => void }) {
  const { route } = useLocation();
  const [endpoint, setEndpoint] = useState<WebhookEndpoint | { error: string; missing: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<"toggle" | "rotate" | "test" | "delete" | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const [groupNames, setGroupNames] = useState<Record<string, string>>({});
  const path = `/admin/webhooks/${encodeURIComponent(id)}`;

  useEffect(() => {
    let live = true;
    setEndpoint(null);
    api<WebhookEndpoint>(path).then(
      (x) => live && setEndpoint(x),
      (err) => live && setEndpoint({ error: errorText(err), missing: err instanceof ApiError && err.status === 404 }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const granted = endpoint && "id" in endpoint ? endpoint.groupIds : [];
  useEffect(() => {
    // The granted groups by name: each is fetched once.
    for (const gid of granted) {
      if (gid in groupNames) continue;
      api<Group>(`/groups/${encodeURIComponent(gid)}`).then(
        (g) => setGroupNames((names) => ({ ...names, [gid]: g.name })),
        () => setGroupNames((names) => ({ ...names, [gid]: gid })),
      );
    }
  }, [granted.join(",")]);

  if (endpoint === null) {
    return (
      <div class="card">
        <Skeleton lines={5} />
      </div>
    );
  }
  if ("error" in endpoint) {
    return (
      <div class="card">
        <EmptyState
          role="alert"
          title={endpoint.missing ? t("webhooks.missing") : endpoint.error}
          action={
            endpoint.missing ? (
              <a class="btn btn-secondary" href="/admin/integrations">{t("webhooks.back")}</a>
            ) : (
              <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>{t("common.retry")}</button>
            )
          }
        />
      </div>
    );
  }

  const x = endpoint;
  const run = async <T,>(what: NonNullable<typeof busy>, action: () => Promise<T>, done: (value: T) => void) => {
    setBusy(what);
    try {
      done(await action());
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setBusy(null);
    }
  };

  const toggleEnabled = () =>
    run("toggle", () => api<WebhookEndpoint>(path, { method: "PATCH", body: { enabled: !x.enabled } }), (next) => {
      setEndpoint(next);
      toast(next.enabled ? t("webhooks.turnedOn") : t("webhooks.turnedOff"));
    });

  const rotate = async () => {
    const ok = await confirmAction({ title: t("webhooks.rotateTitle"), body: t("webhooks.rotateBody"), confirmLabel: t("webhooks.rotate") });
    if (!ok) return;
    await run("rotate", () => api<{ secret: string }>(`${path}/rotate`, { method: "POST" }), ({ secret }) => {
      onSecret({ title: t("webhooks.rotatedTitle"), secret, note: t("webhooks.rotatedNote") });
    });
  };

  const sendTest = () =>
    run("test", () => api<{ deliveryId: string }>(`${path}/test`, { method: "POST" }), () => {
      toast(t("webhooks.testSent"));
      setLogVersion((n) => n + 1);
    });

  const remove = async () => {
    const ok = await confirmAction({ title: t("webhooks.deleteTitle"), body: t("webhooks.deleteBody", { url: x.url }), confirmLabel: t("common.delete"), danger: true });
    if (!ok) return;
    await run("delete", () => api(path, { method: "DELETE" }), () => {
      toast(t("webhooks.deleted"));
      route("/admin/integrations");
    });
  };

  const described = new Map(catalogue.map((e) => [e.type, e.description]));
  return (
    <div class="stack">
      <a class="back-link" href="/admin/integrations">
        ← {t("webhooks.back")}
      </a>
      <section class="card stack" aria-labelledby="endpoint-title">
        <div class="integration-head">
          <h2 id="endpoint-title" class="integration-url mono">
            {x.url}
          </h2>
          <StateBadge endpoint={x} />
        </div>
        {!x.enabled ? <p class="alert alert-warning">{reasonText(x)}</p> : null}
        {x.description ? <p class="plain integration-description">{x.description}</p> : null}
        <dl class="integration-facts">
          <dt>{t("webhooks.events")}</dt>
          <dd>
            <ul class="integration-bare">
              {x.events.map((type) => (
                <li key={type}>
                  <code>{type}</code> {described.has(type) ? <span class="muted small">— {described.get(type)}</span> : null}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("webhooks.groups")}</dt>
          <dd>
            {x.groupIds.length === 0 ? (
              <span class="muted">{t("webhooks.openOnly")}</span>
            ) : (
              <ul class="integration-bare">
                {x.groupIds.map((gid) => (
                  <li key={gid}>{groupNames[gid] ?? "…"}</li>
                ))}
              </ul>
            )}
            <p class="field-hint">{t("webhooks.openAlways")}</p>
          </dd>
          <dt>{t("webhooks.createdAt")}</dt>
          <dd>{formatDateTime(x.createdAt)}</dd>
        </dl>
        <div class="actions">
          <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={() => setEditing(true)}>
            {t("common.edit")}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={sendTest}>
            {busy === "test" ? t("common.sending") : t("webhooks.test")}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={rotate}>
            {t("webhooks.rotate")}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={toggleEnabled}>
            {x.enabled ? t("webhooks.turnOff") : t("webhooks.turnOn")}
          </button>
          <button type="button" class="btn btn-danger" disabled={busy !== null} onClick={remove}>
            {t("common.delete")}
          </button>
        </div>
      </section>
      {editing ? (
        <EndpointDialog
          endpoint={x}
          catalogue={catalogue}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setEndpoint(saved);
            toast(t("webhooks.saved"));
          }}
        />
      ) : null}
      <DeliveryLog endpointId={x.id} version={logVersion} enabled={x.enabled} />
    </div>
  );
}

export function IntegrationsAdmin() {
  const { query } = useLocation();
  const catalogue = useCatalogue();
  const [shown, setShown] = useState<Shown | null>(null);
  const endpointId = query.endpoint ?? "";

  const body =
    catalogue.state === null ? (
      <div class="card">
        <Skeleton lines={4} />
      </div>
    ) : "error" in catalogue.state ? (
      <div class="card">
        <EmptyState role="alert" title={catalogue.state.error} action={<button type="button" class="btn btn-secondary" onClick={catalogue.retry}>{t("common.retry")}</button>} />
      </div>
    ) : endpointId ? (
      <EndpointDetail id={endpointId} catalogue={catalogue.state.items} onSecret={setShown} />
    ) : (
      <EndpointList catalogue={catalogue.state.items} onCreated={(created) => setShown({ title: t("webhooks.createdTitle"), secret: created.secret })} />
    );

  return (
    <div class="stack">
      {body}
      {shown ? <SecretDialog title={shown.title} secret={shown.secret} note={shown.note} onClose={() => setShown(null)} /> : null}
    </div>
  );
}
