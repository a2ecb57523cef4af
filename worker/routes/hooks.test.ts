import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RATE_WINDOW_MS } from "../services/rate";
import { fanOutPost } from "../services/notifications/fanout";
import { api, createMember, expectError, send, testContext, type TestMember } from "../test/factories";
import { PNG } from "../test/images";

/**
 * Incoming hooks (API.md "Integrations"): a group's animators make them; their secret URL takes `{text}` without any
 * session and posts into the group as the integration, seen by the group's readers only.
 */

type Fixture = { owner: TestMember; member: TestMember; outsider: TestMember; group: string };

async function groupWith(visibility: "open" | "private" | "secret"): Promise<Fixture> {
  const owner = await createMember();
  const member = await createMember();
  const outsider = await createMember();
  const res = await api("/api/v1/groups", { as: owner, body: { name: `Hooks ${visibility} ${Date.now()}`, description: "", visibility, kind: "project" } });
  expect(res.status, res.text).toBe(201);
  const group = res.json.id as string;
  expect((await api(`/api/v1/groups/${group}/members`, { as: owner, body: { userId: member.id, role: "member" } })).status).toBe(201);
  return { owner, member, outsider, group };
}

async function makeHook(f: Fixture, name = "CI") {
  const res = await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body: { name } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; name: string; url: string; avatarUrl: string | null; lastUsedAt: number | null; createdAt: number };
}

/** A post through the hook's URL as an integration sends it: plain JSON, no cookie, no Origin. */
function hookPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  return send(new URL(url).pathname, { body, origin: null, headers });
}

describe("managing a group's hooks", () => {
  it("the owner makes one: its URL once (origin + /api/v1/hooks/ + secret), lists without it, revokes it", async () => {
    const f = await groupWith("private");
    const hook = await makeHook(f, "Build bot");
    expect(hook).toEqual({ id: expect.stringMatching(/^hok_/), name: "Build bot", avatarUrl: null, url: expect.stringMatching(/^http:\/\/example\.test\/api\/v1\/hooks\/[A-Za-z0-9_-]{43}$/), lastUsedAt: null, createdAt: expect.any(Number) });
    const secret = hook.url.split("/hooks/")[1];
    const row = await env.DB.prepare("SELECT token_hash FROM incoming_hooks WHERE id = ?").bind(hook.id).first<{ token_hash: string }>();
    expect(row!.token_hash).not.toBe(secret);
    const list = await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([{ ...hook, url: null }]);
    expect(list.text).not.toContain(secret);
    expect((await api(`/api/v1/groups/${f.group}/hooks/${hook.id}`, { as: f.owner, method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner })).json.items).toEqual([]);
    await expectError(await api(`/api/v1/groups/${f.group}/hooks/${hook.id}`, { as: f.owner, method: "DELETE" }), 404, "not_found");
    await expectError(await hookPost(hook.url, { text: "After revocation" }), 404, "not_found");
  });

  /** Who may make, list and revoke hooks: written by hand (animators, owners and administrators; 404 where the group is unseen). */
  const RIGHTS: [string, "private" | "secret", "member" | "outsider" | "guest" | "admin" | "animator", number, number, number][] = [
    ["a member who is not an animator, private group", "private", "member", 403, 403, 403],
    ["an outsider, private group (listed to members: 403)", "private", "outsider", 403, 403, 403],
    ["an outsider, secret group", "secret", "outsider", 404, 404, 404],
    ["a guest, private group", "private", "guest", 404, 404, 404],
    ["an animator", "secret", "animator", 201, 200, 204],
    ["an administrator outside the group", "secret", "admin", 201, 200, 204],
  ];
  it.each(RIGHTS)("%s → POST %s, GET %s, DELETE %s", async (_name, visibility, who, post, list, del) => {
    const f = await groupWith(visibility);
    let caller: TestMember;
    if (who === "member") caller = f.member;
    else if (who === "outsider") caller = f.outsider;
    else if (who === "guest") caller = await createMember({ role: "guest" });
    else if (who === "admin") caller = await createMember({ role: "admin" });
    else {
      caller = f.member;
      expect((await api(`/api/v1/groups/${f.group}/members`, { as: f.owner, body: { userId: f.member.id, role: "animator" } })).status).toBe(201);
    }
    const existing = await makeHook(f);
    const made = await api(`/api/v1/groups/${f.group}/hooks`, { as: caller, body: { name: "Theirs" } });
    const listed = await api(`/api/v1/groups/${f.group}/hooks`, { as: caller });
    const revoked = await api(`/api/v1/groups/${f.group}/hooks/${existing.id}`, { as: caller, method: "DELETE" });
    expect([made.status, listed.status, revoked.status]).toEqual([post, list, del]);
  });

  it("bad input → 400 and nothing made; the permission comes first (a member's bad input → 403)", async () => {
    const f = await groupWith("open");
    for (const body of [{}, { name: "" }, { name: "x".repeat(81) }, { name: "CI", extra: 1 }, { name: "CI", avatarUploadId: "not-an-id" }]) {
      await expectError(await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body }), 400, "validation_failed");
    }
    await expectError(await api(`/api/v1/groups/${f.group}/hooks`, { as: f.member, body: { name: "" } }), 403, "forbidden");
    expect((await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner })).json.items).toEqual([]);
  });

  it("an avatar from one's own upload; another member's upload → 400", async () => {
    const f = await groupWith("open");
    const up = await api("/api/v1/uploads?filename=bot.png", { as: f.owner, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(up.status, up.text).toBe(201);
    const theirs = await api("/api/v1/uploads?filename=bot.png", { as: f.member, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    await expectError(await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body: { name: "CI", avatarUploadId: theirs.json.id } }), 400, "validation_failed");
    const res = await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner, body: { name: "CI", avatarUploadId: up.json.id } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.avatarUrl).toBe(`/api/v1/files/avatars/${res.json.id}/${up.json.id}`);
    const image = await send(res.json.avatarUrl, { as: f.member });
    expect(image.status).toBe(200);
  });
});

