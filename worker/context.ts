import { createDb, type Db } from "./db/client";
import { countedD1, type CountedD1 } from "./db/trips";
import { readConfig, type Config } from "./env";
import type { Role } from "./db/users";

/** Who is calling, as verified by the session middleware. */
export type Actor = {
  id: string;
  role: Role;
  handle: string;
  name: string;
  locale: "en" | "fr";
  /** The charter version this member accepted last (null: none). */
  charterVersion: number | null;
  /** The current published charter version (null: none published, so no gate). */
  currentCharter: number | null;
  /** How the caller authenticated: cookie sessions are gated by the charter and CSRF checks. */
  via: "session" | "token";
  /** A token's scopes (API.md "Integrations"), enforced by the access guard of every route; absent for a session. */
  scopes?: readonly ("read" | "write" | "admin")[];
};

/** What every service receives: never a Hono context, so services run the same from routes, cron and queues. */
export type ServiceContext = {
  db: Db;
  env: Env;
  config: Config;
  requestId: string;
  /** The origin links are built on (invitations). */
  origin: string;
  /**
   * D1 rows read by the hot paths that report them (feed), and the request's sequential D1 round trips (every
   * statement and batch, worker/db/trips.ts), for benchmarks and the Server-Timing header.
   */
  stats: { rowsRead: number; trips: number; wrote?: boolean };
  /** The counted D1 binding (also `env.DB` and under `db`): a request's session, or the primary. */
  d1: CountedD1;
  /** A request's `waitUntil`: what {@link afterAnswer} hands its work to (absent in cron, queues and rooms: awaited there). */
  defer?: (work: Promise<unknown>) => void;
  /** The reads {@link readOnce} shares, by key. */
  reads?: Map<string, Promise<unknown>>;
};

/**
 * A read asked more than once before anything is written (a route's gate and its handler, which run side by side:
 * worker/routes/define.ts `gateAlongside`) is made once and shared. Once the context has written, every call reads
 * afresh.
 */
export function readOnce<T>(ctx: ServiceContext, key: string, read: () => Promise<T>): Promise<T> {
  if (ctx.stats.wrote) return read();
  const reads = (ctx.reads ??= new Map());
  let shared = reads.get(key) as Promise<T> | undefined;
  if (!shared) {
    shared = read();
    reads.set(key, shared);
  }
  return shared;
}

/**
 * Work that tells others of a change already written (a room's event, a queued job: no D1), started now and left to run
 * after the answer when a request runs it (issue 13: writes push after the response, never before, and the answer does
 * not wait for them); awaited where there is no answer to give first (cron, queues). Its failure is logged, never the
 * request's: the change it tells of is written.
 */
export function afterAnswer(ctx: ServiceContext, work: () => Promise<unknown>): Promise<void> {
  const running = work().then(
    () => {},
    (err: unknown) => console.error(JSON.stringify({ requestId: ctx.requestId, afterAnswer: String(err) })),
  );
  if (!ctx.defer) return running;
  ctx.defer(running);
  return Promise.resolve();
}

/** Adds the rows a D1 answer read to the request's count, and hands the answer back. */
export function counted<T extends { meta: { rows_read?: number } }>(ctx: ServiceContext, results: T[]): T[] {
  for (const r of results) ctx.stats.rowsRead += r.meta.rows_read ?? 0;
  return results;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    ctx: ServiceContext;
    actor: Actor | null;
    /** "missed": the request ran as the member its hint named, and the session check found someone else (auth.ts). */
    speculation?: "missed";
  };
};

export function charterPending(actor: Actor): boolean {
  return actor.currentCharter !== null && actor.charterVersion !== actor.currentCharter;
}

/**
 * The service context of a request (HTTP or room upgrade), cron or queue batch, built the same way everywhere. Its D1
 * binding counts round trips (drizzle's `db` and `env.DB` are the same counted one, so raw statements count too). With
 * `session` (a bookmark or a constraint) it goes through D1's Sessions API, reads possibly served by a replica; without
 * it (rooms, cron, the queue consumer) every statement goes to the primary.
 */
export function serviceContext(env: Env, url: string, requestId: string, session?: D1SessionBookmark | D1SessionConstraint): ServiceContext {
  const config = readConfig(env);
  const stats = { rowsRead: 0, trips: 0 };
  const d1 = countedD1(session === undefined ? env.DB : env.DB.withSession(session), stats, config.D1_TRIP_DELAY_MS);
  return {
    db: createDb(d1),
    env: { ...env, DB: d1 },
    config,
    requestId,
    origin: config.PUBLIC_ORIGIN ? new URL(config.PUBLIC_ORIGIN).origin : new URL(url).origin,
    stats,
    d1,
  };
}
