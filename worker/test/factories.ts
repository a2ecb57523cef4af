import { env, SELF } from "cloudflare:test";
import { serviceContext, type Actor } from "../context";
import { users, type Role } from "../db/users";
import { newId } from "../lib/ids";
import { hashPassword } from "../services/auth/passwords";
import { SESSION_COOKIE, sessionInsert } from "../services/auth/sessions";
import { publishCharter } from "../services/charter/charter";

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
export async function newCharterVersion(admin: TestMember, body = "# Charter\n\nBe kind.") {
  return (await publishCharter(testContext(), admin.actor, { body })).version;
}

type Call = { method?: string; as?: TestMember | null; body?: unknown; raw?: BodyInit; headers?: Record<string, string> };

/** An HTTP call through the whole Worker, as a browser on the network's own origin would make it. */
export async function api(path: string, call: Call = {}) {
  const headers: Record<string, string> = { Origin: ORIGIN, ...call.headers };
  if (call.as) headers.Cookie = call.as.cookie;
  let body: BodyInit | undefined = call.raw;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await SELF.fetch(`${ORIGIN}${path}`, { method: call.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}
