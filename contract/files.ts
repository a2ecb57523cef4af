import { z } from "@hono/zod-openapi";
import { SingleLine } from "./common";
import { Attachment } from "./posts";

/** Uploads and the files they become (API.md "Conversation": attachments). */

export const UploadQuery = z.strictObject({ filename: SingleLine(1, 200) });
/** What POST /uploads answers: the attachment to name in a post's `attachmentIds`. */
export const Upload = Attachment;
export type Upload = Attachment;
