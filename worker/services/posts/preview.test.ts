import { describe, expect, it } from "vitest";
import { api, createGroup, createMember, expectError } from "../../test/factories";

/** Issue 15: the composer's and the bio's "Preview" showed the raw markdown; it shows what the saved text will. */
describe("POST /preview", () => {
  it("renders a post's markdown as the post will show it: sanitised, with known mentions linked", async () => {
    const author = await createMember();
    const mentioned = await createMember();
    const res = await api("/api/v1/preview", { as: author, body: { body: `**Bold** and _this_ <script>alert(1)</script> for @${mentioned.handle} and @nobody-here\n\n[x](javascript:alert(1))` } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      html: `<p><strong>Bold</strong> and <em>this</em> &lt;script&gt;alert(1)&lt;/script&gt; for <a rel="nofollow ugc noopener" href="/people/${mentioned.id}">@${mentioned.handle}</a> and @nobody-here</p>\n<p>[x](javascript:alert(1))</p>\n`,
    });
  });

  it("renders a bio as a bio is saved (mentions stay text), and what the profile stores is the same HTML", async () => {
    const member = await createMember();
    const other = await createMember();
    const bio = `# Hello\n\n**Support** lead, ask @${other.handle}`;
    const res = await api("/api/v1/preview", { as: member, body: { body: bio, of: "bio" } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ html: `<h1>Hello</h1>\n<p><strong>Support</strong> lead, ask @${other.handle}</p>\n` });
    const saved = await api("/api/v1/me/profile", { as: member, method: "PATCH", body: { bio } });
    expect(saved.status, saved.text).toBe(200);
    expect((await api(`/api/v1/users/${member.id}`, { as: member })).json.bioHtml).toBe(res.json.html);
  });

  it("links only the members the writer may see: a guest's preview and post leave a member outside their groups as text", async () => {
    const guest = await createMember({ role: "guest" });
    const colleague = await createMember();
    const stranger = await createMember();
    const gid = await createGroup([{ user: guest }, { user: colleague }]);
    const body = `Hi @${colleague.handle} and @${stranger.handle}`;
    const linked = `<a rel="nofollow ugc noopener" href="/people/${colleague.id}">@${colleague.handle}</a>`;
    const expected = `<p>Hi ${linked} and @${stranger.handle}</p>\n`;
    expect((await api("/api/v1/preview", { as: guest, body: { body } })).json).toEqual({ html: expected });
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: guest, body: { body } });
    expect(post.status, post.text).toBe(201);
    expect(post.json.html).toBe(expected);
    // A member sees both: both are linked.
    const member = await api("/api/v1/preview", { as: colleague, body: { body } });
    expect(member.json.html).toBe(`<p>Hi ${linked} and <a rel="nofollow ugc noopener" href="/people/${stranger.id}">@${stranger.handle}</a></p>\n`);
  });

  it("refuses an empty text and an unknown kind, and a caller without a session", async () => {
    const member = await createMember();
    await expectError(await api("/api/v1/preview", { as: member, body: { body: "   " } }), 400, "validation_failed");
    await expectError(await api("/api/v1/preview", { as: member, body: { body: "x", of: "charter" } }), 400, "validation_failed");
    await expectError(await api("/api/v1/preview", { body: { body: "x" } }), 401, "unauthenticated");
  });
});
