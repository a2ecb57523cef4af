import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ES module shared with `npm start`
import { applyMigrations, freePort, startWrangler, varsFromEnvironment } from "../scripts/lib/server.mjs";

/**
 * Outgoing webhooks against real receivers on loopback (issue 9, "What must show"), on a network of its own started
 * with WEBHOOK_RETRY_SCHEDULE=0,1,1,1,1, the receiver's origin in WEBHOOK_ALLOW_ORIGINS and a local DNS-over-HTTPS
 * fixture as WEBHOOK_DNS_RESOLVER:
 * - the receiver answers 500 to the first three attempts of every delivery and 204 after: a scripted sequence arrives
 *   exactly as subscribed (the private group's post never), each verified with standardwebhooks, duplicates with the
 *   same webhook-id, the log showing 500, 500, 500, 204;
 * - SSRF: over 40 spellings of inside addresses refused at registration, nothing stored; a 302 to a second listener is
 *   a failure and that listener never gets a connection; names resolving inside are refused before any connection.
 */

const WRANGLER_TOML = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number; connections: () => number }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    let connections = 0;
    server.on("connection", () => connections++);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, connections: () => connections }));
  });
}

const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });

let receiver: Awaited<ReturnType<typeof listen>>;
let second: Awaited<ReturnType<typeof listen>>;
let dns: Awaited<ReturnType<typeof listen>>;
const received: Received[] = [];
const tries = new Map<string, number>();
const lookups: string[] = [];
let server: { url: string; setupToken: string; stop: () => void; output: () => string };
let persistTo: string;
let admin: string;

/** What the DoH fixture answers: names that resolve inside the network. */
const DNS_ANSWERS: Record<string, { A: string[]; AAAA: string[] }> = {
  "rebind.example.com": { A: ["93.184.215.14", "127.0.0.1"], AAAA: [] },
  "ten.example.com": { A: ["10.0.0.7"], AAAA: [] },
  "six.example.com": { A: [], AAAA: ["fd00::7"] },
};

async function call(method: string, url: string, options: { json?: unknown; cookie?: string } = {}) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(options.json !== undefined ? { "Content-Type": "application/json" } : {}), ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_session="))?.split(";")[0];
  return { status: res.status, json: text ? JSON.parse(text) : null, text, cookie };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const deliveries = async (endpointId: string) => (await call("GET", `/api/v1/admin/webhooks/${endpointId}/deliveries?limit=100`, { cookie: admin })).json.items as { id: string; type: string; state: string; attempts: { statusCode: number | null; response: string }[] }[];

/** The deliveries of an endpoint once `count` of them have settled (none pending). */
const settled = (endpointId: string, count: number) =>
  until(`${count} settled deliveries of ${endpointId}`, async () => {
    const items = await deliveries(endpointId);
    return items.length >= count && items.every((d) => d.state !== "pending") ? items : undefined;
  });

async function register(body: Record<string, unknown>) {
  const res = await call("POST", "/api/v1/admin/webhooks", { json: body, cookie: admin });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string };
}

beforeAll(async () => {
  second = await listen((_req, res) => res.writeHead(200).end("should never be reached"));
  receiver = await listen((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.url === "/redirect") return res.writeHead(302, { Location: `http://127.0.0.1:${second.port}/` }).end();
      if (req.url === "/gone") return res.writeHead(410).end("gone for good");
      const id = String(req.headers["webhook-id"]);
      const n = (tries.get(id) ?? 0) + 1;
      tries.set(id, n);
      if (n <= 3) return res.writeHead(500, { "Content-Type": "text/plain" }).end(`attempt ${n} fails`);
      res.writeHead(204).end();
    });
  });
  dns = await listen((req, res) => {
    const q = new URL(req.url ?? "/", "http://dns");
    const name = q.searchParams.get("name") ?? "";
    const type = q.searchParams.get("type") === "AAAA" ? "AAAA" : "A";
    lookups.push(`${name} ${type}`);
    const data = DNS_ANSWERS[name]?.[type] ?? [];
    res.writeHead(200, { "Content-Type": "application/dns-json" }).end(JSON.stringify({ Status: 0, Answer: data.map((d) => ({ name, type: type === "A" ? 1 : 28, TTL: 60, data: d })) }));
  });
  persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-webhooks-"));
  applyMigrations(persistTo);
  const vars = varsFromEnvironment(WRANGLER_TOML, {
    WEBHOOK_RETRY_SCHEDULE: "0,1,1,1,1",
    WEBHOOK_ALLOW_ORIGINS: `http://127.0.0.1:${receiver.port}`,
    WEBHOOK_DNS_RESOLVER: `http://127.0.0.1:${dns.port}/dns-query`,
  });
  server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true, vars });
  const setup = await call("POST", "/api/v1/setup", { json: { token: server.setupToken, email: "admin@webhooks.test", name: "Ada Admin", password: "a long enough password" } });
  expect(setup.status, setup.text).toBe(201);
  admin = setup.cookie!;
}, 120_000);

