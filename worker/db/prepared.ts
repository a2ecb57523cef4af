import { drizzle } from "drizzle-orm/d1";
import type { SQLiteSelectPrepare } from "drizzle-orm/sqlite-core";

/**
 * Drizzle builds a query's SQL on every call: 70–150 µs for a select of one to three tables, timed in Node (its
 * entity checks walk class chains; bench/README.md "The request path"). The hottest queries are built once per isolate here, with `sql.placeholder(name)` for what changes
 * from call to call, and each call runs that same SQL on its own D1 binding (the request's session, counted), with
 * drizzle's own result mapping.
 *
 * `build` receives a builder over no database (it never runs a query) and returns a select; the first call prepares
 * it. Each call gives a prepared query over `d1` to run with its placeholder values: `.get({…})`, `.all({…})`.
 * Only the statement differs between calls (drizzle's prepared query keeps it in its `stmt`; the version is pinned,
 * and every test through the session check and a post's access exercises it).
 */
export function preparedOnce<Q extends { prepare(): SQLiteSelectPrepare<any> }>(build: (db: typeof TEMPLATE) => Q) {
  let template: (ReturnType<Q["prepare"]> & { stmt: D1PreparedStatement; query: { sql: string } }) | undefined;
  return (d1: D1Database): ReturnType<Q["prepare"]> => {
    template ??= build(TEMPLATE).prepare() as typeof template & object;
    const query = Object.assign(Object.create(Object.getPrototypeOf(template)), template);
    query.stmt = d1.prepare(template.query.sql);
    return query;
  };
}

/** A builder whose client is never asked to run anything: `prepare` is called once per query, to be replaced. */
const TEMPLATE = drizzle({ prepare: () => ({}) } as unknown as D1Database);
