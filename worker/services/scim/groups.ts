import { and, eq, sql } from "drizzle-orm";
import { ScimGroupInput, SCIM, type ScimPatch } from "../../../contract/scim";
import { SingleLine } from "../../../contract/common";
import type { Actor, ServiceContext } from "../../context";
import { scimGroups } from "../../db/admin";
import { users } from "../../db/users";
import { inList } from "../../db/in-list";
import { newId } from "../../lib/ids";
import { issuesOf } from "../../lib/validate";
import { auditInsert } from "../audit/audit";
import { invalidValue, notFound, ScimError } from "./errors";
import { listWindow, parseEqFilter } from "./filter";

/**
 * SCIM Groups mapped to departments, not to discussion groups: a group's members are the members whose `department`
 * is its displayName. Adding a member to a group sets their department (a member is in one department: adding them
 * to another moves them); removing them empties it; renaming the group renames the department of its members; deleting
 * it empties their department. Every change is audited (`scim.group_update`).
 */

type GroupRow = typeof scimGroups.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();
const provisionable = sql`${users.erasedAt} IS NULL AND ${users.id} NOT IN (SELECT user_id FROM scim_deleted_users)`;
/** The most members a group's answer lists (larger departments are listed with `excludedAttributes=members` off). */
const MAX_MEMBERS = 10_000;

async function membersOf(ctx: ServiceContext, displayName: string) {
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.department, displayName), provisionable))
    .orderBy(users.name, users.id)
    .limit(MAX_MEMBERS)
    .all();
}

async function present(ctx: ServiceContext, g: GroupRow, withMembers: boolean) {
  const members = withMembers ? await membersOf(ctx, g.displayName) : null;
  return {
    schemas: [SCIM.group],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${ctx.origin}/scim/v2/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: iso(g.createdAt), lastModified: iso(g.updatedAt), location: `${ctx.origin}/scim/v2/Groups/${g.id}` },
  };
}

const excludesMembers = (excluded?: string) => (excluded ?? "").split(",").some((a) => a.trim().toLowerCase() === "members");

async function loadGroup(ctx: ServiceContext, id: string): Promise<GroupRow> {
  const g = await ctx.db.select().from(scimGroups).where(eq(scimGroups.id, id)).get();
  if (!g) throw notFound("Group");
  return g;
}

export async function getScimGroup(ctx: ServiceContext, id: string, excludedAttributes?: string) {
  return present(ctx, await loadGroup(ctx, id), !excludesMembers(excludedAttributes));
}

export async function listScimGroups(ctx: ServiceContext, q: { filter?: string; startIndex?: number; count?: number; excludedAttributes?: string }) {
  const f = parseEqFilter(q.filter, ["displayName", "externalId", "id"]);
  const { offset, limit, startIndex } = listWindow(q.startIndex, q.count);
  const by = f === null ? sql`1` : f.attribute === "displayName" ? sql`${scimGroups.displayName} = ${f.value}` : f.attribute === "externalId" ? sql`${scimGroups.externalId} = ${f.value}` : sql`${scimGroups.id} = ${f.value}`;
  const [total, rows] = await ctx.db.batch([
    ctx.db.select({ n: sql<number>`count(*)` }).from(scimGroups).where(by),
    ctx.db.select().from(scimGroups).where(by).orderBy(scimGroups.createdAt, scimGroups.id).limit(limit).offset(offset),
  ]);
  const withMembers = !excludesMembers(q.excludedAttributes);
  return { schemas: [SCIM.list], totalResults: total[0]?.n ?? 0, itemsPerPage: rows.length, startIndex, Resources: await Promise.all(rows.map((g) => present(ctx, g, withMembers))) };
}

