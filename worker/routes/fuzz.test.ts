import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, openApiDocument } from "../app";
import { answerOf, createMember, newCharterVersion, newSession, ORIGIN, tableCounts, type ApiResponse, type TestMember } from "../test/factories";
import { API_ERRORS, expectationFor, routeSchemas, type Expectation } from "../test/fuzz-oracle";
import { fuzzOperations, requestArbitrary, type FuzzOperation, type FuzzRequest } from "../test/fuzz-requests";
import { sendDirect, tappedEnv } from "../test/fuzz-send";
import { VALID_INPUT } from "../test/route-table";

/**
 * Bad input generated from the contract, property-based: for every operation of the OpenAPI document, fast-check
 * derives requests from the route's valid request (VALID_INPUT) and its schemas — fields dropped, of the wrong type,
 * out of range, too long, not matching, unknown keys, deep nesting, huge arrays, odd characters, mis-encoded or
 * mislabelled bodies, odd query strings and cursors, random bytes for raw bodies (worker/test/fuzz-requests.ts) — and
 * sends them as an administrator who accepted the charter, the way `send()` does and with its contract check on every
 * answer (`sendDirect`, worker/test/fuzz-send.ts: the Worker's handler without SELF, whose cost grows with every
 * request of a file; a sample goes through SELF too, to show both answer the same).
 *
 * For every request: never a 5xx; an error is in API.md's shape with one of its codes; a refused request writes no row
 * (nor an R2 object, nor a queued job); and what API.md makes predictable is what answers (413, 415, malformed JSON,
 * fields the route's zod schema refuses: worker/test/fuzz-oracle.ts). Rows are counted (`tableCounts()`) after every
 * request that wrote or tried to, as the bindings' tap tells (worker/test/fuzz-send.ts), and every 20 requests anyway:
 * rows that changed without a write the tap saw fail the test too.
 *
 * `FUZZ_RUNS` (default 200) runs per route, from a fixed seed (`FUZZ_SEED`), both set in vitest.config.ts from the
 * environment; `node bench/fuzz.mjs` runs 10,000 per route.
 */

declare global {
  namespace Cloudflare {
    interface Env {
      /** Set by vitest.config.ts from the environment: runs per route, and the base seed. */
      FUZZ_RUNS?: string;
      FUZZ_SEED?: string;
    }
  }
}

