import { and, eq, sql } from "drizzle-orm";
import { z } from "@hono/zod-openapi";
import { Email, PersonName, SingleLine } from "../../../contract/common";
import { SCIM, ScimBoolean, ScimUserInput, type ScimPatch } from "../../../contract/scim";
import type { Actor, ServiceContext } from "../../context";
import { scimDeletedUsers } from "../../db/admin";
import { users } from "../../db/users";
import { newId } from "../../lib/ids";
import { issuesOf } from "../../lib/validate";
import { auditInsert } from "../audit/audit";
import { afterDeactivation, deactivationWrites } from "../users/profile";
import { freeHandle } from "../users/handles";
import { emitWebhookEvent } from "../webhooks/events";
import { invalidValue, notFound, ScimError } from "./errors";
import { listWindow, parseEqFilter } from "./filter";

/**
 * SCIM Users (RFC 7643 §4.1, RFC 7644): the network's members as an identity provider provisions them. What maps to
 * what: userName and the work email = the member's email (their sign-in); displayName (or name.formatted, or
 * givenName + familyName) = name; title = title; the enterprise extension's department = department; the work
 * address's locality = the profile's location (their site); externalId = users.external_id; active = not deactivated.
 * Attributes this network does not keep are ignored. A member created here has no password (they sign in through SSO)
 * and accepts the charter at their first sign-in. Deleting deprovisions: the member is deactivated and the resource is
 * gone (404), their content stays; re-creating the same userName brings them back.
 */

type UserRow = typeof users.$inferSelect;

/** The fields SCIM writes, as this network keeps them. */
type Fields = { email: string; name: string; title: string; department: string; location: string; externalId: string | null; active: boolean };

const iso = (ms: number) => new Date(ms).toISOString();

export function presentUser(ctx: ServiceContext, r: UserRow) {
  const [given, ...family] = r.name.split(" ");
  return {
    schemas: [SCIM.user, SCIM.enterprise],
    id: r.id,
    ...(r.externalId ? { externalId: r.externalId } : {}),
    userName: r.email,
    name: { formatted: r.name, givenName: given, familyName: family.join(" ") },
    displayName: r.name,
    title: r.title,
    active: r.deactivatedAt === null,
    emails: [{ value: r.email, type: "work", primary: true }],
    addresses: r.location ? [{ type: "work", locality: r.location, primary: true }] : [],
    [SCIM.enterprise]: { department: r.department },
    meta: { resourceType: "User", created: iso(r.createdAt), lastModified: iso(r.updatedAt), location: `${ctx.origin}/scim/v2/Users/${r.id}` },
  };
}

/** Members a SCIM client sees: not erased, not deleted through SCIM. */
const provisionable = sql`${users.erasedAt} IS NULL AND ${users.id} NOT IN (SELECT user_id FROM scim_deleted_users)`;

async function loadUser(ctx: ServiceContext, id: string): Promise<UserRow> {
  const row = await ctx.db.select().from(users).where(and(eq(users.id, id), provisionable)).get();
  if (!row) throw notFound("User");
  return row;
}

export async function getScimUser(ctx: ServiceContext, id: string) {
  return presentUser(ctx, await loadUser(ctx, id));
}

const FILTERABLE = ["userName", "externalId", "id", "emails.value"] as const;

export async function listScimUsers(ctx: ServiceContext, q: { filter?: string; startIndex?: number; count?: number }) {
  const f = parseEqFilter(q.filter, FILTERABLE);
  const { offset, limit, startIndex } = listWindow(q.startIndex, q.count);
  const by =
    f === null
      ? sql`1`
      : f.attribute === "externalId"
        ? sql`${users.externalId} = ${f.value}`
        : f.attribute === "id"
          ? sql`${users.id} = ${f.value}`
          : sql`${users.email} = ${f.value.trim().toLowerCase()}`;
  const where = and(provisionable, by);
  const [total, rows] = await ctx.db.batch([
    ctx.db.select({ n: sql<number>`count(*)` }).from(users).where(where),
    ctx.db.select().from(users).where(where).orderBy(users.createdAt, users.id).limit(limit).offset(offset),
  ]);
  return { schemas: [SCIM.list], totalResults: total[0]?.n ?? 0, itemsPerPage: rows.length, startIndex, Resources: rows.map((r) => presentUser(ctx, r)) };
}

function parseOr<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidValue(`${what}: ${issuesOf(r.error).map((i) => `${i.path ? `${i.path} ` : ""}${i.message}`).join("; ")}`);
  return r.data;
}

/** The name a resource gives: displayName, name.formatted, or givenName and familyName. */
function nameOf(input: ScimUserInput): string | undefined {
  const joined = [input.name?.givenName, input.name?.familyName].filter((s) => s && s.trim()).join(" ");
  return input.displayName || input.name?.formatted || joined || undefined;
}

function workOf<T extends { type?: string; primary?: boolean }>(list: T[] | undefined): T | undefined {
  return list?.find((x) => x.type?.toLowerCase() === "work") ?? list?.find((x) => x.primary) ?? list?.[0];
}

