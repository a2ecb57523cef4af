import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders CommonMark with links marked nofollow ugc noopener", () => {
    const html = renderMarkdown("**Hello** [site](https://example.com)");
    expect(html).toContain("<strong>Hello</strong>");
    expect(html).toContain('<a rel="nofollow ugc noopener" href="https://example.com">site</a>');
  });

  // What would run: a real tag (not escaped text), an event-handler attribute inside a tag, or a dangerous URL in one.
  const DANGER = [/<(script|svg|iframe|object|embed|style|math)\b/i, /<[^>]*\son\w+\s*=/i, /<[^>]*(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i];

  it.each([
    ["raw HTML", "<script>alert(1)</script>"],
    ["event handler", '<img src=x onerror="alert(1)">'],
    ["javascript link", "[x](javascript:alert(1))"],
    ["data link", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["encoded javascript", "[x](jav&#x61;script:alert(1))"],
    ["image with javascript", "![x](javascript:alert(1))"],
    ["autolink javascript", "<javascript:alert(1)>"],
    ["svg", "<svg onload=alert(1)>"],
  ])("neutralises %s", (_name, input) => {
    const html = renderMarkdown(input);
    for (const re of DANGER) expect(html).not.toMatch(re);
  });
});
