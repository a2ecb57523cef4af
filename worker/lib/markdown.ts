import MarkdownIt from "markdown-it";
import { foldTag, MENTION, TAG } from "./marks";
import xssModule from "xss";

// xss is CommonJS: its class hangs off the default export at run time, while its typings declare it as a named export.
const { FilterXSS } = xssModule as unknown as typeof import("xss");

/** CommonMark with raw HTML off; markdown-it also refuses javascript:, vbscript:, file: and non-image data: links. */
const md = new MarkdownIt("commonmark", { html: false, linkify: false, breaks: false });

/** What a text's @mentions and #tags link to: known handles to their profile, tags to the search of that tag. */
export type MarkLinks = { mentions?: ReadonlyMap<string, string> };

const MARKS = new RegExp(`${MENTION.source}|${TAG.source}`, "giu");

// In text outside links and code, @handle (of a known member) and #tag become links, as tokens (never as raw HTML).
md.core.ruler.push("comptoir_marks", (state) => {
  const mentions: ReadonlyMap<string, string> = (state.env as MarkLinks)?.mentions ?? new Map();
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: typeof block.children = [];
    let insideLink = 0;
    for (const tok of block.children) {
      if (tok.type === "link_open") insideLink++;
      if (tok.type === "link_close") insideLink--;
      if (tok.type !== "text" || insideLink > 0) {
        out.push(tok);
        continue;
      }
      let last = 0;
      for (const m of tok.content.matchAll(MARKS)) {
        const handle = m[1]?.toLowerCase();
        const href = handle ? (mentions.has(handle) ? `/people/${mentions.get(handle)}` : null) : `/search?q=${encodeURIComponent(`#${foldTag(m[2])}`)}`;
        if (!href) continue;
        const start = m.index!;
        if (start > last) out.push(Object.assign(new state.Token("text", "", 0), { content: tok.content.slice(last, start) }));
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [["href", href]];
        out.push(open, Object.assign(new state.Token("text", "", 0), { content: m[0] }), new state.Token("link_close", "a", -1));
        last = start + m[0].length;
      }
      if (last === 0) out.push(tok);
      else if (last < tok.content.length) out.push(Object.assign(new state.Token("text", "", 0), { content: tok.content.slice(last) }));
    }
    block.children = out;
  }
});

const LINK_REL = "nofollow ugc noopener";
const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#)/i;

/** An allow-list sanitiser run on markdown-it's output: what survives is only what CommonMark can produce. */
const sanitizer = new FilterXSS({
  whiteList: {
    a: ["href", "title", "rel"],
    p: [], br: [], hr: [], blockquote: [], pre: [], code: [], em: [], strong: [], del: [],
    ul: [], ol: ["start"], li: [],
    h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
    img: ["src", "alt", "title"],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "svg", "math", "template"],
  allowCommentTag: false,
  onTagAttr(tag, name, value) {
    if ((tag === "a" && name === "href") || (tag === "img" && name === "src")) {
      const url = value.trim();
      if (!SAFE_URL.test(url)) return "";
      return `${name}="${escapeAttr(url)}"`;
    }
    if (tag === "a" && name === "rel") return ""; // set below, never taken from input
    return undefined;
  },
  onTag(tag, html, options) {
    if (tag === "a" && !options.isClosing) {
      return html.replace(/^<a\b/, `<a rel="${LINK_REL}"`);
    }
    return undefined;
  },
});

function escapeAttr(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Markdown → safe HTML, once, at write time; the client inserts only this. */
export function renderMarkdown(source: string, links: MarkLinks = {}): string {
  return sanitizer.process(md.render(source, links));
}
