import { env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../../context";
import { createMember, testContext } from "../../test/factories";
import { attemptDelivery, refusalOf } from "./deliver";
import { createEndpoint } from "./endpoints";
import { afterAttempt, FAILING_LIMIT_MS, nextDelaySeconds } from "./schedule";
import { newWebhookSecret, signedHeaders, signingSecrets } from "./signing";

const DAY = 24 * 3600 * 1000;

describe("signing", () => {
  const payload = '{"type":"member.joined","timestamp":"2026-01-15T09:30:00.000Z","data":{"userId":"usr_1","role":"member","via":"invitation"}}';

  it("makes whsec_ secrets of 32 random bytes", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(a.slice(6)).length).toBe(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it("signs what standardwebhooks verifies; a tampered body or a timestamp over 5 minutes old fails", () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders([secret], "msg_abc", new Date(), payload);
    expect(headers).toMatchObject({ "webhook-id": "msg_abc", "content-type": "application/json", "user-agent": "Comptoir-Webhooks/1" });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(secret).verify(payload.replace("usr_1", "usr_2"), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(payload, headers)).toThrow();
    const old = signedHeaders([secret], "msg_abc", new Date(Date.now() - 6 * 60 * 1000), payload);
    expect(() => new Webhook(secret).verify(payload, old)).toThrow();
  });

  it("signs with both secrets for 24 hours after a rotation, each signature verifying alone", () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const now = Date.now();
    const endpoint = { secret: current, previousSecret: previous, previousSecretUntil: now + DAY };
    const table: [string, number, string[]][] = [
      ["just rotated", now, [current, previous]],
      ["23 hours later", now + 23 * 3600 * 1000, [current, previous]],
      ["24 hours later", now + DAY, [current]],
    ];
    for (const [name, at, expected] of table) expect(signingSecrets(endpoint, at), name).toEqual(expected);
    expect(signingSecrets({ secret: current, previousSecret: null, previousSecretUntil: null }, now)).toEqual([current]);
    const headers = signedHeaders(signingSecrets(endpoint, now), "msg_rot", new Date(), payload);
    const signatures = headers["webhook-signature"].split(" ");
    expect(signatures.length).toBe(2);
    expect(signatures.every((s) => s.startsWith("v1,"))).toBe(true);
    expect(new Webhook(current).verify(payload, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(payload, headers)).toBeTruthy();
    expect(() => new Webhook(current).verify(payload, { ...headers, "webhook-signature": signatures[0] })).not.toThrow();
    expect(() => new Webhook(previous).verify(payload, { ...headers, "webhook-signature": signatures[1] })).not.toThrow();
  });
});

describe("the retry schedule", () => {
  it("waits schedule[i] seconds before attempt i+1, and gives up when it is spent", () => {
    const schedule = [0, 5, 300, 1800];
    const table: [number, number | null][] = [
      [0, 0],
      [1, 5],
      [2, 300],
      [3, 1800],
      [4, null],
      [9, null],
    ];
    for (const [done, expected] of table) expect(nextDelaySeconds(schedule, done), `after ${done}`).toBe(expected);
  });

  it("disables an endpoint whose attempts have all failed for 3 days", () => {
    const now = 1_800_000_000_000;
    const table: [string, number | null, boolean, { failingSince: number | null; disable: boolean }][] = [
      ["a first failure starts the run", null, false, { failingSince: now, disable: false }],
      ["a success ends it", now - DAY, true, { failingSince: null, disable: false }],
      ["failing for 2 days", now - 2 * DAY, false, { failingSince: now - 2 * DAY, disable: false }],
      ["failing for just under 3 days", now - FAILING_LIMIT_MS + 1, false, { failingSince: now - FAILING_LIMIT_MS + 1, disable: false }],
      ["failing for 3 days", now - 3 * DAY, false, { failingSince: now - 3 * DAY, disable: true }],
      ["a success after 4 days of failures", now - 4 * DAY, true, { failingSince: null, disable: false }],
    ];
    for (const [name, since, ok, expected] of table) expect(afterAttempt(since, ok, now), name).toEqual(expected);
  });
});

/** A context whose retries wait 10 minutes: the background consumer of the test pool never runs them during the test. */
function slowRetries(allow: string[] = []): ServiceContext {
  const ctx = testContext();
  return { ...ctx, config: { ...ctx.config, WEBHOOK_RETRY_SCHEDULE: [0, 600, 600], WEBHOOK_ALLOW_ORIGINS: allow } };
}

async function delivery(endpointId: string, id: string) {
  const now = Date.now();
  await env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, attempt_count, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'webhook.test', '{}', 'pending', 0, ?, ?, ?)").bind(id, endpointId, now, now, now).run();
  return id;
}