/** Member ids that must all name provisionable members (else 400: a group cannot hold an unknown member). */
async function checkMembers(ctx: ServiceContext, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await ctx.db.select({ id: users.id }).from(users).where(and(inList(users.id, unique), provisionable)).all();
  const known = new Set(found.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw invalidValue(`No such user: ${missing.slice(0, 5).join(", ")}`);
  return unique;
}

const nameTaken = async (ctx: ServiceContext, displayName: string, exceptId?: string) => {
  const g = await ctx.db.select({ id: scimGroups.id }).from(scimGroups).where(eq(scimGroups.displayName, displayName)).get();
  return g !== undefined && g.id !== exceptId;
};
const uniqueness = () => new ScimError(409, "A group with this displayName exists already", "uniqueness");

export async function createScimGroup(ctx: ServiceContext, actor: Actor, body: unknown) {
  const parsed = ScimGroupInput.safeParse(body);
  if (!parsed.success) throw invalidValue(`Group: ${issuesOf(parsed.error).map((i) => `${i.path} ${i.message}`).join("; ")}`);
  const input = parsed.data;
  if (await nameTaken(ctx, input.displayName)) throw uniqueness();
  const members = await checkMembers(ctx, (input.members ?? []).map((m) => m.value));
  const now = Date.now();
  const id = newId("scg", now);
  try {
    await ctx.db.batch([
      ctx.db.insert(scimGroups).values({ id, displayName: input.displayName, externalId: input.externalId ?? null, createdAt: now, updatedAt: now }),
      ...(members.length ? [ctx.db.update(users).set({ department: input.displayName, updatedAt: now }).where(inList(users.id, members))] : []),
      auditInsert(ctx, actor, { action: "scim.group_update", target: { type: "scim_group", id }, groupId: null, before: null, after: { displayName: input.displayName, externalId: input.externalId ?? null, added: members } }, now),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw uniqueness();
    throw err;
  }
  return getScimGroup(ctx, id);
}

const memberFilter = /^members\[value eq "([^"]+)"\]$/i;
const Name = SingleLine(1, 120);

function memberValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((m) => {
    const v = typeof m === "object" && m !== null ? (m as { value?: unknown }).value : undefined;
    if (typeof v !== "string" || v.length === 0 || v.length > 100) throw invalidValue("Each member needs a string value (a user id)");
    return v;
  });
}

/** PATCH: members added, removed or replaced; displayName and externalId replaced. Answers the group. */
export async function patchScimGroup(ctx: ServiceContext, actor: Actor, id: string, patch: ScimPatch, excludedAttributes?: string) {
  const g = await loadGroup(ctx, id);
  let displayName = g.displayName;
  let externalId = g.externalId;
  const add = new Set<string>();
  const remove = new Set<string>();
  let removeAll = false;
  const setName = (v: unknown) => {
    const r = Name.safeParse(v);
    if (!r.success) throw invalidValue("displayName must be 1 to 120 characters");
    displayName = r.data;
  };
  for (const o of patch.Operations) {
    const path = o.path?.trim() ?? "";
    const m = memberFilter.exec(path);
    if (m) {
      if (o.op !== "remove") throw new ScimError(400, "Only remove takes a members filter", "invalidPath");
      remove.add(m[1]);
      add.delete(m[1]);
    } else if (path.toLowerCase() === "members") {
      const values = memberValues(o.value);
      if (o.op === "remove") {
        if (values.length === 0) {
          removeAll = true;
          add.clear();
        }
        for (const v of values) (remove.add(v), add.delete(v));
      } else {
        if (o.op === "replace") {
          removeAll = true;
          add.clear();
        }
        for (const v of values) (add.add(v), remove.delete(v));
      }
    } else if (path.toLowerCase() === "displayname") {
      if (o.op === "remove") throw new ScimError(400, "displayName cannot be removed", "mutability");
      setName(o.value);
    } else if (path.toLowerCase() === "externalid") {
      externalId = o.op === "remove" || o.value === null ? null : typeof o.value === "string" && o.value.length <= 200 ? o.value : (() => { throw invalidValue("externalId must be a string"); })();
    } else if (path === "") {
      if (o.op === "remove" || typeof o.value !== "object" || o.value === null) throw new ScimError(400, "An operation without a path needs an object value", "noTarget");
      const v = o.value as Record<string, unknown>;
      if ("displayName" in v) setName(v.displayName);
      if ("externalId" in v) externalId = typeof v.externalId === "string" ? v.externalId : null;
      if ("members" in v) {
        if (o.op === "replace") (removeAll = true, add.clear());
        for (const x of memberValues(v.members)) (add.add(x), remove.delete(x));
      }
    } else {
      throw new ScimError(400, `Unsupported path ${o.path}`, "invalidPath");
    }
  }
  if (displayName !== g.displayName && (await nameTaken(ctx, displayName, id))) throw uniqueness();
  const added = await checkMembers(ctx, [...add]);
  const removed = [...remove];
  const now = Date.now();
  const renamed = displayName !== g.displayName;
  // In order: members leave (from the old name), the department is renamed, members join (under the new name).
  const writes = [
    ctx.db.update(scimGroups).set({ displayName, externalId, updatedAt: now }).where(eq(scimGroups.id, id)),
    ...(removeAll ? [ctx.db.update(users).set({ department: "", updatedAt: now }).where(eq(users.department, g.displayName))] : []),
    ...(removed.length ? [ctx.db.update(users).set({ department: "", updatedAt: now }).where(and(inList(users.id, removed), eq(users.department, g.displayName)))] : []),
    ...(renamed && !removeAll ? [ctx.db.update(users).set({ department: displayName, updatedAt: now }).where(eq(users.department, g.displayName))] : []),
    ...(added.length ? [ctx.db.update(users).set({ department: displayName, updatedAt: now }).where(inList(users.id, added))] : []),
  ] as const;
  try {
    await ctx.db.batch([
      ...writes,
      auditInsert(
        ctx,
        actor,
        {
          action: "scim.group_update",
          target: { type: "scim_group", id },
          groupId: null,
          before: { displayName: g.displayName, externalId: g.externalId },
          after: { displayName, externalId, ...(added.length ? { added } : {}), ...(removed.length ? { removed } : {}), ...(removeAll ? { removedAll: true } : {}) },
        },
        now,
      ),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw uniqueness();
    throw err;
  }
  return getScimGroup(ctx, id, excludedAttributes);
}

/** Deletes the group: its members' department is emptied. */
export async function deleteScimGroup(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const g = await loadGroup(ctx, id);
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.delete(scimGroups).where(eq(scimGroups.id, id)),
    ctx.db.update(users).set({ department: "", updatedAt: now }).where(eq(users.department, g.displayName)),
    auditInsert(ctx, actor, { action: "scim.group_update", target: { type: "scim_group", id }, groupId: null, before: { displayName: g.displayName, externalId: g.externalId }, after: null }, now),
  ]);
}
