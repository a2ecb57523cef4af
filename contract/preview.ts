import { z } from "@hono/zod-openapi";
import { Body } from "./common";

/** The composer's and the profile editor's preview: markdown rendered as it will show, nothing stored. */
export const PREVIEW_OF = ["post", "bio"] as const;

export const PreviewBody = z
  .strictObject({
    body: Body,
    /** `post` (the default; also comments): @mentions of known members become links. `bio`: rendered as a bio is. */
    of: z.enum(PREVIEW_OF).optional(),
  })
  .openapi("PreviewBody");
export type PreviewBody = z.infer<typeof PreviewBody>;

/** Sanitised HTML, the same the text will have once saved. */
export const Preview = z.strictObject({ html: z.string() }).openapi("Preview");
export type Preview = z.infer<typeof Preview>;
