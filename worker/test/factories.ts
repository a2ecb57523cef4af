import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../index";
import { serviceContext, type Actor } from "../context";
import { users, type Role } from "../db/users";
import { newId } from "../lib/ids";
import { hashPassword } from "../services/auth/passwords";
import { SESSION_COOKIE, sessionInsert } from "../services/auth/sessions";
import { publishCharter } from "../services/charter/charter";
import { checkResponse } from "./contract-check";

export const ORIGIN = "http://example.test";
export const PASSWORD = "correct horse battery";

export function testContext() {
  return serviceContext(env, ORIGIN, "req_test");
}

let passwordHash: Promise<string> | undefined;
let counter = 0;

export type TestMember = { id: string; email: string; handle: string; role: Role; cookie: string; actor: Actor };

/**
 * A member created straight in D1 (one PBKDF2 hash per test file, reused), with a live session. By default they have
 * accepted whatever charter is current.
 */
export async function createMember(options: { role?: Role; name?: string; charterAccepted?: boolean; profile?: Partial<typeof users.$inferInsert> } = {}): Promise<TestMember> {
  const ctx = testContext();
  const now = Date.now();
  const id = newId("usr", now);
  const n = ++counter;
  const email = `member${n}.${id.slice(-6)}@example.test`;
  const handle = `m${n}${id.slice(-6)}`;
  const role = options.role ?? "member";
  const current = await env.DB.prepare("SELECT max(version) AS v FROM charter_versions").first<{ v: number | null }>();
  const charterVersion = options.charterAccepted === false ? null : (current?.v ?? null);
  await ctx.db.insert(users).values({
    id,
    email,
    handle,
    name: options.name ?? `Member ${n}`,
    role,
    passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
    charterVersion,
    createdAt: now,
    updatedAt: now,
    ...options.profile,
  });
  const session = await sessionInsert(ctx, id, now);
  await session.insert;
  return {
    id,
    email,
    handle,
    role,
    cookie: `${SESSION_COOKIE}=${session.token}`,
    actor: { id, role, handle, name: options.name ?? `Member ${n}`, locale: "en", charterVersion, currentCharter: current?.v ?? null, via: "session" },
  };
}

/** Publishes a new charter version as `admin` and returns it. */
/**
 * Many plain members at once, straight in D1, for tests of sizes (a group past a chunk, a list past D1's 100 bound
 * parameters): the ids as one JSON parameter, whatever their number; their email and handle made from the id; no
 * session. With `groupId`, they are also members of that group, hearing of everything.
 */
