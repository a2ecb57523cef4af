import { drizzle } from "drizzle-orm/d1";

export type Db = ReturnType<typeof createDb>;

/**
 * The query builder over a request's (or a job's) D1 binding, made once per request. No schema is given: it is only
 * for drizzle's relational `db.query` API, which Comptoir does not use, and drizzle rebuilt its whole relational map of
 * the tables on every call (a tenth of a `GET /me`'s CPU; bench/request-path.mjs).
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}
