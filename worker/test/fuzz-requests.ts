import fc, { type WeightedArbitrary } from "fast-check";
import { fillPath, type ValidInput } from "./route-table";

/**
 * Requests generated from the contract for the property-based fuzz (worker/routes/fuzz.test.ts): every operation of
 * the OpenAPI document, its JSON schemas (request body, query parameters) and its raw media types, starting from the
 * route's valid request (VALID_INPUT) and breaking it a few ways at a time, or replacing it with random values.
 *
 * Generation reads the JSON schemas of the document rather than walking zod's internals: the document is what the
 * contract publishes, its vocabulary is small and stable (type, length, pattern, format, enum, range, items,
 * properties, required, $ref), and it is the same view of the routes that the bad-input sweep and clients have. The zod
 * schemas of the route registry serve as the oracle instead (see fuzz-oracle.ts): they decide exactly what the route
 * must accept, including the refinements the JSON schema cannot say.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
};

export type QueryParam = { name: string; schema: JsonSchema; required: boolean };

/** One operation of the document, as the fuzz sees it. */
export type FuzzOperation = {
  /** `METHOD /openapi/path`, as VALID_INPUT keys it. */
  key: string;
  method: string;
  /** The path with its parameters filled (VALID_INPUT's, else placeholders, as the bad-input sweep does). */
  path: string;
  json?: JsonSchema;
  rawTypes: string[];
  query: QueryParam[];
  valid?: ValidInput;
};

type Document = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, JsonSchema> } };

export const MAX_JSON_BYTES = 256 * 1024;
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const isMutation = (method: string) => MUTATIONS.has(method);

/** Every operation of the document, with `$ref`s to its components resolved. */
export function fuzzOperations(doc: Document, validInput: Record<string, ValidInput>): FuzzOperation[] {
  const components = doc.components?.schemas ?? {};
  const deref = (s: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (!s || depth > 8) return s;
    if (s.$ref) return deref(components[s.$ref.replace("#/components/schemas/", "")], depth + 1);
    const out: JsonSchema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, deref(v, depth + 1)!]));
    if (s.items) out.items = deref(s.items, depth + 1);
    for (const k of ["anyOf", "oneOf", "allOf"] as const) if (s[k]) out[k] = s[k]!.map((x) => deref(x, depth + 1)!);
    return out;
  };
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([m, op]) => {
      const method = m.toUpperCase();
      const key = `${method} ${template}`;
      const content: Record<string, { schema: JsonSchema }> = op.requestBody?.content ?? {};
      const valid = validInput[key];
      return {
        key,
        method,
        path: fillPath(template, valid?.params),
        json: deref(content["application/json"]?.schema),
        rawTypes: Object.keys(content).filter((t) => t !== "application/json"),
        query: (op.parameters ?? []).filter((p: any) => p.in === "query").map((p: any) => ({ name: p.name, schema: deref(p.schema) ?? {}, required: p.required === true })),
        valid,
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// The request a run sends, printed short when fast-check reports it.

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
const printable = (s: string) => JSON.stringify(s).slice(1, -1);

export class FuzzRequest {
  constructor(
    readonly method: string,
    /** Path and query string. */
    readonly url: string,
    readonly contentType: string | null,
    readonly body: Uint8Array | undefined,
    /** What was done to the valid request, for the report. */
    readonly what: string[],
  ) {}

  [fc.toStringMethod](): string {
    const parts = [`${this.method} ${clip(this.url, 400)}`];
    parts.push(this.contentType === null ? "(no Content-Type)" : `Content-Type: ${printable(this.contentType)}`);
    if (this.body) {
      const text = new TextDecoder().decode(this.body.subarray(0, 2000));
      const binary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);
      const shown = binary ? [...this.body.subarray(0, 48)].map((b) => b.toString(16).padStart(2, "0")).join(" ") : printable(clip(text));
      parts.push(`body ${this.body.byteLength} bytes: ${shown}`);
    }
    if (this.what.length) parts.push(`[${this.what.join("; ")}]`);
    return parts.join("  ");
  }

  toString() {
    return this[fc.toStringMethod]();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// JSON values, with fragments written as text (deep nesting, huge arrays) that JSON.stringify would not build cheaply.

/** A piece of JSON text put as is into the body: a 100,000-deep array is cheaper written than built. */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
  [fc.toStringMethod]() {
    return `<${this.label}>`;
  }
}

export function toJson(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** A copy with `key` set as an own property, even `__proto__`. */
function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

const short = (v: unknown) => (v instanceof RawJson ? `<${v.label}>` : clip(typeof v === "string" ? JSON.stringify(v) : toJson(v), 60));

type Mutated<T = unknown> = { value: T; what: string };
const labelled = <T>(what: string | ((v: T) => string)) => (value: T): Mutated<T> => ({ value, what: typeof what === "string" ? what : what(value) });

// ---------------------------------------------------------------------------------------------------------------------
// Strings that break things: lone surrogates, control characters, invisible and right-to-left marks, astral
// characters, markup and injection-looking text.

const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "a\uD83D", "\uDE00b"];
const CONTROLS = ["\u0000", "\u0001", "\u0008", "\t", "\n", "\r", "\r\n", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029"];
const TRICKY = [
  "\u200b", "\u200d", "\u202e", "\ufeff", "\ufffd", "\uffff", "\u00a0", "\u3000", " ", "😀", "👩‍👩‍👧", "e\u0301", "İ", "ß", "ﬃ", "Ω",
  "<script>alert(1)</script>", "' OR 1=1 --", "%00", "%", "../../etc/passwd", "${7*7}", "{{7*7}}", "\\", '"', "'", "null", "NaN", "__proto__",
];

const edgePiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LONE_SURROGATES, ...CONTROLS, ...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
);
export const edgeString = fc.array(edgePiece, { minLength: 1, maxLength: 5 }).map((p) => p.join(""));

/** Around a valid string: before, after, inside, or padded with spaces. */
function edgeAround(example: string): fc.Arbitrary<Mutated<string>> {
  return fc.oneof(
    fc.tuple(edgeString, fc.nat(example.length)).map(([e, at]) => ({ value: example.slice(0, at) + e + example.slice(at), what: `edge characters inserted` })),
    edgeString.map((e) => ({ value: e, what: "edge characters only" })),
    fc.constantFrom(" ", "\t", "\n", "\u00a0").map((s) => ({ value: `${s}${example}${s}`, what: "padded with whitespace" })),
    fc.constant({ value: example.toUpperCase(), what: "upper-cased" }),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Values by schema: of a wrong JSON type, breaking one constraint, or valid (near-valid requests).

function typesOf(s: JsonSchema): string[] {
  const own = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const nested = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap(typesOf);
  const inferred = s.properties ? ["object"] : s.items ? ["array"] : s.enum ? [...new Set(s.enum.map((v) => (v === null ? "null" : typeof v)))] : [];
  return [...new Set([...own, ...nested, ...inferred])];
}

const anyJson = fc.jsonValue({ maxDepth: 2 });

const BY_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.constant(""), fc.string({ maxLength: 12 }), fc.integer().map(String), edgeString),
  integer: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 53))),
  number: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.5, -0.5, 1e308, 5e-324)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(anyJson, { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), anyJson, { maxKeys: 4 }),
};

