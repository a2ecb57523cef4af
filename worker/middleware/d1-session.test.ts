import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { serviceContext } from "../context";
import { api, createMember, ORIGIN, PASSWORD, send, workerFetch } from "../test/factories";
import { countedD1, validBookmark } from "../db/trips";

/** The `d1-trips` and `d1-rows` of an answer's Server-Timing header (NaN when missing). */
function timing(headers: Headers) {
  const h = headers.get("Server-Timing") ?? "";
  return { trips: Number(/d1-trips;[^,]*dur=(\d+)/.exec(h)?.[1] ?? NaN), rows: Number(/d1-rows;[^,]*dur=(\d+)/.exec(h)?.[1] ?? NaN) };
}

describe("the counted D1 binding", () => {
  it("counts one trip per sequential statement or batch, and one for statements in flight together", async () => {
    const stats = { trips: 0 };
    const db = countedD1(env.DB, stats);
    await db.prepare("SELECT 1").first();
    expect(stats.trips).toBe(1);
    await db.prepare("SELECT ?").bind(2).all();
    expect(stats.trips).toBe(2);
    // A batch of statements prepared on the counted binding and on the raw one: one trip, real statements inside.
    const [a, b] = await db.batch<{ v: number }>([db.prepare("SELECT ? AS v").bind(3), env.DB.prepare("SELECT 4 AS v")]);
    expect([a.results[0].v, b.results[0].v]).toEqual([3, 4]);
    expect(stats.trips).toBe(3);
    // Three statements at once: one more trip, not three.
    await Promise.all([db.prepare("SELECT 5").raw(), db.prepare("SELECT 6").run(), db.prepare("SELECT 7 AS v").first("v")]);
    expect(stats.trips).toBe(4);
    // Staggered: the third starts after the first answered, while the second is still in flight: two deep.
    const s2 = { trips: 0 };
    const db2 = countedD1(env.DB, s2);
    const first = db2.prepare("SELECT 1").first();
    const second = db2.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT count(*) FROM c").first();
    await first;
    const third = db2.prepare("SELECT 3").first();
    await Promise.all([second, third]);
    expect(s2.trips).toBe(2);
  });

  it("delays each round trip by the given time, trips in flight together once", async () => {
    const stats = { trips: 0 };
    const db = countedD1(env.DB, stats, 60);
    const t0 = Date.now();
    await db.prepare("SELECT 1").first();
    await Promise.all([db.prepare("SELECT 2").first(), db.prepare("SELECT 3").first()]);
    const ms = Date.now() - t0;
    expect(stats.trips).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(115);
  });

  it("ignores a malformed bookmark and keeps D1's own", () => {
    expect(validBookmark("00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683")).not.toBeNull();
    for (const bad of [undefined, "", "garbage", "first-primary", "00000085-zz", "0".repeat(300), "a-b; Secure", "00000085-0000024c\n"]) {
      expect(validBookmark(bad), String(bad)).toBeNull();
    }
  });
});

