import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createMember, expectError, newSession, PASSWORD, queueSettled, send, tableCounts, type TestMember } from "../../test/factories";
import { PNG } from "../../test/images";
import { openSocket } from "../../../party/test-socket";
import { REGISTRY } from "./registry";

/**
 * GDPR (issue 12, "What must show"): the schema itself is read (sqlite_master: every table, FTS indexes and their
 * storage included), so a table added without an entry in the registry fails here. A member with content everywhere
 * downloads their archive, which holds every row naming them; after erasure (both settings) no row of any table holds
 * their id, email or name, no full-text index finds them, R2 holds none of their files, and the rooms' stored frames
 * hold none of their messages.
 */

/** Every table of the schema, read from the database (never from the registry). */
async function schemaTables(): Promise<{ name: string; virtual: boolean }[]> {
  const rows = await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string; sql: string | null }>();
  return rows.results.map((r) => ({ name: r.name, virtual: /CREATE VIRTUAL TABLE/i.test(r.sql ?? "") }));
}

async function columnsOf(table: string): Promise<string[]> {
  // PRAGMA is refused by D1: the column names of an empty SELECT instead.
  const rows = await env.DB.prepare(`SELECT * FROM "${table}" LIMIT 0`)
    .raw({ columnNames: true })
    .catch(() => [[]] as unknown[][]);
  return (rows[0] ?? []) as string[];
}

/**
 * Every (table, column, row) of the ordinary tables (FTS storage included, blobs read as bytes) where the column holds
 * one of `needles`: one query per table.
 */
async function rowsContaining(...needles: string[]): Promise<{ table: string; column: string; needle: string; row: Record<string, unknown> }[]> {
  const out: { table: string; column: string; needle: string; row: Record<string, unknown> }[] = [];
  const bytes = needles.map((n) => new TextEncoder().encode(n));
  for (const t of await schemaTables()) {
    if (t.virtual || t.name.startsWith("_cf_")) continue;
    const columns = await columnsOf(t.name);
    // One query per needle (SQLite caps an expression's depth at 100).
    const found = new Map<string, Record<string, unknown>>();
    for (const n of needles) {
      const where = columns.map((c) => `instr(CAST("${c}" AS TEXT), ?1) > 0 OR instr(CAST("${c}" AS BLOB), CAST(?1 AS BLOB)) > 0`).join(" OR ");
      const rows = await env.DB.prepare(`SELECT * FROM "${t.name}" WHERE ${where}`).bind(n).all<Record<string, unknown>>();
      for (const row of rows.results) found.set(JSON.stringify(row), row);
    }
    for (const row of found.values()) {
      for (const column of columns) {
        const v = row[column];
        const text = v instanceof ArrayBuffer ? new TextDecoder().decode(v) : Array.isArray(v) ? new TextDecoder().decode(new Uint8Array(v as number[])) : String(v);
        needles.forEach((needle, i) => {
          if (text.includes(needle) || (v instanceof ArrayBuffer && bytes[i].length > 0 && text.includes(needle))) out.push({ table: t.name, column, needle, row });
        });
      }
    }
  }
  return out;
}

/** Words a full-text index must no longer find (each FTS table, by its own MATCH). */
async function ftsHits(word: string): Promise<string[]> {
  const hits: string[] = [];
  for (const t of await schemaTables()) {
    if (!t.virtual) continue;
    const n = await env.DB.prepare(`SELECT count(*) AS n FROM "${t.name}" WHERE "${t.name}" MATCH ?`).bind(`"${word}"`).first<{ n: number }>();
    if (n?.n) hits.push(`${t.name}: ${n.n}`);
  }
  return hits;
}

/** Where a member's id may appear in a row that is not theirs to download (others' data), written out by hand. */
const NOT_IN_EXPORT: Record<string, string[]> = {
  invitations: ["invited_by"], // the people they invited: others' emails
  notifications: ["actor_id"], // others' notifications about what the member did
  reports: ["resolved_by"], // reports by others that the member resolved as a moderator
  webhook_deliveries: ["payload"], // the network's delivery log
  posts: ["html"], // others' posts that @mention the member (a link to their profile)
  comments: ["html"], // others' comments that @mention them
  idempotency_keys: ["body"], // others' cached answers
};
/** Secrets an archive never holds, by table. */
const SECRETS: Record<string, string[]> = { users: ["password_hash"], sessions: ["token_hash"], api_tokens: ["token_hash"], invitations: ["token_hash"], incoming_hooks: ["token_hash"], webhook_endpoints: ["secret", "previous_secret"], files: ["key"], idempotency_keys: ["body"] };

