/**
 * The address of a catalogue part, `{lang}` and `{part}` to fill, set at build time by words-plugin.ts
 * (`/assets/words-{lang}-{part}-<hash>.js`).
 */
declare const __WORDS_URL__: string;
