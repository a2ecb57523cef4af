import type { PushSubscriptionCreated } from "../../../../contract/push";
import { api } from "../../api";

/**
 * This device's push subscription (web push, issue 14 item 2), apart from the Settings screen so that signing in can
 * renew it: the device remembers which member turned notifications on (localStorage), and the server drops a
 * subscription with the session that made it, so the same member signing in again has it registered again at once.
 */

const SAVED_KEY = "comptoir.push";
type Saved = { member: string; id: string; endpoint: string };

export function readSaved(): Saved | null {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_KEY) ?? "null") as Saved | null;
    return saved && typeof saved.id === "string" && typeof saved.member === "string" && typeof saved.endpoint === "string" ? saved : null;
  } catch {
    return null;
  }
}

export function writeSaved(saved: Saved | null) {
  try {
    if (saved) localStorage.setItem(SAVED_KEY, JSON.stringify(saved));
    else localStorage.removeItem(SAVED_KEY);
  } catch {
    // Storage unavailable (a private window): the switch then shows the browser's state only.
  }
}

export const supported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replaceAll("-", "+").replaceAll("_", "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export const sameKey = (a: ArrayBuffer | null | undefined, b: Uint8Array) => !!a && a.byteLength === b.byteLength && new Uint8Array(a).every((x, i) => x === b[i]);

export async function register(member: string, subscription: PushSubscription): Promise<void> {
  const json = subscription.toJSON();
  const created = await api<PushSubscriptionCreated>("/me/push-subscriptions", { method: "POST", body: { endpoint: json.endpoint, keys: json.keys } });
  writeSaved({ member, id: created.id, endpoint: subscription.endpoint });
}

/**
 * Registers this device's subscription again when it is the member's own (made in an earlier session of theirs);
 * answers whether it is. Never asks for permission, never throws.
 */
export async function renewPush(member: string): Promise<boolean> {
  try {
    if (!supported() || Notification.permission !== "granted") return false;
    const saved = readSaved();
    if (saved?.member !== member) return false;
    const subscription = await (await navigator.serviceWorker.getRegistration())?.pushManager.getSubscription();
    if (!subscription || subscription.endpoint !== saved.endpoint) return false;
    await register(member, subscription).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}
