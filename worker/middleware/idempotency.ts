import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ConflictError, ValidationError } from "../errors";
import { claimKey, keepAnswer, releaseKey } from "../services/idempotency";

/** A key is 1–255 visible ASCII characters (a UUID, say). */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a member's POST (API.md "Conventions"): the same key from the same member within 24 hours
 * answers the first answer again (with `Idempotent-Replayed: true`) and writes nothing more. What a client sends again
 * after losing an answer (a phone between two networks, the offline outbox) is done once. A second request while the
 * first is still being handled answers 409; a key reused for another request (method, path or body) answers 400. Only
 * a success is kept: a refused request wrote nothing, so its key stays free (and bad input still changes nothing).
 * A request without a signed-in caller keeps nothing.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("Idempotency-Key");
  const actor = c.var.actor;
  if (c.req.method !== "POST" || key === undefined || !actor) return next();
  if (!KEY.test(key)) throw new ValidationError([{ path: "Idempotency-Key", message: "1 to 255 visible ASCII characters" }]);
  const digest = await crypto.subtle.digest("SHA-256", await c.req.raw.clone().arrayBuffer());
  const fingerprint = `POST ${c.req.path} ${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
  const ctx = c.var.ctx;
  const claim = await claimKey(ctx, actor.id, key, fingerprint);
  if (claim.state === "mismatch") throw new ValidationError([{ path: "Idempotency-Key", message: "This key was used for another request" }]);
  if (claim.state === "busy") throw new ConflictError("The first request with this key is still being handled; try again in a moment");
  if (claim.state === "replay") {
    const { status, contentType, body: text } = claim.answer;
    return new Response(status === 204 ? null : text, { status, headers: { "Content-Type": contentType, "Idempotent-Replayed": "true" } });
  }
  try {
    await next();
  } catch (err) {
    await releaseKey(ctx, actor.id, key);
    throw err;
  }
  if (c.res.status < 200 || c.res.status >= 300) {
    // A refusal wrote nothing, and a failure of ours may not have: either way the same key may try again.
    await releaseKey(ctx, actor.id, key);
    return;
  }
  const answer = c.res.clone();
  await keepAnswer(ctx, actor.id, key, { status: answer.status, contentType: answer.headers.get("Content-Type") ?? "application/json", body: await answer.text() });
});
