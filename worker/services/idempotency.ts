import { and, eq, lt } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { idempotencyKeys } from "../db/requests";

/** How long a key answers its first answer again (API.md "Conventions"). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** The first answer to a key, as kept. */
export type KeptAnswer = { status: number; contentType: string; body: string };

/**
 * What a POST with a key finds: `claimed` (the first with this key in 24 hours: handle it), `replay` (a finished
 * first request: answer its answer again), `busy` (the first is still being handled) or `mismatch` (the key was used
 * for another request).
 */
export type Claim = { state: "claimed" } | { state: "replay"; answer: KeptAnswer } | { state: "busy" } | { state: "mismatch" };

/**
 * Claims a member's key for a request, in one statement: a new key, or one whose 24 hours have passed, is taken;
 * otherwise the row already there says what to answer. Two requests racing with one key: exactly one claims it.
 */
export async function claimKey(ctx: ServiceContext, userId: string, key: string, fingerprint: string, now = Date.now()): Promise<Claim> {
  const taken = await ctx.db
    .insert(idempotencyKeys)
    .values({ userId, key, fingerprint, createdAt: now })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: { fingerprint, status: null, contentType: null, body: null, createdAt: now },
      setWhere: lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS),
    })
    .run();
  if (taken.meta.changes > 0) return { state: "claimed" };
  const row = await ctx.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).get();
  if (!row) return { state: "busy" }; // released between the two statements: the client tries again
  if (row.fingerprint !== fingerprint) return { state: "mismatch" };
  if (row.status === null) return { state: "busy" };
  return { state: "replay", answer: { status: row.status, contentType: row.contentType ?? "application/json", body: row.body ?? "" } };
}

/** Keeps the first answer of a claimed key. */
export async function keepAnswer(ctx: ServiceContext, userId: string, key: string, answer: KeptAnswer) {
  await ctx.db.update(idempotencyKeys).set(answer).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Lets a key go (the request failed on our side): the client may send it again. */
export async function releaseKey(ctx: ServiceContext, userId: string, key: string) {
  await ctx.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Cron: forgets keys older than 24 hours. */
export async function sweepIdempotencyKeys(ctx: ServiceContext, now: number): Promise<number> {
  const done = await ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)).run();
  return done.meta.changes;
}
