import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import type { Page, WebhookAttempt, WebhookDelivery } from "../../api-types";
import { Badge, type BadgeTone } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { RelativeTime } from "../../components/relative-time";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";

const STATE: Record<WebhookDelivery["state"], { label: MessageKey; tone: BadgeTone }> = {
  pending: { label: "deliveries.pending", tone: "accent" },
  succeeded: { label: "deliveries.succeeded", tone: "success" },
  failed: { label: "deliveries.failed", tone: "danger" },
};

/** While a delivery waits for its next attempt, the log looks again this often (only while the page is in view). */
const REFRESH_MS = 10_000;

function Attempt({ attempt, n }: { attempt: WebhookAttempt; n: number }) {
  const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  return (
    <li class="attempt">
      <div class="attempt-head">
        <span class="attempt-number">{t("deliveries.attempt", { n })}</span>
        <time dateTime={new Date(attempt.at).toISOString()}>{formatDateTime(attempt.at)}</time>
        {attempt.statusCode === null ? <Badge tone="danger">{t("deliveries.noAnswer")}</Badge> : <Badge tone={ok ? "success" : "danger"}>{t("deliveries.status", { code: String(attempt.statusCode) })}</Badge>}
        <span class="muted small">{t("deliveries.latency", { ms: attempt.latencyMs })}</span>
      </div>
      {attempt.response ? (
        <>
          <span class="visually-hidden">{t("deliveries.response")}</span>
          <pre class="attempt-response">{attempt.response}</pre>
        </>
      ) : null}
    </li>
  );
}

function Delivery({ delivery, onReplay, busy, mayReplay }: { delivery: WebhookDelivery; onReplay: () => void; busy: boolean; mayReplay: boolean }) {
  const state = STATE[delivery.state];
  // Newest attempt first, as the deliveries are.
  const attempts = delivery.attempts.map((a, i) => ({ a, n: i + 1 })).reverse();
  return (
    <li class="delivery">
      <div class="delivery-head">
        <code class="delivery-type">{delivery.type}</code>
        <Badge tone={state.tone}>{t(state.label)}</Badge>
        <span class="muted small">
          <RelativeTime at={delivery.createdAt} />
        </span>
        {/* A delivery still being attempted is not replayed (the server answers 409): Replay comes once it has ended. */}
        {delivery.state === "pending" ? null : (
          <button type="button" class="btn btn-secondary delivery-replay" disabled={busy || !mayReplay} onClick={onReplay}>
            {busy ? t("common.sending") : t("deliveries.replay")}
          </button>
        )}
      </div>
      <p class="muted small delivery-id">
        {t("deliveries.id")} <code>{delivery.id}</code>
      </p>
      {delivery.nextAttemptAt !== null && delivery.state === "pending" ? (
        <p class="small">
          {t("deliveries.next")} <time dateTime={new Date(delivery.nextAttemptAt).toISOString()}>{formatDateTime(delivery.nextAttemptAt)}</time>{" "}
          <span class="muted">
            (<RelativeTime at={delivery.nextAttemptAt} />)
          </span>
        </p>
      ) : null}
      {attempts.length === 0 ? (
        <p class="muted small">{t("deliveries.noAttempt")}</p>
      ) : (
        <ol class="integration-bare attempts" aria-label={t("deliveries.attempts", { count: attempts.length })}>
          {attempts.map(({ a, n }) => (
            <Attempt key={n} attempt={a} n={n} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * An endpoint's deliveries, newest first, each with its attempts and a Replay button (while the endpoint is on).
 * `version` bumps reload it.
 */
export function DeliveryLog({ endpointId, version, enabled }: { endpointId: string; version: number; enabled: boolean }) {
  const base = `/admin/webhooks/${encodeURIComponent(endpointId)}/deliveries`;
  const list = usePaged<WebhookDelivery>(endpointId, (cursor, signal) => api<Page<WebhookDelivery>>(base, { query: { cursor, limit: 20 }, signal }));
  const [replaying, setReplaying] = useState<string | null>(null);
  const state = list.state;

  useEffect(() => {
    if (version > 0) list.reload();
  }, [version]);

  const waiting = state.status === "ready" && state.items.some((d) => d.state === "pending");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") list.reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting]);

  const replay = async (delivery: WebhookDelivery) => {
    setReplaying(delivery.id);
    try {
      await api(`${base}/${encodeURIComponent(delivery.id)}/replay`, { method: "POST" });
      toast(t("deliveries.replayed"));
      list.reload();
    } catch (err) {
      toast(err instanceof ApiError && err.status === 409 ? t("deliveries.replayConflict") : errorText(err), "error");
    } finally {
      setReplaying(null);
    }
  };

  return (
    <section class="card" aria-labelledby="deliveries-title">
      <div class="integration-section-head">
        <h2 id="deliveries-title">{t("deliveries.title")}</h2>
        <button type="button" class="btn btn-quiet" onClick={list.reload}>
          {t("deliveries.refresh")}
        </button>
      </div>
      {!enabled ? <p class="muted small">{t("deliveries.replayOff")}</p> : null}
      {state.status === "loading" ? (
        <Skeleton lines={4} />
      ) : state.status === "error" ? (
        <EmptyState role="alert" title={state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : state.items.length === 0 ? (
        <EmptyState icon="link" title={t("deliveries.none")}>
          {t("deliveries.noneBody")}
        </EmptyState>
      ) : (
        <ol class="integration-bare delivery-list" aria-label={t("deliveries.title")}>
          {state.items.map((d) => (
            <Delivery key={d.id} delivery={d} busy={replaying === d.id} mayReplay={enabled} onReplay={() => replay(d)} />
          ))}
        </ol>
      )}
      <LoadMore state={state} onLoad={list.loadMore} />
    </section>
  );
}
