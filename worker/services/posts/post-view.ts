/**
 * The shape of a post as the API answers it. Types only (no runtime imports), so the web client imports it with
 * `import type` instead of keeping a copy.
 */
import type { PostKind, ReactionKind } from "../../db/conversation";
import type { MemberSummary } from "../users/present";

export type Attachment = { id: string; name: string; size: number; type: string; url: string };

export type PostView = {
  id: string;
  groupId: string;
  group: { id: string; name: string; visibility: string };
  author: MemberSummary;
  kind: PostKind;
  title: string;
  url: string | null;
  body: string;
  html: string;
  tags: string[];
  attachments: Attachment[];
  createdAt: number;
  editedAt: number | null;
  pinned: boolean;
  hidden: boolean;
  commentCount: number;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  rating: { average: number | null; count: number; mine: number | null };
  /** Must-read announcements: "read by 412 of 530". */
  receipts: { mustRead: boolean; read: boolean; readCount: number; audience: number } | null;
  can: { edit: boolean; delete: boolean; moderate: boolean };
};