/** A name no one else has (each seed its own: the tests of this file share one database). */
const surname = () => `Quercus${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => String.fromCharCode(97 + (b % 26))).join("")}`;

type Seeded = { word: string; name: string; surname: string; member: TestMember; bob: TestMember; admin: TestMember; group: string; post: string; comment: string; fileKey: string; avatarKey: string; coffeeRoom: string };

/** A member with something in every table that can name a member: through the API where a route exists, else straight in D1. */
async function seed(): Promise<Seeded> {
  const last = surname();
  const WORD = `xylo${last.toLowerCase()}`; // in the member's posts, comments and messages only
  const NAME = `Zéphyrine ${last}`;
  const member = await createMember({ name: NAME, profile: { bio: `I play the ${WORD}`, skills: `["${last} studies"]` } });
  const bob = await createMember({ name: "Bob Other" });
  const admin = await createMember({ role: "admin" });
  // Each seeding call must succeed (2xx; 401 for the failed login it means to record).
  const ok = (res: { status: number; text: string }, status: number) => expect(status === 401 ? res.status === 401 : res.status >= 200 && res.status < 300, `${res.status} ${res.text.slice(0, 300)}`).toBe(true);

  const g = await api("/api/v1/groups", { as: member, body: { name: "Member's group", description: "", visibility: "open", kind: "community" } });
  ok(g, 201);
  const group = g.json.id as string;
  ok(await api(`/api/v1/groups/${group}/join`, { as: bob, method: "POST" }), 200);
  const upload = await api("/api/v1/uploads?filename=notes.txt", { as: member, raw: "Some notes of the member", headers: { "Content-Type": "text/plain" } });
  ok(upload, 201);
  const p = await api(`/api/v1/groups/${group}/posts`, { as: member, body: { body: `A ${WORD} post for @${bob.handle} #gdpr`, attachmentIds: [upload.json.id] } });
  ok(p, 201);
  const post = p.json.id as string;
  const bobPost = (await api(`/api/v1/groups/${group}/posts`, { as: bob, body: { body: `Hello @${member.handle}`, kind: "link", title: "A link", url: "https://example.com/" } })).json.id as string;
  const c = await api(`/api/v1/posts/${bobPost}/comments`, { as: member, body: { body: `A ${WORD} comment` } });
  ok(c, 201);
  const bobComment = (await api(`/api/v1/posts/${post}/comments`, { as: bob, body: { body: "Bob answers" } })).json.id as string;
  ok(await api(`/api/v1/posts/${bobPost}/reactions/like`, { as: member, method: "PUT" }), 200);
  ok(await api(`/api/v1/posts/${bobPost}/rating`, { as: member, method: "PUT", body: { rating: 4 } }), 200);
  ok(await api(`/api/v1/posts/${bobPost}/report`, { as: member, body: { reason: "Just a test report" } }), 201);
  ok(await api(`/api/v1/posts/${post}/pin`, { as: member, method: "PUT" }), 204);
  ok(await api(`/api/v1/me/follows/tags/gdpr`, { as: member, method: "PUT" }), 200);
  ok(await api(`/api/v1/me/follows/members/${bob.id}`, { as: member, method: "PUT" }), 200);
  ok(await api(`/api/v1/me/follows/members/${member.id}`, { as: bob, method: "PUT" }), 200);
  const avatar = await api("/api/v1/me/avatar", { as: member, method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
  ok(avatar, 200);
  ok(await api("/api/v1/notifications/quiet-hours", { as: member, method: "PUT", body: { quietHours: { from: "22:00", to: "07:00" } } }), 200);
  ok(await api("/api/v1/me/tokens", { as: member, body: { name: "My script", scopes: ["read"] } }), 201);
  ok(await api("/api/v1/me/coffee-pairing", { as: member, method: "PUT", body: { optIn: true, hours: [{ day: 1, from: "12:00", to: "13:00" }] } }), 200);
  const hook = await api(`/api/v1/groups/${group}/hooks`, { as: member, body: { name: "CI" } });
  ok(hook, 201);
  const cmp = await api("/api/v1/campaigns", { as: member, body: { title: "Ideas", brief: "", groupId: group, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000 } });
  ok(cmp, 201);
  const bobIdea = (await api(`/api/v1/campaigns/${cmp.json.id}/ideas`, { as: bob, body: { title: "Bob's idea", body: "Let us" } })).json.id as string;
  const myIdea = await api(`/api/v1/campaigns/${cmp.json.id}/ideas`, { as: member, body: { title: "My idea", body: `A ${WORD} idea` } });
  ok(myIdea, 201);
  ok(await api(`/api/v1/ideas/${bobIdea}/support`, { as: member, method: "PUT" }), 200);
  ok(await api(`/api/v1/ideas/${bobIdea}/status`, { as: member, method: "PATCH", body: { status: "studied", reason: "Looking" } }), 200);
  ok(await api("/api/v1/coffee/rooms", { as: member, body: { title: "Member's coffee" } }), 201);
  const coffeeRoom = (await api("/api/v1/coffee/rooms", { as: member })).json.items.find((r: any) => r.title === "Member's coffee").id as string;
  const sock = await openSocket(`/parties/coffee-room/${coffeeRoom}`, member.cookie);
  await sock.next("welcome");
  sock.ws!.send(JSON.stringify({ type: "chat", text: `A ${WORD} message` }));
  const chat = await sock.next("chat");
  sock.ws!.send(JSON.stringify({ type: "react", messageId: chat.id, kind: "like" }));
  await sock.next("react");
  sock.ws!.close();
  ok(await send("/api/v1/auth/login", { body: { email: member.email, password: "not the password" } }), 401);

  // Tables without a route of their own here: written straight in D1.
  const now = Date.now();
  const member2 = member.id;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO questions (post_id, group_id, author_id, created_at) VALUES (?, ?, ?, ?)").bind(post, group, member2, now),
    env.DB.prepare("INSERT INTO answer_votes (comment_id, user_id, post_id, created_at) VALUES (?, ?, ?, ?)").bind(bobComment, member2, post, now),
    env.DB.prepare("INSERT INTO support_members (group_id, user_id, created_at) VALUES (?, ?, ?)").bind(group, member2, now),
    env.DB.prepare("INSERT INTO group_promises (group_id, mode, hours, updated_by, updated_at) VALUES (?, 'hours', 4, ?, ?)").bind(group, member2, now),
    env.DB.prepare("UPDATE network_settings SET updated_by = ? WHERE id = 1").bind(member2),
    env.DB.prepare("INSERT INTO charter_acceptances (user_id, version, accepted_at) VALUES (?, 99, ?)").bind(member2, now),
    env.DB.prepare("INSERT INTO invitations (id, token_hash, email, role, name, invited_by, created_at, expires_at, accepted_at, accepted_user_id) VALUES (?, ?, ?, 'member', ?, ?, ?, ?, ?, ?)").bind(`inv_${member2.slice(4)}`, crypto.randomUUID(), member.email, NAME, admin.id, now, now + 1, now, member2),
    env.DB.prepare("INSERT INTO invitations (id, token_hash, email, role, name, invited_by, created_at, expires_at) VALUES (?, ?, ?, 'member', 'Someone', ?, ?, ?)").bind(`inv_x${member2.slice(5)}`, crypto.randomUUID(), `someone.${member2.slice(-6)}@example.test`, member2, now, now + 1),
    env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES ('pai_test', ?, 1)").bind(member2),
    env.DB.prepare("INSERT INTO coffee_left_out (week, user_id, reason) VALUES (2, ?, 'odd_one_out')").bind(member2),
    env.DB.prepare("INSERT INTO webhook_endpoints (id, url, events, secret, created_by, created_at, updated_at) VALUES (?, 'https://hooks.example.com/', '[\"webhook.test\"]', 'whsec_x', ?, ?, ?)").bind(`whk_${member2.slice(4)}`, member2, now, now),
    env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, created_at, updated_at) VALUES (?, 'whk_other', 'post.created', ?, 'succeeded', ?, ?)").bind(`msg_${member2.slice(4)}`, JSON.stringify({ type: "post.created", data: { postId: post, authorId: member2 } }), now, now),
    env.DB.prepare("INSERT INTO audit_log (id, actor_id, action, target_type, target_id, group_id, before, after, created_at) VALUES (?, ?, 'member.role', 'user', ?, NULL, ?, ?, ?)").bind(`aud_${member2.slice(4)}`, admin.id, member2, JSON.stringify({ name: NAME, email: member.email, role: "member" }), JSON.stringify({ role: "member" }), now),
    env.DB.prepare("INSERT INTO idempotency_keys (user_id, key, fingerprint, status, content_type, body, created_at) VALUES (?, 'k1', 'f', 201, 'application/json', ?, ?)").bind(member2, JSON.stringify({ id: post }), now),
    env.DB.prepare("INSERT INTO idempotency_keys (user_id, key, fingerprint, status, content_type, body, created_at) VALUES (?, 'k2', 'f', 200, 'application/json', ?, ?)").bind(bob.id, JSON.stringify({ author: { id: member2, name: NAME } }), now),
    env.DB.prepare("UPDATE reports SET resolved_by = ? WHERE reporter_id = ?").bind(member2, member2),
  ]);
  const file = await env.DB.prepare("SELECT key FROM files WHERE owner_id = ?").bind(member.id).first<{ key: string }>();
  const avatarKey = (await env.DB.prepare("SELECT avatar_key FROM users WHERE id = ?").bind(member.id).first<{ avatar_key: string }>())!.avatar_key;
  return { word: WORD, name: NAME, surname: last, member, bob, admin, group, post, comment: c.json.id, fileKey: file!.key, avatarKey, coffeeRoom };
}

