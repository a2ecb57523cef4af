/**
 * Drafts (issue 14): what a member is writing in the post composer (per group) and the comment box (per post) is kept
 * in localStorage as they type, so a reload, a crash or a dropped tab does not lose it. Keyed by the member's id, so a
 * colleague signing in on the same browser never sees it; emptied on send, and all of them on sign-out (session.ts).
 * Storage can be unavailable (private windows, quota): then drafts simply are not kept.
 */

const PREFIX = "comptoir.draft.";

/** Where a draft belongs: a group's post composer, or a post's comment box. */
export type DraftScope = { group: string } | { post: string };

function keyOf(memberId: string, scope: DraftScope): string {
  return `${PREFIX}${memberId}.${"group" in scope ? `group.${scope.group}` : `post.${scope.post}`}`;
}

/** The kept draft, or "" when there is none. */
export function readDraft(memberId: string | undefined, scope: DraftScope): string {
  if (!memberId) return "";
  try {
    return localStorage.getItem(keyOf(memberId, scope)) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the text as the draft (an empty or blank text removes it). */
export function writeDraft(memberId: string | undefined, scope: DraftScope, text: string): void {
  if (!memberId) return;
  try {
    if (text.trim()) localStorage.setItem(keyOf(memberId, scope), text);
    else localStorage.removeItem(keyOf(memberId, scope));
  } catch {
    // Not kept: see above.
  }
}

/** Drops the draft once what it held was sent. */
export function clearDraft(memberId: string | undefined, scope: DraftScope): void {
  writeDraft(memberId, scope, "");
}

/**
 * Removes every kept draft, whoever's (sign-out: nothing private outlives the session), or, with `keep`, every draft
 * but that member's (a sign-in: another member's drafts never stay on a browser someone else now uses).
 */
export function forgetDrafts(keep?: string): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX) && !(keep && key.startsWith(`${PREFIX}${keep}.`))) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
