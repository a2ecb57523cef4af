import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createMember, queueSettled, testContext, type TestMember } from "../../test/factories";
import { createEndpoint, updateEndpoint } from "./endpoints";

/**
 * A comment's and a reaction's webhook event is queued only when its write's batch found an enabled endpoint subscribed
 * to its type (`webhookProbe` in events.ts). The requests run on the real queue through a binding that hands every
 * message on to it and notes it; the deliveries are then read from D1 once the consumer has settled.
 */
const HOOK_URL = "https://hooks.example.com/comptoir";

/** The real environment, every message sent to the queue noted on `sent` and handed on. */
function notingQueue(sent: { kind: string; type?: string; data?: unknown }[]): Env {
  const real = env.JOBS;
  const jobs = {
    send: (body: any, options?: QueueSendOptions) => (sent.push(body), real.send(body, options)),
    sendBatch: (messages: Iterable<MessageSendRequest<any>>, options?: QueueSendBatchOptions) => {
      const all = [...messages];
      sent.push(...all.map((m) => m.body));
      return real.sendBatch(all, options);
    },
  };
  return { ...env, JOBS: jobs as unknown as Env["JOBS"] };
}

/** A request through the whole Worker (`api`), on the noting environment; the webhook events it queued. */
async function eventsQueuedBy(as: TestMember, path: string, method: string, body?: unknown) {
  const sent: { kind: string; type?: string; data?: unknown }[] = [];
  const res = await api(path, { as, method, body, bindings: notingQueue(sent) });
  expect(res.status, res.text).toBeLessThan(300);
  return { json: res.json, events: sent.filter((m) => m.kind === "webhook-event").map((m) => ({ type: m.type, data: m.data })) };
}

const delivered = async (type: string) =>
  (await env.DB.prepare("SELECT endpoint_id AS endpointId FROM webhook_deliveries WHERE type = ? ORDER BY created_at").bind(type).all<{ endpointId: string }>()).results.map((r) => r.endpointId);

describe("a comment's and a reaction's webhook event", () => {
  it("is queued only when an enabled endpoint subscribes to its type, and then reaches it", async () => {
    await env.DB.batch(["DELETE FROM webhook_attempts", "DELETE FROM webhook_deliveries", "DELETE FROM webhook_endpoints"].map((q) => env.DB.prepare(q)));
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: admin, body: { name: `Probe ${crypto.randomUUID().slice(0, 8)}`, description: "Probed", visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: admin, body: { body: "A post to comment" } });
    expect(post.status, post.text).toBe(201);
    const postId = post.json.id as string;
    const ctx = testContext();

    // None at all: nothing queued.
    let c = await eventsQueuedBy(member, `/api/v1/posts/${postId}/comments`, "POST", { body: "Nobody listens" });
    expect(c.events).toEqual([]);
    let r = await eventsQueuedBy(member, `/api/v1/posts/${postId}/reactions/like`, "PUT");
    expect(r.events).toEqual([]);

    // One subscribed to another type only, one subscribed to both but disabled: still nothing.
    await createEndpoint(ctx, admin.actor, { url: HOOK_URL, events: ["post.created", "member.joined"] });
    const disabled = await createEndpoint(ctx, admin.actor, { url: HOOK_URL, events: ["comment.created", "reaction.changed"] });
    await updateEndpoint(ctx, admin.actor, disabled.id, { enabled: false });
    c = await eventsQueuedBy(member, `/api/v1/posts/${postId}/comments`, "POST", { body: "Still nobody" });
    expect(c.events).toEqual([]);
    r = await eventsQueuedBy(member, `/api/v1/posts/${postId}/reactions/like`, "DELETE");
    expect(r.events).toEqual([]);
    await queueSettled();
    expect(await delivered("comment.created")).toEqual([]);
    expect(await delivered("reaction.changed")).toEqual([]);

    // One enabled endpoint subscribed to comments: a comment is queued (once) and delivered to it; a reaction is not.
    const comments = await createEndpoint(ctx, admin.actor, { url: HOOK_URL, events: ["comment.created"] });
    c = await eventsQueuedBy(member, `/api/v1/posts/${postId}/comments`, "POST", { body: "Someone listens" });
    expect(c.events).toEqual([{ type: "comment.created", data: { postId, commentId: c.json.id, parentId: null, authorId: member.id } }]);
    r = await eventsQueuedBy(member, `/api/v1/posts/${postId}/reactions/thanks`, "PUT");
    expect(r.events).toEqual([]);
    await queueSettled();
    expect(await delivered("comment.created")).toEqual([comments.id]);

    // And one subscribed to reactions: a reaction on a comment is queued and delivered to it.
    const reactions = await createEndpoint(ctx, admin.actor, { url: HOOK_URL, events: ["reaction.changed"] });
    r = await eventsQueuedBy(member, `/api/v1/comments/${c.json.id}/reactions/celebrate`, "PUT");
    expect(r.events).toEqual([{ type: "reaction.changed", data: { targetType: "comment", targetId: c.json.id, postId, userId: member.id, kind: "celebrate", on: true } }]);
    await queueSettled();
    expect(await delivered("reaction.changed")).toEqual([reactions.id]);
    expect(await delivered("comment.created")).toEqual([comments.id]);
  });
});
