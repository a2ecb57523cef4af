import type { Actor, ServiceContext } from "../../context";
import type { IdeaStats } from "../../../contract/ideas";
import { ForbiddenError, ValidationError } from "../../errors";
import { join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { canSeeIdeaPlace } from "../access";
import { loadGroup } from "../groups/groups";
import { loadCampaign } from "./campaigns";

/** Below this many members, or this many authors in the figure, a department or site is folded into "other". */
export const FOLD_UNDER = 5;
export const OTHER = "other";

type Figures = { ideas: number; authors: number; supporters: number; retained: number; members: number };

/**
 * Who ideas come from (API.md "Ideas"): per department or site (users.department, users.location) of the authors,
 * the ideas, authors, supporters and retained ideas (retained or implemented), as a share of all ideas and per 100
 * active members of that key. The headcount is the audience: the group's active members for a group's campaign or
 * box, every active member but guests for a network-wide campaign (or the whole network, for administrators, without
 * a scope). A key under 5 members or 5 authors, and the empty key, are folded into "other", so nobody is singled out.
 */
export async function ideaStats(ctx: ServiceContext, actor: Actor, query: { campaignId?: string; groupId?: string; from?: number; to?: number; by: "department" | "site" }): Promise<IdeaStats> {
  if (query.campaignId !== undefined && query.groupId !== undefined) throw new ValidationError([{ path: "groupId", message: "Give campaignId or groupId, not both" }]);
  const scope: SqlPart[] = [raw("i.merged_into IS NULL"), raw("p.deleted_at IS NULL")];
  let audience: SqlPart;
  if (query.campaignId) {
    const { campaign } = await loadCampaign(ctx, actor, query.campaignId);
    scope.push(sqlPart`i.campaign_id = ${campaign.id}`);
    audience = campaign.groupId ? sqlPart`EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${campaign.groupId} AND gm.user_id = u.id AND gm.state = 'member')` : raw("u.role <> 'guest'");
  } else if (query.groupId) {
    const { group, m } = await loadGroup(ctx, actor, query.groupId);
    if (!canSeeIdeaPlace(actor, { network: false, group, m })) throw new ForbiddenError("Join the group to read its ideas");
    scope.push(sqlPart`i.box_group_id = ${query.groupId}`);
    audience = sqlPart`EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${query.groupId} AND gm.user_id = u.id AND gm.state = 'member')`;
  } else {
    if (actor.role !== "admin") throw new ForbiddenError("The network's statistics are the administrators'; give a campaignId or groupId");
    audience = raw("u.role <> 'guest'");
  }
  if (query.from !== undefined) scope.push(sqlPart`i.created_at >= ${query.from}`);
  if (query.to !== undefined) scope.push(sqlPart`i.created_at < ${query.to}`);
  const col = raw(query.by === "department" ? "u.department" : "u.location");
  const where = join(scope, " AND ");
  const [ideaRows, supporterRows, memberRows] = await Promise.all([
    statement(
      ctx.env.DB,
      sqlPart`SELECT ${col} AS k, count(*) AS ideas, count(DISTINCT i.author_id) AS authors, sum(i.status IN ('retained', 'implemented')) AS retained
        FROM ideas i JOIN posts p ON p.id = i.post_id LEFT JOIN users u ON u.id = i.author_id WHERE ${where} GROUP BY k`,
    ).all<{ k: string | null; ideas: number; authors: number; retained: number }>(),
    statement(
      ctx.env.DB,
      sqlPart`SELECT ${col} AS k, count(DISTINCT s.user_id) AS supporters
        FROM idea_supports s JOIN ideas i ON i.post_id = s.idea_id JOIN posts p ON p.id = i.post_id JOIN users u ON u.id = s.user_id WHERE ${where} GROUP BY k`,
    ).all<{ k: string | null; supporters: number }>(),
    statement(ctx.env.DB, sqlPart`SELECT ${col} AS k, count(*) AS members FROM users u WHERE u.deactivated_at IS NULL AND ${audience} GROUP BY k`).all<{ k: string | null; members: number }>(),
  ]);
  const raw_ = new Map<string, Figures>();
  const at = (k: string | null) => {
    const key = k ?? "";
    let f = raw_.get(key);
    if (!f) raw_.set(key, (f = { ideas: 0, authors: 0, supporters: 0, retained: 0, members: 0 }));
    return f;
  };
  for (const r of ideaRows.results) Object.assign(at(r.k), { ideas: r.ideas, authors: r.authors, retained: r.retained ?? 0 });
  for (const r of supporterRows.results) at(r.k).supporters = r.supporters;
  for (const r of memberRows.results) at(r.k).members = r.members;
  return foldStats(raw_);
}

/** Folds the small keys into "other" and computes shares; exported for its own literal-table test. */
export function foldStats(byKey: Map<string, Figures>): IdeaStats {
  const totals: Figures = { ideas: 0, authors: 0, supporters: 0, retained: 0, members: 0 };
  const shown = new Map<string, Figures>();
  const other: Figures = { ideas: 0, authors: 0, supporters: 0, retained: 0, members: 0 };
  let folded = false;
  for (const [key, f] of byKey) {
    for (const k of Object.keys(totals) as (keyof Figures)[]) totals[k] += f[k];
    if (key === "" || key.toLowerCase() === OTHER || f.members < FOLD_UNDER || f.authors < FOLD_UNDER) {
      for (const k of Object.keys(other) as (keyof Figures)[]) other[k] += f[k];
      folded = true;
    } else shown.set(key, f);
  }
  const row = (key: string, f: Figures) => ({
    key,
    ...f,
    share: totals.ideas ? Math.round((f.ideas / totals.ideas) * 10_000) / 10_000 : 0,
    per100: f.members ? Math.round((f.ideas / f.members) * 1000) / 10 : 0,
  });
  const rows = [...shown].map(([k, f]) => row(k, f)).sort((a, b) => b.ideas - a.ideas || (a.key < b.key ? -1 : 1));
  if (folded && (other.ideas || other.members)) rows.push(row(OTHER, other));
  return { totals, rows };
}

/** The statistics as CSV (one line per row, then the totals). */
export function statsCsv(stats: IdeaStats): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]|^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replaceAll('"', '""')}"` : s;
  };
  const lines = [["key", "ideas", "authors", "supporters", "retained", "members", "share", "per100"].join(",")];
  for (const r of stats.rows) lines.push([r.key, r.ideas, r.authors, r.supporters, r.retained, r.members, r.share, r.per100].map(cell).join(","));
  const t = stats.totals;
  lines.push(["total", t.ideas, t.authors, t.supporters, t.retained, t.members, t.ideas ? 1 : 0, ""].map(cell).join(","));
  return lines.join("\r\n") + "\r\n";
}
