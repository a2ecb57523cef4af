import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, openApiDocument } from "../app";
import { answerOf, checkedFetch, createMember, expectError, newCharterVersion, newSession, ORIGIN, tableCounts, type ApiResponse, type TestMember } from "../test/factories";
import type { JsonSchema } from "../test/fuzz-requests";
import { fillPath, VALID_INPUT } from "../test/route-table";

/**
 * A generated sweep of bad input over every route that takes some: the routes come from the app itself (through its
 * OpenAPI document, which is built from the routes and their schemas), the bad values from each route's schema. Every
 * case is sent by an administrator who accepted the charter, so that validation is what answers: 400, 413 or 415 in
 * the documented error shape, never a 500, and not one row written.
 */

// Each case is quick, but a shared, busy machine can be slow: a timeout would leave a request running into the next case.
vi.setConfig({ testTimeout: 30_000 });

const MAX_JSON_BYTES = 256 * 1024;
/** Routes the app serves without an OpenAPI operation: none of them takes input. */
const UNDOCUMENTED = new Set<string>();
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Operation = {
  method: string;
  path: string;
  json?: JsonSchema;
  rawTypes: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
};

type Expected = {
  status: number;
  code: string;
  /** The field `details` must name (and only it). */
  field?: string;
  /** Or the request may go through, if nothing invisible is stored or answered (text the normalisation cleans). */
  orStoredClean?: boolean;
};

type Case = {
  route: string;
  /** The route takes a raw body (CSV, image, file) rather than JSON. */
  raw: boolean;
  name: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: () => BodyInit;
  expected: Expected;
};

const doc = openApiDocument(createApp());

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => {
    const content: Record<string, { schema: JsonSchema }> = op.requestBody?.content ?? {};
    return {
      method: method.toUpperCase(),
      path,
      json: content["application/json"]?.schema,
      rawTypes: Object.keys(content).filter((t) => t !== "application/json"),
      query: (op.parameters ?? []).filter((p: any) => p.in === "query").map((p: any) => ({ name: p.name, schema: p.schema, required: p.required === true })),
    };
  }),
);

const key = (op: { method: string; path: string }) => `${op.method} ${op.path}`;
const takesInput = (op: Operation) => op.json !== undefined || op.rawTypes.length > 0 || op.query.length > 0;

function typesOf(s: JsonSchema): string[] {
  return s.anyOf ? s.anyOf.flatMap(typesOf) : Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}

/** Values of other JSON types than the schema allows ("numbers for strings, strings for arrays"…): three at most. */
function wrongTypes(s: JsonSchema): { name: string; value: unknown }[] {
  const allowed = typesOf(s);
  const numeric = allowed.includes("integer") || allowed.includes("number");
  return [
    { type: "number", name: "a number", value: 12345 },
    { type: "string", name: "a string", value: "12" },
    { type: "null", name: "null", value: null },
    { type: "array", name: "an array", value: ["x"] },
    { type: "object", name: "an object", value: { a: 1 } },
    { type: "boolean", name: "a boolean", value: true },
  ]
    .filter((w) => !allowed.includes(w.type) && !(w.type === "number" && numeric))
    .slice(0, 3);
}

/** A string far over `max`, kept under the 256 KB body limit so that the field, not the size, is what fails. */
const farOver = (max: number) => "x".repeat(Math.min(max * 4 + 100, 200_000));

/** Values that break one constraint of a scalar schema (length, pattern, format, enum, range). */
function brokenValues(s: JsonSchema): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  const types = typesOf(s);
  if (types.includes("string")) {
    if (s.maxLength !== undefined) {
      out.push({ name: `one character over its max (${s.maxLength})`, value: "x".repeat(s.maxLength + 1) });
      out.push({ name: "a string far over its max", value: farOver(s.maxLength) });
    }
    if (s.minLength !== undefined && s.minLength > 0) out.push({ name: `shorter than its min (${s.minLength})`, value: "x".repeat(s.minLength - 1) });
    if (s.pattern !== undefined) out.push({ name: "not matching its pattern", value: "!! not valid !!" });
    if (s.format === "email") out.push({ name: "not an email", value: "not-an-email" });
    if (s.format === "uri") out.push({ name: "not a URL", value: "not a url" });
    if (s.enum) out.push({ name: "not one of its values", value: "not-a-choice" });
  }
  const int = s.anyOf?.find((x) => x.type === "integer" || x.type === "number") ?? (types.includes("integer") || types.includes("number") ? s : undefined);
  if (int) {
    if (typesOf(int).includes("integer")) out.push({ name: "a fraction", value: 1.5 });
    if (int.exclusiveMinimum !== undefined) out.push({ name: "at its exclusive minimum", value: int.exclusiveMinimum });
    if (int.minimum !== undefined) out.push({ name: "below its minimum", value: int.minimum - 1 });
    if (int.maximum !== undefined) out.push({ name: "above its maximum", value: int.maximum + 2 });
  }
  return out;
}

