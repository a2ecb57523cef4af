// The demo network, seeded through the public API so that it goes through the same rules as real use.
import { ADMIN, CHARTER, MEMBERS } from "./demo-data.mjs";

export const DEMO_PASSWORD = "comptoir-demo";
export const DEMO_ADMIN = ADMIN.email;

const SESSION_COOKIE = "comptoir_session";
/** Accepting an invitation hashes a password (PBKDF2): a few at a time is quick without starving the server. */
const CONCURRENCY = 4;

/**
 * A minimal API client. Node's fetch keeps no cookies, so the session cookie is read from `Set-Cookie` and sent back
 * by hand. Any answer other than `expect` throws with the method, path, status and body.
 */
function apiClient(baseUrl) {
  return async function call(method, path, { json, csv, cookie, expect }) {
    const headers = {};
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (csv !== undefined) {
      headers["Content-Type"] = "text/csv";
      body = csv;
    }
    if (cookie) headers.Cookie = cookie;
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    if (res.status !== expect) {
      throw new Error(`Demo seed: ${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 2000)}`);
    }
    const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return { data: text ? JSON.parse(text) : null, cookie: session?.split(";")[0] };
  };
}

function requireCookie(cookie, what) {
  if (!cookie) throw new Error(`Demo seed: ${what} answered without a ${SESSION_COOKIE} cookie`);
  return cookie;
}

/** `email,role,name` with the header row; fields are quoted only when CSV needs it. */
function invitationCsv(members) {
  const field = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return ["email,role,name", ...members.map((m) => [m.email, m.role, m.name].map(field).join(","))].join("\n") + "\n";
}

/** Runs `fn` over `items`, at most `limit` at once; the first failure is thrown once the running ones settle. */
async function eachLimited(items, limit, fn) {
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** Seeds only when the network has no administrator yet; true when it seeded. */
export async function seedDemoIfEmpty(baseUrl, setupToken) {
  const call = apiClient(baseUrl);

  const { data: setup } = await call("GET", "/api/v1/setup", { expect: 200 });
  if (!setup.needed) return false;

  // The first administrator, then the charter every invitee accepts with their invitation.
  const created = await call("POST", "/api/v1/setup", {
    json: { token: setupToken, email: ADMIN.email, name: ADMIN.name, password: DEMO_PASSWORD },
    expect: 201,
  });
  const admin = requireCookie(created.cookie, "POST /api/v1/setup");
  const { data: charter } = await call("POST", "/api/v1/admin/charter", { json: { body: CHARTER }, cookie: admin, expect: 201 });
  await call("POST", "/api/v1/charter/accept", { json: { version: charter.version }, cookie: admin, expect: 204 });
  await call("PATCH", "/api/v1/me/profile", { json: ADMIN.profile, cookie: admin, expect: 200 });

  const { data: bulk } = await call("POST", "/api/v1/admin/invitations/bulk", { csv: invitationCsv(MEMBERS), cookie: admin, expect: 200 });
  if (bulk.rejected.length > 0) throw new Error(`Demo seed: invitations rejected: ${JSON.stringify(bulk.rejected)}`);
  const byEmail = new Map(MEMBERS.map((m) => [m.email, m]));
  const missing = MEMBERS.filter((m) => !bulk.created.some((c) => c.email === m.email));
  if (missing.length > 0) throw new Error(`Demo seed: no invitation created for ${missing.map((m) => m.email).join(", ")}`);

  await eachLimited(bulk.created, CONCURRENCY, async (invitation) => {
    const member = byEmail.get(invitation.email);
    const token = new URL(invitation.url).pathname.match(/\/invite\/([^/]+)$/)?.[1];
    if (!member || !token) throw new Error(`Demo seed: unexpected invitation ${JSON.stringify(invitation)}`);
    const accepted = await call("POST", "/api/v1/auth/accept-invitation", {
      json: { token: decodeURIComponent(token), name: member.name, password: DEMO_PASSWORD, charterVersion: charter.version },
      expect: 200,
    });
    const cookie = requireCookie(accepted.cookie, `accept-invitation for ${member.email}`);
    await call("PATCH", "/api/v1/me/profile", { json: member.profile, cookie, expect: 200 });
  });
  return true;
}