function wrongType(s: JsonSchema): fc.Arbitrary<Mutated> {
  const allowed = typesOf(s);
  const numeric = allowed.includes("number") || allowed.includes("integer");
  const wrong = Object.keys(BY_TYPE).filter((t) => !allowed.includes(t) && !((t === "number" || t === "integer") && numeric));
  if (allowed.length === 0 || wrong.length === 0) return anyJson.map(labelled((v) => `any JSON ${short(v)}`));
  return fc.oneof(...wrong.map((t) => BY_TYPE[t].map(labelled((v) => `${t} ${short(v)}`))));
}

const EMAILS_BROKEN = ["not-an-email", "a@", "@b.co", "a@b", "a b@c.de", "a@b..co", '"q"@x.io', "a@[127.0.0.1]", "ü@x.de", "a@b.co\n", "a@b.co ", `${"x".repeat(250)}@e.st`, "A@B.CO", "a+tag@x.io"];
const URLS_BROKEN = ["not a url", "javascript:alert(1)", "http://", "//x.io", "ftp://x.io", "https://", "https://x.io/\u0000", "HTTPS://X.IO", "data:text/html,<b>x</b>"];

/** Strings or numbers that break one constraint of `s` (or try to): lengths, pattern, format, enum, range, items. */
function broken(s: JsonSchema, example: unknown, depth: number): fc.Arbitrary<Mutated>[] {
  const out: fc.Arbitrary<Mutated>[] = [];
  const types = typesOf(s);
  const str = typeof example === "string" ? example : "x";
  if (types.includes("string")) {
    if (s.maxLength !== undefined) {
      const max = s.maxLength;
      out.push(fc.integer({ min: max + 1, max: max + 3 }).map((n) => ({ value: "x".repeat(n), what: `${n} characters (max ${max})` })));
      out.push(fc.constant({ value: "x".repeat(Math.min(max * 4 + 100, 200_000)), what: `far over ${max} characters` }));
      // Over in UTF-16 units, under in code points: the contract's lengths are in code points, zod's in units.
      out.push(fc.constant({ value: "😀".repeat(Math.floor(max / 2) + 1), what: `${Math.floor(max / 2) + 1} astral characters (max ${max})` }));
    }
    if (s.minLength !== undefined && s.minLength > 0) {
      const min = s.minLength;
      out.push(fc.constant({ value: "x".repeat(min - 1), what: `${min - 1} characters (min ${min})` }));
      out.push(fc.constantFrom(" ", "\u00a0", "\n").map((w) => ({ value: w.repeat(min), what: `only whitespace (min ${min})` })));
    }
    if (s.pattern !== undefined) {
      out.push(fc.string({ maxLength: 16 }).map(labelled((v) => `random against /${s.pattern}/: ${short(v)}`)));
      out.push(edgeAround(str));
    }
    if (s.format === "email") out.push(fc.constantFrom(...EMAILS_BROKEN).map(labelled((v) => `not quite an email ${short(v)}`)));
    if (s.format === "uri" || s.format === "url") out.push(fc.constantFrom(...URLS_BROKEN).map(labelled((v) => `not quite a URL ${short(v)}`)));
    if (s.enum) {
      const values = s.enum.filter((v): v is string => typeof v === "string");
      if (values.length) {
        out.push(
          fc.tuple(fc.constantFrom(...values), fc.constantFrom("upper", "space", "suffix", "empty")).map(([v, how]) => {
            const value = how === "upper" ? v.toUpperCase() : how === "space" ? ` ${v}` : how === "suffix" ? `${v}x` : "";
            return { value, what: `not one of the values (${short(value)})` };
          }),
        );
      }
    }
    out.push(edgeAround(str));
  }
  const numeric = types.includes("integer") || types.includes("number");
  if (numeric) {
    const n = typeof example === "number" ? example : 1;
    const bounds: number[] = [n + 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 5e-324, -0, 0, -1];
    const ranged = [...(s.anyOf ?? []), ...(s.oneOf ?? []), s].find((x) => x.minimum !== undefined || x.maximum !== undefined || x.exclusiveMinimum !== undefined || x.exclusiveMaximum !== undefined);
    if (ranged?.minimum !== undefined) bounds.push(ranged.minimum - 1, ranged.minimum - 0.5);
    if (ranged?.maximum !== undefined) bounds.push(ranged.maximum + 1, ranged.maximum + 0.5);
    if (ranged?.exclusiveMinimum !== undefined) bounds.push(ranged.exclusiveMinimum, ranged.exclusiveMinimum - 1);
    if (ranged?.exclusiveMaximum !== undefined) bounds.push(ranged.exclusiveMaximum);
    out.push(fc.constantFrom(...bounds).map(labelled((v) => `number ${v}`)));
    out.push(fc.double({ noNaN: true, noDefaultInfinity: true }).map(labelled((v) => `number ${v}`)));
  }
  if (types.includes("array") && s.items && depth < 3) {
    const items = Array.isArray(example) ? example : [];
    const item = items[0];
    if (s.maxItems !== undefined && item !== undefined) {
      const max = s.maxItems;
      out.push(fc.constant({ value: Array(max + 1).fill(item), what: `${max + 1} items (max ${max})` }));
    }
    if (s.minItems !== undefined && s.minItems > 0) out.push(fc.constant({ value: [], what: `no items (min ${s.minItems})` }));
    out.push(
      fc.tuple(mutatedValue(s.items, item, depth + 1), fc.nat(items.length)).map(([m, at]) => ({ value: [...items.slice(0, at), m.value, ...items.slice(at)], what: `an item ${m.what}` })),
    );
  }
  if (types.includes("object") && s.properties && depth < 3) {
    out.push(mutatedObject(s, example !== null && typeof example === "object" && !Array.isArray(example) ? (example as Record<string, unknown>) : {}, depth + 1, 1));
  }
  return out;
}