/** What no answer and no row may hold after a request the normalisation let through: NUL, zero-width, bidi controls. */
const INVISIBLE_LEFT = /[\u0000\u200B\u202A\u202E\u2066]/;

/** Whether a string anywhere in `value` holds one of them (JSON text would hide a NUL behind its escape). */
const holdsInvisible = (value: unknown): boolean =>
  typeof value === "string" ? INVISIBLE_LEFT.test(value) : value !== null && typeof value === "object" && Object.values(value).some(holdsInvisible);

/** The text equivalent of a field's valid value, or a stand-in for an optional field the valid request leaves out. */
const validText = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "Sweep");

/**
 * The Unicode cases of one text field (issue 15): text that shows nothing, NUL inside, half a character, a pile of
 * combining marks. What cannot be stored is refused (400 on the field); text that is empty once normalised is refused
 * where the field needs something (a `minLength`, a pattern, a format, a list of values); the rest may go through if
 * it is stored normalised.
 */
function unicodeValues(s: JsonSchema, valid: string): { name: string; value: string; expected: "refused" | "refused-or-clean" }[] {
  const needsSomething = (s.minLength ?? 0) > 0 || (s.pattern !== undefined && !new RegExp(s.pattern).test("")) || s.format !== undefined || s.enum !== undefined;
  const empty = needsSomething ? "refused" : "refused-or-clean";
  const broken = [
    { name: "a lone surrogate", value: `${valid}\uD800`, expected: "refused" as const },
    { name: "5,000 combining marks", value: `x${"\u0301".repeat(5000)}`, expected: "refused" as const },
  ];
  // A secret is compared as sent, never normalised: invisible characters are only a wrong password.
  if (s.format === "password") return broken;
  return [
    { name: "zero-width spaces only", value: "\u200B\u200B\u200B", expected: empty },
    { name: "bidi controls only", value: "\u202E\u2066\u202A", expected: empty },
    { name: "NUL inside", value: `${valid.slice(0, 2)}\u0000${valid.slice(2)}`, expected: "refused-or-clean" },
    ...broken,
  ];
}

