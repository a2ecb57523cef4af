import type { AdminGroup } from "../../../contract/admin";
import type { GroupVisibility } from "../../../contract/enums";
import type { ServiceContext } from "../../context";
import { NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { join, sqlPart, statement, type SqlPart } from "../../lib/sql";

/**
 * Every group of the network for its administrators, secret ones included (the route is the administrators' only:
 * nobody else reaches this list), with owners and counts, alphabetical.
 */

export type GroupsCursor = { n: string; i: string };

type Row = { id: string; name: string; visibility: GroupVisibility; kind: AdminGroup["kind"]; member_count: number; last_post_at: number | null; created_at: number; pending: number; posts: number; owners: string };

export async function listAllGroups(ctx: ServiceContext, query: { q?: string; visibility?: GroupVisibility; limit: number }, cursor?: GroupsCursor): Promise<{ items: AdminGroup[]; next: GroupsCursor | null }> {
  const conditions: SqlPart[] = [sqlPart`g.id <> ${NETWORK_IDEAS_GROUP_ID}`];
  const q = query.q?.trim();
  if (q) conditions.push(sqlPart`instr(lower(g.name), ${q.toLowerCase()}) > 0`);
  if (query.visibility) conditions.push(sqlPart`g.visibility = ${query.visibility}`);
  if (cursor) conditions.push(sqlPart`(g.name > ${cursor.n} OR (g.name = ${cursor.n} AND g.id > ${cursor.i}))`);
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT g.id, g.name, g.visibility, g.kind, g.member_count, g.last_post_at, g.created_at,
        (SELECT count(*) FROM group_members m WHERE m.group_id = g.id AND m.state = 'pending') AS pending,
        (SELECT count(*) FROM posts p WHERE p.group_id = g.id AND p.deleted_at IS NULL) AS posts,
        (SELECT json_group_array(json_object('id', u.id, 'name', u.name)) FROM group_members m JOIN users u ON u.id = m.user_id
          WHERE m.group_id = g.id AND m.role = 'owner' AND m.state = 'member') AS owners
      FROM groups g INDEXED BY groups_name WHERE ${join(conditions, " AND ")} ORDER BY g.name, g.id LIMIT ${query.limit + 1}`,
  ).all<Row>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      visibility: r.visibility,
      kind: r.kind,
      owners: (JSON.parse(r.owners) as { id: string; name: string }[]).sort((a, b) => a.name.localeCompare(b.name)),
      memberCount: r.member_count,
      pendingCount: r.pending,
      postCount: r.posts,
      lastPostAt: r.last_post_at,
      createdAt: r.created_at,
    })),
    next: results.length > query.limit && last ? { n: last.name, i: last.id } : null,
  };
}

