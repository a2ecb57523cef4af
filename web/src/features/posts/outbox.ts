import { signal } from "@preact/signals";
import { api } from "../../api";
import type { Attachment, Post, PostKind } from "../../api-types";
import { errorText } from "../../i18n/error-text";

/**
 * Optimistic posting (DESIGN.md "Behaviour"): a post appears at once in its lists, marked "sending"; the server's
 * answer replaces it, or it stays with the error and a retry.
 */
export type PostDraft = {
  groupId: string;
  groupName: string;
  body: string;
  kind: PostKind;
  title?: string;
  url?: string;
  attachments: Attachment[];
};

export type PendingPost = { tempId: string; draft: PostDraft; createdAt: number; status: "sending" | "failed"; error?: string; details?: string[] };

export const outbox = signal<PendingPost[]>([]);

type SentListener = (post: Post) => void;
const sentListeners = new Set<SentListener>();

/** Lists call this to take in the server's copy of a post they showed as pending. */
export function onPostSent(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

let counter = 0;

function replace(tempId: string, next: PendingPost | null) {
  outbox.value = next ? outbox.value.map((p) => (p.tempId === tempId ? next : p)) : outbox.value.filter((p) => p.tempId !== tempId);
}

async function deliver(entry: PendingPost) {
  const { draft } = entry;
  try {
    const post = await api<Post>(`/groups/${encodeURIComponent(draft.groupId)}/posts`, {
      method: "POST",
      body: {
        body: draft.body,
        kind: draft.kind,
        ...(draft.attachments.length ? { attachmentIds: draft.attachments.map((a) => a.id) } : {}),
        ...(draft.kind === "link" ? { title: draft.title, url: draft.url } : {}),
      },
    });
    replace(entry.tempId, null);
    for (const listener of [...sentListeners]) listener(post);
  } catch (err) {
    const details = err && typeof err === "object" && "fieldIssues" in err ? (err as { fieldIssues: { path: string; message: string }[] }).fieldIssues.map((i) => `${i.path}: ${i.message}`) : [];
    replace(entry.tempId, { ...entry, status: "failed", error: errorText(err), details });
  }
}

/** Shows the post as sending and sends it. */
export function sendPost(draft: PostDraft) {
  const entry: PendingPost = { tempId: `tmp-${Date.now()}-${counter++}`, draft, createdAt: Date.now(), status: "sending" };
  outbox.value = [entry, ...outbox.value];
  void deliver(entry);
}

export function retryPost(tempId: string) {
  const entry = outbox.value.find((p) => p.tempId === tempId);
  if (!entry || entry.status === "sending") return;
  const again: PendingPost = { ...entry, status: "sending", error: undefined, details: undefined };
  replace(tempId, again);
  void deliver(again);
}

export function discardPost(tempId: string) {
  replace(tempId, null);
}
