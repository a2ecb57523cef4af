import { signal } from "@preact/signals";

/** My groups with posts I have not seen (from the feed's first page); a group leaves the set when I open it. */
export const unreadGroupIds = signal<Set<string>>(new Set());

export function markGroupSeen(id: string) {
  if (!unreadGroupIds.value.has(id)) return;
  const next = new Set(unreadGroupIds.value);
  next.delete(id);
  unreadGroupIds.value = next;
}
