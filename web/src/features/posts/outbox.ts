import { computed, signal } from "@preact/signals";
import { discardOutboxItem, onDelivered, outbox as offlineOutbox, retryOutboxItem, sendOrKeep } from "../../outbox";
import type { Attachment, FirstLookBody, Post, PostKind } from "../../api-types";
import { errorText } from "../../i18n/error-text";

/**
 * Optimistic posting (DESIGN.md "Behaviour"): a post appears at once in its lists, marked "sending"; the server's
 * answer replaces it, or it stays with the error and a retry. Offline, it waits in the outbox (web/src/outbox.ts),
 * marked "waiting", and goes out with the network.
 */
export type PostDraft = {
  groupId: string;
  groupName: string;
  body: string;
  kind: PostKind;
  title?: string;
  url?: string;
  attachments: Attachment[];
  /** An announcement's first look (API.md "First look"): sent with it, also from the offline outbox. */
  firstLook?: FirstLookBody;
};

export type PendingPost = { tempId: string; draft: PostDraft; createdAt: number; status: "sending" | "waiting" | "failed"; error?: string; details?: string[] };

/** My posts on their way in this page (sending, or refused with the reason). */
const inPage = signal<PendingPost[]>([]);

/**
 * Every post of mine not yet in its lists, newest first: those on their way from this page, and those written offline
 * that wait in the outbox (web/src/outbox.ts) for the network, also after a reload.
 */
export const outbox = computed<PendingPost[]>(() => {
  const waiting = offlineOutbox.value
    .filter((i) => i.kind === "post")
    .map<PendingPost>((i) => ({ tempId: i.id, draft: i.draft as PostDraft, createdAt: i.createdAt, status: i.state === "failed" ? "failed" : "waiting", error: i.error }));
  const shown = new Set(waiting.map((p) => p.tempId));
  return [...inPage.value.filter((p) => !shown.has(p.tempId)), ...waiting].sort((a, b) => b.createdAt - a.createdAt);
});

type SentListener = (post: Post) => void;
const sentListeners = new Set<SentListener>();

/** Lists call this to take in the server's copy of a post they showed as pending. */
export function onPostSent(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

function replace(tempId: string, next: PendingPost | null) {
  inPage.value = next ? inPage.value.map((p) => (p.tempId === tempId ? next : p)) : inPage.value.filter((p) => p.tempId !== tempId);
}

function sent(tempId: string, post: Post) {
  replace(tempId, null);
  for (const listener of [...sentListeners]) listener(post);
}

// A post written offline reached the server: its lists take it in.
onDelivered((item, answer) => {
  if (item.kind === "post") sent(item.id, answer as Post);
});

async function deliver(entry: PendingPost) {
  const { draft } = entry;
  try {
    // The temporary id is the request's Idempotency-Key: sent again from the outbox, the post is still written once.
    const post = await sendOrKeep<Post>(
      {
        kind: "post",
        about: draft.groupId,
        draft,
        path: `/groups/${encodeURIComponent(draft.groupId)}/posts`,
        body: {
          body: draft.body,
          kind: draft.kind,
          ...(draft.attachments.length ? { attachmentIds: draft.attachments.map((a) => a.id) } : {}),
          ...(draft.kind === "link" ? { title: draft.title, url: draft.url } : {}),
          ...(draft.kind === "announcement" && draft.firstLook ? { firstLook: draft.firstLook } : {}),
        },
      },
      entry.tempId,
    );
    if (post) sent(entry.tempId, post);
    else replace(entry.tempId, null); // offline: it shows from the outbox now
  } catch (err) {
    const details = err && typeof err === "object" && "fieldIssues" in err ? (err as { fieldIssues: { path: string; message: string }[] }).fieldIssues.map((i) => `${i.path}: ${i.message}`) : [];
    replace(entry.tempId, { ...entry, status: "failed", error: errorText(err), details });
  }
}

/** Shows the post as sending and sends it. */
export function sendPost(draft: PostDraft) {
  const entry: PendingPost = { tempId: crypto.randomUUID(), draft, createdAt: Date.now(), status: "sending" };
  inPage.value = [entry, ...inPage.value];
  void deliver(entry);
}

export function retryPost(tempId: string) {
  if (offlineOutbox.value.some((i) => i.id === tempId)) return retryOutboxItem(tempId);
  const entry = inPage.value.find((p) => p.tempId === tempId);
  if (!entry || entry.status === "sending") return;
  const again: PendingPost = { ...entry, status: "sending", error: undefined, details: undefined };
  replace(tempId, again);
  void deliver(again);
}

export function discardPost(tempId: string) {
  discardOutboxItem(tempId);
  replace(tempId, null);
}