function stringMatching(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern), { maxLength: maxLength ?? 60 });
  } catch {
    return fc.string({ maxLength: maxLength ?? 20 });
  }
}

/** A value the schema allows (or close to it: zod's refinements may still refuse it). */
export function validValue(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const arbs: fc.Arbitrary<unknown>[] = branches.map((b) => validValue({ ...s, anyOf: undefined, oneOf: undefined, type: undefined, ...b }, depth));
  for (const t of types) {
    if (t === "string") {
      const maxLength = Math.min(s.maxLength ?? 40, 200);
      if (s.pattern !== undefined) arbs.push(stringMatching(s.pattern, s.maxLength).filter((v) => v.length >= (s.minLength ?? 0)));
      else if (s.format === "email") arbs.push(fc.emailAddress().filter((v) => v.length <= (s.maxLength ?? 254)));
      else if (s.format === "uri" || s.format === "url") arbs.push(fc.webUrl());
      else arbs.push(fc.string({ unit: "grapheme", minLength: s.minLength ?? 0, maxLength: Math.max(maxLength, s.minLength ?? 0) }));
    } else if (t === "integer" || t === "number") {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(min, 0) + 1_000_000);
      arbs.push(t === "integer" ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }));
    } else if (t === "boolean") arbs.push(fc.boolean());
    else if (t === "null") arbs.push(fc.constant(null));
    else if (t === "array") {
      arbs.push(depth < 3 && s.items ? fc.array(validValue(s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) }) : fc.constant([]));
    } else if (t === "object") {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      if (depth >= 3) arbs.push(fc.constant({}));
      else {
        arbs.push(
          fc.record(Object.fromEntries(props.map(([k, p]) => [k, validValue(p, depth + 1)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) }),
        );
      }
    }
  }
  if (s.properties && !types.includes("object")) arbs.push(validValue({ ...s, type: "object" }, depth));
  return arbs.length ? fc.oneof(...arbs) : anyJson;
}

