/**
 * A D1 binding that counts a request's sequential round trips (issue 13), and can delay each one (a test-only
 * stand-in for the distance to the primary, `D1_TRIP_DELAY_MS`).
 *
 * One round trip is one statement's execution (`first`, `all`, `run`, `raw`), one `batch` or one `exec`. Trips in
 * flight at the same time (a `Promise.all`) cost the latency of one: the count is the length of the longest chain of
 * trips each of which started after the one before it had answered. A trip's depth is one more than the deepest trip
 * that had answered when it started; the request's count is the deepest depth reached.
 *
 * Everything else passes through: `bind` and `prepare` cost nothing, and `batch` receives the real D1 statements (the
 * binding reads their internals), whether they were prepared on this wrapper or on the raw binding.
 */

/** What a request's D1 accounting holds: the sequential round trips so far, and whether one of them wrote. */
export type TripStats = { trips: number; wrote?: boolean };

/** The counted binding: a D1Database (sessions included) that also tells its session's bookmark. */
export type CountedD1 = D1Database & {
  /** The session's latest bookmark (null outside a session, or before its first query). */
  getBookmark(): string | null;
  /**
   * Holds every write (any statement but a plain read) until `until` settles, and fails it if `until` rejects; reads
   * go on at once. For a request that reads before its caller is verified (worker/middleware/auth.ts): nothing is
   * written in the name of a caller the session check has not confirmed; and for a route whose gate runs alongside its
   * handler (worker/routes/define.ts): nothing is written before the gate lets the caller through. Holds add up: a
   * write waits for every one.
   */
  holdWritesUntil(until: Promise<unknown>): void;
  /**
   * Settles when a write started now would go (every hold so far settled), rejecting as that write would fail: for an
   * effect outside D1 (an upload to R2) that must wait, as the request's D1 writes do, for the session check and the
   * gate before it happens. No D1 round trip of its own.
   */
  writesAllowed(): Promise<void>;
};

/** A statement that only reads: a SELECT, or a WITH that writes nothing. Anything else (or unknown) is a write. */
export function onlyReads(sql: string | undefined): boolean {
  if (sql === undefined) return false;
  if (/^\s*select\b/i.test(sql)) return true;
  return /^\s*with\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);
}

class Tracker {
  /** The depth of the deepest trip that has answered. */
  private settled = 0;
  /** What writes wait for (see {@link CountedD1.holdWritesUntil}). */
  hold: Promise<unknown> | null = null;
  constructor(
    private readonly stats: TripStats,
    private readonly delayMs: number,
  ) {}

  async trip<T>(run: () => Promise<T>, reads: boolean): Promise<T> {
    if (!reads && this.hold) await this.hold;
    const depth = this.settled + 1;
    if (depth > this.stats.trips) this.stats.trips = depth;
    try {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const result = await run();
      if (!reads) this.stats.wrote = true;
      return result;
    } finally {
      if (depth > this.settled) this.settled = depth;
    }
  }
}

class CountedStatement {
  readonly reads: boolean;
  constructor(
    readonly real: D1PreparedStatement,
    private readonly tracker: Tracker,
    readonly sql: string,
  ) {
    this.reads = onlyReads(sql);
  }
  bind(...values: unknown[]): CountedStatement {
    return new CountedStatement(this.real.bind(...values), this.tracker, this.sql);
  }
  first(column?: string) {
    return this.tracker.trip(() => (column === undefined ? this.real.first() : this.real.first(column)), this.reads);
  }
  run() {
    return this.tracker.trip(() => this.real.run(), this.reads);
  }
  all() {
    return this.tracker.trip(() => this.real.all(), this.reads);
  }
  raw(options?: { columnNames?: boolean }) {
    return this.tracker.trip(() => this.real.raw(options as { columnNames: true }), this.reads);
  }
}

/** The real statement behind a counted one (a statement of the raw binding is already real). */
function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return statement instanceof CountedStatement ? statement.real : statement;
}

class CountedDatabase {
  constructor(
    private readonly real: D1Database | D1DatabaseSession,
    private readonly tracker: Tracker,
  ) {}
  prepare(query: string): D1PreparedStatement {
    return new CountedStatement(this.real.prepare(query), this.tracker, query) as unknown as D1PreparedStatement;
  }
  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    const real = statements.map(unwrap);
    const reads = statements.every((s) => s instanceof CountedStatement && s.reads);
    return this.tracker.trip(() => this.real.batch<T>(real), reads);
  }
  exec(query: string): Promise<D1ExecResult> {
    if (!("exec" in this.real)) throw new Error("exec() is not available in a D1 session");
    const db = this.real;
    return this.tracker.trip(() => db.exec(query), false);
  }
  dump(): Promise<ArrayBuffer> {
    if (!("dump" in this.real)) throw new Error("dump() is not available in a D1 session");
    return this.real.dump();
  }
  /** A session of the raw binding, counted on the same tracker (the request's). */
  withSession(constraintOrBookmark?: string): CountedD1 {
    if (!("withSession" in this.real)) throw new Error("already a D1 session");
    return new CountedDatabase(this.real.withSession(constraintOrBookmark), this.tracker) as unknown as CountedD1;
  }
  getBookmark(): string | null {
    return "getBookmark" in this.real ? this.real.getBookmark() : null;
  }
  holdWritesUntil(until: Promise<unknown>): void {
    // A rejection is the writes' to answer: none is left unhandled when no write comes.
    until.catch(() => {});
    const before = this.tracker.hold;
    const hold = before ? Promise.all([before, until]) : until;
    hold.catch(() => {});
    this.tracker.hold = hold;
  }
  async writesAllowed(): Promise<void> {
    if (this.tracker.hold) await this.tracker.hold;
  }
}

/**
 * Wraps `d1` (the raw binding or one of its sessions) so that every round trip adds to `stats.trips`, each delayed by
 * `delayMs` (0: none; never set in production).
 */
export function countedD1(d1: D1Database | D1DatabaseSession, stats: TripStats, delayMs = 0): CountedD1 {
  return new CountedDatabase(d1, new Tracker(stats, delayMs)) as unknown as CountedD1;
}

/**
 * A bookmark as D1 writes them (hex fields joined by dashes, e.g. `00000085-0000024c-00004c6d-8e61…`), or null for
 * anything else: a malformed bookmark from a client is ignored rather than sent to D1, which would refuse it.
 */
export function validBookmark(value: string | undefined | null): string | null {
  if (!value || value.length > 200) return null;
  return /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){1,7}$/i.test(value) ? value : null;
}