const RUNS = Number(env.FUZZ_RUNS ?? "200");
const SEED = Number(env.FUZZ_SEED ?? "20260702");
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`FUZZ_RUNS must be a positive integer, not ${env.FUZZ_RUNS}`);
if (!Number.isInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${env.FUZZ_SEED}`);

/**
 * Writes a refusal makes by design: a failed sign-in is recorded for the throttle (API.md "Throttles"). Only these
 * tables, only for this answer.
 */
const WRITES_WHEN_REFUSED: Record<string, { code: string; tables: string[] }[]> = {
  "POST /api/v1/auth/login": [{ code: "invalid_credentials", tables: ["login_failures"] }],
  // Erasure's password check counts failures in the same throttle (issue 12).
  "DELETE /api/v1/me": [{ code: "invalid_credentials", tables: ["login_failures"] }],
};

const app = createApp();
const tap = tappedEnv();
const operations = fuzzOperations(openApiDocument(app), VALID_INPUT);
const schemas = routeSchemas(app);

/** A seed per route, from the base seed and the route's name: adding a route does not change the others' requests. */
function routeSeed(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (SEED ^ h) | 0;
}

type Stats = { runs: number; counted: number; statuses: Map<number, number>; fetchMs: number; countMs: number; ms: number };
const stats = new Map<string, Stats>();

let admin: TestMember;
const log = console.log.bind(console);

beforeAll(async () => {
  // A published charter the caller has accepted: the gate is on, and passed; validation is what answers.
  await newCharterVersion(await createMember({ role: "admin" }), "# Charter\n\nBe kind.");
  admin = await createMember({ role: "admin" });
  // The app logs a line per API request: thousands here (errors still go to console.error). A plain no-op, not a spy,
  // which would keep every call.
  console.log = () => {};
});

afterAll(() => {
  console.log = log;
  let total = 0;
  let ms = 0;
  for (const [key, s] of stats) {
    total += s.runs;
    ms += s.ms;
    const statuses = [...s.statuses].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(" ");
    log(
      `fuzz ${key}: ${s.runs} requests, ${(s.ms / 1000).toFixed(1)} s (${(s.fetchMs / s.runs).toFixed(1)} ms per answer; ${s.counted} counts, ${(s.countMs / Math.max(1, s.counted)).toFixed(1)} ms each) — ${statuses}`,
    );
  }
  log(`fuzz: ${total} requests over ${stats.size} routes in ${(ms / 1000).toFixed(1)} s (${total ? (ms / total).toFixed(1) : 0} ms per request), FUZZ_RUNS=${RUNS} FUZZ_SEED=${SEED}`);
});

/** Row counts of every table, plus R2's objects for raw-body routes (all pages: uploads may pile up over a long run). */
async function counts(files: boolean): Promise<Record<string, number>> {
  const rows = await tableCounts({ files: false });
  if (!files) return rows;
  let objects = 0;
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ limit: 1000, cursor });
    objects += page.objects.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return { ...rows, "r2:objects": objects };
}

/** The caller again signed in with the current charter accepted, after a request that signed them out or published a charter. */
async function restoreCaller() {
  await env.DB.prepare("UPDATE users SET charter_version = (SELECT max(version) FROM charter_versions) WHERE id = ?").bind(admin.id).run();
  admin = await newSession(admin);
}

function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** The documented error shape, with a code of API.md's whose status is the answer's. */
function checkErrorShape(res: ApiResponse) {
  const text = res.text.slice(0, 500);
  expect(res.headers.get("Content-Type") ?? "", `an error answers JSON: ${text}`).toContain("application/json");
  expect(Object.keys(res.json ?? {}), `only "error": ${text}`).toEqual(["error"]);
  const error = res.json.error;
  expect(Object.keys(error).filter((k) => !["code", "message", "details", "requestId"].includes(k)), `no other keys: ${text}`).toEqual([]);
  expect(Object.keys(API_ERRORS), `a code of API.md: ${text}`).toContain(error.code);
  expect(API_ERRORS[error.code], `${error.code} answers ${API_ERRORS[error.code]}, not ${res.status}`).toBe(res.status);
  expect(typeof error.message === "string" && error.message.length > 0, `a non-empty message: ${text}`).toBe(true);
  expect(error.requestId, `a requestId: ${text}`).toMatch(/\S/);
  expect(error.requestId, "requestId is the X-Request-Id header").toBe(res.headers.get("X-Request-Id"));
  if (error.code === "validation_failed") {
    expect(Array.isArray(error.details) && error.details.length > 0, `details lists the fields: ${text}`).toBe(true);
    for (const d of error.details) expect(typeof d?.path === "string" && typeof d?.message === "string", `each detail is {path, message}: ${text}`).toBe(true);
  }
}

function checkExpectation(res: ApiResponse, expected: Expectation) {
  if (!expected) return;
  const got = `${res.status} ${res.json?.error?.code ?? ""}: ${res.text.slice(0, 300)}`;
  if ("code" in expected) {
    expect(`${res.status} ${res.json?.error?.code}`, `${expected.why}: expected ${expected.status} ${expected.code}, got ${got}`).toBe(`${expected.status} ${expected.code}`);
  } else if (res.status >= 400) {
    expect(expected.notCodes, `${expected.why}: got ${got}`).not.toContain(res.json?.error?.code);
  }
}

/**
 * A GET that declares no query, no body and no path parameter has one request to vary: unknown query parameters and
 * raw segments, which every such route ignores the same way. It gets this many runs at most; the others get FUZZ_RUNS.
 * (`GET /me/export` alone, at about 0.3 s an answer once the fuzz has made coffee rooms, took a quarter of the fuzz.)
 */
const INPUTLESS_RUNS = 25;
function runsFor(op: FuzzOperation): number {
  const inputless = op.method === "GET" && !op.json && op.rawTypes.length === 0 && op.query.length === 0 && !/\{[^}]+\}/.test(op.key);
  return inputless ? Math.min(RUNS, INPUTLESS_RUNS) : RUNS;
}

/** Tables are counted after every request the tap saw write (or try to), and after this many that only read. */
const VERIFY_EVERY = 20;

async function fuzzRoute(op: FuzzOperation) {
  const files = op.rawTypes.length > 0; // only raw bodies (avatars, uploads, CSV) could reach R2
  const s: Stats = { runs: 0, counted: 0, statuses: new Map(), fetchMs: 0, countMs: 0, ms: 0 };
  stats.set(op.key, s);
  const started = performance.now();
  /** The counts after the last request that was counted; no request since did anything but read. */
  let known = await counts(files);
  /** The requests since the last count, for the message when rows changed without any write the tap saw. */
  let uncounted: string[] = [];
  /** A queue message went out: its consumer may write later, on its own (rows changing behind the tap are then expected once). */
  let queued = false;

  /** Counts now; rows that changed although no request since the last count wrote are the tap's blind spot: a failure. */
  async function count(sawWrites: boolean): Promise<Record<string, number>> {
    const t = performance.now();
    const now = await counts(files);
    s.countMs += performance.now() - t;
    s.counted++;
    const unexplained = sawWrites || queued ? [] : changedTables(known, now);
    expect(
      unexplained.map((t) => `${t}: ${known[t]} → ${now[t]}`),
      `rows changed, yet none of these ${uncounted.length} requests wrote through the bindings (a binding the tap does not see?):\n  ${uncounted.join("\n  ")}`,
    ).toEqual([]);
    queued = false;
    uncounted = [];
    return now;
  }

  const property = fc.asyncProperty(requestArbitrary(op), async (req: FuzzRequest) => {
    const expected = await expectationFor(op, req, schemas.get(op.key));
    tap.take();
    const t0 = performance.now();
    let res: ApiResponse;
    try {
      res = await sendDirect(req.url, { method: req.method, raw: req.body, headers: req.contentType === null ? {} : { "Content-Type": req.contentType }, as: admin, env: tap.env });
    } finally {
      s.fetchMs += performance.now() - t0;
      s.runs++;
    }
    const seen = tap.take();
    const wrote = seen.writes.length > 0 || seen.effects.length > 0 || seen.calls.length > 0;
    const before = known;
    uncounted.push(String(req).slice(0, 300));
    const counted = wrote || uncounted.length >= VERIFY_EVERY;
    const after = counted ? await count(wrote) : known;
    known = after;
    queued ||= seen.queued;
    s.statuses.set(res.status, (s.statuses.get(res.status) ?? 0) + 1);
    // A request that went through may have signed the caller out or published a charter: the next one must again be
    // answered by validation, not by access.
    const code = res.json?.error?.code;
    if (res.status === 401 || code === "charter_required" || after.sessions < before.sessions || after.charter_versions !== before.charter_versions) {
      if (!counted) await count(false); // what the requests so far did is checked before the restore writes
      await restoreCaller();
      known = await counts(files);
    }

    expect(res.status, `never a 5xx: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    if (res.status >= 400) {
      checkErrorShape(res);
      const allowed = new Set((WRITES_WHEN_REFUSED[op.key] ?? []).filter((w) => w.code === code).flatMap((w) => w.tables));
      const changed = changedTables(before, after).filter((t) => !allowed.has(t));
      expect(
        changed.map((t) => `${t}: ${before[t]} → ${after[t]}`),
        `a refused request (${res.status} ${code}) writes nothing`,
      ).toEqual([]);
      // Beyond D1's rows and the objects of raw-body routes: no R2 write, no queued job for a refused request.
      expect(seen.effects, `a refused request (${res.status} ${code}) writes nothing`).toEqual([]);
    }
    checkExpectation(res, expected);
  });
  const seed = routeSeed(op.key);
  try {
    await fc.assert(property, { numRuns: runsFor(op), seed });
    if (uncounted.length) await count(false); // the last requests, read-only by the tap: nothing changed behind it
  } catch (err) {
    // fast-check keeps the property's own error as `cause`: shown too, it says what the answer broke.
    const cause = (err as Error & { cause?: unknown }).cause;
    const message = `${(err as Error).message}${cause instanceof Error ? `\n\nThe answer: ${cause.message}` : ""}`;
    throw new Error(
      `fuzz of ${op.key} failed (FUZZ_SEED=${SEED}, route seed ${seed}, FUZZ_RUNS=${RUNS}).\n` +
        `Reproduce: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run worker/routes/fuzz.test.ts -t "${op.key}"\n\n${message}`,
    );
  } finally {
    s.ms = performance.now() - started;
  }
}