describe("the privacy registry covers the whole schema", () => {
  it("has an entry for every table of the database, FTS indexes and their storage included", async () => {
    const missing = (await schemaTables()).map((t) => t.name).filter((name) => !(name in REGISTRY));
    expect(missing, `tables without an entry in worker/services/privacy/registry.ts (say what export and erasure do with them): ${missing.join(", ")}`).toEqual([]);
  });

  it("names only columns that exist", async () => {
    for (const [table, rule] of Object.entries(REGISTRY)) {
      const cols = new Set(await columnsOf(table));
      if (cols.size === 0) continue; // the platform's own tables, absent here
      for (const c of [...(rule.ids ?? []), ...(rule.emails ?? []), ...(rule.reassign ?? []), ...(rule.scrub ?? [])]) expect(cols.has(c), `${table}.${c}`).toBe(true);
    }
  });
});

describe("GET /api/v1/me/export", () => {
  it("holds every row that names the member, without secrets, with their room messages and files", { timeout: 90_000 }, async () => {
    const s = await seed();
    await queueSettled();
    const carrying = await rowsContaining(s.member.id);
    const res = await api("/api/v1/me/export", { as: s.member });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="comptoir-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const archive = res.json;
    expect(archive.memberId).toBe(s.member.id);

    const expected = carrying.filter((c) => !(NOT_IN_EXPORT[c.table] ?? []).includes(c.column) && !c.table.includes("fts"));
    expect(expected.length).toBeGreaterThan(30);
    const tablesSeen = new Set<string>();
    for (const { table, row } of expected) {
      const visible = Object.fromEntries(Object.entries(row).filter(([k]) => !(SECRETS[table] ?? []).includes(k)));
      expect(archive.tables[table] ?? [], `a row of ${table} naming the member is missing from the export: ${JSON.stringify(visible)}`).toContainEqual(visible);
      tablesSeen.add(table);
    }
    // The tables the seed wrote, by hand: each must have reached the archive.
    for (const t of ["users", "sessions", "posts", "comments", "reactions", "link_ratings", "reports", "tag_follows", "member_follows", "thread_follows", "files", "notifications", "quiet_hours", "api_tokens", "coffee_optins", "coffee_rooms", "coffee_pairing_members", "coffee_left_out", "groups", "group_members", "incoming_hooks", "campaigns", "ideas", "idea_supports", "idea_history", "questions", "answer_votes", "support_members", "group_promises", "network_settings", "charter_acceptances", "invitations", "webhook_endpoints", "audit_log", "idempotency_keys"]) {
      expect(tablesSeen.has(t), `the seed wrote ${t}`).toBe(true);
    }
    // No secret anywhere.
    const text = res.text;
    for (const k of ['"password_hash"', '"token_hash"', '"secret"', '"previous_secret"']) expect(text).not.toContain(k);
    expect(archive.rooms).toEqual([{ kind: "coffee-room", roomId: s.coffeeRoom, frames: [expect.objectContaining({ type: "chat", text: `A ${s.word} message`, from: expect.objectContaining({ id: s.member.id }) })] }]);
    expect(archive.files).toEqual([expect.objectContaining({ name: "notes.txt", url: expect.stringMatching(/\/api\/v1\/files\/fil_/) })]);
    // Someone else's archive holds none of it.
    const other = await api("/api/v1/me/export", { as: s.bob });
    expect(other.json.tables.posts?.some((p: any) => p.author_id === s.member.id) ?? false).toBe(false);
  });
});

