/** The catalogue parts served by words-plugin.ts: `loadPart(lang, part)` imports one part's words. */
declare module "virtual:words" {
  export function loadPart(lang: string, part: string): Promise<{ default: Record<string, unknown> }>;
}
