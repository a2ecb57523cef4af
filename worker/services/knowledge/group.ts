import type { Actor, ServiceContext } from "../../context";
import { NotFoundError } from "../../errors";
import { canReadKnowledge } from "../access";
import { loadGroup } from "../groups/groups";

/**
 * A group whose FAQ and library the caller may read, with their membership; 404 otherwise — also where the group
 * itself is listed to them (a private group's outsiders): its knowledge is content, never a hint.
 */
export async function loadKnowledgeGroup(ctx: ServiceContext, actor: Actor, groupId: string) {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  if (!canReadKnowledge(actor, group, m)) throw new NotFoundError("No such group");
  return { group, m };
}