function jsonCases(schema: JsonSchema, valid: Record<string, unknown>, refined: Record<string, unknown[]>): Omit<Case, "route" | "path" | "method" | "raw">[] {
  const json = (value: unknown) => () => JSON.stringify(value);
  const headers = { "Content-Type": "application/json" };
  const cases: Omit<Case, "route" | "path" | "method" | "raw">[] = [
    { name: "malformed JSON", headers, body: () => '{"a":', expected: { status: 400, code: "bad_request" } },
    { name: "an empty body", headers, body: () => "", expected: { status: 400, code: "bad_request" } },
    { name: "a JSON array instead of an object", headers, body: json([valid]), expected: { status: 400, code: "validation_failed" } },
    { name: "JSON null", headers, body: () => "null", expected: { status: 400, code: "validation_failed" } },
    // Strict bodies only: a Slack-compatible incoming hook ignores fields it does not know (API.md "Integrations").
    ...(schema.additionalProperties === false
      ? [{ name: "an unknown field added to a valid body", headers, body: json({ ...valid, unknown: 1 }), expected: { status: 400, code: "validation_failed", field: "unknown" } }]
      : []),
    {
      name: "a valid body padded past 256 KB with whitespace",
      headers,
      body: () => JSON.stringify(valid) + " ".repeat(MAX_JSON_BYTES),
      expected: { status: 413, code: "too_large" },
    },
    {
      name: "a streamed body (no Content-Length) over 256 KB in two-byte characters",
      headers,
      body: () => streamOf(JSON.stringify({ ...valid, padding: "é".repeat(MAX_JSON_BYTES / 2 + 10) })),
      expected: { status: 413, code: "too_large" },
    },
    { name: "a valid body sent as text/plain", headers: { "Content-Type": "text/plain" }, body: json(valid), expected: { status: 415, code: "unsupported_media_type" } },
    { name: "a valid body sent as a form", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: json(valid), expected: { status: 415, code: "unsupported_media_type" } },
    { name: "a valid body without Content-Type", headers: {}, body: () => new TextEncoder().encode(JSON.stringify(valid)), expected: { status: 415, code: "unsupported_media_type" } },
  ];
  for (const [field, s] of Object.entries(schema.properties ?? {})) {
    const withField = (value: unknown) => json({ ...valid, [field]: value });
    const expected = { status: 400, code: "validation_failed", field };
    for (const w of wrongTypes(s)) cases.push({ name: `${field}: ${w.name}`, headers, body: withField(w.value), expected });
    for (const b of brokenValues(s)) cases.push({ name: `${field}: ${b.name}`, headers, body: withField(b.value), expected });
    for (const v of refined[field] ?? []) cases.push({ name: `${field}: ${JSON.stringify(v)}`, headers, body: withField(v), expected });
    const text = validText(valid[field]);
    if (typesOf(s).includes("string")) {
      for (const u of unicodeValues(s, text)) cases.push({ name: `${field}: ${u.name}`, headers, body: withField(u.value), expected: { ...expected, orStoredClean: u.expected === "refused-or-clean" } });
    }
    if (typesOf(s).includes("array") && s.items && typesOf(s.items).includes("string")) {
      for (const u of unicodeValues(s.items, text)) cases.push({ name: `${field}: an item of ${u.name}`, headers, body: withField([u.value]), expected: { ...expected, orStoredClean: u.expected === "refused-or-clean" } });
    }
    if (schema.required?.includes(field)) {
      const { [field]: _dropped, ...rest } = valid;
      cases.push({ name: `${field}: missing`, headers, body: json(rest), expected });
    }
    if (typesOf(s).includes("array") && s.items) {
      const item = Array.isArray(valid[field]) ? (valid[field] as unknown[])[0] : undefined;
      if (s.maxItems !== undefined && item !== undefined) {
        cases.push({ name: `${field}: ${s.maxItems + 1} items (max ${s.maxItems})`, headers, body: withField(Array(s.maxItems + 1).fill(item)), expected });
      }
      for (const w of wrongTypes(s.items)) cases.push({ name: `${field}: an item that is ${w.name}`, headers, body: withField([w.value]), expected });
      for (const b of brokenValues(s.items)) cases.push({ name: `${field}: an item ${b.name}`, headers, body: withField([b.value]), expected });
    }
  }
  return cases;
}

/** A body as a stream, so that the request carries no Content-Length and the server must count the bytes itself. */
function streamOf(data: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
      controller.close();
    },
  });
}

type QueryCase = { name: string; query: Record<string, string>; field: string; /** A valid parameter left out. */ drop?: string };

function queryCases(op: Operation): QueryCase[] {
  const cases: QueryCase[] = [{ name: "an unknown query parameter", query: { unknown: "1" }, field: "unknown" }];
  for (const { name, schema, required } of op.query) {
    if (required) cases.push({ name: `${name} missing (required)`, query: {}, field: name, drop: name });
    const add = (what: string, value: string) =>
      cases.some((c) => c.field === name && c.query[name] === value) ||
      cases.push({ name: `${name}=${value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value} (${what})`, query: { [name]: value }, field: name });
    if (schema.type === "integer" || schema.type === "number") {
      add("not a number", "abc");
      if (schema.type === "integer") add("a fraction", "1.5");
      if (schema.minimum !== undefined) add("below its minimum", String(schema.minimum - 1));
      if (schema.maximum !== undefined) add("above its maximum", String(schema.maximum + 1));
      if (schema.minimum !== undefined && schema.minimum >= 0) add("negative", "-1");
    }
    if (schema.type === "string") {
      if (schema.maxLength !== undefined) add("over its max length", "x".repeat(schema.maxLength + 1));
      if (schema.minLength !== undefined && schema.minLength > 0) add("empty", "");
      if (schema.enum) add("not one of its values", "maybe");
    }
    if (name === "cursor") {
      add("not base64url", "!!!");
      add("base64url of a JSON value of the wrong shape", btoa(JSON.stringify({ x: 1 })).replace(/=+$/, ""));
      add("base64url of something that is not JSON", btoa("not json at all").replace(/=+$/, ""));
    }
  }
  return cases;
}