describe("Server-Timing and the D1 bookmark on every API answer", () => {
  it("answers d1-rows and d1-trips on a read, a write, an error and a public route", async () => {
    const member = await createMember();
    for (const res of [
      await api("/api/v1/me", { as: member }),
      await api("/api/v1/groups", { as: member, body: { name: "Timing", description: "", visibility: "open", kind: "community" } }),
      await api("/api/v1/groups/grp_0000000000aaaaaaaaaaaaaaaa", { as: member }),
      await api("/api/v1/me"),
      await api("/api/health"),
      await api("/api/v1/no-such-route"),
    ]) {
      const t = timing(res.headers);
      expect(Number.isInteger(t.trips) && Number.isInteger(t.rows), `${res.status} ${res.headers.get("Server-Timing")}`).toBe(true);
    }
    expect(timing((await api("/api/health")).headers).trips).toBe(0);
    expect(timing((await api("/api/v1/me", { as: member })).headers).trips).toBeGreaterThan(0);
  });

  it("answers the session's bookmark in X-D1-Bookmark, and after a write in an HttpOnly, SameSite=Lax cookie", async () => {
    const member = await createMember();
    const read = await api("/api/v1/me", { as: member });
    expect(validBookmark(read.headers.get("X-D1-Bookmark")), String(read.headers.get("X-D1-Bookmark"))).not.toBeNull();
    expect(read.headers.getSetCookie().some((c) => c.startsWith("comptoir_d1=")), "a read gives the header only").toBe(false);
    const res = await api("/api/v1/groups", { as: member, body: { name: "Cookie", description: "", visibility: "open", kind: "community" } });
    expect(res.status).toBe(201);
    const bookmark = res.headers.get("X-D1-Bookmark");
    expect(validBookmark(bookmark), String(bookmark)).toBe(bookmark);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("comptoir_d1=")) ?? "";
    expect(cookie).toContain(`comptoir_d1=${bookmark}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie, "not Secure over plain http").not.toMatch(/Secure/i);
    // A refused write gives no cookie (it wrote nothing).
    const refused = await api("/api/v1/groups", { as: member, body: { name: "" } });
    expect(refused.status).toBe(400);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith("comptoir_d1="))).toBe(false);
    // A sign-in writes the session the next page reads: its answer carries the bookmark's cookie beside the session's.
    const login = await api("/api/v1/auth/login", { body: { email: member.email, password: PASSWORD } });
    expect(login.status, login.text).toBe(200);
    expect(login.headers.getSetCookie().some((c) => c.startsWith("comptoir_d1="))).toBe(true);
    // Over https the cookie is Secure too.
    const https = await workerFetch("https://example.test/api/v1/groups", {
      method: "POST",
      headers: { Cookie: member.cookie, Origin: "https://example.test", "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Secure cookie", description: "", visibility: "open", kind: "community" }),
    });
    expect(https.status).toBe(201);
    expect(https.headers.getSetCookie().find((c) => c.startsWith("comptoir_d1=")) ?? "").toMatch(/Secure/i);
  });

  it("reads a member's own write through a session started with the bookmark they were given", async () => {
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: member, body: { name: "Bookmarks", description: "", visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    const wrote = await api(`/api/v1/groups/${group.json.id}/posts`, { as: member, body: { body: "Read your writes" } });
    expect(wrote.status, wrote.text).toBe(201);
    const bookmark = wrote.headers.get("X-D1-Bookmark");
    expect(validBookmark(bookmark), String(bookmark)).toBe(bookmark);
    // Through the service context a request with that bookmark gets (a session anchored at it), the post is there.
    const ctx = serviceContext(env, ORIGIN, "req_ryw", bookmark!);
    const row = await ctx.env.DB.prepare("SELECT body FROM posts WHERE id = ?").bind(wrote.json.id).first<{ body: string }>();
    expect(row?.body).toBe("Read your writes");
    expect(validBookmark(ctx.d1.getBookmark())).not.toBeNull();
    // Over HTTP: an API client sends the header back, a browser the cookie; both read the post.
    const byHeader = await send(`/api/v1/posts/${wrote.json.id}`, { as: member, origin: null, headers: { "X-D1-Bookmark": bookmark! } });
    expect(byHeader.status, byHeader.text).toBe(200);
    expect(byHeader.json.body).toBe("Read your writes");
    const byCookie = await send(`/api/v1/posts/${wrote.json.id}`, { headers: { Cookie: `${member.cookie}; comptoir_d1=${bookmark}` } });
    expect(byCookie.status, byCookie.text).toBe(200);
    expect(validBookmark(byCookie.headers.get("X-D1-Bookmark"))).not.toBeNull();
  });

  it("reads without a bookmark (unconstrained) and answers a garbage bookmark as if there were none", async () => {
    const member = await createMember();
    const plain = await api("/api/v1/feed", { as: member });
    expect(plain.status, plain.text).toBe(200);
    for (const garbage of ["garbage", "00000085-zz", "x".repeat(500), "first-primary"]) {
      const byHeader = await api("/api/v1/feed", { as: member, headers: { "X-D1-Bookmark": garbage } });
      expect(byHeader.status, byHeader.text).toBe(200);
      const byCookie = await send("/api/v1/me", { headers: { Cookie: `${member.cookie}; comptoir_d1=${encodeURIComponent(garbage)}` } });
      expect(byCookie.status, byCookie.text).toBe(200);
      expect(validBookmark(byCookie.headers.get("X-D1-Bookmark")), "D1's own bookmark, not the garbage").not.toBeNull();
    }
    const write = await api("/api/v1/groups", { as: member, body: { name: "Garbage", description: "", visibility: "open", kind: "community" }, headers: { "X-D1-Bookmark": "garbage" } });
    expect(write.status, write.text).toBe(201);
  });
});

describe("the hot reads start with the session check (the hint cookie)", () => {
  const hintOf = (res: { headers: Headers }) => res.headers.getSetCookie().find((c) => c.startsWith("comptoir_who="))?.split(";")[0];

  it("gives the hint on a session's answer, then reads in one round trip with it", async () => {
    const member = await createMember();
    const first = await api("/api/v1/me", { as: member });
    expect(first.status).toBe(200);
    expect(timing(first.headers).trips, "without the hint: the session check, then the data").toBe(2);
    const hint = hintOf(first);
    expect(hint).toBeDefined();
    expect(first.headers.getSetCookie().find((c) => c.startsWith("comptoir_who="))).toMatch(/HttpOnly/i);
    const again = await send("/api/v1/me", { headers: { Cookie: `${member.cookie}; ${hint}` } });
    expect(again.status).toBe(200);
    expect(again.json.user.id).toBe(member.id);
    expect(timing(again.headers).trips, "with it: together").toBe(1);
    expect(hintOf(again), "an unchanged hint is not set again").toBeUndefined();
  });

  it("answers for the session's member, never the hint's: a forged hint naming an administrator is thrown away", async () => {
    const admin = await createMember({ role: "admin", name: "Hinted Admin" });
    const member = await createMember({ name: "Real Member" });
    const adminHint = hintOf(await api("/api/v1/me", { as: admin }))!;
    const res = await send("/api/v1/me", { headers: { Cookie: `${member.cookie}; ${adminHint}` } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.user.id).toBe(member.id);
    expect(res.json.can).toEqual((await api("/api/v1/me", { as: member })).json.can);
    expect(timing(res.headers).trips, "the guess's trip, then the request again").toBeGreaterThan(2);
    expect(hintOf(res), "the right hint replaces it").toBeDefined();
    expect(hintOf(res)).not.toBe(adminHint);
    // The administrator's notifications, read under the forged hint, never reach the member.
    const listed = await send("/api/v1/notifications", { headers: { Cookie: `${member.cookie}; ${adminHint}` } });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual((await api("/api/v1/notifications", { as: member })).json);
  });

  it("answers 401 to a dead session whatever the hint says, and drops the hint", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const hint = hintOf(await api("/api/v1/me", { as: member }))!;
    const off = await api(`/api/v1/admin/users/${member.id}/deactivate`, { as: admin, method: "POST" });
    expect(off.status).toBe(204);
    for (const path of ["/api/v1/me", "/api/v1/feed", "/api/v1/users"]) {
      const res = await send(path, { headers: { Cookie: `${member.cookie}; ${hint}` } });
      expect(res.status, `${path} ${res.text}`).toBe(401);
      expect(res.headers.getSetCookie().find((c) => c.startsWith("comptoir_who=")), "the hint is cleared").toMatch(/Max-Age=0/);
    }
    const unknown = await send("/api/v1/me", { headers: { Cookie: `comptoir_session=not-a-live-session-token-0000000000000000000; ${hint}` } });
    expect(unknown.status).toBe(401);
  });

  it("writes nothing in the name of a hint the session check does not confirm", async () => {
    const victim = await createMember();
    const author = await createMember();
    const group = await api("/api/v1/groups", { as: author, body: { name: "Must read", description: "", visibility: "open", kind: "community" } });
    expect((await api(`/api/v1/groups/${group.json.id}/join`, { as: victim, method: "POST" })).status).toBe(200);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: author, body: { body: "Read me", kind: "announcement", mustRead: true } });
    expect(post.status, post.text).toBe(201);
    const victimHint = hintOf(await api("/api/v1/me", { as: victim }))!;
    // The author opens the announcement with the victim's hint: the read is the author's, none is recorded for the victim.
    // The first run's held write, refused, is an expected end (its 401 thrown away), not an error to log.
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await send(`/api/v1/posts/${post.json.id}`, { headers: { Cookie: `${author.cookie}; ${victimHint}` } });
    const logged = errors.mock.calls.map((call) => String(call[0]));
    errors.mockRestore();
    expect(res.status, res.text).toBe(200);
    expect(logged).toEqual([]);
    const reads = await env.DB.prepare("SELECT user_id FROM post_reads WHERE post_id = ?").bind(post.json.id).all<{ user_id: string }>();
    expect(reads.results.map((r) => r.user_id)).not.toContain(victim.id);
    // The victim opening it themselves records their read.
    expect((await send(`/api/v1/posts/${post.json.id}`, { headers: { Cookie: `${victim.cookie}; ${victimHint}` } })).status).toBe(200);
    const after = await env.DB.prepare("SELECT user_id FROM post_reads WHERE post_id = ?").bind(post.json.id).all<{ user_id: string }>();
    expect(after.results.map((r) => r.user_id)).toContain(victim.id);
  });

  it("runs an everyday write with the session check, and once more as the session's member when the hint names another", async () => {
    const author = await createMember();
    const other = await createMember();
    const group = await api("/api/v1/groups", { as: author, body: { name: "Hinted writes", description: "", visibility: "open", kind: "community" } });
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: author, body: { body: "Comment me" } });
    expect(post.status, post.text).toBe(201);
    const authorHint = hintOf(await api("/api/v1/me", { as: author }))!;
    const otherHint = hintOf(await api("/api/v1/me", { as: other }))!;
    const right = await send(`/api/v1/posts/${post.json.id}/comments`, { method: "POST", body: { body: "With my own hint" }, headers: { Cookie: `${author.cookie}; ${authorHint}` } });
    expect(right.status, right.text).toBe(201);
    expect(timing(right.headers).trips, "the session check with the reads, then the writes").toBe(2);
    // The author writes with the other member's hint: the first run's writes are refused, the second writes as the author.
    const wrong = await send(`/api/v1/posts/${post.json.id}/comments`, { method: "POST", body: { body: "With a forged hint" }, headers: { Cookie: `${author.cookie}; ${otherHint}` } });
    expect(wrong.status, wrong.text).toBe(201);
    expect(wrong.json.author.id).toBe(author.id);
    expect(wrong.json.body).toBe("With a forged hint");
    const rows = await env.DB.prepare("SELECT author_id, body FROM comments WHERE post_id = ? ORDER BY created_at, id").bind(post.json.id).all<{ author_id: string; body: string }>();
    expect(rows.results).toEqual([
      { author_id: author.id, body: "With my own hint" },
      { author_id: author.id, body: "With a forged hint" },
    ]);
  });

  it("moderates nothing under a forged hint naming the group's owner: a member's pin, hide and delete stay refused", async () => {
    const owner = await createMember();
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: owner, body: { name: "Forged owner", description: "", visibility: "open", kind: "community" } });
    expect((await api(`/api/v1/groups/${group.json.id}/join`, { as: member, method: "POST" })).status).toBe(200);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: owner, body: { body: "Leave me be" } });
    expect(post.status, post.text).toBe(201);
    const ownerHint = hintOf(await api("/api/v1/me", { as: owner }))!;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const answers = [];
    for (const [method, path] of [["PUT", "pin"], ["POST", "hide"], ["DELETE", ""]] as const) {
      const res = await send(`/api/v1/posts/${post.json.id}${path ? `/${path}` : ""}`, { method, headers: { Cookie: `${member.cookie}; ${ownerHint}` } });
      answers.push([method, path, res.status, res.json?.error?.code]);
    }
    const logged = errors.mock.calls.map((call) => String(call[0]));
    errors.mockRestore();
    expect(answers).toEqual([
      ["PUT", "pin", 403, "forbidden"],
      ["POST", "hide", 403, "forbidden"],
      ["DELETE", "", 403, "forbidden"],
    ]);
    expect(logged).toEqual([]);
    const row = await env.DB.prepare("SELECT pinned_at, hidden_at, deleted_at FROM posts WHERE id = ?").bind(post.json.id).first();
    expect(row).toEqual({ pinned_at: null, hidden_at: null, deleted_at: null });
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE target_id = ?").bind(post.json.id).first<{ n: number }>();
    expect(audit?.n).toBe(0);
  });

  it("ignores a malformed hint", async () => {
    const member = await createMember();
    for (const hint of ["x", "%%%", btoa('["usr_x","root","h","n","en",null,null]'), "a".repeat(3000)]) {
      const res = await send("/api/v1/me", { headers: { Cookie: `${member.cookie}; comptoir_who=${hint}` } });
      expect(res.status, hint).toBe(200);
      expect(res.json.user.id).toBe(member.id);
    }
  });
});