const state = (id: string) => env.DB.prepare("SELECT state, attempt_count AS n, next_attempt_at AS next FROM webhook_deliveries WHERE id = ?").bind(id).first<{ state: string; n: number; next: number | null }>();
const attempts = (id: string) => env.DB.prepare("SELECT n, status_code, latency_ms, response FROM webhook_attempts WHERE delivery_id = ? ORDER BY n").bind(id).all().then((r) => r.results);
const endpointRow = (id: string) => env.DB.prepare("SELECT enabled, disabled_reason, failing_since FROM webhook_endpoints WHERE id = ?").bind(id).first<{ enabled: number; disabled_reason: string | null; failing_since: number | null }>();

describe("attempts", () => {
  it("refuses a URL that now points inside, with no connection, and retries per the schedule until it is spent", async () => {
    const ctx = slowRetries();
    const admin = await createMember({ role: "admin" });
    const e = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/a", events: ["post.created"] });
    // Stored before the rules changed, say: the check before each attempt refuses it.
    await env.DB.prepare("UPDATE webhook_endpoints SET url = 'https://10.1.2.3/hook' WHERE id = ?").bind(e.id).run();
    const id = await delivery(e.id, "msg_refused00000000000000000000");
    const before = Date.now();
    await attemptDelivery(ctx, { deliveryId: id, n: 1 });
    expect(await attempts(id)).toEqual([{ n: 1, status_code: null, latency_ms: 0, response: "Refused, no connection made: This address is not reachable from the internet" }]);
    const s1 = await state(id);
    expect(s1).toMatchObject({ state: "pending", n: 1 });
    expect(s1!.next! - before).toBeGreaterThanOrEqual(600_000);
    expect((await endpointRow(e.id))!.failing_since).toBeGreaterThanOrEqual(before);
    // The same job again (a redelivered message) does nothing.
    await attemptDelivery(ctx, { deliveryId: id, n: 1 });
    expect((await attempts(id)).length).toBe(1);
    await attemptDelivery(ctx, { deliveryId: id, n: 2 });
    await attemptDelivery(ctx, { deliveryId: id, n: 3 });
    expect((await attempts(id)).map((a) => a.n)).toEqual([1, 2, 3]);
    expect(await state(id)).toEqual({ state: "failed", n: 3, next: null });
    expect(await endpointRow(e.id)).toMatchObject({ enabled: 1, disabled_reason: null });
  });

  it("disables an endpoint failing for 3 days; its other deliveries then stop without an attempt", async () => {
    const ctx = slowRetries();
    const admin = await createMember({ role: "admin" });
    const e = await createEndpoint(ctx, admin.actor, { url: "https://hooks.example.com/b", events: ["post.created"] });
    await env.DB.prepare("UPDATE webhook_endpoints SET url = 'https://192.168.1.1/hook', failing_since = ? WHERE id = ?").bind(Date.now() - 3 * DAY - 1000, e.id).run();
    const first = await delivery(e.id, "msg_failing0000000000000000000a");
    const second = await delivery(e.id, "msg_failing0000000000000000000b");
    await attemptDelivery(ctx, { deliveryId: first, n: 1 });
    expect(await endpointRow(e.id)).toMatchObject({ enabled: 0, disabled_reason: "failing" });
    // Administrators hear of it in the bell; members do not.
    const member = await createMember();
    const told = (id: string) => env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = 'webhook_disabled'").bind(id).first<{ n: number }>().then((r) => r!.n);
    expect([await told(admin.id), await told(member.id)]).toEqual([1, 0]);
    await attemptDelivery(ctx, { deliveryId: second, n: 1 });
    expect(await attempts(second)).toEqual([]);
    expect(await state(second)).toEqual({ state: "failed", n: 0, next: null });
  });

  it("does nothing for a deleted endpoint's delivery", async () => {
    const ctx = slowRetries();
    await attemptDelivery(ctx, { deliveryId: "msg_nosuchdelivery0000000000000", n: 1 });
    const orphan = await delivery("whk_0000000000aaaaaaaaaaaaaaaa", "msg_orphan000000000000000000000");
    await attemptDelivery(ctx, { deliveryId: orphan, n: 1 });
    expect(await attempts(orphan)).toEqual([]);
  });

  it("checks the destination before each attempt: as written, then resolved; allowed origins skip both", async () => {
    const table: [string, string[], string | null | RegExp][] = [
      ["http://127.0.0.1:9/x", ["http://127.0.0.1:9"], null],
      ["http://127.0.0.1:9/x", [], "Webhook endpoints are https"],
      ["https://[::ffff:127.0.0.1]/x", [], "This address is not reachable from the internet"],
      ["https://0x7f.1/x", [], "This address is not reachable from the internet"],
      ["https://1.1.1.1/x", [], null], // a public literal address: nothing to resolve
      ["https://[2606:4700:4700::1111]/x", [], null],
      // The test pool has no network: the lookup fails, and a failed lookup refuses.
      ["https://hooks.example.com/x", [], /^The DNS lookup of hooks\.example\.com failed/],
    ];
    for (const [url, allow, expected] of table) {
      const reason = await refusalOf(slowRetries(allow), url);
      if (expected instanceof RegExp) expect(reason, url).toMatch(expected);
      else expect(reason, url).toBe(expected);
    }
  });
});