/** `[[[[…]]]]` or `{"a":{"a":…}}` as text, well-formed. */
const deepNesting = fc.tuple(fc.constantFrom(64, 1_000, 10_000, 100_000), fc.boolean()).map(([depth, arrays]) => {
  if (arrays) return new RawJson("[".repeat(depth) + "]".repeat(depth), `${depth} nested arrays`);
  const objects = Math.min(depth, 40_000); // 6 bytes a level: kept under the 256 KB limit
  return new RawJson('{"a":'.repeat(objects) + "1" + "}".repeat(objects), `${objects} nested objects`);
});

/** An array of thousands of items, kept under the 256 KB body limit. */
function hugeArray(item?: unknown): fc.Arbitrary<RawJson> {
  const items = ["1", '"x"', "null", "{}", "[]", ...(item === undefined ? [] : [toJson(item)])];
  return fc.tuple(fc.constantFrom(1_000, 10_000, 50_000), fc.constantFrom(...items)).map(([n, it]) => {
    const count = Math.max(1, Math.min(n, Math.floor(240_000 / (it.length + 1))));
    return new RawJson(`[${Array(count).fill(it).join(",")}]`, `${count} items of ${clip(it, 20)}`);
  });
}

/** A value for a place of schema `s` whose valid example is `example`: most likely refused, sometimes valid. */
export function mutatedValue(s: JsonSchema, example: unknown, depth = 0): fc.Arbitrary<Mutated> {
  const arbs: WeightedArbitrary<Mutated>[] = [
    { weight: 3, arbitrary: wrongType(s) },
    ...broken(s, example, depth).map((arbitrary) => ({ weight: 2, arbitrary })),
    { weight: 2, arbitrary: validValue(s, depth).map(labelled((v) => `valid ${short(v)}`)) },
    { weight: 1, arbitrary: fc.oneof(deepNesting, hugeArray(Array.isArray(example) ? example[0] : example)).map(labelled((v) => short(v))) },
    { weight: 1, arbitrary: fc.constant({ value: null, what: "null" }) },
  ];
  return fc.oneof(...arbs);
}

const EXTRA_KEYS = ["unknown", "__proto__", "constructor", "prototype", "toString", "", " ", "id", "role", "isAdmin", "userId", "createdAt", "deactivatedAt"];

type Change = { apply: (o: Record<string, unknown>) => Record<string, unknown>; what: string };

