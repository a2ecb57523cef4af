/**
 * The one way this code composes raw SQL, where drizzle's query builder cannot say it (recursive merges, FTS5,
 * INDEXED BY, rules compiled to conditions): a tagged template whose interpolated values become bound parameters and
 * whose interpolated parts are inlined with their own bound values, in order. Code fragments (column lists, aliases)
 * are marked with `raw`, so nothing a caller sends can become SQL text.
 */
export type SqlPart = { readonly sql: string; readonly binds: readonly unknown[] };

const isPart = (v: unknown): v is SqlPart =>
  typeof v === "object" && v !== null && typeof (v as SqlPart).sql === "string" && Array.isArray((v as SqlPart).binds);

export function sqlPart(strings: TemplateStringsArray, ...values: unknown[]): SqlPart {
  let text = strings[0];
  const binds: unknown[] = [];
  values.forEach((v, i) => {
    if (isPart(v)) {
      text += v.sql;
      binds.push(...v.binds);
    } else {
      text += "?";
      binds.push(v);
    }
    text += strings[i + 1];
  });
  return { sql: text, binds };
}

/** SQL text written by this code (never by a caller), with no bound values. */
export const raw = (text: string): SqlPart => ({ sql: text, binds: [] });

export const empty: SqlPart = raw("");

/** Parts joined by a separator (" AND ", " UNION ALL "…); `empty` when there are none. */
export function join(parts: readonly SqlPart[], separator: string): SqlPart {
  return { sql: parts.map((p) => p.sql).join(separator), binds: parts.flatMap((p) => p.binds) };
}

/** The D1 statement of a part. */
export function statement(db: D1Database, part: SqlPart): D1PreparedStatement {
  return db.prepare(part.sql).bind(...part.binds);
}

/**
 * The D1 statement of a drizzle query (its SQL and its values as drizzle maps them), so that a write of the query
 * builder and a read composed here travel in one `batch` (one D1 round trip).
 */
export function statementOf(db: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return db.prepare(sql).bind(...params);
}

/**
 * A drizzle `INSERT … VALUES` (all its columns given) whose rows are written only when `condition` holds as it runs:
 * `INSERT … SELECT * FROM (VALUES …) WHERE condition`, so that a write and the check it depends on (a change made
 * earlier in the same batch) share one D1 round trip.
 */
export function insertWhere(db: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }, condition: SqlPart): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  const m = /^insert into ("[^"]+") \(([^)]*)\) values (.*)$/is.exec(sql);
  if (!m || /\bdefault\b/i.test(m[3])) throw new Error(`unexpected insert: ${sql}`);
  return db.prepare(`INSERT INTO ${m[1]} (${m[2]}) SELECT * FROM (VALUES ${m[3]}) WHERE ${condition.sql}`).bind(...params, ...condition.binds);
}
