import type { Actor, ServiceContext } from "../../context";
import { extractMentions } from "../../lib/marks";
import { join, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { sqlListedMember } from "../access";

/**
 * The members behind the @handles of a text that its writer may see: handle → id. Unknown handles, and members the
 * writer may not see (a guest's colleagues outside their groups, deactivated members), are left out, so that a mention
 * or a preview never tells the writer that someone exists (the members rule of access/members.ts).
 */
export async function mentionedMembers(ctx: ServiceContext, actor: Actor, body: string): Promise<Map<string, string>> {
  const handles = extractMentions(body);
  if (handles.length === 0) return new Map();
  return mentionMap((await statement(ctx.env.DB, mentionedMembersQuery(actor, handles)).all<{ id: string; handle: string }>()).results);
}

/** {@link mentionedMembers}'s statement, for `handles` (at least one), to read alone or in a batch with other reads. */
export function mentionedMembersQuery(actor: Actor, handles: string[]): SqlPart {
  return sqlPart`SELECT u.id AS id, u.handle AS handle FROM users u WHERE u.handle IN (${join(handles.map((h) => sqlPart`${h}`), ",")}) AND ${sqlListedMember(actor, "u")}`;
}

/** handle → id, from {@link mentionedMembersQuery}'s rows. */
export function mentionMap(rows: { id: string; handle: string }[]): Map<string, string> {
  return new Map(rows.map((u) => [u.handle, u.id]));
}
