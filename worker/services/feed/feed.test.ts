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
});
