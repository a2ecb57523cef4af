import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { api, createMember, type TestMember } from "../test/factories";

async function group(owner: TestMember, visibility: "open" | "private" | "secret", name = `G ${visibility} ${Math.random()}`) {
  const res = await api("/api/v1/groups", { as: owner, body: { name, description: "About things", visibility, kind: "community" } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function runFanout(postId: string) {
  const batch = createMessageBatch("comptoir-jobs", [{ id: `f-${postId}`, timestamp: new Date(), attempts: 1, body: { kind: "post-fanout", postId } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<any>, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("conversations end to end through HTTP", () => {
  it("joins, posts with a mention, notifies, replies, feeds and finds", async () => {
    const owner = await createMember({ name: "Olga Owner" });
    const ana = await createMember({ name: "Ana Reader" });
    const bob = await createMember({ name: "Bob Mentioned" });
    const gid = await group(owner, "open");

    expect((await api(`/api/v1/groups/${gid}/join`, { as: ana, method: "POST" })).json).toEqual({ state: "member" });
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: ana, body: { body: `Hello @${bob.handle}, see #Toolbox-Tips about **zanzibar**` } });
    expect(post.status).toBe(201);
    expect(post.json.tags).toEqual(["toolbox-tips"]);
    expect(post.json.html).toContain("<strong>zanzibar</strong>");

    const bobNotes = await api("/api/v1/notifications", { as: bob });
    expect(bobNotes.json.unread).toBe(1);
    expect(bobNotes.json.items[0]).toMatchObject({ kind: "mention", post: { id: post.json.id }, actor: { name: "Ana Reader" } });

    const reply = await api(`/api/v1/posts/${post.json.id}/comments`, { as: bob, body: { body: "Thanks, on it" } });
    expect(reply.status).toBe(201);
    const anaNotes = await api("/api/v1/notifications", { as: ana });
    expect(anaNotes.json.items.map((n: any) => n.kind)).toContain("reply");

    expect((await api(`/api/v1/posts/${post.json.id}/reactions/thanks`, { as: owner, method: "PUT" })).status).toBe(204);
    expect((await api(`/api/v1/posts/${post.json.id}`, { as: owner })).json.reactions).toEqual({ thanks: 1 });
    expect((await api(`/api/v1/posts/${post.json.id}/reactions/hug`, { as: owner, method: "PUT" })).status).toBe(400);

    const feed = await api("/api/v1/feed", { as: owner });
    expect(feed.json.items.map((p: any) => p.id)).toContain(post.json.id);
    expect(Number(/d1-rows;.*dur=(\d+)/.exec(feed.headers.get("Server-Timing") ?? "")?.[1])).toBeGreaterThan(0);

    const found = await api("/api/v1/search?q=zanzibar", { as: owner });
    expect(found.json.items[0]).toMatchObject({ type: "post", id: post.json.id });
    expect(found.json.items[0].snippet).toContain("<mark>zanzibar</mark>");
  });

  it("keeps a private group's content from outsiders everywhere", async () => {
    const owner = await createMember();
    const outsider = await createMember();
    const gid = await group(owner, "private");
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: `secret plan quokka @${outsider.handle}` } });
    expect(post.status).toBe(201);
    expect((await api(`/api/v1/posts/${post.json.id}`, { as: outsider })).status).toBe(404);
    expect((await api(`/api/v1/groups/${gid}/posts`, { as: outsider })).status).toBe(403);
    expect((await api("/api/v1/search?q=quokka", { as: outsider })).json.items).toEqual([]);
    expect((await api("/api/v1/notifications", { as: outsider })).json.unread).toBe(0);

    const join = await api(`/api/v1/groups/${gid}/join`, { as: outsider, method: "POST" });
    expect(join.status).toBe(202);
    expect(join.json).toEqual({ state: "pending" });
    const requests = await api(`/api/v1/groups/${gid}/members?state=pending`, { as: owner });
    expect(requests.json.items.map((r: any) => r.member.id)).toEqual([outsider.id]);
    expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: outsider.id } })).status).toBe(201);
    expect((await api(`/api/v1/posts/${post.json.id}`, { as: outsider })).status).toBe(200);
  });

  it("hides a secret group from non-members (404) and fans out announcements", async () => {
    const owner = await createMember();
    const member = await createMember();
    const outsider = await createMember();
    const gid = await group(owner, "secret");
    expect((await api(`/api/v1/groups/${gid}`, { as: outsider })).status).toBe(404);
    expect((await api(`/api/v1/groups/${gid}/join`, { as: outsider, method: "POST" })).status).toBe(404);
    expect((await api("/api/v1/groups?limit=100", { as: outsider })).json.items.map((g: any) => g.id)).not.toContain(gid);
    await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: member.id } });
    const ann = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "All hands friday", kind: "announcement" } });
    expect(ann.status).toBe(201);
    const result = await runFanout(ann.json.id);
    expect(result.explicitAcks).toHaveLength(1);
    const notes = await api("/api/v1/notifications", { as: member });
    expect(notes.json.items.map((n: any) => n.kind)).toContain("announcement");
    const feed = await api("/api/v1/feed", { as: member });
    expect(feed.json.unreadAnnouncements.map((p: any) => p.id)).toEqual([ann.json.id]);
    const opened = await api(`/api/v1/posts/${ann.json.id}`, { as: member });
    expect(opened.json.receipts).toMatchObject({ read: true, readCount: 1, audience: 2 });
    expect((await api("/api/v1/feed", { as: member })).json.unreadAnnouncements).toEqual([]);
  });

  it("hides a reported post from others but not its author, and audits it", async () => {
    const owner = await createMember();
    const author = await createMember();
    const reader = await createMember();
    const gid = await group(owner, "open");
    await api(`/api/v1/groups/${gid}/join`, { as: author, method: "POST" });
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: author, body: { body: "questionable words" } });
    expect((await api(`/api/v1/posts/${post.json.id}/report`, { as: reader, body: { reason: "Off topic and rude" } })).status).toBe(201);
    const queue = await api(`/api/v1/groups/${gid}/reports`, { as: owner });
    expect(queue.json.items[0]).toMatchObject({ target: { type: "post", id: post.json.id }, reason: "Off topic and rude" });
    expect((await api(`/api/v1/groups/${gid}/reports`, { as: reader })).status).toBe(403);
    expect((await api(`/api/v1/posts/${post.json.id}/hide`, { as: reader, method: "POST" })).status).toBe(403);
    expect((await api(`/api/v1/posts/${post.json.id}/hide`, { as: owner, method: "POST" })).status).toBe(204);
    expect((await api(`/api/v1/posts/${post.json.id}`, { as: reader })).status).toBe(404);
    expect((await api(`/api/v1/posts/${post.json.id}`, { as: author })).json.hidden).toBe(true);
    const audit = await api(`/api/v1/groups/${gid}/audit`, { as: owner });
    expect(audit.json.items[0]).toMatchObject({ action: "post.hide", before: { hiddenAt: null }, actor: { id: owner.id } });
  });

  it("uploads an attachment checked against its content and serves it only to readers", async () => {
    const owner = await createMember();
    const outsider = await createMember();
    const gid = await group(owner, "private");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const liar = await api("/api/v1/uploads?filename=x.png", { as: owner, raw: "just text", headers: { "Content-Type": "image/png" } });
    expect(liar.status).toBe(415);
    const up = await api("/api/v1/uploads?filename=plan.png", { as: owner, raw: png, headers: { "Content-Type": "image/png" } });
    expect(up.status).toBe(201);
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "see attached", attachmentIds: [up.json.id] } });
    expect(post.json.attachments).toEqual([expect.objectContaining({ id: up.json.id, name: "plan.png", type: "image/png" })]);
    expect((await api(up.json.url, { as: owner })).status).toBe(200);
    expect((await api(up.json.url, { as: outsider })).status).toBe(404);
  });
});
