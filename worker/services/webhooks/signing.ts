import { Webhook } from "standardwebhooks";

/**
 * Signing of outgoing deliveries, per the Standard Webhooks specification, with its maintained implementation: the
 * secret is `whsec_` + base64 of random bytes, each signature `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, and
 * during a rotation both secrets sign (space-separated in `webhook-signature`, which receivers accept if any matches).
 */

/** A new signing secret: `whsec_` and the base64 of 32 random bytes (the format every Standard Webhooks library reads). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return `whsec_${btoa(s)}`;
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** The secrets that sign at `now`: the current one, and the previous one while its 24 hours last. */
export function signingSecrets(endpoint: { secret: string; previousSecret: string | null; previousSecretUntil: number | null }, now: number): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > now ? [endpoint.previousSecret] : [];
  return [endpoint.secret, ...previous];
}

export type Signer = Webhook;

/**
 * The headers of one attempt: the delivery's id, the attempt's time, one signature per secret. `signers`: the signers
 * made so far, by secret (several attempts in one queue batch decode each secret once).
 */
export function signedHeaders(secrets: string[], msgId: string, at: Date, payload: string, signers = new Map<string, Signer>()): Record<string, string> {
  const signerOf = (secret: string) => signers.get(secret) ?? signers.set(secret, new Webhook(secret)).get(secret)!;
  const signature = secrets.map((secret) => signerOf(secret).sign(msgId, at, payload)).join(" ");
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
    "content-type": "application/json",
    "user-agent": "Comptoir-Webhooks/1",
  };
}
