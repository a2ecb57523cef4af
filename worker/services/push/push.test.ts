import { env } from "cloudflare:test";
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createMember, expectError, tableCounts, testContext, type TestMember } from "../../test/factories";
import { releaseQuietNotifications } from "../notifications/notify";
import { sendPushes } from "./send";
import { pushPayload, type PushFacts } from "./text";

/**
 * Web push end to end (issue 14, "What must show"): the test plays the push service (scripts/lib/push-service.mjs, on
 * loopback, allowed through PUSH_ALLOW_ORIGINS by vitest.config.ts), receives the encrypted request, DECRYPTS it here
 * with the subscription's own keys (RFC 8291, aes128gcm: ECDH and HKDF of node:crypto, not the library's code) and checks
 * the payload; quiet hours hold one back; a 410 removes the subscription.
 */

const SERVICE = env.PUSH_ALLOW_ORIGINS;

type Received = { path: string; headers: Record<string, string>; body: string; at: number };

/** A browser's push subscription: its own P-256 key pair and auth secret, and an endpoint on the test's push service. */
function browser(prefix = "push") {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const path = `/${prefix}/${crypto.randomUUID()}`;
  return {
    ecdh,
    auth,
    path,
    subscription: { endpoint: `${SERVICE}${path}`, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } },
  };
}

/** RFC 8291 decryption of an aes128gcm body (RFC 8188 header: salt, record size, key id = the sender's public key). */
function decrypt(b: ReturnType<typeof browser>, body: Buffer): unknown {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const secret = b.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), b.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", secret, b.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record: the content, then the delimiter 0x02, then zeros.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end], "the last record's delimiter").toBe(2);
  return JSON.parse(padded.subarray(0, end).toString("utf8"));
}