/** An object of schema `s` made from `example` by 0 to 3 changes: a field dropped, set to a mutated value, an extra key. */
export function mutatedObject(s: JsonSchema, example: Record<string, unknown>, depth = 0, minChanges = 0): fc.Arbitrary<Mutated<Record<string, unknown>>> {
  const props = s.properties ?? {};
  const fields = [...new Set([...Object.keys(props), ...Object.keys(example)])];
  const changes: WeightedArbitrary<Change>[] = [];
  if (fields.length) {
    changes.push({ weight: 2, arbitrary: fc.constantFrom(...fields).map((f) => ({ apply: (o: Record<string, unknown>) => without(o, f), what: `${f} dropped` })) });
    for (const f of fields) {
      changes.push({ weight: Math.max(1, Math.round(16 / fields.length)), arbitrary: mutatedValue(props[f] ?? {}, example[f], depth).map((m) => ({ apply: (o: Record<string, unknown>) => withKey(o, f, m.value), what: `${f}: ${m.what}` })) });
    }
  }
  const extraKey = fc.oneof(fc.constantFrom(...EXTRA_KEYS, ...fields.map((f) => f.toUpperCase()), ...fields.map((f) => `${f} `)), fc.string({ maxLength: 8 }));
  changes.push({
    weight: 2,
    arbitrary: fc.tuple(extraKey, fc.oneof(anyJson, deepNesting)).filter(([k]) => !(k in props)).map(([k, v]) => ({ apply: (o: Record<string, unknown>) => withKey(o, k, v), what: `extra key ${JSON.stringify(k)}: ${short(v)}` })),
  });
  // Mostly one to three changes; the valid object as is now and then (a near-valid request the route may accept).
  const some = fc.array(fc.oneof(...changes), { minLength: Math.max(1, minChanges), maxLength: 3 });
  const list = minChanges > 0 ? some : fc.oneof({ weight: 1, arbitrary: fc.constant<Change[]>([]) }, { weight: 8, arbitrary: some });
  return list.map((cs) => ({
    value: cs.reduce((o, c) => c.apply(o), example),
    what: cs.length ? cs.map((c) => c.what).join(", ") : "as valid",
  }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Bodies: JSON (mutated, random, mis-encoded, mislabelled), none, raw bytes.

const JSON_TYPES_ODD = [
  "application/json; charset=utf-8",
  "application/json;charset=UTF-8",
  "Application/JSON",
  "application/json;",
  "application/json ; charset=utf-8",
  "application/json; charset",
  "application/json; charset=latin1",
  "application/vnd.api+json",
  "application/merge-patch+json",
  "application/jsonp",
  "application/json, text/plain",
  "text/json",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "*/*",
  "",
];

const jsonContentType = fc.oneof(
  { weight: 20, arbitrary: fc.constant<string | null>("application/json") },
  { weight: 3, arbitrary: fc.constantFrom<string | null>(...JSON_TYPES_ODD) },
  { weight: 1, arbitrary: fc.constant<string | null>(null) },
);

type Encoding = { encode: (text: string) => Uint8Array; what?: string };
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** How the JSON text goes on the wire: mostly as is, sometimes cut, with garbage, a BOM, duplicate keys, padded past 256 KB, or as UTF-16. */
const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 24, arbitrary: fc.constant<Encoding>({ encode: utf8 }) },
  { weight: 1, arbitrary: fc.nat().map<Encoding>((n) => ({ encode: (t) => utf8(t.slice(0, n % Math.max(1, t.length))), what: `cut after ${n} characters` })) },
  { weight: 1, arbitrary: fc.constantFrom("x", "}", ",", "]", "/*c*/", "\u0000", "{}").map<Encoding>((g) => ({ encode: (t) => utf8(t + g), what: `followed by ${printable(g)}` })) },
  { weight: 1, arbitrary: fc.constantFrom("\ufeff", " \n\t\r", "\u00a0", "\u2028").map<Encoding>((p) => ({ encode: (t) => utf8(p + t + p), what: `wrapped in ${printable(p)}` })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"x"', "null", "1", "[]", '{"a":1}').map<Encoding>((v) => ({
      // The first key written twice, the first time with another value (JSON.parse keeps the last).
      encode: (t) => utf8(/^\{"((?:[^"\\]|\\.)*)":/.test(t) ? t.replace(/^\{("(?:[^"\\]|\\.)*"):/, `{$1:${v},$1:`) : t),
      what: `first key duplicated (${v} first)`,
    })),
  },
  { weight: 1, arbitrary: fc.constant<Encoding>({ encode: (t) => utf8(t + " ".repeat(MAX_JSON_BYTES)), what: "padded past 256 KB" }) },
  {
    weight: 1,
    arbitrary: fc.constant<Encoding>({
      encode: (t) => {
        const out = new Uint8Array(t.length * 2);
        for (let i = 0; i < t.length; i++) {
          out[2 * i] = t.charCodeAt(i) & 0xff;
          out[2 * i + 1] = t.charCodeAt(i) >> 8;
        }
        return out;
      },
      what: "as UTF-16LE",
    }),
  },
);

const requestFrom = (method: string, url: string, what: string[]) => (ct: string | null, body: Uint8Array | undefined, bodyWhat: string[]) =>
  new FuzzRequest(method, url, ct, body, [...what, ...bodyWhat]);

/** A JSON body of schema `s` from `valid`: mutated (mostly), random JSON, or odd top-level values. */
function jsonBody(s: JsonSchema, valid: Record<string, unknown>): fc.Arbitrary<{ body: Uint8Array; ct: string | null; what: string[] }> {
  const keys = Object.keys(s.properties ?? {});
  const value = fc.oneof(
    { weight: 14, arbitrary: mutatedObject(s, valid) },
    { weight: 1, arbitrary: anyJson.map(labelled((v) => `random JSON ${short(v)}`)) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(keys.length ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })) : fc.string({ maxLength: 6 }), anyJson, { maxKeys: 6 })
        .map(labelled((v) => `random object ${short(v)}`)),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, null, 0, "", true, [valid], JSON.stringify(valid)).map(labelled((v) => `top level ${short(v)}`)) },
  );
  return fc.tuple(value, encoding, jsonContentType).map(([v, enc, ct]) => ({ body: enc.encode(toJson(v.value)), ct, what: [`body: ${v.what}`, ...(enc.what ? [enc.what] : [])] }));
}

