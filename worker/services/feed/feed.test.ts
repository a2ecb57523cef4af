import { describe, expect, it } from "vitest";
import { api, createMember } from "../../test/factories";

describe("home feed", () => {
  it("merges my groups newest first across pages, with no gap, no duplicate and nothing I may not read", async () => {
    const me = await createMember();
    const other = await createMember();
    const groups: string[] = [];
    for (const visibility of ["open", "private", "open"] as const) {
      const g = await api("/api/v1/groups", { as: other, body: { name: `Feed ${visibility} ${Math.random()}`, visibility, kind: "community" } });
      groups.push(g.json.id);
    }
    await api(`/api/v1/groups/${groups[0]}/join`, { as: me, method: "POST" });
    await api(`/api/v1/groups/${groups[1]}/members`, { as: other, body: { userId: me.id } });
    const notMine = await api("/api/v1/groups", { as: other, body: { name: `Elsewhere ${Math.random()}`, visibility: "private", kind: "project" } });
    const expected: string[] = [];
    for (let i = 0; i < 9; i++) {
      const gid = groups[i % 3];
      const p = await api(`/api/v1/groups/${gid}/posts`, { as: other, body: { body: `post ${i}` } });
      if (i % 3 !== 2) expected.unshift(p.json.id); // the third group is open but I did not join it
      await api(`/api/v1/groups/${notMine.json.id}/posts`, { as: other, body: { body: `hidden from me ${i}` } });
    }
    const hidden = await api(`/api/v1/groups/${groups[0]}/posts`, { as: other, body: { body: "to be hidden" } });
    await api(`/api/v1/posts/${hidden.json.id}/hide`, { as: other, method: "POST" });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api(`/api/v1/feed?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { as: me });
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((p: any) => p.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("merges the members and tags I follow with my groups, once per post, never from a group I may not read", async () => {
    const me = await createMember();
    const author = await createMember();
    const owner = await createMember();
    const tag = `feedtag${Math.floor(Math.random() * 1e9)}`;
    const group = async (visibility: "open" | "private" | "secret", join: boolean) => {
      const g = await api("/api/v1/groups", { as: owner, body: { name: `Follow ${visibility} ${Math.random()}`, visibility, kind: "community" } });
      await api(`/api/v1/groups/${g.json.id}/members`, { as: owner, body: { userId: author.id } });
      if (join) await api(`/api/v1/groups/${g.json.id}/members`, { as: owner, body: { userId: me.id } });
      return g.json.id as string;
    };
    const mine = await group("private", true);
    const openOther = await group("open", false);
    const privateOther = await group("private", false);
    const secretOther = await group("secret", false);
    expect((await api(`/api/v1/me/follows/members/${author.id}`, { as: me, method: "PUT" })).status).toBe(200);
    expect((await api(`/api/v1/me/follows/tags/${tag}`, { as: me, method: "PUT" })).status).toBe(200);
    const expected: string[] = [];
    const post = async (as: typeof me, gid: string, body: string, seen: boolean) => {
      const p = await api(`/api/v1/groups/${gid}/posts`, { as, body: { body } });
      expect(p.status).toBe(201);
      if (seen) expected.unshift(p.json.id);
    };
    for (let i = 0; i < 3; i++) {
      await post(author, mine, `by the followed member in my group, #${tag} too ${i}`, true); // three sources, one item
      await post(author, openOther, `by the followed member elsewhere ${i}`, true);
      await post(owner, openOther, `tagged #${tag} elsewhere ${i}`, true);
      await post(owner, openOther, `neither followed nor mine ${i}`, false);
      await post(author, privateOther, `followed member, private group I am not in, #${tag} ${i}`, false);
      await post(owner, secretOther, `secret, #${tag} ${i}`, false);
    }
    for (const limit of [1, 2, 5, 50]) {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await api(`/api/v1/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { as: me });
        expect(page.status).toBe(200);
        seen.push(...page.json.items.map((p: any) => p.id));
        sizes.push(page.json.items.length);
        cursor = page.json.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
      // Copies of a post reached through several sources never leave a page short, nor a last page empty.
      const full = Math.ceil(expected.length / limit);
      expect(sizes, `limit ${limit}`).toEqual(Array.from({ length: full }, (_, i) => (i < full - 1 ? limit : expected.length - limit * (full - 1))));
    }
  });

  it("pins my unread announcements and lists my groups with unread posts on the first page only", async () => {
    const me = await createMember();
    const owner = await createMember();
    const gid = (await api("/api/v1/groups", { as: owner, body: { name: `Announce ${Math.random()}`, visibility: "private", kind: "project" } })).json.id;
    const quiet = (await api("/api/v1/groups", { as: owner, body: { name: `Quiet ${Math.random()}`, visibility: "open", kind: "community" } })).json.id;
    await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: me.id } });
    await api(`/api/v1/groups/${quiet}/join`, { as: me, method: "POST" });
    const ann = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "Must read", kind: "announcement" } });
    await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "plain" } });
    const first = await api("/api/v1/feed?limit=1", { as: me });
    expect(first.json.unreadAnnouncements.map((p: any) => p.id)).toEqual([ann.json.id]);
    expect(first.json.unreadAnnouncements[0].receipts).toMatchObject({ mustRead: true, read: false, readCount: 0 });
    expect(first.json.unreadGroups.map((g: any) => g.id)).toEqual([gid]);
    expect(first.json.items[0]).toMatchObject({ unread: true, groupId: gid });
    const second = await api(`/api/v1/feed?limit=1&cursor=${first.json.nextCursor}`, { as: me });
    expect(second.json).toMatchObject({ unreadAnnouncements: [], unreadGroups: [] });
    expect(second.json.items.map((p: any) => p.id)).toEqual([ann.json.id]);
    expect((await api(`/api/v1/posts/${ann.json.id}/read`, { as: me, method: "POST" })).status).toBe(204);
    expect((await api("/api/v1/feed", { as: me })).json.unreadAnnouncements).toEqual([]);
  });
});
