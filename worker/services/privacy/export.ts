import { getServerByName } from "partyserver";
import type { MemberExport } from "../../../contract/privacy";
import type { Actor, ServiceContext } from "../../context";
import { fileUrl } from "../posts/hydrate";
import { REGISTRY } from "./registry";

/** One SELECT per table of the registry that names members: the rows where one of its columns is this member. */
export function exportPlan(memberId: string, email: string) {
  return Object.entries(REGISTRY).flatMap(([table, rule]) => {
    if (!rule.export || "skip" in rule.export) return [];
    const by = rule.export.by ?? [...(rule.ids ?? []), ...(rule.emails ?? [])];
    if (by.length === 0) return [];
    const emails = new Set(rule.emails ?? []);
    return [{ table, omit: new Set(rule.export.omit ?? []), sql: `SELECT * FROM ${table} WHERE ${by.map((c) => `${c} = ?`).join(" OR ")}`, args: by.map((c) => (emails.has(c) ? email : memberId)) }];
  });
}

/**
 * The office hours whose live room may still store what a member wrote: those they held or asked in, live now or ended
 * within the last day (a room wipes its frames when it closes, at its end or on cancel; the day covers an alarm that
 * had to be retried). Older sessions' rooms hold nothing, and a prolific expert's years of sessions are not visited.
 */
export function officeHoursOf(db: D1Database, memberId: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT o.id FROM office_hours o WHERE o.starts_at <= ?2 AND o.ends_at > ?2 - 86400000
         AND (o.expert_id = ?1 OR EXISTS (SELECT 1 FROM questions q WHERE q.office_hour_id = o.id AND q.author_id = ?1))`,
    )
    .bind(memberId, now);
}

/**
 * `GET /me/export` (GDPR articles 15 and 20): every row of every table that names the member, as the registry says
 * (secrets left out: password and token hashes, signing secrets, R2 keys), the chat messages the coffee rooms still
 * store, and their files' addresses. One D1 batch for the tables.
 */
export async function exportMember(ctx: ServiceContext, actor: Actor, now = Date.now()): Promise<MemberExport> {
  const db = ctx.env.DB;
  const email = (await db.prepare("SELECT email FROM users WHERE id = ?").bind(actor.id).first<{ email: string }>())?.email ?? "";
  const plan = exportPlan(actor.id, email);
  const answers = await db.batch<Record<string, unknown>>(plan.map((p) => db.prepare(p.sql).bind(...p.args)));
  const tables: Record<string, Record<string, unknown>[]> = {};
  plan.forEach((p, i) => {
    const rows = answers[i].results.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !p.omit.has(k))));
    if (rows.length) tables[p.table] = rows;
  });

  const rooms: MemberExport["rooms"] = [];
  const coffee = await db.prepare("SELECT id FROM coffee_rooms WHERE kind = 'open' OR pairing_id IN (SELECT pairing_id FROM coffee_pairing_members WHERE user_id = ?)").bind(actor.id).all<{ id: string }>();
  for (const { id } of coffee.results) {
    const frames = await (await getServerByName(ctx.env.CoffeeRoom, id)).memberChats(actor.id).catch(() => [] as string[]);
    if (frames.length) rooms.push({ kind: "coffee-room", roomId: id, frames: frames.map((f) => JSON.parse(f) as Record<string, unknown>) });
  }

  // Expert office hours the member held or asked in: their questions and answers the live room still stores.
  const sessions = await officeHoursOf(db, actor.id, now).all<{ id: string }>();
  for (const { id } of sessions.results) {
    const frames = await (await getServerByName(ctx.env.OfficeHours, id)).memberChats(actor.id).catch(() => [] as string[]);
    if (frames.length) rooms.push({ kind: "office-hours", roomId: id, frames: frames.map((f) => JSON.parse(f) as Record<string, unknown>) });
  }

  const files = (tables.files ?? []).map((f) => ({ id: String(f.id), name: String(f.name), type: String(f.type), size: Number(f.size), url: `${ctx.origin}${fileUrl(String(f.id))}` }));
  return { format: "comptoir-export/1", exportedAt: now, memberId: actor.id, tables, rooms, files };
}