/** A whole resource (POST, PUT) as this network's fields; what is absent is empty (PUT replaces). */
function fieldsOf(input: ScimUserInput, fallbackName: string): Fields {
  return {
    email: input.userName,
    name: nameOf(input) ?? fallbackName,
    title: input.title ?? "",
    department: input[SCIM.enterprise]?.department ?? "",
    location: workOf(input.addresses)?.locality ?? "",
    externalId: input.externalId ?? null,
    active: input.active ?? true,
  };
}

function fieldsOfRow(r: UserRow): Fields {
  return { email: r.email, name: r.name, title: r.title, department: r.department, location: r.location, externalId: r.externalId, active: r.deactivatedAt === null };
}

async function emailTaken(ctx: ServiceContext, email: string, exceptId?: string): Promise<boolean> {
  const row = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return row !== undefined && row.id !== exceptId;
}

const uniqueness = () => new ScimError(409, "A member with this userName exists already", "uniqueness");

/**
 * Applies `next` over the member's current fields in one batch with its audit row (`action`, the changed fields
 * before and after); deactivation ends sessions and tokens at once (the same writes as an administrator's).
 */
async function writeUser(ctx: ServiceContext, actor: Actor, current: UserRow, next: Fields, action: "scim.user_update" | "scim.user_create", extra: { revive?: boolean } = {}) {
  const before = fieldsOfRow(current);
  const changed = (Object.keys(next) as (keyof Fields)[]).filter((k) => before[k] !== next[k]);
  if (changed.length === 0 && !extra.revive) return;
  if (next.email !== before.email && (await emailTaken(ctx, next.email, current.id))) throw uniqueness();
  const now = Date.now();
  const deactivating = before.active && !next.active;
  const set = { email: next.email, name: next.name, title: next.title, department: next.department, location: next.location, externalId: next.externalId, updatedAt: now, ...(next.active && !before.active ? { deactivatedAt: null } : {}) };
  const pick = (f: Fields) => Object.fromEntries(changed.map((k) => [k, f[k]]));
  try {
    await ctx.db.batch([
      ctx.db.update(users).set(set).where(eq(users.id, current.id)),
      ...(deactivating ? deactivationWrites(ctx, current.id, now) : []),
      ...(extra.revive ? [ctx.db.delete(scimDeletedUsers).where(eq(scimDeletedUsers.userId, current.id))] : []),
      auditInsert(ctx, actor, { action, target: { type: "user", id: current.id }, groupId: null, before: pick(before), after: pick(next) }, now),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw uniqueness();
    throw err;
  }
  if (deactivating) await afterDeactivation(ctx, current.id);
}

export async function createScimUser(ctx: ServiceContext, actor: Actor, body: unknown) {
  const input = parseOr(ScimUserInput, body, "User");
  const fields = fieldsOf(input, input.userName.split("@")[0]);
  parseOr(PersonName, fields.name, "name");
  const existing = await ctx.db.select().from(users).where(eq(users.email, fields.email)).get();
  if (existing) {
    // Deleted through SCIM earlier: provisioned again, the same member comes back.
    const deleted = await ctx.db.select().from(scimDeletedUsers).where(eq(scimDeletedUsers.userId, existing.id)).get();
    if (!deleted || existing.erasedAt !== null) throw uniqueness();
    await writeUser(ctx, actor, existing, fields, "scim.user_create", { revive: true });
    if (fields.active) await emitWebhookEvent(ctx, "member.joined", { userId: existing.id, role: existing.role, via: "scim" });
    return { status: 201 as const, user: await getScimUser(ctx, existing.id) };
  }
  const now = Date.now();
  const id = newId("usr", now);
  for (let attempt = 0; ; attempt++) {
    const handle = await freeHandle(ctx, fields.email);
    try {
      await ctx.db.batch([
        ctx.db.insert(users).values({
          id,
          email: fields.email,
          handle: attempt ? `${handle}${attempt + 1}` : handle,
          name: fields.name,
          role: "member",
          title: fields.title,
          department: fields.department,
          location: fields.location,
          externalId: fields.externalId,
          // No password: a provisioned member signs in through single sign-on.
          passwordHash: "",
          deactivatedAt: fields.active ? null : now,
          createdAt: now,
          updatedAt: now,
        }),
        auditInsert(ctx, actor, { action: "scim.user_create", target: { type: "user", id }, groupId: null, after: { ...fields } }, now),
      ]);
      break;
    } catch (err) {
      const text = String(err);
      if (text.includes("UNIQUE") && text.includes("email")) throw uniqueness();
      if (!(text.includes("UNIQUE") && text.includes("handle")) || attempt >= 3) throw err;
    }
  }
  if (fields.active) await emitWebhookEvent(ctx, "member.joined", { userId: id, role: "member", via: "scim" });
  return { status: 201 as const, user: await getScimUser(ctx, id) };
}

export async function replaceScimUser(ctx: ServiceContext, actor: Actor, id: string, body: unknown) {
  const current = await loadUser(ctx, id);
  const input = parseOr(ScimUserInput, body, "User");
  await writeUser(ctx, actor, current, fieldsOf(input, current.name), "scim.user_update");
  return getScimUser(ctx, id);
}

const USER_PREFIX = `${SCIM.user}:`;
const ENTERPRISE_PREFIX = `${SCIM.enterprise}:`;
const Text120 = SingleLine(0, 120);

/** One PATCH operation on the fields (RFC 7644 §3.5.2); attributes this network does not keep are ignored. */
function applyOperation(f: Fields, op: "add" | "replace" | "remove", rawPath: string | undefined, value: unknown): void {
  if (rawPath === undefined || rawPath === "") {
    if (op === "remove") throw new ScimError(400, "A remove operation needs a path", "noTarget");
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidValue("An operation without a path needs an object value");
    for (const [k, v] of Object.entries(value)) {
      if (k === SCIM.enterprise && typeof v === "object" && v !== null) {
        for (const [ek, ev] of Object.entries(v)) applyOperation(f, op, `${SCIM.enterprise}:${ek}`, ev);
      } else applyOperation(f, op, k, v);
    }
    return;
  }
  let path = rawPath.trim();
  if (path.startsWith(USER_PREFIX)) path = path.slice(USER_PREFIX.length);
  const p = path.toLowerCase();
  const remove = op === "remove";
  const text = (what: string) => (remove ? "" : parseOr(Text120, value, what));
  switch (p) {
    case "active":
      if (remove) throw new ScimError(400, "active cannot be removed", "mutability");
      f.active = parseOr(ScimBoolean, value, "active");
      return;
    case "username":
      if (remove) throw new ScimError(400, "userName cannot be removed", "mutability");
      f.email = parseOr(Email, value, "userName");
      return;
    case "displayname":
    case "name.formatted":
      if (remove) return; // the name is required here: removing it keeps it
      f.name = parseOr(PersonName, value, "name");
      return;
    case "name.givenname":
    case "name.familyname": {
      const [given, ...family] = f.name.split(" ");
      const part = remove ? "" : parseOr(SingleLine(0, 100), value, rawPath);
      const next = (p === "name.givenname" ? [part, family.join(" ")] : [given, part]).filter(Boolean).join(" ");
      if (next) f.name = next;
      return;
    }
    case "name": {
      if (remove || typeof value !== "object" || value === null) return;
      const v = value as Record<string, unknown>;
      for (const k of ["givenName", "familyName", "formatted"]) if (k in v) applyOperation(f, op, `name.${k}`, v[k]);
      return;
    }
    case "title":
      f.title = text("title");
      return;
    case "externalid":
      f.externalId = remove || value === null ? null : parseOr(z.string().min(1).max(200), value, "externalId");
      return;
    case `${ENTERPRISE_PREFIX}department`.toLowerCase():
      f.department = text("department");
      return;
    case 'addresses[type eq "work"].locality':
    case "addresses.locality":
      f.location = text("addresses.locality");
      return;
    case "addresses": {
      if (remove) f.location = "";
      else f.location = workOf(parseOr(z.array(z.looseObject({ type: z.string().optional(), primary: ScimBoolean.optional(), locality: Text120.optional() })), value, "addresses"))?.locality ?? "";
      return;
    }
    case 'emails[type eq "work"].value':
    case "emails": {
      if (remove) return; // the email is the member's sign-in: it is never removed
      const email = p === "emails" ? workOf(parseOr(z.array(z.looseObject({ value: z.string(), type: z.string().optional(), primary: ScimBoolean.optional() })), value, "emails"))?.value : value;
      f.email = parseOr(Email, email, "emails");
      return;
    }
    default:
      // A syntactically broken path is an error; an attribute this network does not keep is ignored.
      if (!/^[A-Za-z0-9:._\-[\]" ]+$/.test(path)) throw new ScimError(400, `Unsupported path ${rawPath}`, "invalidPath");
  }
}

export async function patchScimUser(ctx: ServiceContext, actor: Actor, id: string, patch: ScimPatch) {
  const current = await loadUser(ctx, id);
  const next = fieldsOfRow(current);
  for (const o of patch.Operations) applyOperation(next, o.op, o.path, o.value);
  await writeUser(ctx, actor, current, next, "scim.user_update");
  return getScimUser(ctx, id);
}

/** Deprovisions: deactivated (sessions and tokens end at once), the resource gone; the member's content stays. */
export async function deleteScimUser(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const current = await loadUser(ctx, id);
  const now = Date.now();
  const active = current.deactivatedAt === null;
  await ctx.db.batch([
    ctx.db.insert(scimDeletedUsers).values({ userId: id, deletedAt: now }).onConflictDoNothing(),
    ...(active ? deactivationWrites(ctx, id, now) : []),
    auditInsert(ctx, actor, { action: "scim.user_delete", target: { type: "user", id }, groupId: null, before: { active, email: current.email }, after: { active: false } }, now),
  ]);
  if (active) await afterDeactivation(ctx, id);
}

