import { z } from "@hono/zod-openapi";
import {
  WebhookDelivery,
  WebhookDeliveryAccepted,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointCreated,
  WebhookEndpointPage,
  WebhookEndpointPatch,
  WebhookEventList,
  WebhookSecret,
} from "../../contract/integrations";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { webhookCatalogue } from "../services/webhooks/catalogue";
import {
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from "../services/webhooks/endpoints";
import { define, json, routes } from "./define";

/** Outgoing webhooks (API.md "Integrations"): administrators' endpoints under /admin/webhooks, the catalogue for members. */

const TimeCursor = z.object({ c: z.number().int(), i: z.string() });
const TAG = "Webhooks";

export const adminWebhookRoutes = routes()
  .openapi(
    define({ method: "post", path: "/", summary: "Register an outgoing webhook endpoint; the answer carries its signing secret, this once", tag: TAG, access: "admin", body: WebhookEndpointBody, responses: { 201: json(WebhookEndpointCreated, "Registered") } }),
    async (c) => c.json(await createEndpoint(c.var.ctx, c.var.caller, c.req.valid("json")), 201),
  )
  .openapi(
    define({ method: "get", path: "/", summary: "Outgoing webhook endpoints, newest first", tag: TAG, access: "admin", query: WebhookDeliveryQuery, responses: { 200: json(WebhookEndpointPage, "A page of endpoints") } }),
    async (c) => {
      const q = c.req.valid("query");
      const { rows, more } = await listEndpoints(c.var.ctx, { before: decodeCursor(TimeCursor, q.cursor), limit: q.limit });
      const last = rows.at(-1);
      return c.json({ items: rows, nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null }, 200);
    },
  )
  .openapi(define({ method: "get", path: "/{id}", summary: "One outgoing webhook endpoint", tag: TAG, access: "admin", responses: { 200: json(WebhookEndpoint, "The endpoint") } }), async (c) =>
    c.json(await getEndpoint(c.var.ctx, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "patch", path: "/{id}", summary: "Change an endpoint: URL, description, events, granted groups, enabled", tag: TAG, access: "admin", body: WebhookEndpointPatch, responses: { 200: json(WebhookEndpoint, "The endpoint") } }),
    async (c) => c.json(await updateEndpoint(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(define({ method: "delete", path: "/{id}", summary: "Delete an endpoint; its pending deliveries stop", tag: TAG, access: "admin", responses: { 204: { description: "Deleted" } } }), async (c) => {
    await deleteEndpoint(c.var.ctx, c.var.caller, c.req.param("id"));
    return c.body(null, 204);
  })
  .openapi(
    define({ method: "post", path: "/{id}/rotate", summary: "A new signing secret; the previous one keeps signing alongside it for 24 hours", tag: TAG, access: "admin", responses: { 200: json(WebhookSecret, "The new secret, shown this once") } }),
    async (c) => c.json(await rotateSecret(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "post", path: "/{id}/test", summary: "Send a webhook.test event to this endpoint only", tag: TAG, access: "admin", errors: [409], responses: { 202: json(WebhookDeliveryAccepted, "Queued") } }),
    async (c) => c.json(await sendTestEvent(c.var.ctx, c.var.caller, c.req.param("id")), 202),
  )
  .openapi(
    define({ method: "get", path: "/{id}/deliveries", summary: "An endpoint's deliveries, newest first, with their attempts", tag: TAG, access: "admin", query: WebhookDeliveryQuery, responses: { 200: json(WebhookDeliveryPage, "A page of deliveries") } }),
    async (c) => {
      const q = c.req.valid("query");
      const { rows, more } = await listDeliveries(c.var.ctx, c.req.param("id"), { before: decodeCursor(TimeCursor, q.cursor), limit: q.limit });
      const last = rows.at(-1);
      return c.json({ items: rows, nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null }, 200);
    },
  )
  .openapi(
    define({ method: "get", path: "/{id}/deliveries/{deliveryId}", summary: "One delivery with its attempts", tag: TAG, access: "admin", responses: { 200: json(WebhookDelivery, "The delivery") } }),
    async (c) => c.json(await getDelivery(c.var.ctx, c.req.param("id"), c.req.param("deliveryId")), 200),
  )
  .openapi(
    define({ method: "post", path: "/{id}/deliveries/{deliveryId}/replay", summary: "Send a delivery again (same webhook-id and body; its attempts continue)", tag: TAG, access: "admin", errors: [409], responses: { 202: json(WebhookDeliveryAccepted, "Queued") } }),
    async (c) => c.json(await replayDelivery(c.var.ctx, c.var.caller, c.req.param("id"), c.req.param("deliveryId")), 202),
  );

export const webhookCatalogueRoutes = routes().openapi(
  define({ method: "get", path: "/events", summary: "The webhook event catalogue: each type with its version, payload JSON schema and an example", tag: TAG, access: "member", responses: { 200: json(WebhookEventList, "The catalogue") } }),
  async (c) => c.json({ items: webhookCatalogue() }, 200),
);