/** What a mutation without a body (logout, deactivate…) may be sent: nothing, `{}`, or anything else. */
type Body = { body: Uint8Array | undefined; ct: string | null; what: string[] };
const noBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Body>({ body: undefined, ct: null, what: ["no body"] }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom("{}", " {} ", "", "  ", "\n", "null", "[]", '{"unknown":1}', '{"a":', "{}{}", "\ufeff{}", "\u00a0{}\u00a0") },
          { weight: 3, arbitrary: anyJson.map((v) => toJson(v)) },
          { weight: 1, arbitrary: deepNesting.map((r) => r.text) },
        ),
        jsonContentType,
      )
      .map(([text, ct]) => ({ body: utf8(text), ct, what: [`body ${clip(printable(text), 60)}`] })),
  },
  { weight: 1, arbitrary: fc.constant<Body>({ body: utf8("{}" + " ".repeat(MAX_JSON_BYTES)), ct: "application/json", what: ["{} padded past 256 KB"] }) },
);

/** File signatures: the start of formats a sniffer recognises, followed by whatever. */
const SIGNATURES: [string, number[]][] = [
  ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["PNG+IHDR", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]],
  ["JPEG", [0xff, 0xd8, 0xff]],
  ["JPEG/JFIF", [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]],
  ["GIF89a", [...utf8("GIF89a")]],
  ["GIF87a", [...utf8("GIF87a")]],
  ["WebP", [...utf8("RIFF"), 0x24, 0, 0, 0, ...utf8("WEBPVP8 ")]],
  ["AVIF", [0, 0, 0, 0x1c, ...utf8("ftypavif")]],
  ["PDF", [...utf8("%PDF-1.7\n")]],
  ["ZIP", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip", [0x1f, 0x8b, 0x08]],
  ["SVG", [...utf8('<svg xmlns="http://www.w3.org/2000/svg">')]],
  ["XML", [...utf8('<?xml version="1.0"?>')]],
  ["HTML", [...utf8("<!doctype html><script>")]],
  ["UTF-8 BOM", [0xef, 0xbb, 0xbf]],
  ["UTF-16 BOM", [0xff, 0xfe]],
  ["TIFF", [0x49, 0x49, 0x2a, 0x00]],
  ["ICO", [0, 0, 1, 0]],
  ["MP4", [0, 0, 0, 0x18, ...utf8("ftypmp42")]],
];

const CSV_FIELDS = [
  "email", "role", "name", "member", "admin", "guest", "ADMIN", "owner", "", " ", "fuzz@example.test", "FUZZ@EXAMPLE.TEST", "not-an-email", "a@b",
  '"quoted, with comma"', '"multi\nline"', '"unclosed', 'in"side', '""', "=cmd|' /C calc'!A0", "+1", "@SUM(1)",
];
const csvField = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CSV_FIELDS) }, { weight: 1, arbitrary: edgeString }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const csvLine = fc.array(csvField, { minLength: 0, maxLength: 5 }).map((fs) => fs.join(","));
const csvText = fc
  .tuple(
    fc.constantFrom("email,role,name", "EMAIL,Role,Name", "email;role;name", "\ufeffemail,role,name", "email,role", "email,role,name,extra", "", "name,role,email"),
    fc.array(csvLine, { maxLength: 12 }),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([header, lines, eol]) => [header, ...lines].join(eol));

