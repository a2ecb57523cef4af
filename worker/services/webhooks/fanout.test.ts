import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../../contract/events";
import { newId } from "../../lib/ids";
import { createMember, testContext } from "../../test/factories";
import { createEndpoint, updateEndpoint } from "./endpoints";
import worker from "../../index";
import { fanOutEvent, rememberEndpoints, type WebhookEvent } from "./events";

/**
 * Which endpoint gets which event (API.md "Integrations"), as a literal table: open groups' content and network events
 * for every subscribed endpoint; private, secret and client groups' only for the endpoints granted them; disabled
 * endpoints nothing. Groups and posts are written straight into D1 (no event of their own); events are fanned out
 * directly, and each assertion reads only the deliveries its own call made.
 */

async function group(visibility: "open" | "private" | "secret", kind: "community" | "project" | "client") {
  const now = Date.now();
  const id = newId("grp", now);
  await env.DB.prepare("INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, ?, '', ?, ?, 'usr_x', ?, ?)").bind(id, `G ${id}`, visibility, kind, now, now).run();
  return id;
}

async function post(groupId: string) {
  const now = Date.now();
  const id = newId("pst", now);
  await env.DB.prepare("INSERT INTO posts (id, group_id, author_id, kind, body, html, created_at, updated_at) VALUES (?, ?, 'usr_x', 'discussion', 'Hi', '<p>Hi</p>', ?, ?)").bind(id, groupId, now, now).run();
  return id;
}

