import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { api, createMember, expectError, type TestMember } from "../test/factories";
import { IMAGES, PNG } from "../test/images";

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
    const liar = await api("/api/v1/uploads?filename=x.png", { as: owner, raw: "just text", headers: { "Content-Type": "image/png" } });
    expect(liar.status).toBe(415);
    const up = await api("/api/v1/uploads?filename=plan.png", { as: owner, raw: PNG, headers: { "Content-Type": "image/png" } });
    expect(up.status).toBe(201);
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "see attached", attachmentIds: [up.json.id] } });
    expect(post.json.attachments).toEqual([expect.objectContaining({ id: up.json.id, name: "plan.png", type: "image/png" })]);
    expect((await api(up.json.url, { as: owner })).status).toBe(200);
    expect((await api(up.json.url, { as: outsider })).status).toBe(404);
  });
});

describe("GET /api/v1/comments/:id", () => {
  async function commented(visibility: "open" | "private" | "secret") {
    const owner = await createMember();
    const author = await createMember();
    const gid = await group(owner, visibility);
    expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: author.id } })).status).toBe(201);
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "What shall we plan?" } });
    const comment = await api(`/api/v1/posts/${post.json.id}/comments`, { as: author, body: { body: "A **picnic**" } });
    expect(comment.status).toBe(201);
    return { owner, author, gid, postId: post.json.id as string, comment: comment.json };
  }

  it("answers one comment as the post's comments list it, to any reader of the post", async () => {
    const { author, postId, comment } = await commented("open");
    const reader = await createMember();
    const res = await api(`/api/v1/comments/${comment.id}`, { as: reader });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: comment.id, postId, parentId: null, author: { id: author.id }, body: "A **picnic**", hidden: false, can: { edit: false, delete: false } });
    expect(res.json.html).toContain("<strong>picnic</strong>");
    expect(res.json).toEqual((await api(`/api/v1/posts/${postId}/comments`, { as: reader })).json.items[0]);
    expect((await api(`/api/v1/comments/${comment.id}`, { as: author })).json.can).toEqual({ edit: true, delete: true });
  });

  it("answers 404 to whoever may not read the post: an outsider of a private group, a guest, anyone once it is deleted", async () => {
    const { owner, author, gid, comment } = await commented("private");
    const outsider = await createMember();
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: outsider }), 404, "not_found");
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: await createMember({ role: "guest" }) }), 404, "not_found");
    // A pending request is not membership yet; approval opens the comment.
    expect((await api(`/api/v1/groups/${gid}/join`, { as: outsider, method: "POST" })).status).toBe(202);
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: outsider }), 404, "not_found");
    expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: outsider.id } })).status).toBe(201);
    expect((await api(`/api/v1/comments/${comment.id}`, { as: outsider })).status).toBe(200);

    expect((await api(`/api/v1/comments/${comment.id}`, { as: author, method: "DELETE" })).status).toBe(204);
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: author }), 404, "not_found");
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: owner }), 404, "not_found");
  });

  it("shows a hidden comment only to its author and the moderators, marked hidden", async () => {
    const { owner, author, gid, comment } = await commented("open");
    const member = await createMember();
    expect((await api(`/api/v1/groups/${gid}/join`, { as: member, method: "POST" })).json).toEqual({ state: "member" });
    expect((await api(`/api/v1/comments/${comment.id}/hide`, { as: owner, method: "POST" })).status).toBe(204);
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: member }), 404, "not_found");
    await expectError(await api(`/api/v1/comments/${comment.id}`, { as: await createMember() }), 404, "not_found");
    for (const who of [author, owner, await createMember({ role: "admin" })]) {
      const res = await api(`/api/v1/comments/${comment.id}`, { as: who });
      expect(res.status).toBe(200);
      expect(res.json.hidden).toBe(true);
    }
  });

  it("answers 404 not_found in the error shape to an id that names no comment", async () => {
    const member = await createMember();
    const { postId } = await commented("open");
    for (const id of ["not-an-id", `cmt_${"0".repeat(26)}`, postId, "%20"]) {
      await expectError(await api(`/api/v1/comments/${id}`, { as: member }), 404, "not_found");
    }
  });

  it("names a reported comment's post in the moderation queue", async () => {
    const { owner, gid, postId, comment } = await commented("open");
    const reporter = await createMember();
    expect((await api(`/api/v1/comments/${comment.id}/report`, { as: reporter, body: { reason: "Off topic here" } })).status).toBe(201);
    const queue = await api(`/api/v1/groups/${gid}/reports`, { as: owner });
    expect(queue.json.items).toEqual([expect.objectContaining({ target: { type: "comment", id: comment.id, postId }, excerpt: "A **picnic**" })]);
    const network = await api("/api/v1/moderation/reports?limit=100", { as: await createMember({ role: "admin" }) });
    expect(network.json.items.find((r: any) => r.target.id === comment.id)?.target).toEqual({ type: "comment", id: comment.id, postId });
  });
});

