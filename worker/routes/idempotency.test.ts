import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runScheduled } from "../jobs/scheduled";
import { api, createMember, expectError, queueSettled, tableCounts, type TestMember } from "../test/factories";

// API.md "Conventions": a POST may carry an `Idempotency-Key`; the same key from the same member within 24 hours
// answers the first answer again and writes nothing more.

async function openGroup(owner: TestMember) {
  const res = await api("/api/v1/groups", { as: owner, body: { name: `Idem ${Math.random()}`, description: "", visibility: "open", kind: "community" } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const postsIn = async (groupId: string) => (await env.DB.prepare("SELECT count(*) AS n FROM posts WHERE group_id = ?").bind(groupId).first<{ n: number }>())!.n;
const keyed = (key: string) => ({ "Idempotency-Key": key });

describe("Idempotency-Key", () => {
  it("answers the first success again, marked as replayed, and writes one post", async () => {
    const ana = await createMember();
    const gid = await openGroup(ana);
    const first = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Once only" }, headers: keyed("k-1") });
    const again = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Once only" }, headers: keyed("k-1") });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect([first.headers.get("Idempotent-Replayed"), again.headers.get("Idempotent-Replayed")]).toEqual([null, "true"]);
    expect(again.json).toEqual(first.json);
    expect(await postsIn(gid)).toBe(1);
    // Without a key, or with another one, it is a new post.
    expect((await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Once only" } })).status).toBe(201);
    expect((await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Once only" }, headers: keyed("k-2") })).status).toBe(201);
    expect(await postsIn(gid)).toBe(3);
  });

  it("keeps keys per member: another member's same key is their own", async () => {
    const ana = await createMember();
    const bob = await createMember();
    const gid = await openGroup(ana);
    expect((await api(`/api/v1/groups/${gid}/join`, { as: bob, method: "POST" })).status).toBe(200);
    const byAna = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Same key" }, headers: keyed("shared") });
    const byBob = await api(`/api/v1/groups/${gid}/posts`, { as: bob, body: { body: "Same key" }, headers: keyed("shared") });
    expect([byAna.status, byBob.status, byBob.headers.get("Idempotent-Replayed")]).toEqual([201, 201, null]);
    expect(byBob.json.id).not.toBe(byAna.json.id);
    expect(await postsIn(gid)).toBe(2);
  });

  it("refuses a malformed key, and a key used for another request, writing nothing", async () => {
    const ana = await createMember();
    const gid = await openGroup(ana);
    expect((await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "First" }, headers: keyed("k-used") })).status).toBe(201);
    // The earlier cases' posts notify through the queue, which may still be writing.
    await queueSettled();
    const before = await tableCounts();
    const table: [string, string, unknown][] = [
      ["a space inside", "two words", { body: "x" }],
      ["non-ASCII", "clé", { body: "x" }],
      ["256 characters", "k".repeat(256), { body: "x" }],
      ["another body", "k-used", { body: "Second" }],
    ];
    for (const [what, key, body] of table) {
      const res = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body, headers: keyed(key) });
      const error = await expectError(res, 400, "validation_failed");
      expect(error.details, what).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("keeps no refusal: the same key may try again once the request is right", async () => {
    const ana = await createMember();
    const gid = await openGroup(ana);
    await expectError(await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "" }, headers: keyed("k-retry") }), 400, "validation_failed");
    // Another body, same key: the refused one kept nothing, so this is the key's first success.
    const ok = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Now with words" }, headers: keyed("k-retry") });
    expect([ok.status, ok.headers.get("Idempotent-Replayed")]).toEqual([201, null]);
  });

  it("does one of many concurrent requests with one key; the others replay it or are told to wait", async () => {
    const ana = await createMember();
    const gid = await openGroup(ana);
    const answers = await Promise.all(Array.from({ length: 6 }, () => api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Raced" }, headers: keyed("k-race") })));
    const firsts = answers.filter((a) => a.status === 201 && a.headers.get("Idempotent-Replayed") === null);
    expect(firsts.length).toBe(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    for (const a of answers.filter((x) => x.status === 201)) expect(a.json.id).toBe(firsts[0].json.id);
    expect(await postsIn(gid)).toBe(1);
  });

  it("forgets a key after 24 hours: the cron sweeps it, and an old key is a new request", async () => {
    const ana = await createMember();
    const gid = await openGroup(ana);
    expect((await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Day one" }, headers: keyed("k-old") })).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = created_at - ? WHERE user_id = ?").bind(24 * 3600_000 + 1000, ana.id).run();
    const later = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: "Day one" }, headers: keyed("k-old") });
    expect([later.status, later.headers.get("Idempotent-Replayed")]).toEqual([201, null]);
    expect(await postsIn(gid)).toBe(2);
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = created_at - ? WHERE user_id = ?").bind(24 * 3600_000 + 1000, ana.id).run();
    await runScheduled({ scheduledTime: Date.now(), cron: "* * * * *", noRetry() {} } as ScheduledController, env, {} as ExecutionContext);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE user_id = ?").bind(ana.id).first<{ n: number }>())!.n).toBe(0);
  });

  it("is ignored without a signed-in caller, and on other methods", async () => {
    const ana = await createMember();
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys").first<{ n: number }>())!.n;
    await expectError(await api("/api/v1/auth/login", { body: { email: ana.email, password: "wrong password!" }, headers: keyed("k-login") }), 401, "invalid_credentials");
    expect((await api("/api/v1/me/profile", { as: ana, method: "PATCH", body: { title: "Tester" }, headers: keyed("k-patch") })).status).toBe(200);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys").first<{ n: number }>())!.n).toBe(before);
  });
});