/** The names of the endpoints that received the deliveries `ids`, sorted. */
async function receivers(ids: string[], names: Map<string, string>) {
  if (!ids.length) return [];
  const rows = await env.DB.prepare(`SELECT endpoint_id FROM webhook_deliveries WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).all<{ endpoint_id: string }>();
  return rows.results.map((r) => names.get(r.endpoint_id) ?? r.endpoint_id).sort();
}

describe("webhook fan-out", () => {
  it("carries each event to exactly the endpoints of the table, once, however often the message comes", async () => {
    await env.DB.prepare("DELETE FROM webhook_endpoints").run();
    const ctx = testContext();
    const admin = await createMember({ role: "admin" });
    const g = {
      open: await group("open", "community"),
      private: await group("private", "community"),
      secret: await group("secret", "project"),
      openClient: await group("open", "client"),
    };
    const p = { open: await post(g.open), private: await post(g.private), secret: await post(g.secret), openClient: await post(g.openClient) };
    const url = "https://hooks.example.com/x";
    const all = WEBHOOK_EVENTS.filter((e) => e !== "webhook.test");
    const ep = {
      A: await createEndpoint(ctx, admin.actor, { url, events: [...all] }),
      B: await createEndpoint(ctx, admin.actor, { url, events: ["post.created", "comment.created"], groupIds: [g.private] }),
      C: await createEndpoint(ctx, admin.actor, { url, events: ["post.created", "reaction.changed"], groupIds: [g.openClient] }),
      D: await createEndpoint(ctx, admin.actor, { url, events: ["member.joined"] }),
      E: await createEndpoint(ctx, admin.actor, { url, events: [...all], groupIds: [g.private, g.secret, g.openClient] }),
    };
    await updateEndpoint(ctx, admin.actor, ep.E.id, { enabled: false });
    const names = new Map(Object.entries(ep).map(([name, e]) => [e.id, name]));
    const ev = (type: WebhookEvent["type"], data: Record<string, unknown>): WebhookEvent => ({ id: `evt_${crypto.randomUUID()}`, type, data, at: Date.now() });
    const created = (postId: string, groupId: string) => ev("post.created", { postId, groupId, authorId: "usr_x", kind: "discussion" });
    const comment = (postId: string) => ev("comment.created", { postId, commentId: "cmt_x", parentId: null, authorId: "usr_x" });
    const reaction = (postId: string) => ev("reaction.changed", { targetType: "post", targetId: postId, postId, userId: "usr_x", kind: "like", on: true });

    const table: [string, WebhookEvent, string[]][] = [
      ["post in the open group", created(p.open, g.open), ["A", "B", "C"]],
      ["post in the private group", created(p.private, g.private), ["B"]],
      ["post in the secret group", created(p.secret, g.secret), []],
      ["post in the open client group", created(p.openClient, g.openClient), ["C"]],
      ["comment in the open group", comment(p.open), ["A", "B"]],
      ["comment in the private group", comment(p.private), ["B"]],
      ["comment in the secret group", comment(p.secret), []],
      ["reaction in the open client group", reaction(p.openClient), ["C"]],
      ["reaction in the private group", reaction(p.private), []],
      ["reaction in the open group", reaction(p.open), ["A", "C"]],
      ["comment on a post that no longer exists", comment("pst_0000000000aaaaaaaaaaaaaaaa"), []],
      ["member joined", ev("member.joined", { userId: "usr_y", role: "member", via: "invitation" }), ["A", "D"]],
      ["member left", ev("member.left", { userId: "usr_y", reason: "deactivated" }), ["A"]],
      ["open group created", ev("group.created", { groupId: g.open, kind: "community", visibility: "open" }), ["A"]],
      ["private group created", ev("group.created", { groupId: g.private, kind: "community", visibility: "private" }), []],
      ["secret group updated", ev("group.updated", { groupId: g.secret, fields: ["name"] }), []],
      ["open client group updated", ev("group.updated", { groupId: g.openClient, fields: ["name"] }), []],
      ["open group updated", ev("group.updated", { groupId: g.open, fields: ["name", "rules"] }), ["A"]],
    ];
    for (const [name, event, expected] of table) {
      const ids = await fanOutEvent(ctx, event);
      expect(await receivers(ids, names), name).toEqual(expected);
      // The same message again, and twice at once: the same deliveries, no more rows.
      const again = await Promise.all([fanOutEvent(ctx, event), fanOutEvent(ctx, event)]);
      expect(again, name).toEqual([ids, ids]);
      const rows = ids.length ? await env.DB.prepare(`SELECT count(*) AS n FROM webhook_deliveries WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).first<{ n: number }>() : { n: 0 };
      expect(rows!.n, name).toBe(expected.length);
    }
    // A payload the catalogue refuses is never delivered.
    await expect(fanOutEvent(ctx, ev("member.left", { userId: "usr_y", reason: "bored" }))).rejects.toThrow();
  });

  it("post.created rides the post-fanout job: one event per post, whatever the number of runs, to endpoints that existed then", async () => {
    await env.DB.prepare("DELETE FROM webhook_endpoints").run();
    const ctx = testContext();
    const admin = await createMember({ role: "admin" });
    const gid = await group("open", "project");
    const e = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/y", events: ["post.created"] });
    const earlier = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/z", events: ["post.created"] });
    await env.DB.prepare("UPDATE webhook_endpoints SET created_at = ? WHERE id = ?").bind(Date.now() + 60_000, earlier.id).run();
    const pid = await post(gid);
    // The job itself, three times (a redelivered message): the post, its group, the endpoints and which deliveries exist
    // are read in one batch there. The third run forgets the endpoints the isolate saw, so that its deliveries are
    // looked for in a call of their own: neither way attempts a delivery twice.
    // (An attempt, even a refused one, writes where its delivery stands: the row's `updated_at` tells whether one ran.)
    const written = () => env.DB.prepare("SELECT updated_at, next_attempt_at FROM webhook_deliveries WHERE endpoint_id = ?").bind(e.id).all();
    let first;
    for (const n of [1, 2, 3]) {
      if (n === 3) rememberEndpoints([]);
      const batch = createMessageBatch("comptoir-jobs", [{ id: `fanout-${pid}-${n}`, timestamp: new Date(), attempts: n, body: { kind: "post-fanout", postId: pid } }]);
      const run = createExecutionContext();
      await worker.queue(batch as MessageBatch<any>, env, run);
      expect((await getQueueResult(batch, run)).explicitAcks).toEqual([`fanout-${pid}-${n}`]);
      if (n === 1) first = (await written()).results;
      else expect((await written()).results, `run ${n}`).toEqual(first);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(first).toHaveLength(1);
    const rows = await env.DB.prepare("SELECT type, payload, attempt_count, (SELECT count(*) FROM webhook_attempts a WHERE a.delivery_id = d.id) AS attempts FROM webhook_deliveries d WHERE endpoint_id = ?")
      .bind(e.id)
      .all<{ type: string; payload: string; attempt_count: number; attempts: number }>();
    expect(rows.results.map((r) => [r.type, r.attempt_count, r.attempts])).toEqual([["post.created", 1, 1]]);
    const body = JSON.parse(rows.results[0].payload);
    expect(Object.keys(body)).toEqual(["type", "timestamp", "data"]);
    expect(body.data).toEqual({ postId: pid, groupId: gid, authorId: "usr_x", kind: "discussion" });
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // An endpoint registered after the post was written does not get it.
    expect((await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?").bind(earlier.id).first<{ n: number }>())!.n).toBe(0);
  });

  it("fans out a batch of posts together: each post to exactly its endpoints, a duplicate message adding nothing, every message acknowledged", async () => {
    await env.DB.prepare("DELETE FROM webhook_endpoints").run();
    const ctx = testContext();
    const admin = await createMember({ role: "admin" });
    const g = { open: await group("open", "community"), private: await group("private", "community"), secret: await group("secret", "project") };
    const A = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/a", events: ["post.created"] });
    const B = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/b", events: ["post.created"], groupIds: [g.private] });
    const names = new Map([[A.id, "A"], [B.id, "B"]]);
    const p = { open1: await post(g.open), open2: await post(g.open), private: await post(g.private), secret: await post(g.secret) };
    const gone = "pst_0000000000bbbbbbbbbbbbbbbb";
    const jobs: [string, string][] = [["m1", p.open1], ["m2", p.open2], ["m3", p.private], ["m4", p.secret], ["m5", gone], ["m6", p.open1]];
    const batch = createMessageBatch("comptoir-jobs", jobs.map(([id, postId]) => ({ id, timestamp: new Date(), attempts: 1, body: { kind: "post-fanout", postId } })));
    const run = createExecutionContext();
    await worker.queue(batch as MessageBatch<any>, env, run);
    const result = await getQueueResult(batch, run);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(result.retryMessages).toEqual([]);
    const got = await env.DB.prepare(
      `SELECT d.endpoint_id, json_extract(d.payload, '$.data.postId') AS post_id, (SELECT count(*) FROM webhook_attempts a WHERE a.delivery_id = d.id) AS attempts
       FROM webhook_deliveries d WHERE d.endpoint_id IN (?, ?)`,
    )
      .bind(A.id, B.id)
      .all<{ endpoint_id: string; post_id: string; attempts: number }>();
    const byPost = (pid: string) => got.results.filter((r) => r.post_id === pid).map((r) => `${names.get(r.endpoint_id)}:${r.attempts}`).sort();
    // Each delivery attempted once (the endpoints' host does not resolve here: the attempt is refused and recorded).
    expect({ open1: byPost(p.open1), open2: byPost(p.open2), private: byPost(p.private), secret: byPost(p.secret), gone: byPost(gone) }).toEqual({
      open1: ["A:1", "B:1"],
      open2: ["A:1", "B:1"],
      private: ["B:1"],
      secret: [],
      gone: [],
    });
  });

  it("fans out a full batch to many endpoints: 120 deliveries made, each attempted and recorded once, within D1's bound parameters", async () => {
    await env.DB.prepare("DELETE FROM webhook_endpoints").run();
    const ctx = testContext();
    const admin = await createMember({ role: "admin" });
    const gid = await group("open", "community");
    const endpoints = [];
    for (let i = 0; i < 12; i++) endpoints.push(await createEndpoint(ctx, admin.actor, { url: `https://hooks.example.com/many/${i}`, events: ["post.created"] }));
    const posts: string[] = [];
    for (let i = 0; i < 10; i++) posts.push(await post(gid));
    const batch = createMessageBatch("comptoir-jobs", posts.map((postId, i) => ({ id: `many-${i}`, timestamp: new Date(), attempts: 1, body: { kind: "post-fanout", postId } })));
    const run = createExecutionContext();
    await worker.queue(batch as MessageBatch<any>, env, run);
    const result = await getQueueResult(batch, run);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.length).toBe(10);
    const ids = endpoints.map((e) => e.id);
    const got = await env.DB.prepare(
      `SELECT count(*) AS deliveries, sum(d.attempt_count) AS claimed, (SELECT count(*) FROM webhook_attempts a JOIN webhook_deliveries d2 ON d2.id = a.delivery_id WHERE d2.endpoint_id IN (${ids.map(() => "?").join(",")})) AS attempts
       FROM webhook_deliveries d WHERE d.endpoint_id IN (${ids.map(() => "?").join(",")})`,
    )
      .bind(...ids, ...ids)
      .first<{ deliveries: number; claimed: number; attempts: number }>();
    expect(got).toEqual({ deliveries: 120, claimed: 120, attempts: 120 });
  });
});