afterAll(async () => {
  server?.stop();
  await Promise.all([receiver, second, dns].filter(Boolean).map((l) => close(l.server)));
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
});

describe("outgoing webhooks against a real receiver", () => {
  it("delivers the scripted sequence exactly as subscribed, signed, retried through three 500s, never the private group's post", { timeout: 90_000 }, async () => {
    const open = (await call("POST", "/api/v1/groups", { json: { name: "Open news", description: "For all", visibility: "open", kind: "community" }, cookie: admin })).json.id as string;
    const privateGroup = (await call("POST", "/api/v1/groups", { json: { name: "Payroll", description: "Closed", visibility: "private", kind: "project" }, cookie: admin })).json.id as string;
    const hook = await register({ url: `http://127.0.0.1:${receiver.port}/hook`, description: "Receiver", events: ["member.joined", "post.created", "comment.created"] });

    // A member joins through an invitation; the admin posts in the open group and in the private one (not granted);
    // the member comments on the open post.
    const invitation = await call("POST", "/api/v1/admin/invitations", { json: { email: "mia@webhooks.test", role: "member", groupIds: [open] }, cookie: admin });
    expect(invitation.status, invitation.text).toBe(201);
    const token = decodeURIComponent(new URL(invitation.json.url).pathname.split("/invite/")[1]);
    const joined = await call("POST", "/api/v1/auth/accept-invitation", { json: { token, name: "Mia Member", password: "a long enough password", charterVersion: null } });
    expect(joined.status, joined.text).toBe(200);
    const openPost = await call("POST", `/api/v1/groups/${open}/posts`, { json: { body: "Hello everyone" }, cookie: admin });
    expect(openPost.status, openPost.text).toBe(201);
    const privatePost = await call("POST", `/api/v1/groups/${privateGroup}/posts`, { json: { body: "Salaries" }, cookie: admin });
    expect(privatePost.status, privatePost.text).toBe(201);
    const comment = await call("POST", `/api/v1/posts/${openPost.json.id}/comments`, { json: { body: "Welcome!" }, cookie: joined.cookie });
    expect(comment.status, comment.text).toBe(201);

    const log = await settled(hook.id, 3);
    const byType = Object.fromEntries(log.map((d) => [d.type, d]));
    expect(Object.keys(byType).sort()).toEqual(["comment.created", "member.joined", "post.created"]);
    for (const d of log) {
      expect(d.state, d.type).toBe("succeeded");
      expect(d.attempts.map((a) => a.statusCode), d.type).toEqual([500, 500, 500, 204]);
      expect(d.attempts[0].response).toBe("attempt 1 fails");
    }

    const mine = received.filter((r) => r.path === "/hook");
    expect(log.length, JSON.stringify(log.map((d) => [d.id, d.type, d.attempts.map((a) => a.statusCode)]))).toBe(3);
    expect(mine.length, JSON.stringify(mine.map((r) => [r.headers["webhook-id"], r.body.slice(0, 60)]))).toBe(12);
    const wh = new Webhook(hook.secret);
    for (const r of mine) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toBe("Comptoir-Webhooks/1");
      expect(wh.verify(r.body, r.headers as Record<string, string>)).toEqual(JSON.parse(r.body));
    }
    // Four arrivals per delivery, all with its webhook-id and the same body.
    const ids = new Map<string, string[]>();
    for (const r of mine) ids.set(String(r.headers["webhook-id"]), [...(ids.get(String(r.headers["webhook-id"])) ?? []), r.body]);
    expect([...ids.keys()].sort()).toEqual(log.map((d) => d.id).sort());
    for (const bodies of ids.values()) expect(new Set(bodies).size, "the same body on every attempt").toBe(1);
    const bodies = [...ids.values()].map((b) => JSON.parse(b[0]));
    expect(bodies.find((b) => b.type === "member.joined").data).toEqual({ userId: joined.json.user.id, role: "member", via: "invitation" });
    expect(bodies.find((b) => b.type === "post.created").data).toEqual({ postId: openPost.json.id, groupId: open, authorId: openPost.json.author.id, kind: "discussion" });
    expect(bodies.find((b) => b.type === "comment.created").data).toMatchObject({ postId: openPost.json.id, commentId: comment.json.id, parentId: null });
    // The private group's post: never sent, in any form.
    expect(received.some((r) => r.body.includes(privateGroup) || r.body.includes(privatePost.json.id))).toBe(false);

    // A tampered body and an old timestamp fail verification.
    const sample = mine[mine.length - 1];
    expect(() => wh.verify(sample.body.replace("\"type\":\"", "\"type\":\"x"), sample.headers as Record<string, string>)).toThrow();
    const oldAt = new Date(Date.now() - 6 * 60 * 1000);
    const oldHeaders = { "webhook-id": String(sample.headers["webhook-id"]), "webhook-timestamp": String(Math.floor(oldAt.getTime() / 1000)), "webhook-signature": wh.sign(String(sample.headers["webhook-id"]), oldAt, sample.body) };
    expect(() => wh.verify(sample.body, oldHeaders)).toThrow(/too old/i);

    // A replay: the same webhook-id once more, a fifth attempt in the log.
    const replayed = byType["post.created"];
    expect((await call("POST", `/api/v1/admin/webhooks/${hook.id}/deliveries/${replayed.id}/replay`, { cookie: admin })).status).toBe(202);
    const after = await until("the replayed attempt", async () => {
      const d = (await call("GET", `/api/v1/admin/webhooks/${hook.id}/deliveries/${replayed.id}`, { cookie: admin })).json;
      return d.attempts.length === 5 && d.state === "succeeded" ? d : undefined;
    });
    expect(after.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 204, 204]);
    const again = received.filter((r) => r.headers["webhook-id"] === replayed.id);
    expect(again.length).toBe(5);
    expect(new Set(again.map((r) => r.body)).size).toBe(1);
  });

  it("disables an endpoint at once when the receiver answers 410", { timeout: 60_000 }, async () => {
    const gone = await register({ url: `http://127.0.0.1:${receiver.port}/gone`, events: ["webhook.test"] });
    expect((await call("POST", `/api/v1/admin/webhooks/${gone.id}/test`, { cookie: admin })).status).toBe(202);
    const [d] = await settled(gone.id, 1);
    expect(d.attempts.map((a) => a.statusCode)).toEqual([410]);
    expect((await call("GET", `/api/v1/admin/webhooks/${gone.id}`, { cookie: admin })).json).toMatchObject({ enabled: false, disabledReason: "gone" });
  });
});

