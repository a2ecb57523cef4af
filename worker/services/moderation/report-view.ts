/**
 * The shape of a report in a moderation queue as the API answers it. Types only (no runtime imports), so the web client
 * imports it with `import type` instead of keeping a copy.
 */
import type { reports } from "../../db/conversation";

/** What was reported; a comment carries its post, so that the queue can link to it. */
export type ReportTargetView = { type: "post"; id: string } | { type: "comment"; id: string; postId: string };

export type ReportView = {
  id: string;
  target: ReportTargetView;
  group: { id: string; name: string };
  reporter: { id: string; name: string };
  reason: string;
  state: (typeof reports.$inferSelect)["state"];
  /** The first 200 characters of what was reported. */
  excerpt: string | null;
  hidden: boolean;
  createdAt: number;
};
