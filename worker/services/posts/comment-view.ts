/**
 * The shape of a comment as the API answers it, defined once in the contract. Types only (no runtime imports), so the
 * web client imports it with `import type`.
 */
export type { Comment as CommentView } from "../../../contract/posts";
