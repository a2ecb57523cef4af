import type { Actor, ServiceContext } from "../../context";
import { renderMarkdown } from "../../lib/markdown";
import { mentionedMembers } from "./mentions";

/**
 * Markdown rendered by the one renderer posts, comments and bios are saved with (worker/lib/markdown.ts), so a preview
 * shows exactly what the saved text will: posts resolve @mentions as `createPost` does (only members the writer may
 * see), bios as `updateProfile` does.
 */
export async function previewMarkdown(ctx: ServiceContext, actor: Actor, input: { body: string; of?: "post" | "bio" }): Promise<{ html: string }> {
  if (input.of === "bio") return { html: renderMarkdown(input.body) };
  return { html: renderMarkdown(input.body, { mentions: await mentionedMembers(ctx, actor, input.body) }) };
}
