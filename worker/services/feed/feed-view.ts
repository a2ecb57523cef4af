/**
 * The shapes of the home feed as the feed service answers them. Types only (no runtime imports), so the web client
 * imports them with `import type` instead of keeping a copy.
 */
import type { PostView } from "../posts/post-view";

export type FeedCursor = { t: number; i: string };
export type FeedItem = PostView & { unread: boolean };
export type FeedPage = {
  /** First page only: must-read announcements of my groups I have not read yet, pinned on top. */
  unreadAnnouncements: PostView[];
  /** First page only: my groups with posts I have not seen since I last opened them. */
  unreadGroups: { id: string; name: string }[];
  items: FeedItem[];
  next: FeedCursor | null;
};