describe("the contract fuzz", () => {
  it("has every operation of the document to fuzz, and the zod schemas of those that take a body or a query", () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      const zod = schemas.get(op.key);
      if (op.json) expect(zod?.body, `${op.key}: its JSON body's zod schema in the registry`).toBeDefined();
      if (op.query.length) expect(zod?.query, `${op.key}: its query's zod schema in the registry`).toBeDefined();
    }
  });

  it("checks codes against API.md's list, the one the contract's error schema lists", async () => {
    const { ErrorBody } = await import("../../contract/common");
    expect(Object.keys(API_ERRORS).sort()).toEqual([...ErrorBody.shape.error.shape.code.options].sort());
  });

  /** The request through the test pool's SELF (the Worker behind its HTTP hop), as the admin. */
  async function throughSelf(path: string, call: { method: string; raw?: Uint8Array; headers: Record<string, string> }) {
    const res = await SELF.fetch(`${ORIGIN}${path}`, { method: call.method, headers: { Origin: ORIGIN, Cookie: admin.cookie, ...call.headers }, body: call.raw });
    return answerOf(res);
  }

  it("answers through SELF as it does called directly, on a sample of every route's refused requests", async () => {
    const compared: string[] = [];
    for (const op of operations) {
      const sample = fc.sample(requestArbitrary(op), { seed: routeSeed(op.key), numRuns: 40 });
      let taken = 0;
      for (const req of sample) {
        const expected = await expectationFor(op, req, schemas.get(op.key));
        if (!expected || !("code" in expected) || taken === 2) continue;
        taken++;
        const headers: Record<string, string> = req.contentType === null ? {} : { "Content-Type": req.contentType };
        const viaSelf = await throughSelf(req.url, { method: req.method, raw: req.body, headers });
        const direct = await sendDirect(req.url, { method: req.method, raw: req.body, headers, as: admin });
        expect(`${direct.status} ${direct.json?.error?.code}`, String(req)).toBe(`${viaSelf.status} ${viaSelf.json?.error?.code}`);
        compared.push(op.key);
      }
    }
    expect(compared.length, "refused requests compared").toBeGreaterThanOrEqual(operations.filter((op) => op.json || op.rawTypes.length || op.query.length).length);
  }, 60_000); // ~200 requests through SELF: 2.4 s alone, past vitest's default 5 s on a loaded 2-core machine

  // Each route on its own: a failure names it, and the next routes still run. The timeout grows with FUZZ_RUNS.
  for (const op of operations) it(op.key, () => fuzzRoute(op), 60_000 + RUNS * 250);
});
