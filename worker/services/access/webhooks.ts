import type { GroupKind, GroupVisibility } from "../../../contract/enums";

/**
 * What an outgoing webhook endpoint may carry (API.md "Integrations"): an open group's content and the network's own
 * events (member.joined, member.left) always; a private or secret group's, and any client group's (a client space is
 * confidential whatever its visibility), only when the endpoint was granted that group by name.
 */
export type WebhookGrant = { groupIds: readonly string[] };
export type WebhookGroupFacts = { id: string; visibility: GroupVisibility; kind: GroupKind };

/** `group` null: a network event, carried by every endpoint subscribed to it. */
export function webhookMayCarry(endpoint: WebhookGrant, group: WebhookGroupFacts | null): boolean {
  if (group === null) return true;
  if (group.visibility === "open" && group.kind !== "client") return true;
  return endpoint.groupIds.includes(group.id);
}