function buildCases(): { cases: Case[]; uncovered: string[] } {
  const cases: Case[] = [];
  const uncovered: string[] = [];
  for (const op of operations) {
    const route = key(op);
    const entry = VALID_INPUT[route];
    if (takesInput(op) && !entry) {
      uncovered.push(route);
      continue;
    }
    const path = fillPath(op.path, entry?.params);
    const base = { route, method: op.method, raw: op.rawTypes.length > 0 };
    const validQuery = entry?.query ?? {};
    const withQuery = (q: Record<string, string>) => {
      const search = new URLSearchParams(q).toString();
      return search ? `${path}?${search}` : path;
    };
    const validRaw = entry?.raw;

    if (op.json) {
      for (const c of jsonCases(op.json, entry!.json ?? {}, entry!.refined ?? {})) cases.push({ ...base, ...c, path: withQuery(validQuery) });
    } else if (op.rawTypes.length > 0) {
      const raw = validRaw!;
      const headers = { "Content-Type": raw.contentType };
      const url = withQuery(validQuery);
      const padded = () => {
        const body = raw.body();
        const out = new Uint8Array(raw.maxBytes + 1).fill(raw.contentType.startsWith("text/") ? 0x0a : 0);
        out.set(body);
        return out;
      };
      cases.push({ ...base, path: url, name: `a valid body padded one byte over its limit (${raw.maxBytes} bytes)`, headers, body: padded, expected: { status: 413, code: "too_large" } });
      cases.push({
        ...base,
        path: url,
        name: "a streamed body (no Content-Length) over its limit",
        headers,
        body: () =>
          raw.contentType.startsWith("text/")
            ? // The valid text followed by two-byte characters: the limit is in bytes, not in characters.
              streamOf(new TextDecoder().decode(raw.body()) + "é".repeat(raw.maxBytes / 2 + 10))
            : streamOf(padded()),
        expected: { status: 413, code: "too_large" },
      });
      for (const r of raw.refused) {
        cases.push({ ...base, path: url, name: r.name, headers: { "Content-Type": r.contentType }, body: r.body, expected: { status: r.status, code: r.code, field: r.field } });
      }
    } else if (MUTATIONS.has(op.method)) {
      // A mutation without a body: nothing, or `{}`; anything else is refused like an unknown field.
      const headers = { "Content-Type": "application/json" };
      cases.push({ ...base, path, name: "malformed JSON where no body is expected", headers, body: () => '{"a":', expected: { status: 400, code: "bad_request" } });
      cases.push({ ...base, path, name: "an unknown field where no body is expected", headers, body: () => '{"unknown":1}', expected: { status: 400, code: "validation_failed", field: "unknown" } });
      cases.push({ ...base, path, name: "an empty object padded past 256 KB", headers, body: () => "{}" + " ".repeat(MAX_JSON_BYTES), expected: { status: 413, code: "too_large" } });
      cases.push({ ...base, path, name: "a streamed empty object (no Content-Length) padded past 256 KB", headers, body: () => streamOf("{}" + " ".repeat(MAX_JSON_BYTES)), expected: { status: 413, code: "too_large" } });
    }

    if (op.query.length > 0) {
      for (const q of queryCases(op)) {
        cases.push({
          ...base,
          path: withQuery(Object.fromEntries(Object.entries({ ...validQuery, ...q.query }).filter(([k]) => k !== q.drop))),
          name: `query: ${q.name}`,
          headers: validRaw ? { "Content-Type": validRaw.contentType } : {},
          body: validRaw ? validRaw.body : undefined,
          expected: { status: 400, code: "validation_failed", field: q.field },
        });
      }
    }
  }
  return { cases, uncovered };
}

const { cases, uncovered } = buildCases();
/** Well under what the identity routes alone generate today: a sweep that silently shrinks fails. */
const MINIMUM_CASES = 250;
let ran = 0;
/** Text cases the normalisation let through, stored clean. */
let storedClean = 0;

async function sendCase(c: Case, cookie: string): Promise<ApiResponse> {
  const res = await checkedFetch(`${ORIGIN}${c.path}`, { method: c.method, headers: { Origin: ORIGIN, Cookie: cookie, ...c.headers }, body: c.body?.() });
  return answerOf(res);
}

