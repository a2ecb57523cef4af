import { z } from "@hono/zod-openapi";
import { Id, Millis, Opaque, page, pageParams, SingleLine, MultiLine, refuseBrokenText } from "./common";
import { API_SCOPES, WEBHOOK_DELIVERY_STATES, WEBHOOK_DISABLED_REASONS } from "./enums";
import { WebhookEventType } from "./events";

/**
 * Integrations (API.md "Integrations"): outgoing webhooks (administrators), incoming hooks (a group's animators) and
 * API tokens (every member). Secrets and tokens appear in an answer once, when they are made.
 */

/** An endpoint's URL as written: https, whole characters. Where it may point is the service's check (destination.ts). */
const EndpointUrl = z.string().min(1).max(2000).superRefine(refuseBrokenText).openapi({ format: "uri" });

export const WebhookEndpointBody = z.strictObject({
  url: EndpointUrl,
  description: MultiLine(0, 500).optional(),
  /** Event types of the catalogue (GET /webhooks/events), each once. */
  events: z.array(WebhookEventType).min(1).max(50),
  /** Non-open groups whose content it may carry, on top of the open groups' (granted by name in the client). */
  groupIds: z.array(Id("grp")).max(200).optional(),
});
export type WebhookEndpointBody = z.infer<typeof WebhookEndpointBody>;

export const WebhookEndpointPatch = z.strictObject({
  url: EndpointUrl.optional(),
  description: MultiLine(0, 500).optional(),
  events: z.array(WebhookEventType).min(1).max(50).optional(),
  groupIds: z.array(Id("grp")).max(200).optional(),
  /** true turns a disabled endpoint back on (its failure count starts again). */
  enabled: z.boolean().optional(),
});
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatch>;

export const WebhookEndpoint = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    groupIds: z.array(z.string()),
    enabled: z.boolean(),
    /** Why it is disabled: `admin` (turned off), `gone` (the receiver answered 410), `failing` (3 days of failures). */
    disabledReason: z.enum(WEBHOOK_DISABLED_REASONS).nullable(),
    createdAt: Millis,
  })
  .openapi("WebhookEndpoint");
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
export const WebhookEndpointPage = page(WebhookEndpoint);

/** The answer to a registration: the endpoint and its signing secret (`whsec_…`), shown this once. */
export const WebhookEndpointCreated = z.strictObject({ ...WebhookEndpoint.shape, secret: z.string() }).openapi("WebhookEndpointCreated");
export type WebhookEndpointCreated = z.infer<typeof WebhookEndpointCreated>;

export const WebhookSecret = z.strictObject({ secret: z.string() }).openapi("WebhookSecret");

export const WebhookAttempt = z
  .strictObject({
    at: Millis,
    /** null: no answer (timeout, refused address, network error). */
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    /** The first 1 KB of the answer, or what went wrong. */
    response: z.string(),
  })
  .openapi("WebhookAttempt");

export const WebhookDelivery = z
  .strictObject({
    /** The `webhook-id` header of every attempt. */
    id: z.string(),
    type: z.string(),
    state: z.enum(WEBHOOK_DELIVERY_STATES),
    attempts: z.array(WebhookAttempt),
    nextAttemptAt: Millis.nullable(),
    createdAt: Millis,
  })
  .openapi("WebhookDelivery");
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryPage = page(WebhookDelivery);
export const WebhookDeliveryQuery = z.strictObject({ ...pageParams });

export const WebhookDeliveryAccepted = z.strictObject({ deliveryId: z.string() }).openapi("WebhookDeliveryAccepted");

/** One event type of the webhook catalogue, with its payload's JSON schema and an example payload. */
export const WebhookEventInfo = z
  .strictObject({
    type: z.string(),
    version: z.number().int(),
    description: z.string(),
    schema: z.record(z.string(), z.unknown()),
    example: z.strictObject({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
  })
  .openapi("WebhookEventInfo");
export const WebhookEventList = z.strictObject({ items: z.array(WebhookEventInfo) });

/** Incoming hooks: an integration that posts into a group through its secret URL. */
export const IncomingHookBody = z.strictObject({
  name: SingleLine(1, 80),
  /** An image uploaded through POST /uploads, shown as the integration's avatar. */
  avatarUploadId: Id("fil").optional(),
});
export type IncomingHookBody = z.infer<typeof IncomingHookBody>;

export const IncomingHook = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    /** The secret URL that posts into the group; only in the answer that creates the hook, null in lists. */
    url: z.string().nullable(),
    lastUsedAt: Millis.nullable(),
    createdAt: Millis,
  })
  .openapi("IncomingHook");
export type IncomingHook = z.infer<typeof IncomingHook>;
export const IncomingHookList = z.strictObject({ items: z.array(IncomingHook) });

/** What an incoming hook accepts (Slack-compatible: fields other than `text` are ignored). */
export const IncomingHookPost = z.looseObject({ text: MultiLine(1, 10_000) });
export const IncomingHookPosted = z.strictObject({ postId: z.string() }).openapi("IncomingHookPosted");

/** API tokens (`cpt_…`), sent as `Authorization: Bearer`. */
export const ApiScope = z.enum(API_SCOPES).openapi("ApiScope");
export type ApiScope = z.infer<typeof ApiScope>;

export const ApiTokenBody = z.strictObject({
  name: SingleLine(1, 80),
  scopes: z.array(ApiScope).min(1).max(3),
  /** When it stops working (ms since the epoch, in the future); none: until revoked. */
  expiresAt: Millis.optional(),
});
export type ApiTokenBody = z.infer<typeof ApiTokenBody>;

export const ApiToken = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiScope),
    createdAt: Millis,
    expiresAt: Millis.nullable(),
    lastUsedAt: Millis.nullable(),
  })
  .openapi("ApiToken");
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenList = z.strictObject({ items: z.array(ApiToken) });

/** The answer that makes a token: the token itself, shown this once. */
export const ApiTokenCreated = z.strictObject({ ...ApiToken.shape, token: z.string() }).openapi("ApiTokenCreated");
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

/** The secret part of an incoming hook's path. */
export const HookToken = Opaque(1, 200);
