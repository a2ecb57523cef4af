import { z } from "@hono/zod-openapi";
import { Id } from "./common";

/**
 * Web push (API.md "Devices and push", issue 14 item 2): the network's VAPID public key, and the push subscriptions of
 * the caller's browsers. A subscription is what `PushSubscription.toJSON()` gives in the browser; its endpoint must be
 * an https URL of a public host (checked by the service, which knows the allowed test origins).
 */

/** The network's VAPID public key (uncompressed P-256 point, base64url), or null when push is not set up. */
export const PushKey = z.strictObject({ publicKey: z.string().nullable() }).openapi("PushKey");
export type PushKey = z.infer<typeof PushKey>;

export const PushSubscriptionBody = z
  .strictObject({
    endpoint: z.string().min(1).max(1024),
    /** What the browser's `toJSON()` carries too; not used (the push service answers 404/410 once it has expired). */
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      /** The browser's P-256 public key, uncompressed (65 bytes, base64url without padding). */
      p256dh: z.string().regex(/^B[A-Za-z0-9_-]{86}$/, "An uncompressed P-256 public key, base64url"),
      /** The browser's 16-byte authentication secret, base64url without padding. */
      auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "16 bytes, base64url"),
    }),
  })
  .openapi("PushSubscriptionBody");
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

export const PushSubscriptionCreated = z.strictObject({ id: Id("psb") }).openapi("PushSubscriptionCreated");
export type PushSubscriptionCreated = z.infer<typeof PushSubscriptionCreated>;

/** What the service worker receives (decrypted): a title and body in the member's language, and the page a click opens. */
export const PushPayload = z.strictObject({ title: z.string(), body: z.string(), url: z.string().startsWith("/") });
export type PushPayload = z.infer<typeof PushPayload>;
