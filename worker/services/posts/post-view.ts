/**
 * The shape of a post as the API answers it, defined once in the contract. Types only (no runtime imports), so the web
 * client imports it with `import type`.
 */
export type { Post as PostView, Attachment } from "../../../contract/posts";
