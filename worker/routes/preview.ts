import { Preview, PreviewBody } from "../../contract/preview";
import { previewMarkdown } from "../services/posts/preview";
import { define, json, routes } from "./define";

/** POST /preview: the composer's and the bio's "Preview" tab. */
export const previewRoutes = routes().openapi(
  define({ method: "post", path: "/", summary: "Render markdown as a post (or a bio) will show it, sanitised; nothing is stored", tag: "Posts", access: "member", body: PreviewBody, responses: { 200: json(Preview, "The rendered text") } }),
  async (c) => c.json(await previewMarkdown(c.var.ctx, c.var.caller, c.req.valid("json")), 200),
);