async function received(path: string): Promise<Received[]> {
  return (await fetch(`${SERVICE}/received?path=${encodeURIComponent(path)}`)).json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function subscribe(member: TestMember, b = browser()) {
  const res = await api("/api/v1/me/push-subscriptions", { as: member, body: b.subscription });
  expect(res.status, res.text).toBe(201);
  return { ...b, id: res.json.id as string };
}

async function openGroup(owner: TestMember) {
  const res = await api("/api/v1/groups", { as: owner, body: { name: `Push ${crypto.randomUUID().slice(0, 8)}`, description: "", visibility: "open", kind: "community" } });
  return res.json.id as string;
}

const subscriptionRow = (id: string) => env.DB.prepare("SELECT id, user_id, last_success_at FROM push_subscriptions WHERE id = ?").bind(id).first<{ id: string; user_id: string; last_success_at: number | null }>();
const notificationOf = (userId: string) => env.DB.prepare("SELECT id, deliver_at FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1").bind(userId).first<{ id: string; deliver_at: number }>();

describe("a push service played by the test", () => {
  it("receives a mention as an aes128gcm message signed with the network's VAPID key, which the subscription's keys decrypt", async () => {
    const [author, reader] = [await createMember({ name: "Alice Martin" }), await createMember({ profile: { locale: "fr" } })];
    const b = await subscribe(reader);
    const group = await openGroup(author);
    const post = await api(`/api/v1/groups/${group}/posts`, { as: author, body: { body: `Bonjour @${reader.handle}, le **rapport** est prêt` } });
    expect(post.status).toBe(201);
    const [message] = await until("the push", async () => ((await received(b.path)).length ? received(b.path) : undefined));
    expect(message.headers["content-encoding"]).toBe("aes128gcm");
    expect(message.headers.ttl).toBe("86400");
    // VAPID (RFC 8292): the network's public key, and a JWT it verifies, for the push service's origin.
    const [, jwt, key] = /^vapid t=([^,]+), k=(.+)$/.exec(message.headers.authorization)!;
    expect(key).toBe(env.VAPID_PUBLIC_KEY);
    const [h, p, s] = jwt.split(".");
    const publicKey = await crypto.subtle.importKey("raw", Buffer.from(key, "base64url"), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    expect(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, Buffer.from(s, "base64url"), new TextEncoder().encode(`${h}.${p}`))).toBe(true);
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    expect(claims).toMatchObject({ aud: SERVICE.replace("http:", "https:"), sub: "mailto:push-tests@example.com" });
    // The payload, in the reader's language, quoting the post as plain text, opening the post.
    expect(decrypt(b, Buffer.from(message.body, "base64"))).toEqual({
      title: `Alice Martin vous a mentionné dans ${(await api(`/api/v1/groups/${group}`, { as: author })).json.name}`,
      body: `Bonjour @${reader.handle}, le rapport est prêt`,
      url: `/posts/${post.json.id}`,
    });
    await until("the success noted", async () => ((await subscriptionRow(b.id))?.last_success_at ? true : undefined));
  });

  it("holds a push back during the recipient's quiet hours, and sends it when they end", async () => {
    const [author, reader] = [await createMember({ name: "Bob Durand" }), await createMember({ profile: { timezone: "UTC" } })];
    const b = await subscribe(reader);
    // Quiet hours around now, whatever the time of the run: from a minute ago to two minutes ahead (UTC).
    const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);
    const now = Date.now();
    expect((await api("/api/v1/notifications/quiet-hours", { as: reader, method: "PUT", body: { quietHours: { from: hhmm(now - 60_000), to: hhmm(now + 120_000) } } })).status).toBe(204);
    const group = await openGroup(author);
    const post = await api(`/api/v1/groups/${group}/posts`, { as: author, body: { body: `Late news for @${reader.handle}` } });
    expect(post.status).toBe(201);
    const held = (await notificationOf(reader.id))!;
    expect(held.deliver_at).toBeGreaterThan(Date.now());
    // The job of the other notifications ran meanwhile (the author's own group creation notifies nobody): nothing sent,
    // and sending it now sends nothing (it is not due).
    expect(await sendPushes(testContext(), [held.id])).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await received(b.path)).toEqual([]);
    // Time passes to the end of their quiet hours (the row's delivery time moved to just now, as the clock would reach
    // it), and the cron of that minute releases it: the bell and the push both get it.
    const end = Date.now() - 1;
    await env.DB.prepare("UPDATE notifications SET deliver_at = ? WHERE id = ?").bind(end, held.id).run();
    expect(await releaseQuietNotifications(testContext(), end)).toBeGreaterThanOrEqual(1);
    const [message] = await until("the released push", async () => ((await received(b.path)).length ? received(b.path) : undefined));
    expect(decrypt(b, Buffer.from(message.body, "base64"))).toMatchObject({ title: expect.stringContaining("Bob Durand mentioned you in"), url: `/posts/${post.json.id}` });
  });

  it("deletes a subscription the push service answers 410 (or 404) for; a 500 keeps it", async () => {
    const [author, reader] = [await createMember(), await createMember()];
    const gone = await subscribe(reader, browser("gone"));
    const missing = await subscribe(reader, browser("missing"));
    const failing = await subscribe(reader, browser("fail"));
    const kept = await subscribe(reader);
    const group = await openGroup(author);
    expect((await api(`/api/v1/groups/${group}/posts`, { as: author, body: { body: `Ping @${reader.handle}` } })).status).toBe(201);
    await until("the 410 and 404 subscriptions deleted", async () => (!(await subscriptionRow(gone.id)) && !(await subscriptionRow(missing.id)) ? true : undefined));
    for (const b of [gone, missing, failing, kept]) expect((await received(b.path)).length, b.path).toBe(1);
    expect(await subscriptionRow(failing.id)).toMatchObject({ last_success_at: null });
    expect((await subscriptionRow(kept.id))?.user_id).toBe(reader.id);
  });

  it("pushes nothing of a group its recipient can no longer read, nor a post since hidden", async () => {
    const [owner, reader] = [await createMember(), await createMember()];
    const b = await subscribe(reader);
    const group = (await api("/api/v1/groups", { as: owner, body: { name: `Private ${crypto.randomUUID().slice(0, 8)}`, description: "", visibility: "private", kind: "project" } })).json.id as string;
    await env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, 'member', 'member', ?)").bind(group, reader.id, Date.now()).run();
    // A notification written as the service writes it, then the reader leaves before it is sent.
    const post = (await api(`/api/v1/groups/${group}/posts`, { as: owner, body: { body: "Secret plans, not for outsiders" } })).json.id as string;
    const id = `ntf_${"0".repeat(10)}${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const now = Date.now();
    await env.DB.prepare("INSERT INTO notifications (id, user_id, kind, actor_id, group_id, post_id, comment_id, deliver_at, read_at, created_at) VALUES (?, ?, 'mention', ?, ?, ?, NULL, ?, NULL, ?)").bind(id, reader.id, owner.id, group, post, now, now).run();
    await env.DB.prepare("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").bind(group, reader.id).run();
    expect(await sendPushes(testContext(), [id])).toEqual([]);
    // Back in the group, the same notification is sent; with the post hidden, it is not.
    await env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, 'member', 'member', ?)").bind(group, reader.id, Date.now()).run();
    await env.DB.prepare("UPDATE posts SET hidden_at = ? WHERE id = ?").bind(Date.now(), post).run();
    expect(await sendPushes(testContext(), [id])).toEqual([]);
    await env.DB.prepare("UPDATE posts SET hidden_at = NULL WHERE id = ?").bind(post).run();
    expect(await sendPushes(testContext(), [id])).toEqual([{ subscriptionId: b.id, notificationId: id, status: 201 }]);
  });
});

describe("the subscriptions routes", () => {
  it("gives the network's VAPID public key", async () => {
    const member = await createMember();
    expect((await api("/api/v1/push/key", { as: member })).json).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
  });

  it("refuses an endpoint that is not https or points inside, and a key that is not a P-256 point: 400, nothing written", async () => {
    const member = await createMember();
    const b = browser();
    const table: [string, unknown, string][] = [
      ["plain http", { ...b.subscription, endpoint: "http://push.example.com/x" }, "endpoint"],
      ["a loopback host", { ...b.subscription, endpoint: "https://127.0.0.1/x" }, "endpoint"],
      ["a private address", { ...b.subscription, endpoint: "https://10.0.0.8/x" }, "endpoint"],
      ["a metadata address", { ...b.subscription, endpoint: "https://169.254.169.254/latest" }, "endpoint"],
      ["a local name", { ...b.subscription, endpoint: "https://push.localhost/x" }, "endpoint"],
      ["credentials in the URL", { ...b.subscription, endpoint: "https://user:pw@push.example.com/x" }, "endpoint"],
      ["not a URL", { ...b.subscription, endpoint: "push me" }, "endpoint"],
      ["a key off the curve", { ...b.subscription, keys: { ...b.subscription.keys, p256dh: `B${"A".repeat(86)}` } }, "keys.p256dh"],
      ["a short auth secret", { ...b.subscription, keys: { ...b.subscription.keys, auth: "abc" } }, "keys.auth"],
    ];
    for (const [name, body, path] of table) {
      const before = await tableCounts();
      const error = await expectError(await api("/api/v1/me/push-subscriptions", { as: member, body }), 400, "validation_failed");
      expect(error.details.map((d: { path: string }) => d.path), name).toContain(path);
      expect(await tableCounts(), name).toEqual(before);
    }
  });

  it("deletes only the caller's own subscription (another member's is not found), and the endpoint moves to whoever posts it last", async () => {
    const [a, b] = [await createMember(), await createMember()];
    const device = browser();
    const mine = await subscribe(a, device);
    await expectError(await api(`/api/v1/me/push-subscriptions/${mine.id}`, { as: b, method: "DELETE" }), 404, "not_found");
    expect(await subscriptionRow(mine.id)).toMatchObject({ user_id: a.id });
    // The same browser, now signed in as b: a's subscription is gone, b's replaces it.
    const theirs = await subscribe(b, device);
    expect(await subscriptionRow(mine.id)).toBeNull();
    expect(await subscriptionRow(theirs.id)).toMatchObject({ user_id: b.id });
    expect((await api(`/api/v1/me/push-subscriptions/${theirs.id}`, { as: b, method: "DELETE" })).status).toBe(204);
    expect(await subscriptionRow(theirs.id)).toBeNull();
    await expectError(await api(`/api/v1/me/push-subscriptions/${theirs.id}`, { as: b, method: "DELETE" }), 404, "not_found");
  });

  it("ends a session's subscription with the session: signing out stops the pushes to that browser", async () => {
    const member = await createMember();
    const sub = await subscribe(member);
    expect((await api("/api/v1/auth/logout", { as: member, method: "POST" })).status).toBe(204);
    expect(await subscriptionRow(sub.id)).toBeNull();
  });
});

describe("what a push says", () => {
  const base: PushFacts = { kind: "mention", locale: "en", actorName: "Alice", groupId: "grp_1", groupName: "Sales", postId: "pst_1", postKind: "discussion", postTitle: "", commentId: null, excerpt: "Hello **team**, see [the deck](https://x.test/d)" };
  it("names what happened in the member's language, quotes the content as plain text, and opens the bell's page", () => {
    const table: [string, Partial<PushFacts>, ReturnType<typeof pushPayload>][] = [
      ["a mention", {}, { title: "Alice mentioned you in Sales", body: "Hello team, see the deck", url: "/posts/pst_1" }],
      ["a mention, in French", { locale: "fr" }, { title: "Alice vous a mentionné dans Sales", body: "Hello team, see the deck", url: "/posts/pst_1" }],
      ["a reply, on its comment", { kind: "reply", commentId: "cmt_9", excerpt: "Done" }, { title: "Alice replied to your post in Sales", body: "Done", url: "/posts/pst_1#c-cmt_9" }],
      ["an answer to my question", { kind: "reply", postKind: "question", commentId: "cmt_9", excerpt: "Use the export" }, { title: "Alice answered your question in Sales", body: "Use the export", url: "/posts/pst_1#c-cmt_9" }],
      ["an answer, in French", { kind: "reply", postKind: "question", locale: "fr", excerpt: "Oui" }, { title: "Alice a répondu à votre question dans Sales", body: "Oui", url: "/posts/pst_1" }],
      ["a must-read announcement", { kind: "announcement", postKind: "announcement", postTitle: "New offices" }, { title: "Announcement in Sales", body: "New offices", url: "/posts/pst_1" }],
      ["an idea moved on", { kind: "idea_status", postKind: "idea", postTitle: "Bike racks" }, { title: "An idea you posted or support moved on", body: "Bike racks", url: "/ideas/pst_1" }],
      ["a question for my skills", { kind: "question_nudge", actorName: null, postKind: "question", excerpt: "Who knows SAP?" }, { title: "A question in Sales matches your skills", body: "Who knows SAP?", url: "/posts/pst_1" }],
      ["a question past its promise", { kind: "question_overdue", locale: "fr", actorName: null, excerpt: "Qui ?" }, { title: "Une question dans Sales a dépassé le délai de réponse promis", body: "Qui ?", url: "/posts/pst_1" }],
      ["a coffee pairing", { kind: "coffee_paired", actorName: null, groupId: null, groupName: null, postId: null, excerpt: null }, { title: "You have a coffee partner this week", body: "Open the coffee machine to meet them.", url: "/coffee" }],
      ["an ordinary post (not pushed)", { kind: "post" }, null],
      ["a comment in a followed thread (not pushed)", { kind: "comment" }, null],
      ["a join request (not pushed)", { kind: "join_request" }, null],
    ];
    for (const [name, facts, expected] of table) expect(pushPayload({ ...base, ...facts }), name).toEqual(expected);
  });

  it("cuts a long excerpt to 160 characters", () => {
    const payload = pushPayload({ ...base, excerpt: "word ".repeat(100) })!;
    expect(payload.body.length).toBeLessThanOrEqual(160);
    expect(payload.body.endsWith("…")).toBe(true);
  });
});
