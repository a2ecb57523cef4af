import { signal } from "@preact/signals";
import { api } from "../../api";
import type { Follows, MemberFollow, MemberSummary, TagFollow } from "../../api-types";
import { me } from "../../session";

/**
 * The members and tags I follow (GET /api/v1/me/follows), loaded once per signed-in member and kept in step with each
 * follow and unfollow made here: the profile, the tag page, the post page and the settings read the same list.
 */
export const follows = signal<(Follows & { owner: string }) | null>(null);

let loading: Promise<void> | null = null;

/** Loads the list for the member signed in now (again only if another member signed in since). */
export function loadFollows(force = false): Promise<void> {
  const owner = me.value?.id;
  if (!owner) return Promise.resolve();
  if (!force && follows.value?.owner === owner) return Promise.resolve();
  if (!force && loading) return loading;
  loading = api<Follows>("/me/follows")
    .then((list) => {
      if (me.value?.id === owner) follows.value = { ...list, owner };
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** The list, when loaded for the member signed in now. */
export function myFollows(): Follows | null {
  const current = follows.value;
  return current && current.owner === me.value?.id ? current : null;
}

/** Follows or unfollows a member; the list follows the answer. */
export async function followMember(member: MemberSummary, on: boolean): Promise<void> {
  await api<MemberFollow>(`/me/follows/members/${encodeURIComponent(member.id)}`, { method: on ? "PUT" : "DELETE" });
  const current = myFollows();
  if (!current) return;
  const others = current.members.filter((m) => m.id !== member.id);
  follows.value = { ...follows.value!, members: on ? [...others, member] : others };
}

/** Follows or unfollows a tag (the server folds case and accents: the list keeps its answer's form). */
export async function followTag(tag: string, on: boolean): Promise<string> {
  const answer = await api<TagFollow>(`/me/follows/tags/${encodeURIComponent(tag)}`, { method: on ? "PUT" : "DELETE" });
  const current = myFollows();
  if (current) {
    const others = current.tags.filter((x) => x !== answer.tag);
    follows.value = { ...follows.value!, tags: on ? [...others, answer.tag] : others };
  }
  return answer.tag;
}

/** A tag as the server keeps it: case and accents folded (worker/lib/marks.ts). */
export function foldTag(tag: string): string {
  return tag.replace(/^#/, "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