describe("group cover images", () => {
  const put = (gid: string, as: TestMember, raw: Uint8Array | string, type = "image/png") => api(`/api/v1/groups/${gid}/cover`, { as, method: "PUT", raw, headers: { "Content-Type": type } });

  it("lets the animators set, replace and remove a cover, served inline to whoever may see the group and to nobody else", async () => {
    const owner = await createMember();
    const member = await createMember();
    const outsider = await createMember();
    const guest = await createMember({ role: "guest" });
    const gid = await group(owner, "secret");
    await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: member.id } });

    const set = await put(gid, owner, IMAGES["image/png"]);
    expect(set.status).toBe(200);
    expect(set.json.coverUrl).toMatch(new RegExp(`^/api/v1/files/covers/${gid}/fil_`));
    expect((await api(`/api/v1/groups/${gid}`, { as: member })).json.coverUrl).toBe(set.json.coverUrl);
    const served = await api(set.json.coverUrl, { as: member });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Content-Disposition")).toBe("inline");
    for (const who of [outsider, guest]) expect((await api(set.json.coverUrl, { as: who })).status).toBe(404);
    expect((await api(set.json.coverUrl)).status).toBe(401);

    await expectError(await put(gid, member, IMAGES["image/jpeg"], "image/jpeg"), 403, "forbidden");
    await expectError(await put(gid, outsider, IMAGES["image/jpeg"], "image/jpeg"), 404, "not_found");
    await expectError(await put(gid, owner, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"), 415, "unsupported_media_type");
    expect((await api(`/api/v1/groups/${gid}`, { as: owner })).json.coverUrl).toBe(set.json.coverUrl);

    const replaced = await put(gid, owner, IMAGES["image/jpeg"], "image/jpeg");
    expect(replaced.json.coverUrl).not.toBe(set.json.coverUrl);
    expect((await api(set.json.coverUrl, { as: owner })).status).toBe(404);
    expect((await api(replaced.json.coverUrl, { as: member })).headers.get("Content-Type")).toBe("image/jpeg");

    await expectError(await api(`/api/v1/groups/${gid}/cover`, { as: member, method: "DELETE" }), 403, "forbidden");
    const removed = await api(`/api/v1/groups/${gid}/cover`, { as: owner, method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(removed.json.coverUrl).toBeNull();
    expect((await api(replaced.json.coverUrl, { as: owner })).status).toBe(404);
  });

  it("shows a private group's cover, like its name and description, to the members who can see the group, not to guests", async () => {
    const owner = await createMember();
    const gid = await group(owner, "private");
    const { json } = await put(gid, owner, IMAGES["image/gif"], "image/gif");
    const outsider = await createMember();
    expect((await api(`/api/v1/groups/${gid}`, { as: outsider })).json).toMatchObject({ coverUrl: json.coverUrl, can: { read: false } });
    expect((await api(json.coverUrl, { as: outsider })).status).toBe(200);
    expect((await api(json.coverUrl, { as: await createMember({ role: "guest" }) })).status).toBe(404);
  });

  it("shows an open group's cover to every member of the network but guests", async () => {
    const owner = await createMember();
    const gid = await group(owner, "open");
    const { json } = await put(gid, owner, IMAGES["image/webp"], "image/webp");
    expect((await api(json.coverUrl, { as: await createMember() })).status).toBe(200);
    expect((await api(json.coverUrl, { as: await createMember({ role: "guest" }) })).status).toBe(404);
    const list = await api(`/api/v1/groups?q=${encodeURIComponent("G open")}&limit=100`, { as: owner });
    expect(list.json.items.find((g: any) => g.id === gid)?.coverUrl).toBe(json.coverUrl);
  });
});