export async function insertMembers(ids: string[], groupId?: string): Promise<void> {
  const list = JSON.stringify(ids);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO users (id, email, handle, name, role, password_hash, created_at, updated_at)
       SELECT value, 'm.' || value || '@example.test', 'm' || substr(value, 5), 'A member', 'member', 'x', 0, 0 FROM json_each(?)`,
    ).bind(list),
    ...(groupId ? [env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, notify, created_at) SELECT ?, value, 'member', 'member', 'all', 0 FROM json_each(?)").bind(groupId, list)] : []),
  ]);
}

export async function newCharterVersion(admin: TestMember, body = "# Charter\n\nBe kind.") {
  return (await publishCharter(testContext(), admin.actor, { body })).version;
}

/** `bindings`: the environment the Worker runs with (the test's own by default; a test may hand on a noting wrapper). */
type Call = { method?: string; as?: TestMember | null; body?: unknown; raw?: BodyInit; headers?: Record<string, string>; bindings?: Env };

/** An HTTP call through the whole Worker, as a browser on the network's own origin would make it. */
export async function api(path: string, call: Call = {}) {
  const headers: Record<string, string> = { Origin: ORIGIN, ...call.headers };
  if (call.as) headers.Cookie = call.as.cookie;
  let body: BodyInit | undefined = call.raw;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["Content-Type"] ??= "application/json";
  }
  const method = call.method ?? (body === undefined ? "GET" : "POST");
  const res = await workerFetch(`${ORIGIN}${path}`, { method, headers, body }, call.bindings);
  noteWrite(method, res.status);
  const answer = await answerOf(res);
  checkResponse(method, `${ORIGIN}${path}`, res.status, res.headers.get("Content-Type"), answer.text);
  return answer;
}

/**
 * A request to the Worker's own fetch handler (worker/index.ts, what `SELF` runs), with the real bindings, waiting for
 * the work it left to `waitUntil`. Not through `SELF`: under the test pool every `SELF.fetch` of a file costs more than
 * the one before it (its entrypoint wrapper adds a Proxy level per request: 5 ms a request at first, 95 ms after 500
 * requests), and route tests send thousands. Rooms (WebSocket upgrades) still go through `SELF`.
 */
export async function workerFetch(url: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const headers = new Headers(init.headers);
  // A client sends the length of a body it has whole (not of a stream), as SELF's HTTP hop did.
  const body = init.body;
  if (body != null && !headers.has("Content-Length") && !(body instanceof ReadableStream)) {
    headers.set("Content-Length", String((await new Request(url, { method: "POST", body }).arrayBuffer()).byteLength));
  }
  const res = await worker.fetch(new Request(url, { ...init, headers }) as Parameters<typeof worker.fetch>[0], bindings, ctx);
  const bytes = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(res.status === 204 || res.status === 304 || res.status === 101 ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * The Worker's fetch with the contract's response check: what tests use when they need the raw Response (files,
 * headers). The body is read once, checked, and handed back in a new Response.
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await workerFetch(url, init);
  const bytes = await res.arrayBuffer();
  const type = res.headers.get("Content-Type");
  checkResponse(init.method ?? "GET", url, res.status, type, type?.includes("json") || bytes.byteLength === 0 ? new TextDecoder().decode(bytes) : "(binary)");
  return new Response(res.status === 204 || res.status === 304 ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** A Response as tests read it: the status, the headers, the body as text and (when it is JSON) parsed. */
export async function answerOf(res: Response): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** What `api` and `send` answer: the status, the headers, the body as text and (when it is JSON) parsed. */
export type ApiResponse = Awaited<ReturnType<typeof api>>;

/**
 * An HTTP call through the whole Worker with full control of the Origin header: `origin: null` sends none (a
 * non-browser client), a string sends that origin; by default the network's own, like `api`.
 */
export async function send(path: string, call: Call & { origin?: string | null; base?: string } = {}): Promise<ApiResponse> {
  const { origin = ORIGIN, base = ORIGIN, ...rest } = call;
  const headers: Record<string, string> = { ...rest.headers };
  if (origin !== null) headers.Origin = origin;
  if (rest.as) headers.Cookie = rest.as.cookie;
  let body: BodyInit | undefined = rest.raw;
  if (rest.body !== undefined) {
    body = JSON.stringify(rest.body);
    headers["Content-Type"] ??= "application/json";
  }
  const method = rest.method ?? (body === undefined ? "GET" : "POST");
  const res = await workerFetch(`${base}${path}`, { method, headers, body });
  noteWrite(method, res.status);
  const answer = await answerOf(res);
  checkResponse(method, `${base}${path}`, res.status, res.headers.get("Content-Type"), answer.text);
  return answer;
}

/**
 * Asserts the documented error answer: `status`, `{"error":{"code","message","details?","requestId"}}` and nothing
 * else, a JSON content type, and a requestId equal to the X-Request-Id header. Returns the error object.
 */
export async function expectError(res: ApiResponse, status: number, code: string) {
  const { expect } = await import("vitest");
  expect(res.status, `expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 500)}`).toBe(status);
  expect(res.headers.get("Content-Type") ?? "", res.text.slice(0, 200)).toContain("application/json");
  expect(Object.keys(res.json ?? {}), res.text.slice(0, 200)).toEqual(["error"]);
  const error = res.json.error;
  expect(error.code, res.text.slice(0, 500)).toBe(code);
  expect(typeof error.message === "string" && error.message.length > 0, "a non-empty message").toBe(true);
  expect(Object.keys(error).filter((k) => !["code", "message", "details", "requestId"].includes(k)), "no other keys").toEqual([]);
  expect(error.requestId).toMatch(/\S/);
  expect(error.requestId).toBe(res.headers.get("X-Request-Id"));
  return error as { code: string; message: string; details?: any; requestId: string };
}

/**
 * The row count of every application table (FTS shadow tables and SQLite/D1 internals aside), and of the objects in
 * R2 unless `files: false`, to show that a refused request wrote nothing.
 */
export async function tableCounts(options: { files?: boolean } = {}): Promise<Record<string, number>> {
  // The migrations ran before the first test: the list of tables is read once. One statement then counts them all,
  // since this runs around every case of a sweep. Not the throttles' counters (`rate_windows`): every request counts
  // against its throttle, refused or not, and one that falls in a new minute opens that minute's row, so a count
  // around a refusal failed whenever the minute turned between the set-up's request and the refused one.
  tablesToCount ??= env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name <> 'rate_windows' ORDER BY name",
  )
    .all<{ name: string }>()
    .then((r) => r.results.map((t) => t.name));
  const tables = await tablesToCount;
  // A write accepted since the last count may have left queue work (notifications, deliveries) that lands later, in the
  // middle of the next case's before/after: it settles first (stop 22 failed CI on such a late notification).
  if (queueMayWrite) {
    await queueSettled();
    queueMayWrite = false;
  }
  const counts = await env.DB.prepare(`SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t}") AS c${i}`).join(", ")}`).first<Record<string, number>>();
  const rows = Object.fromEntries(tables.map((t, i) => [t, counts![`c${i}`]]));
  if (options.files === false) return rows;
  return { ...rows, "r2:objects": (await env.FILES.list({ limit: 1000 })).objects.length };
}

