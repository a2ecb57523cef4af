/** `@handle` mentions: the handle pattern of profiles, not preceded by a word character (so emails are not mentions). */
export const MENTION = /(?<![\w@.])@([a-z0-9_-](?:[a-z0-9._-]{0,38}[a-z0-9_-])?)/gi;
/** `#tag`: 1–50 letters, digits, `_` or `-` (API.md), not inside a word or a URL fragment. */
export const TAG = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{N}_-]{1,50})(?![\p{L}\p{N}_-])/gu;

/** Tags are folded for case and accents: #Événement and #evenement are one tag. */
export function foldTag(tag: string): string {
  return tag.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Text outside code spans and fenced blocks, where mentions and tags mean something. */
function proseOf(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, " ").replace(/`[^`\n]*`/g, " ");
}

export function extractMentions(markdown: string): string[] {
  return [...new Set([...proseOf(markdown).matchAll(MENTION)].map((m) => m[1].toLowerCase()))].slice(0, 50);
}

export function extractTags(markdown: string): string[] {
  return [...new Set([...proseOf(markdown).matchAll(TAG)].map((m) => foldTag(m[1])))].slice(0, 20);
}
