import { describe, expect, it } from "vitest";
import { plainExcerpt } from "../../contract/excerpt";

/** The one Markdown-to-a-line of the contract (contract/excerpt.ts): web push bodies and the home's announcement lines. */
describe("plainExcerpt", () => {
  it("keeps the words and drops the marks, by a hand-written table", () => {
    const table: [string, string, number | undefined, string][] = [
      ["plain text", "Canteen closed on Friday", undefined, "Canteen closed on Friday"],
      ["a heading", "## Badge renewal", undefined, "Badge renewal"],
      ["emphasis and a link", "**Office move** on [Monday](https://example.com/move)", undefined, "Office move on Monday"],
      ["a picture goes", "See ![the plan](https://x.test/p.png) here", undefined, "See here"],
      ["list marks at a line's start", "- first\n* second\n+ third\n1. fourth\n2) fifth", undefined, "first second third fourth fifth"],
      ["a dash inside a line stays", "Paris - New York", undefined, "Paris - New York"],
      ["a quote and code", "> `npm start` works", undefined, "npm start works"],
      ["lines become one", "one\n\ntwo\tthree", undefined, "one two three"],
      ["cut with an ellipsis", "word ".repeat(10), 12, "word word w…"],
      ["nothing left", "**__**", undefined, ""],
    ];
    for (const [name, markdown, max, expected] of table) expect(plainExcerpt(markdown, max), name).toBe(expected);
  });
});
