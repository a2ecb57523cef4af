import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { BulkResult, CreatedInvitation, InvitationRow, Page, Role } from "../../api-types";
import { Badge } from "../../components/badge";
import { CopyField } from "../../components/copy-field";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { OperationProgress, ProgressSlot } from "../../components/progress";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { ApiError } from "../../api";
import { TableScroll } from "../../components/table-scroll";

const ROLES: Role[] = ["member", "guest", "admin"];
const ROLE_LABEL: Record<Role, MessageKey> = { member: "role.member", guest: "role.guest", admin: "role.admin" };

function SingleInvitation({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const invitation = await api<CreatedInvitation>("/admin/invitations", { body: { email: email.trim(), role } });
      setCreated(invitation);
      setEmail("");
      toast(t("invitations.created", { email: invitation.email }));
      onCreated();
    } catch (err) {
      const issue = err instanceof ApiError ? err.fieldIssues.find((i) => i.path.startsWith("email")) : undefined;
      setError(issue ? fieldIssueText(issue.message) : err instanceof ApiError && err.status === 409 ? t("invitations.exists") : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="single-title">
      <h2 id="single-title">{t("invitations.single")}</h2>
      <form class="form form-inline" onSubmit={submit} noValidate>
        <Field id="single-email" label={t("invitations.email")} error={error}>
          <input id="single-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} {...describedBy("single-email", undefined, error)} />
        </Field>
        <Field id="invite-role" label={t("invitations.role")}>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_LABEL[r])}</option>)}
          </select>
        </Field>
        <button type="submit" class="btn btn-primary" disabled={busy || !email.trim()}>
          {busy ? t("common.sending") : t("invitations.create")}
        </button>
      </form>
      {created ? (
        <div class="result" role="status">
          <p>{t("invitations.shareLink", { email: created.email })}</p>
          <CopyField id="invite-link" label={t("invitations.link")} value={created.url} />
        </div>
      ) : null}
    </section>
  );
}

const REASONS: Record<string, MessageKey> = {
  exists: "invitations.reasonExists",
  duplicate: "invitations.reasonDuplicate",
  invalid_email: "invitations.reasonEmail",
  invalid_role: "invitations.reasonRole",
  invalid_name: "invitations.reasonName",
};

function reasonText(reason: string): string {
  return reason in REASONS ? t(REASONS[reason]) : reason;
}

