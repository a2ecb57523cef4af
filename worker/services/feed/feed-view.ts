/**
 * The shapes of the home feed, from the contract. Types only (no runtime imports), so the web client imports them with
 * `import type` instead of keeping a copy.
 */
export type { FeedItem, FeedPage } from "../../../contract/feed";
