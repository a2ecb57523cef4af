import { and, eq, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { pushSubscriptions } from "../../db/push";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { fromBase64Url, newId } from "../../lib/ids";
import { checkDestination } from "../webhooks/destination";
import type { PushKey, PushSubscriptionBody, PushSubscriptionCreated } from "../../../contract/push";

/** A member's browsers with notifications on: past this many, the oldest subscription goes. */
export const MAX_SUBSCRIPTIONS = 20;

/** The network's VAPID public key, or null when the keys are not set (push is then off: the client says so). */
export function pushKey(ctx: ServiceContext): PushKey {
  return { publicKey: pushConfigured(ctx) ? ctx.config.VAPID_PUBLIC_KEY! : null };
}

export function pushConfigured(ctx: ServiceContext): boolean {
  return Boolean(ctx.config.VAPID_PUBLIC_KEY && ctx.config.VAPID_PRIVATE_KEY && ctx.config.VAPID_SUBJECT);
}

/** Why a push endpoint may not be stored (https, a public host, no credentials, as for webhooks), or null. */
export function endpointRefusal(ctx: ServiceContext, endpoint: string): string | null {
  const checked = checkDestination(endpoint, ctx.config.PUSH_ALLOW_ORIGINS);
  if (checked.ok) return null;
  return checked.reason === "Not a URL" ? "Not a URL" : "A push endpoint is an https URL of a host reachable from the internet";
}

/** Whether `p256dh` is a point of P-256 (the browser's public key): a key that cannot be used is refused now, not at each send. */
async function usableKey(p256dh: string): Promise<boolean> {
  try {
    await crypto.subtle.importKey("raw", fromBase64Url(p256dh), { name: "ECDH", namedCurve: "P-256" }, false, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns notifications on for one of the caller's browsers. An endpoint is one browser: posted again (a new session,
 * another member signing in on a shared device) it is replaced, under a new id, by the caller's — never kept for the
 * member who had it before. `sessionHash`: the session it was made from (it ends with that session), null for a token.
 */
export async function subscribe(ctx: ServiceContext, actor: Actor, body: PushSubscriptionBody, sessionHash: string | null): Promise<PushSubscriptionCreated> {
  const issues = [];
  const refusal = endpointRefusal(ctx, body.endpoint);
  if (refusal) issues.push({ path: "endpoint", message: refusal });
  if (!(await usableKey(body.keys.p256dh))) issues.push({ path: "keys.p256dh", message: "Not a point of the P-256 curve" });
  if (issues.length) throw new ValidationError(issues);
  if (!pushConfigured(ctx)) throw new ConflictError("Push notifications are not set up on this network (no VAPID keys)");
  const now = Date.now();
  const id = newId("psb", now);
  await ctx.db.batch([
    ctx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, body.endpoint)),
    ctx.db.insert(pushSubscriptions).values({ id, userId: actor.id, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth, sessionHash, createdAt: now, lastSuccessAt: null }),
    ctx.db.delete(pushSubscriptions).where(
      and(
        eq(pushSubscriptions.userId, actor.id),
        sql`${pushSubscriptions.id} NOT IN (SELECT id FROM push_subscriptions WHERE user_id = ${actor.id} ORDER BY created_at DESC, id DESC LIMIT ${MAX_SUBSCRIPTIONS})`,
      ),
    ),
  ]);
  return { id };
}

/** Turns notifications off for one of the caller's browsers; another member's subscription is not found (404). */
export async function unsubscribe(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const gone = await ctx.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, actor.id))).returning({ id: pushSubscriptions.id });
  if (!gone.length) throw new NotFoundError("No such push subscription of yours");
}
