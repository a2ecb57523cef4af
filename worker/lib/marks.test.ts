import { describe, expect, it } from "vitest";
import { extractMentions, extractTags, foldTag } from "./marks";

describe("mentions and tags", () => {
  it("finds @handles but not emails or code", () => {
    expect(extractMentions("Hi @Jo.Smith and @ana_b! mail me at x@corp.test `@notme`")).toEqual(["jo.smith", "ana_b"]);
  });

  it("folds #tags for case and accents and ignores URL fragments", () => {
    expect(extractTags("#Événement #evenement #Salesforce-tips https://x.test/#anchor C#")).toEqual(["evenement", "salesforce-tips"]);
    expect(foldTag("ÉCOLE")).toBe("ecole");
  });
});