describe.each(["anonymise", "delete"] as const)("erasure with the setting %s", (mode) => {
  it("leaves no row, index, file or room frame holding the member's id, email or name", { timeout: 90_000 }, async () => {
    await env.DB.prepare("UPDATE network_settings SET erasure = ? WHERE id = 1").bind(mode).run();
    const s = await seed();
    await queueSettled();
    const res = await api("/api/v1/me", { as: s.member, method: "DELETE", body: { password: PASSWORD } });
    expect(res.status, res.text.slice(0, 300)).toBe(204);
    expect(res.headers.get("Set-Cookie") ?? "").toMatch(/comptoir_session=;/);
    await expectError(await api("/api/v1/me", { as: s.member }), 401, "unauthenticated");

    const left = await rowsContaining(s.member.id, s.member.email, s.name);
    expect(left.map((l) => `${l.table}.${l.column} holds ${l.needle}`), "rows still holding the member's id, email or name").toEqual([]);
    // (Their handle stays in others' words where others @mentioned them; the mention's link now leads to the placeholder.)
    for (const word of [s.surname.toLowerCase()]) expect(await ftsHits(word), `the indexes still find ${word}`).toEqual([]);
    // The placeholder: a new id, "Deleted member", deactivated, erased.
    const audit = await env.DB.prepare("SELECT actor_id, target_id, after FROM audit_log WHERE action = 'member.erase' ORDER BY id DESC LIMIT 1").first<{ actor_id: string; target_id: string; after: string }>();
    const placeholder = await env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(audit!.target_id).first<Record<string, any>>();
    expect(placeholder).toMatchObject({ name: "Deleted member", role: "member", password_hash: "" });
    expect(placeholder!.erased_at).toBeGreaterThan(0);
    expect(placeholder!.deactivated_at).toBeGreaterThan(0);
    expect(audit!.actor_id).toBe(placeholder!.id);
    expect(JSON.parse(audit!.after)).toEqual({ erasure: mode, by: "self" });
    const post = await env.DB.prepare("SELECT author_id, body, deleted_at FROM posts WHERE id = ?").bind(s.post).first<Record<string, any>>();
    expect(post!.author_id).toBe(placeholder!.id);
    if (mode === "anonymise") {
      expect(post).toMatchObject({ body: expect.stringContaining(s.word), deleted_at: null });
      const seen = await api(`/api/v1/posts/${s.post}`, { as: s.bob });
      expect(seen.json.author).toMatchObject({ id: placeholder!.id, name: "Deleted member" });
      // Kept under the placeholder: the post, the idea and the comment.
      expect(await ftsHits(s.word)).toEqual(["comments_fts: 1", "posts_fts: 2"]);
    } else {
      expect(post).toMatchObject({ body: "", deleted_at: expect.any(Number) });
      expect(await ftsHits(s.word)).toEqual([]);
    }
    // Their email and password no longer sign anyone in (checked last: the failed attempt is itself throttle data).
    await expectError(await send("/api/v1/auth/login", { body: { email: s.member.email, password: PASSWORD } }), 401, "invalid_credentials");
    // R2: neither their upload nor their avatar, nor anything under their id.
    expect(await env.FILES.head(s.fileKey)).toBeNull();
    expect(await env.FILES.head(s.avatarKey)).toBeNull();
    const keys = (await env.FILES.list({ limit: 1000 })).objects.map((o) => o.key);
    expect(keys.filter((k) => k.includes(s.member.id))).toEqual([]);
    // The coffee room's stored frames: their message and their reaction are gone, nothing names them.
    const sock = await openSocket(`/parties/coffee-room/${s.coffeeRoom}`, s.bob.cookie);
    const welcome = await sock.next("welcome");
    sock.ws!.close();
    expect(JSON.stringify(welcome.backlog)).not.toContain(s.member.id);
    expect(welcome.backlog.filter((f: any) => f.type === "chat" || f.type === "react")).toEqual([]);
    // Bob's own room keeps no frame naming them.
    const bobRoom = await openSocket(`/parties/user-room/${s.bob.id}`, s.bob.cookie);
    const bobWelcome = await bobRoom.next("welcome");
    bobRoom.ws!.close();
    expect(JSON.stringify(bobWelcome.backlog)).not.toContain(s.member.id);
    expect(JSON.stringify(bobWelcome.backlog)).not.toContain(s.name);
  });
});

