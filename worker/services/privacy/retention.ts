import { getServerByName } from "partyserver";
import type { ServiceContext } from "../../context";
import { idFloor } from "../../lib/ids";

export type Retention = { chatDays: number; notificationDays: number; auditDays: number; deliveryDays: number };
const DAY = 24 * 3600 * 1000;
/** Rows deleted per table and run: the cron comes back for the rest. */
const CHUNK = 1000;

export const DEFAULT_RETENTION: Retention = { chatDays: 365, notificationDays: 180, auditDays: 1825, deliveryDays: 30 };

export async function readRetention(ctx: ServiceContext): Promise<Retention> {
  const row = await ctx.env.DB.prepare("SELECT retention FROM network_settings WHERE id = 1").first<{ retention: string }>();
  try {
    return { ...DEFAULT_RETENTION, ...(row ? (JSON.parse(row.retention) as Partial<Retention>) : {}) };
  } catch {
    return DEFAULT_RETENTION;
  }
}

/**
 * Retention (the network settings' `retention`, API.md "Administration and privacy"): notifications, audit rows and
 * webhook deliveries (with their attempts) older than their number of days are deleted, up to {@link CHUNK} of each per
 * run, through their time-sorted primary keys (notifications, audit) or the deliveries' time index. One D1 batch.
 */
export async function applyRetention(ctx: ServiceContext, now: number): Promise<{ notifications: number; audit: number; deliveries: number }> {
  const r = await readRetention(ctx);
  const db = ctx.env.DB;
  const deliveriesBefore = now - r.deliveryDays * DAY;
  const [notifications, audit, , deliveries] = await db.batch([
    db.prepare("DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE id < ? ORDER BY id LIMIT ?)").bind(idFloor("ntf", now - r.notificationDays * DAY), CHUNK),
    db.prepare("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id < ? ORDER BY id LIMIT ?)").bind(idFloor("aud", now - r.auditDays * DAY), CHUNK),
    db.prepare("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE created_at < ? LIMIT ?)").bind(deliveriesBefore, CHUNK),
    db.prepare("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE created_at < ? LIMIT ?)").bind(deliveriesBefore, CHUNK),
  ]);
  return { notifications: notifications.meta.changes, audit: audit.meta.changes, deliveries: deliveries.meta.changes };
}

/** Room chats (coffee rooms' stored messages, Durable Object storage) older than `chatDays`: each room prunes its log. */
export async function applyChatRetention(ctx: ServiceContext, now: number): Promise<number> {
  const r = await readRetention(ctx);
  const rooms = await ctx.env.DB.prepare("SELECT id FROM coffee_rooms").all<{ id: string }>();
  let gone = 0;
  for (const { id } of rooms.results) {
    try {
      gone += await (await getServerByName(ctx.env.CoffeeRoom, id)).pruneBefore(now - r.chatDays * DAY);
    } catch (err) {
      console.error(JSON.stringify({ retention: `coffee-room:${id}`, error: String(err) }));
    }
  }
  return gone;
}