/** A raw body: random bytes, a signature then random bytes, the valid body damaged, text, or past the route's limit. */
function rawBody(types: string[], valid: ValidInput["raw"]): fc.Arbitrary<{ body: Uint8Array; ct: string | null; what: string[] }> {
  const main = valid?.contentType ?? types[0];
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<string | null>(...types) },
    { weight: 2, arbitrary: fc.constantFrom<string | null>("application/octet-stream", "application/json", "text/plain", "image/svg+xml", "", `${main}; charset=utf-8`, main.toUpperCase(), "multipart/form-data; boundary=x") },
    { weight: 1, arbitrary: fc.constant<string | null>(null) },
  );
  const text = types.some((t) => t.startsWith("text/"));
  const bytes: WeightedArbitrary<{ body: Uint8Array; what: string }>[] = [
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => ({ body: b, what: "random bytes" })) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...SIGNATURES), fc.uint8Array({ maxLength: 1024 })).map(([[name, sig], rest]) => ({ body: concat(new Uint8Array(sig), rest), what: `${name} signature then random bytes` })),
    },
    { weight: 1, arbitrary: fc.constant({ body: new Uint8Array(0), what: "empty" }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ body: utf8(s), what: "random text" })) },
  ];
  if (valid) {
    bytes.push({
      weight: 4,
      arbitrary: fc
        .tuple(fc.option(fc.nat(), { nil: undefined }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.uint8Array({ maxLength: 256 }))
        .map(([cut, flips, tail]) => {
          const base = valid.body();
          const body = concat(cut === undefined ? base : base.subarray(0, cut % (base.length + 1)), tail);
          for (const [at, b] of flips) if (body.length) body[at % body.length] = b;
          return { body, what: `the valid body${cut === undefined ? "" : ` cut at ${cut % (base.length + 1)}`}, ${flips.length} bytes changed, ${tail.length} appended` };
        }),
    });
    bytes.push({ weight: 1, arbitrary: fc.constant(null).map(() => ({ body: valid.body(), what: "the valid body" })) });
    // Past the route's own limit, when that is cheap enough to send often (avatars: 2 MB; not uploads' 25 MB).
    if (valid.maxBytes <= 2 * 1024 * 1024) {
      bytes.push({
        weight: 1,
        arbitrary: fc.constant(null).map(() => {
          const body = new Uint8Array(valid.maxBytes + 1).fill(text ? 0x0a : 0);
          body.set(valid.body());
          return { body, what: `the valid body padded to ${valid.maxBytes + 1} bytes` };
        }),
      });
    }
  }
  if (text) bytes.push({ weight: 6, arbitrary: csvText.map((t) => ({ body: utf8(t), what: "CSV-like text" })) });
  return fc.tuple(fc.oneof(...bytes), contentType).map(([b, ct]) => ({ body: b.body, ct, what: [`body: ${b.what}`] }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Query strings: the valid parameters, some dropped, repeated, set to bad or valid values, unknown keys, raw segments.

type QueryPart = { k: string; v: string } | { raw: string };

const NUMBERISH = ["NaN", "nan", "Infinity", "-Infinity", "1e2", "1e400", "0x10", "0b1", "0o7", " 5", "5 ", "\t5", "", "+5", "-0", "1.0", "1.5", "-1", "0", "101", "99999999999999999999", "5abc", "1_0", "٣", "５", "null", "undefined", "true", "[]", "5,6"];

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const b64url = (bytes: Uint8Array) => b64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
/** JSON text with every non-ASCII character escaped, so that `atob` then `JSON.parse` on the server give back exactly it. */
const asciiJson = (v: unknown) => toJson(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const cursorField = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -0.5, 0, -1),
  edgeString,
  fc.string({ maxLength: 10 }),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant("x".repeat(300)),
);
/** Keyset cursors are base64url JSON of a few one-letter keys: shapes like theirs, with values of any type. */
const cursorShape = fc.dictionary(fc.constantFrom("c", "i", "v", "r", "n", "t", "s", "k", "x"), cursorField, { minKeys: 0, maxKeys: 4 });
export const malformedCursor: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: cursorShape.map((o) => b64url(utf8(asciiJson(o)))) },
  { weight: 1, arbitrary: anyJson.map((v) => b64url(utf8(asciiJson(v)))) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map(b64url) },
  { weight: 1, arbitrary: cursorShape.map((o) => b64(utf8(asciiJson(o)))) },
  { weight: 1, arbitrary: fc.constantFrom("!!!", "====", "-", "_", "a", "ab", "abc", "%", "null", "e30", "W10", "bnVsbA", "MQ", "x".repeat(501), " ", "é") },
  { weight: 1, arbitrary: edgeString },
);

function badQueryValue(p: QueryParam): fc.Arbitrary<string> {
  const s = p.schema;
  const types = typesOf(s);
  const arbs: fc.Arbitrary<string>[] = [edgeString, fc.string({ maxLength: 12 })];
  if (types.includes("integer") || types.includes("number")) {
    arbs.push(fc.constantFrom(...NUMBERISH), fc.integer().map(String), fc.double().map(String));
    if (s.minimum !== undefined) arbs.push(fc.constant(String(s.minimum - 1)));
    if (s.maximum !== undefined) arbs.push(fc.constant(String(s.maximum + 1)));
  }
  if (s.maxLength !== undefined) arbs.push(fc.constantFrom(s.maxLength + 1, Math.min(s.maxLength * 4 + 100, 10_000)).map((n) => "x".repeat(n)));
  if (s.minLength !== undefined && s.minLength > 0) arbs.push(fc.constant(""));
  if (s.enum) {
    const values = s.enum.map(String);
    arbs.push(fc.tuple(fc.constantFrom(...values), fc.constantFrom("upper", "space", "suffix")).map(([v, how]) => (how === "upper" ? v.toUpperCase() : how === "space" ? ` ${v}` : `${v}x`)));
  }
  if (p.name === "cursor" || /cursor/i.test(p.name)) arbs.push(malformedCursor, malformedCursor);
  return fc.oneof(...arbs);
}

