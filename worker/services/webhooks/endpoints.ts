import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointBody, WebhookEndpointCreated, WebhookEndpointPatch } from "../../../contract/integrations";
import type { FieldIssue } from "../../../contract/common";
import type { Actor, ServiceContext } from "../../context";
import { groups } from "../../db/groups";
import { inList } from "../../db/in-list";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/integrations";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { auditInsert } from "../audit/audit";
import { checkDestination } from "./destination";
import type { WebhookAttemptJob } from "./deliver";
import { newEventId, queueDeliveries } from "./events";
import { ROTATION_OVERLAP_MS, newWebhookSecret } from "./signing";

/**
 * Outgoing webhook endpoints, for administrators (API.md "Integrations"): registration (the URL checked as written,
 * the granted groups existing, each event once), changes, deletion (its pending deliveries stop), secret rotation, a
 * test event, the delivery log and replay. Every change is audited with the write itself.
 */

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function presentEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events),
    groupIds: JSON.parse(row.groupIds),
    enabled: row.enabled,
    disabledReason: row.enabled ? null : row.disabledReason,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of an endpoint: never its secret. */
const audited = (e: WebhookEndpoint) => ({ url: e.url, description: e.description, events: e.events, groupIds: e.groupIds, enabled: e.enabled });

async function checkInput(ctx: ServiceContext, input: WebhookEndpointPatch): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.url !== undefined) {
    const d = checkDestination(input.url, ctx.config.WEBHOOK_ALLOW_ORIGINS);
    if (!d.ok) issues.push({ path: "url", message: d.reason });
  }
  if (input.events && new Set(input.events).size !== input.events.length) issues.push({ path: "events", message: "Each event type once" });
  if (input.groupIds?.length) {
    if (new Set(input.groupIds).size !== input.groupIds.length) issues.push({ path: "groupIds", message: "Each group once" });
    const found = new Set((await ctx.db.select({ id: groups.id }).from(groups).where(inList(groups.id, input.groupIds)).all()).map((g) => g.id));
    const missing = input.groupIds.filter((id) => !found.has(id));
    if (missing.length) issues.push({ path: "groupIds", message: `No such group: ${missing.join(", ")}` });
  }
  if (issues.length) throw new ValidationError(issues);
}

async function loadEndpoint(ctx: ServiceContext, id: string): Promise<EndpointRow> {
  const row = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
  if (!row) throw new NotFoundError("No such webhook endpoint");
  return row;
}

export async function createEndpoint(ctx: ServiceContext, actor: Actor, input: WebhookEndpointBody): Promise<WebhookEndpointCreated> {
  await checkInput(ctx, input);
  const now = Date.now();
  const row: EndpointRow = {
    id: newId("whk", now),
    url: input.url,
    description: input.description ?? "",
    events: JSON.stringify(input.events),
    groupIds: JSON.stringify(input.groupIds ?? []),
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretUntil: null,
    enabled: true,
    disabledReason: null,
    failingSince: null,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const view = presentEndpoint(row);
  await ctx.db.batch([ctx.db.insert(webhookEndpoints).values(row), auditInsert(ctx, actor, { action: "webhook.create", target: { type: "webhook", id: row.id }, groupId: null, after: audited(view) }, now)]);
  return { ...view, secret: row.secret };
}

export async function getEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpoint> {
  return presentEndpoint(await loadEndpoint(ctx, id));
}

/** Endpoints, newest first. */
export async function listEndpoints(ctx: ServiceContext, page: { before?: { c: number; i: string }; limit: number }) {
  const b = page.before;
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(b ? or(lt(webhookEndpoints.createdAt, b.c), and(eq(webhookEndpoints.createdAt, b.c), lt(webhookEndpoints.id, b.i))) : undefined)
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(page.limit + 1)
    .all();
  return { rows: rows.slice(0, page.limit).map(presentEndpoint), more: rows.length > page.limit };
}

export async function updateEndpoint(ctx: ServiceContext, actor: Actor, id: string, input: WebhookEndpointPatch): Promise<WebhookEndpoint> {
  // The inputs first, as for every route: a bad URL is 400 whether or not the endpoint exists.
  await checkInput(ctx, input);
  const row = await loadEndpoint(ctx, id);
  const now = Date.now();
  const next: EndpointRow = {
    ...row,
    ...(input.url !== undefined && { url: input.url }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.events !== undefined && { events: JSON.stringify(input.events) }),
    ...(input.groupIds !== undefined && { groupIds: JSON.stringify(input.groupIds) }),
    // Turned back on: the failure run starts again. Turned off: by an administrator.
    ...(input.enabled === true && !row.enabled && { enabled: true, disabledReason: null, failingSince: null }),
    ...(input.enabled === false && row.enabled && { enabled: false, disabledReason: "admin" as const }),
    updatedAt: now,
  };
  const { id: _id, createdAt: _c, createdBy: _b, ...set } = next;
  await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)),
    auditInsert(ctx, actor, { action: "webhook.update", target: { type: "webhook", id }, groupId: null, before: audited(presentEndpoint(row)), after: audited(presentEndpoint(next)) }, now),
  ]);
  return presentEndpoint(next);
}

