/**
 * The shape of a comment as the API answers it. Types only (no runtime imports), so the web client imports it with
 * `import type` instead of keeping a copy.
 */
import type { ReactionKind } from "../../db/conversation";
import type { MemberSummary } from "../users/present";

export type CommentView = {
  id: string;
  postId: string;
  parentId: string | null;
  author: MemberSummary;
  body: string;
  html: string;
  createdAt: number;
  editedAt: number | null;
  hidden: boolean;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  can: { edit: boolean; delete: boolean };
};