/** Segments no encoder writes: bad percent-escapes, keys without values, empty keys, bracketed keys. */
const RAW_SEGMENTS = ["%", "%zz", "a=%ED%A0%80", "a=%C0%AF", "a=%00", "=x", "&&", "a=1=2", "a[b]=1", "a[]=1", "a=%FF%FE", ";a=1", "a=+", "a=%2B", "a=%"];

function queryString(op: FuzzOperation): fc.Arbitrary<{ query: string; what: string[] }> {
  const valid = op.valid?.query ?? {};
  const params = op.query;
  const base: QueryPart[] = Object.entries(valid).map(([k, v]) => ({ k, v }));
  type QChange = { apply: (parts: QueryPart[]) => QueryPart[]; what: string };
  const changes: fc.Arbitrary<QChange>[] = [];
  const set = (name: string, v: string) => (parts: QueryPart[]) => [...parts.filter((p) => !("k" in p) || p.k !== name), { k: name, v }];
  for (const p of params) {
    changes.push(badQueryValue(p).map((v) => ({ apply: set(p.name, v), what: `?${p.name}=${clip(printable(v), 40)}` })));
    changes.push(validValue(p.schema).map((v) => ({ apply: set(p.name, String(v)), what: `?${p.name}=${clip(printable(String(v)), 40)} (valid)` })));
    changes.push(fc.constant({ apply: (parts: QueryPart[]) => parts.filter((x) => !("k" in x) || x.k !== p.name), what: `?${p.name} dropped` }));
    changes.push(
      fc.tuple(fc.oneof(badQueryValue(p), validValue(p.schema).map(String)), fc.integer({ min: 2, max: 3 })).map(([v, n]) => ({
        apply: (parts: QueryPart[]) => [...parts, ...Array.from({ length: n }, () => ({ k: p.name, v }))],
        what: `?${p.name} repeated (${clip(printable(v), 20)})`,
      })),
    );
  }
  changes.push(
    fc.tuple(fc.oneof(fc.constantFrom("unknown", "__proto__", "constructor", "", "LIMIT", "limit ", "cursor[]"), fc.string({ maxLength: 6 })), fc.oneof(fc.string({ maxLength: 6 }), edgeString)).map(([k, v]) => ({
      apply: (parts: QueryPart[]) => [...parts, { k, v }],
      what: `?${printable(k)}=${printable(v)} (unknown)`,
    })),
  );
  changes.push(fc.constantFrom(...RAW_SEGMENTS, ...params.map((p) => p.name), ...params.map((p) => `${p.name}=%E0%A4%A`)).map((raw) => ({ apply: (parts: QueryPart[]) => [...parts, { raw }], what: `raw segment ${raw}` })));
  const list = fc.oneof({ weight: 1, arbitrary: fc.constant<QChange[]>([]) }, { weight: 7, arbitrary: fc.array(fc.oneof(...changes), { minLength: 1, maxLength: 3 }) });
  return list.map((cs) => {
    const parts = cs.reduce((ps, c) => c.apply(ps), base);
    const query = parts.map((p) => ("raw" in p ? p.raw : new URLSearchParams([[p.k, p.v]]).toString())).join("&");
    return { query, what: cs.map((c) => c.what) };
  });
}

// ---------------------------------------------------------------------------------------------------------------------

/** Every request the fuzz may send to `op`. */
export function requestArbitrary(op: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const valid = op.valid;
  const queries = queryString(op);
  let bodies: fc.Arbitrary<{ body: Uint8Array | undefined; ct: string | null; what: string[] }>;
  if (op.json) {
    const example = (valid?.json ?? fc.sample(validValue(op.json), { numRuns: 1, seed: 1 })[0] ?? {}) as Record<string, unknown>;
    bodies = jsonBody(op.json, example);
  } else if (op.rawTypes.length) bodies = rawBody(op.rawTypes, valid?.raw);
  else if (isMutation(op.method)) bodies = noBody;
  else bodies = fc.constant({ body: undefined, ct: null, what: [] }); // GET: fetch sends no body with it
  // Routes with a body mostly vary the body, with the valid query; routes with a query alone vary the query.
  const hasBody = op.json !== undefined || op.rawTypes.length > 0;
  const query = hasBody ? fc.oneof({ weight: 3, arbitrary: fc.constant({ query: new URLSearchParams(valid?.query ?? {}).toString(), what: [] as string[] }) }, { weight: 1, arbitrary: queries }) : queries;
  return fc.tuple(query, bodies).map(([q, b]) => requestFrom(op.method, q.query ? `${op.path}?${q.query}` : op.path, q.what)(b.ct, b.body, b.what));
}