describe("outgoing calls cannot reach inside (SSRF)", () => {
  const SPELLINGS = [
    "https://127.0.0.1/",
    "https://127.0.0.1./",
    "https://2130706433/",
    "https://0177.0.0.1/",
    "https://0x7f.0.0.1/",
    "https://0x7f000001/",
    "https://127.1/",
    "https://127.0.1/",
    "https://%31%32%37.0.0.1/",
    "https://0/",
    "https://0.0.0.0/",
    "https://[::1]/",
    "https://[::]/",
    "https://[0:0:0:0:0:0:0:1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[64:ff9b::7f00:1]/",
    "https://[2002:7f00:1::]/",
    "https://localhost/",
    "https://localhost./",
    "https://LOCALHOST:8443/",
    "https://app.localhost/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://db.internal./",
    "https://printer.local/",
    "https://router.home.arpa/",
    "https://intranet/",
    "https://169.254.169.254/latest/meta-data/",
    "https://2852039166/",
    "https://0xa9fea9fe/",
    "https://[::ffff:169.254.169.254]/",
    "https://[fe80::1]/",
    "https://10.0.0.1/",
    "https://10.1/",
    "https://172.16.0.1/",
    "https://172.31.255.255/",
    "https://192.168.0.1/",
    "https://0xc0.0xa8.0.1/",
    "https://100.64.0.1/",
    "https://100.127.255.254/",
    "https://224.0.0.1/",
    "https://239.255.255.250/",
    "https://[ff02::1]/",
    "https://[fc00::1]/",
    "https://[fd12:3456::1]/",
    "https://255.255.255.255/",
    "http://hooks.example.com/",
    "http://127.0.0.1/",
    "https://user:secret@hooks.example.com/",
  ];

  it(`refuses ${SPELLINGS.length} spellings of inside addresses at registration, storing nothing`, { timeout: 60_000 }, async () => {
    expect(SPELLINGS.length).toBeGreaterThanOrEqual(40);
    const before = (await call("GET", "/api/v1/admin/webhooks?limit=100", { cookie: admin })).json.items.length;
    const accepted: string[] = [];
    for (const url of SPELLINGS) {
      const res = await call("POST", "/api/v1/admin/webhooks", { json: { url, events: ["post.created"] }, cookie: admin });
      if (res.status !== 400 || res.json.error.code !== "validation_failed" || res.json.error.details[0].path !== "url") accepted.push(`${url} → ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(accepted).toEqual([]);
    expect((await call("GET", "/api/v1/admin/webhooks?limit=100", { cookie: admin })).json.items.length).toBe(before);
  });

  it("never follows a redirect: a 302 to a second listener is a failure, and that listener gets no connection", { timeout: 60_000 }, async () => {
    const hop = await register({ url: `http://127.0.0.1:${receiver.port}/redirect`, events: ["webhook.test"] });
    expect((await call("POST", `/api/v1/admin/webhooks/${hop.id}/test`, { cookie: admin })).status).toBe(202);
    const [d] = await settled(hop.id, 1);
    expect(d.state).toBe("failed");
    expect(d.attempts.map((a) => a.statusCode)).toEqual([302, 302, 302, 302, 302]);
    expect(received.filter((r) => r.path === "/redirect").length).toBe(5);
    expect(second.connections()).toBe(0);
  });

  it("refuses, before any connection, a name that resolves inside (through the DoH resolver)", { timeout: 60_000 }, async () => {
    const table: [string, string][] = [
      ["rebind.example.com", "rebind.example.com resolves to 127.0.0.1, which is not reachable from the internet"],
      ["ten.example.com", "ten.example.com resolves to 10.0.0.7, which is not reachable from the internet"],
      ["six.example.com", "six.example.com resolves to fd00::7, which is not reachable from the internet"],
      ["nowhere.example.com", "nowhere.example.com does not resolve"],
    ];
    const endpoints = await Promise.all(table.map(([host]) => register({ url: `https://${host}/hook`, events: ["webhook.test"] })));
    const connectionsBefore = receiver.connections() + second.connections();
    const receivedBefore = received.length;
    for (const e of endpoints) expect((await call("POST", `/api/v1/admin/webhooks/${e.id}/test`, { cookie: admin })).status).toBe(202);
    for (const [i, e] of endpoints.entries()) {
      const [d] = await settled(e.id, 1);
      expect(d.state).toBe("failed");
      expect(d.attempts.length).toBe(5);
      for (const a of d.attempts) {
        expect(a.statusCode).toBeNull();
        expect(a.response).toBe(`Refused, no connection made: ${table[i][1]}`);
      }
    }
    for (const [host] of table) expect(lookups).toContain(`${host} A`);
    expect(received.length).toBe(receivedBefore);
    expect(receiver.connections() + second.connections()).toBe(connectionsBefore);
  });
});
