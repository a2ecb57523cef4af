import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { createMember } from "../test/factories";

describe("scheduled and queue handlers", () => {
  it("sweeps expired sessions and stale login failures on the cron", async () => {
    const member = await createMember();
    const now = Date.now();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(now - 1, member.id).run();
    await env.DB.prepare("INSERT INTO login_failures (key, at) VALUES (?, ?), (?, ?)").bind("email:old@x.test", now - 3_600_000, "email:new@x.test", now).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: now }), env, ctx);
    await waitOnExecutionContext(ctx);
    const left = await env.DB.prepare("SELECT (SELECT count(*) FROM sessions WHERE user_id = ?) AS s, (SELECT count(*) FROM login_failures WHERE key LIKE 'email:%x.test') AS f").bind(member.id).first<{ s: number; f: number }>();
    expect(left).toEqual({ s: 0, f: 1 });
  });

  it("acknowledges good jobs and drops malformed ones without retrying them forever", async () => {
    const batch = createMessageBatch("comptoir-jobs", [
      { id: "a", timestamp: new Date(), attempts: 1, body: { kind: "ping", at: 1 } },
      { id: "b", timestamp: new Date(), attempts: 1, body: { kind: "nonsense" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<any>, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["a", "b"]);
    expect(result.retryMessages).toEqual([]);
  });
});
