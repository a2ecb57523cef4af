import { signal } from "@preact/signals";
import { api, ApiError } from "./api";
import { errorText } from "./i18n/error-text";

/**
 * The outbox: what a member writes while the network cannot be reached waits here (in this browser, for this member)
 * and is sent when it comes back, each item exactly once: every item carries its own `Idempotency-Key` from the first
 * try, so an attempt whose answer was lost and is sent again writes nothing more (API.md "Conventions").
 */

export type OutboxItem = {
  /** Also the request's Idempotency-Key. */
  id: string;
  kind: "post" | "comment" | "reaction";
  /** The API path of the request (a POST unless `method` says otherwise: a reaction's PUT or DELETE), and its body. */
  path: string;
  method?: "PUT" | "DELETE";
  body?: Record<string, unknown>;
  /** Where it shows while it waits: the post of a comment, the group of a post. */
  about: string;
  /** What the screen that shows it needs (a post's draft: its group's name, its attachments). */
  draft?: unknown;
  createdAt: number;
  state: "waiting" | "sending" | "failed";
  /** Why the server refused it (failed items only), in the member's language. */
  error?: string;
};

export const outbox = signal<OutboxItem[]>([]);

type Delivered = (item: OutboxItem, answer: unknown) => void;
const listeners = new Set<Delivered>();

/** Hears of each item the server accepted (the comment thread adds the new comment). */
export function onDelivered(listener: Delivered): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let owner: string | null = null;
const storageKey = (memberId: string) => `comptoir.outbox.${memberId}`;

function save() {
  if (!owner) return;
  try {
    localStorage.setItem(storageKey(owner), JSON.stringify(outbox.value));
  } catch {
    // Storage full or unavailable: the items stay in memory for this page.
  }
}

function update(id: string, change: Partial<OutboxItem> | null) {
  outbox.value = change === null ? outbox.value.filter((i) => i.id !== id) : outbox.value.map((i) => (i.id === id ? { ...i, ...change } : i));
  save();
}

/** Loads the member's waiting items (after sign-in) and tries to send them. */
export function openOutbox(memberId: string) {
  if (owner === memberId) return;
  owner = memberId;
  try {
    const kept = JSON.parse(localStorage.getItem(storageKey(memberId)) ?? "[]") as OutboxItem[];
    outbox.value = kept.map((i) => (i.state === "sending" ? { ...i, state: "waiting" } : i));
  } catch {
    outbox.value = [];
  }
  void flushOutbox();
}

/** Sign-out: what waited is dropped with everything else the member left in this browser. */
export function closeOutbox() {
  try {
    if (owner) localStorage.removeItem(storageKey(owner));
  } catch {
    // As above.
  }
  owner = null;
  outbox.value = [];
}

/**
 * Sends a write now; when the network cannot be reached, keeps it in the outbox and answers null (it will be sent
 * later, with the same key). A refusal by the server is thrown as usual.
 */
export async function sendOrKeep<T>(item: Pick<OutboxItem, "kind" | "path" | "method" | "body" | "about" | "draft">, id: string = crypto.randomUUID()): Promise<T | null> {
  // A reaction toggled back while its first change still waits: the two cancel out, nothing is sent (the latest state
  // of a target wins, and toggles alternate).
  const prior = item.kind === "reaction" && outbox.value.find((i) => i.path === item.path && i.state === "waiting");
  if (prior) {
    update(prior.id, null);
    return null;
  }
  try {
    return await api<T>(item.path, { method: item.method ?? "POST", body: item.body, idempotencyKey: id });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
    outbox.value = [...outbox.value, { ...item, id, createdAt: Date.now(), state: "waiting" }];
    save();
    return null;
  }
}

let flushing = false;

/** Sends what waits, oldest first; stops at the first item the network cannot carry. */
export async function flushOutbox() {
  if (flushing || !owner) return;
  flushing = true;
  try {
    for (const item of outbox.value.filter((i) => i.state === "waiting")) {
      update(item.id, { state: "sending" });
      try {
        const answer = await api(item.path, { method: item.method ?? "POST", body: item.body, idempotencyKey: item.id });
        update(item.id, null);
        for (const l of listeners) l(item, answer);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 0 || err.status === 409 || err.status === 429 || err.status >= 500)) {
          // Not reachable, the first attempt still running, or busy: it waits for the next try.
          update(item.id, { state: "waiting" });
          break;
        }
        // A refused reaction has nothing to show or retry (its target is gone, or out of reach): it is dropped.
        update(item.id, item.kind === "reaction" ? null : { state: "failed", error: errorText(err) });
      }
    }
  } finally {
    flushing = false;
  }
}

/** Sends a refused item again (the member changed nothing: a refusal that may have passed, a group rejoined). */
export function retryOutboxItem(id: string) {
  update(id, { state: "waiting", error: undefined });
  void flushOutbox();
}

/** Drops an item the member gave up on. */
export function discardOutboxItem(id: string) {
  update(id, null);
}

if (typeof window !== "undefined") {
  window.addEventListener("online", () => void flushOutbox());
  // A network that came back without an `online` event (a captive portal left, a server restarted).
  setInterval(() => {
    if (outbox.value.some((i) => i.state === "waiting")) void flushOutbox();
  }, 15_000);
}
