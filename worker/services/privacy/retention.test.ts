import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../lib/ids";
import { api, createMember, testContext } from "../../test/factories";
import { openSocket } from "../../../party/test-socket";
import { applyChatRetention, applyRetention } from "./retention";

const DAY = 24 * 3600 * 1000;

describe("retention (the network settings' days, applied by the cron)", () => {
  it("deletes notifications, audit rows and deliveries older than their days, and nothing newer", async () => {
    const now = Date.now();
    await env.DB.prepare("UPDATE network_settings SET retention = ? WHERE id = 1").bind(JSON.stringify({ chatDays: 365, notificationDays: 10, auditDays: 100, deliveryDays: 3 })).run();
    const m = await createMember();
    const at = { oldNote: now - 11 * DAY, newNote: now - 9 * DAY, oldAudit: now - 101 * DAY, newAudit: now - 99 * DAY, oldDelivery: now - 4 * DAY, newDelivery: now - 2 * DAY };
    const notes = { old: newId("ntf", at.oldNote), kept: newId("ntf", at.newNote) };
    const audits = { old: newId("aud", at.oldAudit), kept: newId("aud", at.newAudit) };
    await env.DB.batch([
      ...Object.entries(notes).map(([k, id]) => env.DB.prepare("INSERT INTO notifications (id, user_id, kind, deliver_at, created_at) VALUES (?, ?, 'mention', ?, ?)").bind(id, m.id, k === "old" ? at.oldNote : at.newNote, k === "old" ? at.oldNote : at.newNote)),
      ...Object.entries(audits).map(([k, id]) => env.DB.prepare("INSERT INTO audit_log (id, actor_id, action, target_type, target_id, created_at) VALUES (?, ?, 'post.hide', 'post', 'pst_x', ?)").bind(id, m.id, k === "old" ? at.oldAudit : at.newAudit)),
      env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, created_at, updated_at) VALUES ('msg_retention_old', 'whk_x', 'webhook.test', '{}', 'succeeded', ?, ?)").bind(at.oldDelivery, at.oldDelivery),
      env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, state, created_at, updated_at) VALUES ('msg_retention_new', 'whk_x', 'webhook.test', '{}', 'succeeded', ?, ?)").bind(at.newDelivery, at.newDelivery),
      env.DB.prepare("INSERT INTO webhook_attempts (delivery_id, n, at, status_code, latency_ms) VALUES ('msg_retention_old', 1, ?, 200, 5)").bind(at.oldDelivery),
      env.DB.prepare("INSERT INTO webhook_attempts (delivery_id, n, at, status_code, latency_ms) VALUES ('msg_retention_new', 1, ?, 200, 5)").bind(at.newDelivery),
    ]);
    expect(await applyRetention(testContext(), now)).toEqual({ notifications: 1, audit: 1, deliveries: 1 });
    const ids = async (sql: string) => (await env.DB.prepare(sql).all<{ id: string }>()).results.map((r) => r.id).sort();
    expect(await ids(`SELECT id FROM notifications WHERE user_id = '${m.id}'`)).toEqual([notes.kept]);
    expect(await ids(`SELECT id FROM audit_log WHERE actor_id = '${m.id}'`)).toEqual([audits.kept]);
    expect(await ids("SELECT id FROM webhook_deliveries WHERE id LIKE 'msg_retention_%'")).toEqual(["msg_retention_new"]);
    expect(await ids("SELECT delivery_id AS id FROM webhook_attempts WHERE delivery_id LIKE 'msg_retention_%'")).toEqual(["msg_retention_new"]);
    // A second run finds nothing more.
    expect(await applyRetention(testContext(), now)).toEqual({ notifications: 0, audit: 0, deliveries: 0 });
  });

  it("prunes the coffee rooms' stored chats older than chatDays", async () => {
    await env.DB.prepare("UPDATE network_settings SET retention = ? WHERE id = 1").bind(JSON.stringify({ chatDays: 1, notificationDays: 180, auditDays: 1825, deliveryDays: 30 })).run();
    const m = await createMember();
    const room = (await api("/api/v1/coffee/rooms", { as: m, body: { title: "Retention" } })).json.id as string;
    const sock = await openSocket(`/parties/coffee-room/${room}`, m.cookie);
    await sock.next("welcome");
    sock.ws!.send(JSON.stringify({ type: "chat", text: "old news" }));
    await sock.next("chat");
    sock.ws!.close();
    expect(await applyChatRetention(testContext(), Date.now())).toBe(0);
    expect(await applyChatRetention(testContext(), Date.now() + 2 * DAY)).toBeGreaterThanOrEqual(1);
  });
});