describe("confirming an erasure", () => {
  it("refuses a wrong password (401, counted by the sign-in throttle) and a missing one without a recent SSO sign-in (400), erasing nothing", async () => {
    const m = await createMember();
    const before = await tableCounts();
    await expectError(await api("/api/v1/me", { as: m, method: "DELETE", body: { password: "not my password" } }), 401, "invalid_credentials");
    const missing = await expectError(await api("/api/v1/me", { as: m, method: "DELETE", body: {} }), 400, "validation_failed");
    expect(missing.details).toEqual([{ path: "password", message: "Required unless you signed in through SSO in the last 10 minutes" }]);
    // Only the throttle's two failure records were written.
    expect(await tableCounts()).toEqual({ ...before, login_failures: before.login_failures + 2 });
    for (let i = 0; i < 4; i++) await api("/api/v1/me", { as: m, method: "DELETE", body: { password: "still not it" } });
    await expectError(await api("/api/v1/me", { as: m, method: "DELETE", body: { password: PASSWORD } }), 429, "rate_limited");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE id = ?").bind(m.id).first("n")).toBe(1);
  });

  it("is throttled by its own address key too: 100 failures recorded for this member's erasure answer 429, erasing nothing", async () => {
    const m = await createMember();
    // The address limit (LOGIN_MAX_FAILS_PER_ADDRESS, 100) reached under the key the erasure's failures are recorded at.
    const now = Date.now();
    await env.DB.batch(Array.from({ length: 100 }, () => env.DB.prepare("INSERT INTO login_failures (key, at) VALUES (?, ?)").bind(`addr:erase:${m.id}`, now)));
    await expectError(await api("/api/v1/me", { as: m, method: "DELETE", body: { password: PASSWORD } }), 429, "rate_limited");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE id = ? AND erased_at IS NULL").bind(m.id).first("n")).toBe(1);
  });

  it("takes a session that began through SSO within 10 minutes instead of the password, not an older one", async () => {
    const m = await createMember();
    const old = await newSession(m);
    const hash = async (cookie: string) => {
      const token = cookie.split("=")[1];
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    };
    await env.DB.prepare("UPDATE sessions SET sso_at = ? WHERE token_hash = ?").bind(Date.now() - 11 * 60_000, await hash(old.cookie)).run();
    await expectError(await api("/api/v1/me", { as: old, method: "DELETE", body: {} }), 400, "validation_failed");
    await env.DB.prepare("UPDATE sessions SET sso_at = ? WHERE token_hash = ?").bind(Date.now() - 60_000, await hash(m.cookie)).run();
    expect((await api("/api/v1/me", { as: m, method: "DELETE", body: {} })).status).toBe(204);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE id = ?").bind(m.id).first("n")).toBe(0);
  });
});

