import { getServerByName } from "partyserver";
import type { Actor, ServiceContext } from "../../context";
import { ApiError, ConflictError, NotFoundError } from "../../errors";
import { hashSecret, newId } from "../../lib/ids";
import { verifyPassword } from "../auth/passwords";
import { assertNotThrottled, memberThrottleKeys, recordFailure, throttleKeys } from "../auth/throttle";
import { mayEraseMember, ssoReauthenticated } from "../access";
import { auditInsert } from "../audit/audit";
import { emitWebhookEvent } from "../webhooks/events";
import { REGISTRY, type Facts, type Statement } from "./registry";
import { officeHoursOf } from "./export";

export const PLACEHOLDER_NAME = "Deleted member";

type MemberRow = { id: string; email: string; name: string; role: string; password_hash: string };

/** Rooms visited at once while scrubbing (each is one Durable Object call). */
const ROOM_CONCURRENCY = 6;

/** Erasure's statements, table by table, in the registry's order (one batch). */
export function erasureStatements(f: Facts): Statement[] {
  const out: Statement[] = [];
  const nameJson = JSON.stringify(f.oldName);
  const placeholderEmail = `${f.newId}@erased.invalid`;
  for (const [table, rule] of Object.entries(REGISTRY)) {
    if (rule.before) out.push(...rule.before(f));
    if (rule.content && f.mode === "delete") {
      const sets = Object.entries(rule.content.set).map(([col]) => `${col} = ?`);
      const args = Object.values(rule.content.set);
      if (rule.content.deletedAt) sets.push(`${rule.content.deletedAt} = coalesce(${rule.content.deletedAt}, ?)`);
      out.push({ sql: `UPDATE ${table} SET ${sets.join(", ")} WHERE ${rule.content.owner} = ?`, args: [...args, ...(rule.content.deletedAt ? [f.now] : []), f.oldId] });
    }
    if (rule.personal) {
      const where = [...(rule.ids ?? []).map((c) => `${c} = ?`), ...(rule.emails ?? []).map((c) => `${c} = ?`)];
      out.push({ sql: `DELETE FROM ${table} WHERE ${where.join(" OR ")}`, args: [...(rule.ids ?? []).map(() => f.oldId), ...(rule.emails ?? []).map(() => f.oldEmail)] });
    }
    for (const col of rule.reassign ?? []) out.push({ sql: `UPDATE ${table} SET ${col} = ? WHERE ${col} = ?`, args: [f.newId, f.oldId] });
    for (const col of rule.scrub ?? []) {
      out.push({
        sql: `UPDATE ${table} SET ${col} = replace(replace(replace(${col}, ?, ?), ?, ?), ?, ?) WHERE instr(${col}, ?) > 0 OR instr(${col}, ?) > 0 OR instr(${col}, ?) > 0`,
        args: [f.oldId, f.newId, f.oldEmail, placeholderEmail, nameJson, JSON.stringify(f.newName), f.oldId, f.oldEmail, nameJson],
      });
    }
  }
  // Merge each full-text index, so that the deleted terms leave its pages too.
  for (const [table, rule] of Object.entries(REGISTRY)) if (rule.fts) out.push({ sql: `INSERT INTO ${table}(${table}) VALUES ('optimize')`, args: [] });
  return out;
}

/** The rooms whose stored frames may name the member: the groups they took part in, the members they notified, the coffee rooms they could chat in, the office hours they held or asked in. */
async function roomsOf(ctx: ServiceContext, memberId: string) {
  const db = ctx.env.DB;
  const [groups, people, coffee, officeHours] = await db.batch<{ id: string }>([
    db
      .prepare(
        `SELECT group_id AS id FROM group_members WHERE user_id = ?1
         UNION SELECT group_id FROM posts WHERE author_id = ?1
         UNION SELECT p.group_id FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.author_id = ?1
         UNION SELECT p.group_id FROM reactions r JOIN posts p ON p.id = r.target_id WHERE r.user_id = ?1
         UNION SELECT p.group_id FROM reactions r JOIN comments c ON c.id = r.target_id JOIN posts p ON p.id = c.post_id WHERE r.user_id = ?1`,
      )
      .bind(memberId),
    db.prepare("SELECT DISTINCT user_id AS id FROM notifications WHERE actor_id = ?1 UNION SELECT ?1").bind(memberId),
    db.prepare("SELECT id FROM coffee_rooms WHERE kind = 'open' OR pairing_id IN (SELECT pairing_id FROM coffee_pairing_members WHERE user_id = ?1)").bind(memberId),
    officeHoursOf(db, memberId, Date.now()),
  ]);
  return { groups: groups.results.map((r) => r.id), people: people.results.map((r) => r.id), coffee: coffee.results.map((r) => r.id), officeHours: officeHours.results.map((r) => r.id) };
}