describe("posting through a hook", () => {
  it("201 {postId}; Slack's other fields ignored; the post is the integration's, in the group, seen by its readers only", async () => {
    const f = await groupWith("private");
    const hook = await makeHook(f, "Jenkins");
    const res = await hookPost(hook.url, { text: "Build 42 passed", username: "ignored", icon_emoji: ":robot:", attachments: [{ text: "ignored" }], blocks: [] });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.json)).toEqual(["postId"]);
    const { postId } = res.json;
    const seen = await api(`/api/v1/posts/${postId}`, { as: f.member });
    expect(seen.status).toBe(200);
    expect(seen.json.author).toEqual({ id: hook.id, name: "Jenkins", avatarUrl: null, integration: true });
    expect(seen.json.kind).toBe("discussion");
    expect(seen.json.body).toBe("Build 42 passed");
    expect(seen.json.can).toEqual({ edit: false, delete: false, moderate: false });
    // The owner moderates it like any post, but nobody edits it.
    const byOwner = await api(`/api/v1/posts/${postId}`, { as: f.owner });
    expect(byOwner.json.can).toEqual({ edit: false, delete: true, moderate: true });
    const listed = await api(`/api/v1/groups/${f.group}/posts`, { as: f.member });
    expect(listed.json.items.map((p: any) => [p.id, p.author.integration])).toEqual([[postId, true]]);
    const feed = await api("/api/v1/feed", { as: f.member });
    expect(feed.json.items.map((p: any) => p.id)).toContain(postId);
    // An outsider of the private group never sees it, by any path.
    await expectError(await api(`/api/v1/posts/${postId}`, { as: f.outsider }), 404, "not_found");
    expect((await api("/api/v1/feed", { as: f.outsider })).json.items.map((p: any) => p.id)).not.toContain(postId);
    expect((await api("/api/v1/search?q=Build&type=post", { as: f.outsider })).json.items.map((h: any) => h.id)).not.toContain(postId);
    expect((await api("/api/v1/search?q=Build&type=post", { as: f.member })).json.items.map((h: any) => h.id)).toContain(postId);
    // Its last use shows in the list; the owner hides or deletes it as any post.
    expect((await api(`/api/v1/groups/${f.group}/hooks`, { as: f.owner })).json.items[0].lastUsedAt).toBeGreaterThan(0);
    await expectError(await api(`/api/v1/posts/${postId}`, { as: f.owner, method: "PATCH", body: { body: "Edited" } }), 403, "forbidden");
    expect((await api(`/api/v1/posts/${postId}`, { as: f.owner, method: "DELETE" })).status).toBe(204);
  });

  it("the same fan-out as a member's post: a member hearing every post gets a notification without an actor", async () => {
    const f = await groupWith("open");
    expect((await api(`/api/v1/groups/${f.group}/notifications`, { as: f.member, method: "PUT", body: { level: "all" } })).status).toBe(204);
    const hook = await makeHook(f);
    const { postId } = (await hookPost(hook.url, { text: "Deploy done" })).json;
    await fanOutPost(testContext(), postId);
    const notes = await api("/api/v1/notifications", { as: f.member });
    expect(notes.status, notes.text).toBe(200);
    expect(notes.json.items.filter((n: any) => n.kind === "post").map((n: any) => [n.post.id, n.actor])).toEqual([[postId, null]]);
  });

  it("markdown rendered and sanitised like any post", async () => {
    const f = await groupWith("open");
    const hook = await makeHook(f);
    const text = '**Build** <script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) <a href="https://ok.example" onclick="alert(4)">ok</a>';
    const { postId } = (await hookPost(hook.url, { text })).json;
    const html: string = (await api(`/api/v1/posts/${postId}`, { as: f.member })).json.html;
    // Raw HTML is text, a javascript: link is not a link: the only tags are markdown's own.
    expect(html).toBe(
      "<p><strong>Build</strong> &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; [x](javascript:alert(3)) &lt;a href=&quot;https://ok.example&quot; onclick=&quot;alert(4)&quot;&gt;ok&lt;/a&gt;</p>\n",
    );
  });

  it.each([
    ["no text", {}],
    ["empty text", { text: "" }],
    ["text over 10,000 characters", { text: "x".repeat(10_001) }],
    ["text not a string", { text: 42 }],
    ["not an object", ["Build 42 passed"]],
  ])("%s → 400 validation_failed, nothing posted", async (_name, body) => {
    const f = await groupWith("open");
    const hook = await makeHook(f);
    await expectError(await hookPost(hook.url, body), 400, "validation_failed");
    expect((await api(`/api/v1/groups/${f.group}/posts`, { as: f.member })).json.items).toEqual([]);
  });

  it("malformed JSON → 400 bad_request; an unknown hook → 404; a cross-origin browser with a cookie → 403", async () => {
    const f = await groupWith("open");
    const hook = await makeHook(f);
    const path = new URL(hook.url).pathname;
    await expectError(await send(path, { raw: '{"text":', origin: null, headers: { "Content-Type": "application/json" } }), 400, "bad_request");
    await expectError(await send("/api/v1/hooks/not-a-real-secret", { body: { text: "Hello" }, origin: null }), 404, "not_found");
    await expectError(await send(path, { body: { text: "Forged" }, as: f.member, origin: "https://evil.test" }), 403, "forbidden");
    expect((await api(`/api/v1/groups/${f.group}/posts`, { as: f.member })).json.items).toEqual([]);
  });

  it("past HOOK_POSTS_PER_MINUTE (30) for the hook → 429 rate_limited with Retry-After", async () => {
    const f = await groupWith("open");
    const hook = await makeHook(f);
    if (Date.now() % RATE_WINDOW_MS > RATE_WINDOW_MS - 3000) await new Promise((r) => setTimeout(r, 3500));
    const now = Date.now();
    await env.DB.prepare("INSERT INTO rate_windows (key, window_start, count) VALUES (?, ?, ?)").bind(`hook:${hook.id}`, now - (now % RATE_WINDOW_MS), 29).run();
    expect((await hookPost(hook.url, { text: "The 30th" })).status).toBe(201);
    const refused = await hookPost(hook.url, { text: "The 31st" });
    await expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await api(`/api/v1/groups/${f.group}/posts`, { as: f.member })).json.items.map((p: any) => p.body)).toEqual(["The 30th"]);
  });
});