describe("DELETE /api/v1/admin/members/:id", () => {
  it("erases a member, audited with the administrator as actor and the placeholder as target; then 404", async () => {
    const admin = await createMember({ role: "admin" });
    const m = await createMember({ name: "Erased By Admin" });
    const res = await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "DELETE" });
    expect(res.status, res.text).toBe(204);
    const audit = await env.DB.prepare("SELECT actor_id, target_id, target_type, after FROM audit_log WHERE action = 'member.erase' AND actor_id = ?").bind(admin.id).all<Record<string, string>>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0].target_id).not.toBe(m.id);
    expect(JSON.parse(audit.results[0].after)).toEqual({ erasure: expect.any(String), by: "admin" });
    expect(await env.DB.prepare("SELECT name FROM users WHERE id = ?").bind(audit.results[0].target_id).first("name")).toBe("Deleted member");
    await expectError(await api(`/api/v1/admin/members/${m.id}`, { as: admin, method: "DELETE" }), 404, "not_found");
    await expectError(await api(`/api/v1/admin/members/${audit.results[0].target_id}`, { as: admin, method: "DELETE" }), 404, "not_found");
    await expectError(await api(`/api/v1/admin/members/${admin.id}`, { as: admin, method: "DELETE" }), 409, "conflict");
  });

  it("erases once when two administrators erase the same member at the same time", async () => {
    const [a, b] = [await createMember({ role: "admin" }), await createMember({ role: "admin" })];
    const m = await createMember();
    const answers = await Promise.all([a, b].map((who) => api(`/api/v1/admin/members/${m.id}`, { as: who, method: "DELETE" })));
    expect(answers.map((r) => r.status).sort()).toEqual([204, 404]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'member.erase' AND actor_id IN (?, ?)").bind(a.id, b.id).first("n")).toBe(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE name = 'Deleted member' AND created_at >= ?").bind(Date.now() - 60_000).first("n")).toBeGreaterThanOrEqual(1);
  });
});
