/** Prefixes of every kind of id the network hands out; the prefix tells the kind at a glance in logs and URLs. */
export type IdPrefix = "usr" | "inv" | "grp" | "pst" | "cmt" | "ses" | "req" | "fil" | "tok" | "rpt" | "aud" | "ntf" | "cof" | "pai" | "whk" | "msg" | "hok" | "cmp" | "faq" | "lib" | "sct" | "scg" | "ofh" | "psb";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lowercase: sorts like the time it encodes

/**
 * A sortable, prefixed id: 10 characters of millisecond time then 16 random ones (80 bits),
 * so ids created later sort after earlier ones and keyset pagination by id follows creation order.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rand = "";
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${prefix}_${time}${rand}`;
}

/**
 * The smallest id of `prefix` made at `at` or later: every id made before `at` sorts below it, so `id < idFloor(…)`
 * selects by age through the primary key (retention).
 */
export function idFloor(prefix: IdPrefix, at: number): string {
  return newId(prefix, at).slice(0, prefix.length + 11);
}

/** A random 256-bit secret, base64url: session tokens, invitation tokens. */
export function newSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** SHA-256 of a secret, hex: what we store instead of the secret itself. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
