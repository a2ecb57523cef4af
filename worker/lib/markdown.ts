import MarkdownIt from "markdown-it";
import xssModule from "xss";

// xss is CommonJS: its class hangs off the default export at run time, while its typings declare it as a named export.
const { FilterXSS } = xssModule as unknown as typeof import("xss");

/** CommonMark with raw HTML off; markdown-it also refuses javascript:, vbscript:, file: and non-image data: links. */
const md = new MarkdownIt("commonmark", { html: false, linkify: false, breaks: false });

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
export function renderMarkdown(source: string): string {
  return sanitizer.process(md.render(source));
}