let admin: TestMember;

/** The rows of every application table holding NUL, a zero-width space or a bidi control: there must be none. */
async function invisibleRows(): Promise<string[]> {
  const tables = Object.keys(await tableCounts({ files: false }));
  const dumps = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM "${t}"`)));
  return dumps.flatMap((d, i) => d.results.filter(holdsInvisible).map((row) => `${tables[i]}: ${JSON.stringify(row).slice(0, 200)}`));
}

/**
 * A text case the normalisation let through: the answer and the database hold nothing invisible. The admin then
 * accepts whatever charter it may have published, for the cases after it.
 */
async function expectStoredClean(res: ApiResponse) {
  expect(holdsInvisible(res.json), `an answer with invisible characters: ${res.text.slice(0, 300)}`).toBe(false);
  expect(await invisibleRows()).toEqual([]);
  storedClean++;
  await env.DB.prepare("UPDATE users SET charter_version = (SELECT max(version) FROM charter_versions) WHERE id = ?").bind(admin.id).run();
}
const log = console.log.bind(console);

beforeAll(async () => {
  // A published charter the caller has accepted: the gate is on, and passed.
  await newCharterVersion(await createMember({ role: "admin" }), "# Charter\n\nBe kind.");
  admin = await createMember({ role: "admin" });
  // The app logs a line per API request: over a thousand cases that is only noise (errors still go to console.error).
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(() => {
  vi.restoreAllMocks();
  log(`bad-input sweep: ${ran} of ${cases.length} generated cases run over ${new Set(cases.map((c) => c.route)).size} routes (${storedClean} text cases stored normalised rather than refused)`);
});

describe("the bad-input sweep", () => {
  it("covers every route of the app, and has a valid request for every one that takes input", () => {
    const documented = new Set(operations.map(key));
    const served = createApp()
      .routes.filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(
      served.filter((r) => !documented.has(r) && !UNDOCUMENTED.has(r)),
      "routes without an OpenAPI operation cannot be swept: describe() them",
    ).toEqual([]);
    expect(uncovered, "routes that take input but have no valid request in worker/test/route-table.ts").toEqual([]);
    expect(
      Object.keys(VALID_INPUT).filter((k) => !documented.has(k)),
      "entries of VALID_INPUT for routes that no longer exist",
    ).toEqual([]);
    for (const op of operations.filter(takesInput)) {
      expect(cases.filter((c) => c.route === key(op)).length, `cases for ${key(op)}`).toBeGreaterThanOrEqual(5);
    }
    log(`bad-input sweep: ${cases.length} cases generated`);
    expect(cases.length).toBeGreaterThanOrEqual(MINIMUM_CASES);
  });

  it.each(cases.map((c) => [`${c.route} — ${c.name}`, c] as const))("%s", async (_name, c) => {
    const files = c.raw; // only raw bodies (uploads, avatars, CSV) could reach R2
    const before = await tableCounts({ files });
    const res = await sendCase(c, admin.cookie);
    ran++;
    const after = await tableCounts({ files });
    // A case that wrongly went through (a logout, say) must not spoil the next ones.
    if (res.status === 401 || after.sessions !== before.sessions) admin = await newSession(admin);
    expect(res.status, `never a 500: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    if (c.expected.orStoredClean && res.status < 400) return expectStoredClean(res);
    const expected = c.expected.orStoredClean && res.status !== 400 ? { ...c.expected, status: res.status, code: res.json?.error?.code } : c.expected;
    const error = await expectError(res, expected.status, expected.code);
    if (expected.code === "validation_failed") {
      expect(Array.isArray(error.details) && error.details.length > 0, `details lists the fields: ${res.text.slice(0, 300)}`).toBe(true);
      for (const d of error.details) {
        expect(d).toMatchObject({ path: expect.any(String), message: expect.any(String) });
      }
      if (c.expected.field !== undefined) {
        const paths: string[] = error.details.map((d: { path: string }) => d.path);
        expect(paths.filter((p) => p !== c.expected.field && !p.startsWith(`${c.expected.field}.`)), `details name ${c.expected.field} and nothing else`).toEqual([]);
      }
    }
    expect(after, "a refused request writes nothing").toEqual(before);
  });
});
