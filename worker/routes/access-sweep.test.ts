import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, openApiDocument } from "../app";
import { createMember, expectError, newCharterVersion, send, tableCounts, type ApiResponse, type TestMember } from "../test/factories";
import { FOREIGN_ORIGIN, fillPath } from "../test/route-table";

/**
 * The refusals every route shares, generated over EVERY route of the OpenAPI document from the access its definition
 * declares (`x-access`, `x-charter-exempt`): no session, an unknown session, a deactivated member's session → 401; a
 * newer charter not yet accepted → 403 `charter_required` (outside the exempt routes); a member or a guest on an
 * administrators' route → 403; a cross-origin mutation → 403. Each refusal writes nothing. The access guard runs
 * before any input is read, so these requests need no valid input.
 */

type Operation = { method: string; path: string; access: "public" | "member" | "admin"; charterExempt: boolean; takesInput: boolean };

const doc = openApiDocument(createApp());
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, { "x-access": Operation["access"]; "x-charter-exempt"?: boolean; parameters?: { in: string }[]; requestBody?: unknown }>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    access: op["x-access"],
    charterExempt: op["x-charter-exempt"] === true,
    takesInput: Boolean(op.requestBody) || (op.parameters ?? []).some((p) => p.in === "query"),
  })),
);
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const API = (op: Operation) => op.path.startsWith("/api/v1/");

type Case = { name: string; op: Operation; who: () => TestMember | null; cookie?: string; origin?: string; bad?: boolean; status: number; code: string };

/**
 * Inputs no route accepts: a query of unknown, malformed and out-of-range parameters, and (on mutations) a body that is
 * not even JSON. The access guard answers before any of it is read.
 */
const BAD_QUERY = "?limit=abc&cursor=&state=zz&q=&bogus=1";
const BAD_BODY = { raw: '{"email": ', headers: { "Content-Type": "application/json" } };

const callers: Record<"member" | "guest" | "admin" | "deactivated" | "pending", TestMember> = {} as never;

const cases: Case[] = operations.filter(API).flatMap((op) => {
  const out: Case[] = [];
  const label = `${op.method} ${op.path}`;
  if (op.access !== "public") {
    out.push({ name: `${label} — no session → 401`, op, who: () => null, status: 401, code: "unauthenticated" });
    out.push({ name: `${label} — an unknown session → 401`, op, who: () => null, cookie: "comptoir_session=not-a-live-session-token-0000000000000000000", status: 401, code: "unauthenticated" });
    out.push({ name: `${label} — a deactivated member's session → 401`, op, who: () => callers.deactivated, status: 401, code: "unauthenticated" });
  }
  if (!op.charterExempt) {
    out.push({ name: `${label} — a newer charter not accepted → 403 charter_required`, op, who: () => callers.pending, status: 403, code: "charter_required" });
  }
  if (op.access === "admin") {
    out.push({ name: `${label} — a member → 403`, op, who: () => callers.member, status: 403, code: "forbidden" });
    out.push({ name: `${label} — a guest → 403`, op, who: () => callers.guest, status: 403, code: "forbidden" });
    out.push({ name: `${label} — a member, with a bad query${MUTATIONS.has(op.method) ? " and a malformed body" : ""} → 403, not 400`, op, who: () => callers.member, bad: true, status: 403, code: "forbidden" });
  }
  if (MUTATIONS.has(op.method)) {
    out.push({ name: `${label} — cross-origin → 403`, op, who: () => callers.admin, origin: FOREIGN_ORIGIN, status: 403, code: "forbidden" });
  }
  return out;
});

const log = console.log.bind(console);

beforeAll(async () => {
  const admin = await createMember({ role: "admin" });
  await newCharterVersion(admin, "# Charter\n\nBe kind.");
  callers.admin = await createMember({ role: "admin" });
  callers.member = await createMember();
  callers.guest = await createMember({ role: "guest" });
  callers.deactivated = await createMember();
  const off = await send(`/api/v1/admin/users/${callers.deactivated.id}/deactivate`, { as: callers.admin, method: "POST" });
  expect(off.status).toBe(204);
  callers.pending = await createMember();
  await newCharterVersion(admin, "# Charter\n\nA newer version.");
  // The charter changed for everyone: those who must pass the gate accept the new version straight in D1.
  for (const m of [callers.admin, callers.member, callers.guest]) {
    const res = await send("/api/v1/charter/accept", { as: m, body: { version: 2 } });
    expect(res.status, res.text).toBe(204);
  }
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(() => {
  vi.restoreAllMocks();
  log(`access sweep: ${cases.length} cases over ${new Set(cases.map((c) => `${c.op.method} ${c.op.path}`)).size} routes`);
});

describe("the access sweep", () => {
  it("covers every route of the API", () => {
    expect(operations.filter(API).length).toBeGreaterThan(80);
    const covered = new Set(cases.map((c) => `${c.op.method} ${c.op.path}`));
    // Public, charter-exempt, safe routes (sign-in, the document) have no refusal to share; every other route has one.
    const bare = operations.filter(API).filter((op) => !covered.has(`${op.method} ${op.path}`));
    expect(bare.every((op) => op.access === "public" && op.charterExempt && !MUTATIONS.has(op.method)), JSON.stringify(bare)).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const mutation = MUTATIONS.has(c.op.method);
    const before = mutation ? await tableCounts({ files: false }) : undefined;
    const res: ApiResponse = await send(fillPath(c.op.path) + (c.bad ? BAD_QUERY : ""), {
      method: c.op.method,
      as: c.who(),
      ...(c.bad && mutation ? { raw: BAD_BODY.raw } : {}),
      headers: { ...(c.cookie ? { Cookie: c.cookie } : {}), ...(c.bad && mutation ? BAD_BODY.headers : {}) },
      ...(c.origin ? { origin: c.origin } : {}),
    });
    await expectError(res, c.status, c.code);
    if (mutation) expect(await tableCounts({ files: false }), "a refused request writes nothing").toEqual(before);
  });

  // The same bad input is bad indeed: from an administrator, every admin route that reads a query or a body refuses it.
  const adminInputs = operations.filter(API).filter((op) => op.access === "admin" && op.takesInput);
  it.each(adminInputs.map((op) => [`${op.method} ${op.path}`, op] as const))("%s — an administrator with the same bad input → 400 or 415", async (_name, op) => {
    const mutation = MUTATIONS.has(op.method);
    const res = await send(fillPath(op.path) + BAD_QUERY, { method: op.method, as: callers.admin, ...(mutation ? { raw: BAD_BODY.raw, headers: BAD_BODY.headers } : {}) });
    expect([400, 415], res.text.slice(0, 300)).toContain(res.status);
  });
});
