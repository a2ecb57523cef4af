import { z } from "@hono/zod-openapi";
import { EVENTS, WEBHOOK_EVENTS } from "../../../contract/events";

/**
 * The webhook catalogue (GET /webhooks/events and the OpenAPI document's `webhooks` section): every event type an
 * endpoint may subscribe to, with its version, its payload's JSON schema and an example delivery body.
 */

export type WebhookEventInfo = {
  type: string;
  version: number;
  description: string;
  schema: Record<string, unknown>;
  example: { type: string; timestamp: string; data: Record<string, unknown> };
};

/** A fixed time for the examples, so the document does not change from one build to the next. */
const EXAMPLE_TIME = "2026-01-15T09:30:00.000Z";

let cached: WebhookEventInfo[] | undefined;

export function webhookCatalogue(): WebhookEventInfo[] {
  cached ??= WEBHOOK_EVENTS.map((type) => {
    const e = EVENTS[type];
    const { $schema: _, ...schema } = z.toJSONSchema(e.schema, { io: "output" }) as Record<string, unknown>;
    return { type, version: e.version, description: e.description, schema, example: { type, timestamp: EXAMPLE_TIME, data: (e.example ?? {}) as Record<string, unknown> } };
  });
  return cached;
}

/** The JSON schema of a delivery body of `type`: `{type, timestamp, data}`. */
export function deliveryBodySchema(info: WebhookEventInfo): Record<string, unknown> {
  return {
    type: "object",
    required: ["type", "timestamp", "data"],
    additionalProperties: false,
    properties: { type: { type: "string", const: info.type }, timestamp: { type: "string", format: "date-time" }, data: info.schema },
  };
}