let tablesToCount: Promise<string[]> | undefined;
/**
 * Set by {@link api} and {@link send} when a write was accepted: {@link tableCounts} then waits for the queue's work
 * first. Not by {@link workerFetch} itself: the contract fuzz sends its 31,000 requests through it and counts rows around
 * each write it sees, where a settle per accepted write cost it 100 s.
 */
let queueMayWrite = false;

function noteWrite(method: string, status: number) {
  if (method !== "GET" && method !== "HEAD" && status < 400) queueMayWrite = true;
}

/**
 * Waits until the queue's work (notification fan-out, webhook deliveries) stops writing rows. The consumer runs outside
 * any request, so a write a test made earlier can still land after it: a test that counts rows around a refused
 * request settles first.
 */
export async function queueSettled() {
  let last = "";
  for (let i = 0; i < 40; i++) {
    const now = JSON.stringify(await env.DB.prepare("SELECT (SELECT count(*) FROM notifications) AS n, (SELECT count(*) FROM webhook_deliveries) AS d").first());
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A new session for an existing member (as a second device would have): the member with that session's cookie. */
export async function newSession(member: TestMember): Promise<TestMember> {
  const session = await sessionInsert(testContext(), member.id);
  await session.insert;
  return { ...member, cookie: `${SESSION_COOKIE}=${session.token}` };
}

/** The current charter version, or null before the first publication. */
export async function currentCharterVersion(): Promise<number | null> {
  return (await env.DB.prepare("SELECT max(version) AS v FROM charter_versions").first<{ v: number | null }>())?.v ?? null;
}

let invited = 0;

/** Invites a fresh address through the API as `admin`; returns the address and the one-time token of its link. */
export async function createInvitation(admin: TestMember, options: { email?: string; role?: Role; groupIds?: string[] } = {}) {
  const email = options.email ?? `invitee${++invited}.${newId("inv").slice(-8)}@example.test`;
  const res = await api("/api/v1/admin/invitations", { as: admin, body: { email, role: options.role ?? "member", ...(options.groupIds && { groupIds: options.groupIds }) } });
  if (res.status !== 201) throw new Error(`invitation failed: ${res.status} ${res.text}`);
  return { id: res.json.id as string, email: res.json.email as string, url: res.json.url as string, token: (res.json.url as string).split("/invite/")[1] };
}

/** A group written straight into D1 with the given members (state "member" unless told), for visibility tests. */
export async function createGroup(members: { user: TestMember; state?: "member" | "pending" }[], name = "Test group") {
  const now = Date.now();
  const id = newId("grp", now);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, ?, '', 'private', 'project', ?, ?, ?)").bind(
      id,
      name,
      members[0]?.user.id ?? "usr_test",
      now,
      now,
    ),
    ...members.map((m) =>
      env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, 'member', ?, ?)").bind(id, m.user.id, m.state ?? "member", now),
    ),
  ]);
  return id;
}
