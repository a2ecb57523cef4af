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

describe("mentions and tags in rendered text", () => {
  it("links known @handles to their profile and #tags to their search, outside code and links", () => {
    const html = renderMarkdown("Hi @jo and @nobody, see #Événement `#notag` [@jo](https://x.test)", { mentions: new Map([["jo", "usr_1"]]) });
    expect(html).toContain('<a rel="nofollow ugc noopener" href="/people/usr_1">@jo</a>');
    expect(html).toContain("@nobody");
    expect(html).not.toContain("/people/usr_1\">@nobody");
    expect(html).toContain('href="/search?q=%23evenement">#Événement</a>');
    expect(html).toContain("<code>#notag</code>");
    expect(html).toContain('href="https://x.test">@jo</a>');
  });
});
