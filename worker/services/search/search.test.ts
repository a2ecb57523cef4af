import { describe, expect, it } from "vitest";
import { api, createGroup, createMember, expectError } from "../../test/factories";

/** Found by the contract fuzz: a NUL in search text ended FTS5's string literal, and the search answered 500. */
describe("search text with control characters", () => {
  it.each([
    "/api/v1/users?q=%00",
    "/api/v1/users?q=sweep&skill=%00",
    "/api/v1/users?department=%00%01",
    "/api/v1/search?q=a%00b%1F",
    "/api/v1/groups?q=%00",
  ])("%s answers 200", async (path) => {
    const member = await createMember();
    const res = await api(path, { as: member });
    expect(res.status, res.text).toBe(200);
  });

  it("answers 400 to a search for only a NUL: the required query is empty once normalised", async () => {
    const member = await createMember();
    const error = await expectError(await api("/api/v1/search?q=%00", { as: member }), 400, "validation_failed");
    expect(error.details).toEqual([{ path: "q", message: expect.any(String) }]);
  });
});

/**
 * Issue 15: people hits showed the serialised skills (`["Team leadership","Zendesk",…]`) and comment hits repeated their
 * text as title and snippet. A snippet is text with the hits marked; the rest of it is escaped.
 */
describe("search snippets", () => {
  const hits = async (as: Awaited<ReturnType<typeof createMember>>, q: string, type: string) => {
    const res = await api(`/api/v1/search?q=${encodeURIComponent(q)}&type=${type}`, { as });
    expect(res.status, res.text).toBe(200);
    return res.json.items.map((h: any) => ({ title: h.title, snippet: h.snippet }));
  };

  it("people: the matching list entries or text, never JSON", async () => {
    const searcher = await createMember();
    await createMember({
      name: "Quillon Marrow",
      profile: {
        title: "Support lead",
        skills: JSON.stringify(["Team leadership", "Zendesk <b>pro</b>", "Excel"]),
        hobbies: JSON.stringify(["Kayak"]),
        bio: "I answer tickets about zymurgy every morning.",
      },
    });
    expect(await hits(searcher, "zendesk", "user")).toEqual([{ title: "Quillon Marrow", snippet: "<mark>Zendesk</mark> &lt;b&gt;pro&lt;/b&gt;" }]);
    expect(await hits(searcher, "leader", "user")).toEqual([{ title: "Quillon Marrow", snippet: "Team <mark>leadership</mark>" }]);
    expect(await hits(searcher, "kayak", "user")).toEqual([{ title: "Quillon Marrow", snippet: "<mark>Kayak</mark>" }]);
    expect(await hits(searcher, "zymurgy", "user")).toEqual([{ title: "Quillon Marrow", snippet: "I answer tickets about <mark>zymurgy</mark> every morning." }]);
    expect(await hits(searcher, "support", "user")).toEqual([{ title: "Quillon Marrow", snippet: "<mark>Support</mark> lead" }]);
    expect(await hits(searcher, "quillon", "user"), "a name hit shows the job title").toEqual([{ title: "Quillon Marrow", snippet: "Support lead" }]);
  });

  it("comments: the post's title, and the comment's text as the snippet", async () => {
    const author = await createMember();
    const group = await createGroup([{ user: author }]);
    const post = await api(`/api/v1/groups/${group}/posts`, { as: author, body: { body: "Rollout plan for the new desk" } });
    expect(post.status, post.text).toBe(201);
    const comment = await api(`/api/v1/posts/${post.json.id}/comments`, { as: author, body: { body: "Ship it on **Thursday** after the <freeze>." } });
    expect(comment.status, comment.text).toBe(201);
    expect(await hits(author, "thursday", "comment")).toEqual([{ title: "Rollout plan for the new desk", snippet: "Ship it on **<mark>Thursday</mark>** after the &lt;freeze&gt;." }]);
  });
});
