import type { Actor, ServiceContext } from "../../context";
import { extractMentions } from "../../lib/marks";
import { join, sqlPart, statement } from "../../lib/sql";
import { sqlListedMember } from "../access";

/**
 * The members behind the @handles of a text that its writer may see: handle → id. Unknown handles, and members the
 * writer may not see (a guest's colleagues outside their groups, deactivated members), are left out, so that a mention
 * or a preview never tells the writer that someone exists (the members rule of access/members.ts).
 */
export async function mentionedMembers(ctx: ServiceContext, actor: Actor, body: string): Promise<Map<string, string>> {
  const handles = extractMentions(body);
  if (handles.length === 0) return new Map();
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT u.id AS id, u.handle AS handle FROM users u WHERE u.handle IN (${join(handles.map((h) => sqlPart`${h}`), ",")}) AND ${sqlListedMember(actor, "u")}`,
  ).all<{ id: string; handle: string }>();
  return new Map(results.map((u) => [u.handle, u.id]));
}