function BulkInvitations({ onCreated }: { onCreated: () => void }) {
  const [csv, setCsv] = useState("");
  const [checked, setChecked] = useState<{ csv: string; result: BulkResult } | null>(null);
  const [sent, setSent] = useState<BulkResult | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState<"check" | "send" | null>(null);

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? "check" : "send");
    setError("");
    try {
      const result = await api<BulkResult>("/admin/invitations/bulk", { body: csv, contentType: "text/csv", query: { dryRun: dryRun ? 1 : undefined } });
      if (dryRun) {
        setChecked({ csv, result });
        setSent(null);
      } else {
        setSent(result);
        setChecked(null);
        toast(t("invitations.bulkSent", { count: result.created.length }));
        onCreated();
      }
    } catch (err) {
      setError(dryRun ? errorText(err) : t("upload.bulkFailed", { reason: errorText(err) }));
    } finally {
      setBusy(null);
    }
  };
  // The lines the batch holds (a first line naming the columns is not one), for the live status while it runs.
  const lines = csv.split(/\r?\n/).filter((l) => l.trim());
  const lineCount = Math.max(0, lines.length - (/^\s*"?email"?\s*(,|$)/i.test(lines[0] ?? "") ? 1 : 0));

  const readyToSend = checked !== null && checked.csv === csv && checked.result.created.length > 0;
  const shown = sent ?? checked?.result;

  return (
    <section class="card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t("invitations.bulk")}</h2>
      <div class="form">
        <Field id="bulk-csv" label={t("invitations.csv")} hint={t("invitations.csvHint")} error={error}>
          <textarea id="bulk-csv" rows={6} class="mono" value={csv} placeholder={"email,role,name\nada@example.com,member,Ada Lovelace"} onInput={(e) => setCsv(e.currentTarget.value)} {...describedBy("bulk-csv", "hint", error)} />
        </Field>
        <div class="field">
          <label for="bulk-file">{t("invitations.csvFile")}</label>
          <input
            id="bulk-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (file) setCsv(await file.text());
            }}
          />
        </div>
        <div class="actions">
          <button type="button" class="btn btn-secondary" disabled={!csv.trim() || busy !== null} onClick={() => run(true)}>
            {busy === "check" ? t("common.loading") : t("invitations.check")}
          </button>
          <button type="button" class="btn btn-primary" disabled={!readyToSend || busy !== null} onClick={() => run(false)}>
            {busy === "send" ? t("common.sending") : t("invitations.send")}
          </button>
        </div>
        {!readyToSend && csv.trim() ? <p class="field-hint">{t("invitations.checkFirst")}</p> : null}
        <ProgressSlot status={busy ? t(busy === "check" ? "upload.bulkChecking" : "upload.bulkSending", { count: lineCount }) : ""}>
          {busy ? <OperationProgress label={t("upload.bulk")} detail={t(busy === "check" ? "upload.bulkChecking" : "upload.bulkSending", { count: lineCount })} fraction={null} /> : null}
        </ProgressSlot>
      </div>
      {shown ? (
        <div class="result" role="status">
          <p>
            <strong>{t(sent ? "invitations.bulkCreated" : "invitations.bulkWould", { count: shown.created.length })}</strong>{" "}
            {shown.rejected.length ? t("invitations.bulkRejected", { count: shown.rejected.length }) : null}
          </p>
          {shown.created.length ? (
            <TableScroll>
              <table class="table">
                <thead>
                  <tr><th scope="col">{t("invitations.email")}</th><th scope="col">{t("invitations.role")}</th>{sent ? <th scope="col">{t("invitations.link")}</th> : null}</tr>
                </thead>
                <tbody>
                  {shown.created.map((c, i) => (
                    <tr key={c.email}>
                      <td>{c.email}</td>
                      <td>{t(ROLE_LABEL[c.role] ?? "role.member")}</td>
                      {sent ? <td>{c.url ? <CopyField id={`bulk-link-${i}`} label={t("invitations.linkFor", { email: c.email })} value={c.url} /> : null}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {shown.rejected.length ? (
            <TableScroll>
              <table class="table">
                <caption>{t("invitations.rejectedCaption")}</caption>
                <thead>
                  <tr><th scope="col">{t("invitations.line")}</th><th scope="col">{t("invitations.reason")}</th></tr>
                </thead>
                <tbody>
                  {shown.rejected.map((r) => (
                    <tr key={r.line}><td>{r.line}</td><td>{reasonText(r.reason)}</td></tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function statusOf(row: InvitationRow, now: number) {
  if (row.acceptedAt) return <Badge tone="success">{t("invitations.accepted")}</Badge>;
  if (row.expiresAt < now) return <Badge tone="warning">{t("invitations.expired")}</Badge>;
  return <Badge tone="accent">{t("invitations.pending")}</Badge>;
}

function InvitationList({ version }: { version: number }) {
  const [rows, setRows] = useState<InvitationRow[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null) => {
    setBusy(true);
    setError("");
    try {
      const page = await api<Page<InvitationRow>>("/admin/invitations", { query: { cursor: after, limit: 20 } });
      setRows(after ? [...(rows ?? []), ...page.items] : page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [version]);

  const now = Date.now();
  return (
    <section class="card" aria-labelledby="list-title">
      <h2 id="list-title">{t("invitations.list")}</h2>
      {error ? (
        <EmptyState role="alert" title={error} action={<button type="button" class="btn btn-secondary" onClick={() => load(null)}>{t("common.retry")}</button>} />
      ) : rows === null ? (
        <Skeleton lines={4} />
      ) : rows.length === 0 ? (
        <EmptyState icon="people" title={t("invitations.none")}>{t("invitations.noneBody")}</EmptyState>
      ) : (
        <>
          <TableScroll>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("invitations.email")}</th>
                  <th scope="col">{t("invitations.role")}</th>
                  <th scope="col">{t("invitations.sentAt")}</th>
                  <th scope="col">{t("invitations.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td class="break">{row.email}</td>
                    <td>{t(ROLE_LABEL[row.role] ?? "role.member")}</td>
                    <td><RelativeTime at={row.createdAt} /></td>
                    <td>{statusOf(row, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {cursor ? (
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => load(cursor)}>
              {busy ? t("common.loading") : t("people.loadMore")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

export function InvitationsAdmin() {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div class="stack">
      <SingleInvitation onCreated={refresh} />
      <BulkInvitations onCreated={refresh} />
      <InvitationList version={version} />
    </div>
  );
}
