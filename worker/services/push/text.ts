import type { NotificationKind } from "../../../contract/enums";
import type { PushPayload } from "../../../contract/push";
import { plainExcerpt } from "../../../contract/excerpt";

/**
 * What a push notification says, in the recipient's language (issue 14, item 2): a title naming what happened, a body
 * quoting the content it is about (a post or comment the recipient may read: checked when it is sent), and the page a
 * click opens (the same page as the bell's entry, web/src/features/notifications).
 */

/** The kinds that reach a member's devices; the others stay in the bell. Announcements only when they are must-read. */
export const PUSHED_KINDS: ReadonlySet<NotificationKind> = new Set<NotificationKind>(["mention", "reply", "announcement", "coffee_paired", "idea_status", "question_nudge", "question_overdue"]);

export type PushFacts = {
  kind: NotificationKind;
  locale: "en" | "fr";
  actorName: string | null;
  groupId: string | null;
  groupName: string | null;
  postId: string | null;
  postKind: string | null;
  postTitle: string | null;
  commentId: string | null;
  /** The text of the comment (or else the post) it is about, as written (markdown). */
  excerpt: string | null;
};

type Words = { someone: string; aGroup: string; titles: Partial<Record<NotificationKind | "answer", (f: { name: string; group: string }) => string>>; coffeeBody: string };

const WORDS: Record<"en" | "fr", Words> = {
  en: {
    someone: "Someone",
    aGroup: "a group",
    titles: {
      mention: (f) => `${f.name} mentioned you in ${f.group}`,
      reply: (f) => `${f.name} replied to your post in ${f.group}`,
      answer: (f) => `${f.name} answered your question in ${f.group}`,
      announcement: (f) => `Announcement in ${f.group}`,
      coffee_paired: () => "You have a coffee partner this week",
      idea_status: () => "An idea you posted or support moved on",
      question_nudge: (f) => `A question in ${f.group} matches your skills`,
      question_overdue: (f) => `A question in ${f.group} ran past its answer-time promise`,
    },
    coffeeBody: "Open the coffee machine to meet them.",
  },
  fr: {
    someone: "Quelqu'un",
    aGroup: "un groupe",
    titles: {
      mention: (f) => `${f.name} vous a mentionné dans ${f.group}`,
      reply: (f) => `${f.name} a répondu à votre publication dans ${f.group}`,
      answer: (f) => `${f.name} a répondu à votre question dans ${f.group}`,
      announcement: (f) => `Annonce dans ${f.group}`,
      coffee_paired: () => "Vous avez un binôme café cette semaine",
      idea_status: () => "Une idée que vous avez proposée ou soutenue avance",
      question_nudge: (f) => `Une question dans ${f.group} correspond à vos compétences`,
      question_overdue: (f) => `Une question dans ${f.group} a dépassé le délai de réponse promis`,
    },
    coffeeBody: "Ouvrez la machine à café pour le rencontrer.",
  },
};

/** Where a click leads: the bell's target of the same notification. */
export function pushUrl(f: Pick<PushFacts, "kind" | "groupId" | "postId" | "commentId">): string {
  if (f.kind === "idea_status" && f.postId) return `/ideas/${encodeURIComponent(f.postId)}`;
  if (f.postId) return `/posts/${encodeURIComponent(f.postId)}${f.commentId ? `#c-${f.commentId}` : ""}`;
  if (f.kind.startsWith("coffee")) return "/coffee";
  return f.groupId ? `/groups/${encodeURIComponent(f.groupId)}` : "/";
}

/** The payload of one notification, or null for a kind that is not pushed. */
export function pushPayload(f: PushFacts): PushPayload | null {
  const words = WORDS[f.locale] ?? WORDS.en;
  const key = f.kind === "reply" && f.postKind === "question" ? "answer" : f.kind;
  const title = PUSHED_KINDS.has(f.kind) ? words.titles[key] : undefined;
  if (!title) return null;
  const body = f.kind === "coffee_paired" ? words.coffeeBody : f.kind === "idea_status" || f.kind === "announcement" ? plainExcerpt(f.postTitle || f.excerpt || "") : plainExcerpt(f.excerpt ?? "");
  return { title: title({ name: f.actorName ?? words.someone, group: f.groupName ?? words.aGroup }), body, url: pushUrl(f) };
}