async function inTurns<T>(items: T[], run: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += ROOM_CONCURRENCY) await Promise.all(items.slice(i, i + ROOM_CONCURRENCY).map(run));
}

/** The R2 objects of the member: their uploads and every avatar stored under their id. */
async function objectsOf(ctx: ServiceContext, memberId: string): Promise<string[]> {
  const files = await ctx.env.DB.prepare("SELECT key FROM files WHERE owner_id = ?").bind(memberId).all<{ key: string }>();
  const keys = files.results.map((r) => r.key);
  let cursor: string | undefined;
  do {
    const listed = await ctx.env.FILES.list({ prefix: `avatars/${memberId}/`, cursor });
    keys.push(...listed.objects.map((o) => o.key));
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return keys;
}

type ErasureReads = { row: MemberRow | undefined; mode: "anonymise" | "delete"; otherAdmins: number; rooms: Awaited<ReturnType<typeof roomsOf>>; objects: string[] };

/**
 * What an erasure reads before its batch, in ONE D1 round trip (issue 13: the erasure is then the second): the member,
 * the network's erasure setting, the other active administrators, the rooms and the R2 objects that may name them.
 */
function erasureReads(ctx: ServiceContext, memberId: string): Promise<ErasureReads> {
  const db = ctx.env.DB;
  return Promise.all([
    db.batch([
      db.prepare("SELECT id, email, name, role, password_hash FROM users WHERE id = ? AND erased_at IS NULL").bind(memberId),
      db.prepare("SELECT erasure FROM network_settings WHERE id = 1"),
      db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND id <> ? AND deactivated_at IS NULL").bind(memberId),
    ]),
    roomsOf(ctx, memberId),
    objectsOf(ctx, memberId),
  ]).then(([[member, settings, others], rooms, objects]) => ({
    row: member.results[0] as MemberRow | undefined,
    mode: (settings.results[0] as { erasure?: "anonymise" | "delete" } | undefined)?.erasure ?? "anonymise",
    otherAdmins: (others.results[0] as { n: number } | undefined)?.n ?? 0,
    rooms,
    objects,
  }));
}

/**
 * Erases a member (GDPR article 17; API.md "Administration and privacy"): in ONE D1 batch, a placeholder member with a
 * new id ("Deleted member", deactivated, no email of theirs) takes their place in every table the registry names, their
 * personal rows go, their content is kept under the placeholder (`anonymise`) or emptied (`delete`), the full-text
 * indexes are merged, and the audit row is written (its target: the placeholder, never the old id). Then their files
 * leave R2, the rooms' stored frames are scrubbed, and `member.left {userId: <placeholder>, reason: "erased"}` goes out.
 * Returns the placeholder's id.
 */
export async function eraseMember(ctx: ServiceContext, actor: Actor, memberId: string, reading?: Promise<ErasureReads>): Promise<string> {
  const how = mayEraseMember(actor, memberId);
  if (!how) throw new NotFoundError("No such member");
  const db = ctx.env.DB;
  const { row, mode, otherAdmins, rooms, objects } = await (reading ?? erasureReads(ctx, memberId));
  if (!row) throw new NotFoundError("No such member");
  if (row.role === "admin" && !otherAdmins) throw new ConflictError("The network's last administrator cannot be erased");
  const now = Date.now();
  const facts: Facts = {
    oldId: row.id,
    oldEmail: row.email,
    oldName: row.name,
    newId: newId("usr", now),
    newName: PLACEHOLDER_NAME,
    now,
    mode,
  };

  const suffix = facts.newId.slice(4).toLowerCase();
  const statements = [
    // Erased by someone else meanwhile: the batch stops here (json() of a text that is not JSON fails) and writes nothing.
    db.prepare("SELECT json(CASE WHEN EXISTS (SELECT 1 FROM users WHERE id = ? AND erased_at IS NULL) THEN '1' ELSE 'already erased' END)").bind(memberId),
    db
      .prepare(
        `INSERT INTO users (id, email, handle, name, role, password_hash, deactivated_at, erased_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'member', '', ?, ?, ?, ?)`,
      )
      .bind(facts.newId, `${facts.newId}@erased.invalid`, `deleted-${suffix}`, PLACEHOLDER_NAME, now, now, now, now),
    ...erasureStatements(facts).map((s) => db.prepare(s.sql).bind(...s.args)),
  ];
  // The audit row names the placeholder as its target, and as its actor when the member erased themselves.
  const auditor: Actor = how === "self" ? { ...actor, id: facts.newId, name: PLACEHOLDER_NAME, handle: `deleted-${suffix}` } : actor;
  const audit = auditInsert(ctx, auditor, { action: "member.erase", target: { type: "user", id: facts.newId }, groupId: null, after: { erasure: facts.mode, by: how } }, now).toSQL();
  statements.push(db.prepare(audit.sql).bind(...(audit.params as unknown[])));
  try {
    await db.batch(statements);
  } catch (err) {
    if (String(err).includes("malformed JSON")) throw new NotFoundError("No such member");
    throw err;
  }

  for (let i = 0; i < objects.length; i += 1000) await ctx.env.FILES.delete(objects.slice(i, i + 1000));
  await scrubRooms(ctx, facts, rooms);
  await emitWebhookEvent(ctx, "member.left", { userId: facts.newId, reason: "erased" });
  return facts.newId;
}

/** The rooms' stored frames (Durable Object storage): the member's messages go, their id and name are replaced. */
async function scrubRooms(ctx: ServiceContext, f: Facts, rooms: Awaited<ReturnType<typeof roomsOf>>) {
  const replacements: [string, string][] = [
    [f.oldId, f.newId],
    [JSON.stringify(f.oldName).slice(1, -1), f.newName],
    [f.oldEmail, `${f.newId}@erased.invalid`],
  ];
  const log = (what: string) => (err: unknown) => console.error(JSON.stringify({ requestId: ctx.requestId, erase: what, error: String(err) }));
  await inTurns(rooms.coffee, async (id) => (await getServerByName(ctx.env.CoffeeRoom, id)).eraseMember(f.oldId, replacements).catch(log(`coffee-room:${id}`)));
  await inTurns(rooms.officeHours, async (id) => (await getServerByName(ctx.env.OfficeHours, id)).eraseMember(f.oldId, replacements).catch(log(`office-hours:${id}`)));
  await inTurns(rooms.groups, async (id) => (await getServerByName(ctx.env.GroupRoom, id)).eraseMember(f.oldId, replacements).catch(log(`group:${id}`)));
  await inTurns(rooms.people, async (id) => (await getServerByName(ctx.env.UserRoom, id)).eraseMember(f.oldId, replacements).catch(log(`user:${id}`)));
}

/**
 * `DELETE /me`: the member confirms with their password, or their session began through SSO within 10 minutes. A wrong
 * password is `invalid_credentials` (and counts as a failed sign-in for the throttle: 429 past it); neither is
 * `validation_failed` on `password`.
 */
export async function eraseSelf(ctx: ServiceContext, actor: Actor, input: { password?: string }, sessionToken: string | undefined): Promise<string> {
  const now = Date.now();
  // Two D1 round trips (issue 13): what the erasure reads (the member's row among it, for the password) and the
  // confirmation's own read go together, with the session check; then the erasure's batch, or the failure's record.
  const reading = erasureReads(ctx, actor.id);
  reading.catch(() => {}); // answered by eraseMember, or left behind a refusal
  if (input.password !== undefined) {
    // The sign-in throttle guards this password check too: a stolen session cannot try passwords here. Its email key
    // is the member's, read in the throttle's own statement.
    const address = `erase:${actor.id}`;
    const throttled = assertNotThrottled(ctx, memberThrottleKeys(actor.id, address), now);
    throttled.catch(() => {});
    const { row } = await reading;
    await throttled;
    const keys = throttleKeys(row?.email ?? "", address);
    if (!(await verifyPassword(input.password, row?.password_hash || null))) {
      await recordFailure(ctx, keys, now);
      throw new ApiError("invalid_credentials", "Wrong password");
    }
  } else {
    const session = sessionToken ? await ctx.env.DB.prepare("SELECT sso_at FROM sessions WHERE token_hash = ? AND user_id = ?").bind(await hashSecret(sessionToken), actor.id).first<{ sso_at: number | null }>() : null;
    if (!ssoReauthenticated(session?.sso_at ?? null, now)) {
      throw new ApiError("validation_failed", "Confirm with your password", [{ path: "password", message: "Required unless you signed in through SSO in the last 10 minutes" }]);
    }
  }
  return eraseMember(ctx, actor, actor.id, reading);
}

/** `DELETE /admin/members/:id`: an administrator erases someone else (their own account: `DELETE /me`). */
export async function eraseByAdmin(ctx: ServiceContext, actor: Actor, memberId: string): Promise<string> {
  if (memberId === actor.id) throw new ConflictError("Erase your own account from your settings (DELETE /me)");
  return eraseMember(ctx, actor, memberId);
}