/** Deletes an endpoint with its deliveries and their attempts: a queued attempt finds nothing and stops. */
export async function deleteEndpoint(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const row = await loadEndpoint(ctx, id);
  const now = Date.now();
  const ofEndpoint = ctx.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
  await ctx.db.batch([
    ctx.db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ofEndpoint)),
    ctx.db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)),
    ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
    auditInsert(ctx, actor, { action: "webhook.delete", target: { type: "webhook", id }, groupId: null, before: audited(presentEndpoint(row)) }, now),
  ]);
}

/** A new signing secret; the previous one keeps signing alongside it for 24 hours. */
export async function rotateSecret(ctx: ServiceContext, actor: Actor, id: string): Promise<{ secret: string }> {
  const row = await loadEndpoint(ctx, id);
  const now = Date.now();
  const secret = newWebhookSecret();
  await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set({ secret, previousSecret: row.secret, previousSecretUntil: now + ROTATION_OVERLAP_MS, updatedAt: now }).where(eq(webhookEndpoints.id, id)),
    auditInsert(ctx, actor, { action: "webhook.rotate", target: { type: "webhook", id }, groupId: null }, now),
  ]);
  return { secret };
}

/** A `webhook.test` event to this endpoint only. */
export async function sendTestEvent(ctx: ServiceContext, actor: Actor, id: string): Promise<{ deliveryId: string }> {
  const row = await loadEndpoint(ctx, id);
  if (!row.enabled) throw new ConflictError("This endpoint is disabled; turn it back on first");
  const now = Date.now();
  await auditInsert(ctx, actor, { action: "webhook.test", target: { type: "webhook", id }, groupId: null }, now);
  const [deliveryId] = await queueDeliveries(ctx, { id: newEventId(), type: "webhook.test", data: { endpointId: id, requestedBy: actor.id }, at: now }, [id]);
  return { deliveryId };
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

async function presentDeliveries(ctx: ServiceContext, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  if (!rows.length) return [];
  const attempts = await ctx.db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id))).orderBy(webhookAttempts.deliveryId, webhookAttempts.n).all();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    state: r.state,
    attempts: attempts.filter((a) => a.deliveryId === r.id).map((a) => ({ at: a.at, statusCode: a.statusCode, latencyMs: a.latencyMs, response: a.response })),
    nextAttemptAt: r.nextAttemptAt,
    createdAt: r.createdAt,
  }));
}

/** An endpoint's deliveries, newest first, each with its attempts. */
export async function listDeliveries(ctx: ServiceContext, endpointId: string, page: { before?: { c: number; i: string }; limit: number }) {
  await loadEndpoint(ctx, endpointId);
  const b = page.before;
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), b ? or(lt(webhookDeliveries.createdAt, b.c), and(eq(webhookDeliveries.createdAt, b.c), lt(webhookDeliveries.id, b.i))) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit + 1)
    .all();
  return { rows: await presentDeliveries(ctx, rows.slice(0, page.limit)), more: rows.length > page.limit };
}

async function loadDelivery(ctx: ServiceContext, endpointId: string, deliveryId: string): Promise<DeliveryRow> {
  await loadEndpoint(ctx, endpointId);
  const row = await ctx.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId))).get();
  if (!row) throw new NotFoundError("No such delivery");
  return row;
}

export async function getDelivery(ctx: ServiceContext, endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
  return (await presentDeliveries(ctx, [await loadDelivery(ctx, endpointId, deliveryId)]))[0];
}

/**
 * Sends a delivery again, with the same `webhook-id` and body: its attempts continue their count (a replay is one
 * more attempt, retried while the schedule has room). A delivery still waiting for an attempt is not replayed (409).
 */
export async function replayDelivery(ctx: ServiceContext, actor: Actor, endpointId: string, deliveryId: string): Promise<{ deliveryId: string }> {
  const endpoint = await loadEndpoint(ctx, endpointId);
  if (!endpoint.enabled) throw new ConflictError("This endpoint is disabled; turn it back on first");
  const row = await loadDelivery(ctx, endpointId, deliveryId);
  if (row.state === "pending") throw new ConflictError("This delivery is still being attempted");
  const now = Date.now();
  const [reopened] = await ctx.db.batch([
    ctx.db
      .update(webhookDeliveries)
      .set({ state: "pending", nextAttemptAt: now, updatedAt: now })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attemptCount, row.attemptCount), eq(webhookDeliveries.state, row.state)))
      .returning({ id: webhookDeliveries.id }),
    auditInsert(ctx, actor, { action: "webhook.replay", target: { type: "webhook", id: endpointId }, groupId: null, after: { deliveryId } }, now),
  ]);
  if (!reopened.length) throw new ConflictError("This delivery is still being attempted");
  await ctx.env.JOBS.send({ kind: "webhook-attempt", deliveryId, n: row.attemptCount + 1 } satisfies WebhookAttemptJob);
  return { deliveryId };
}
