import { describe, expect, it } from "vitest";
import { api, createGroup, createMember, send, type TestMember } from "../test/factories";

/**
 * Issue 13, part 5: the lists answer a weak ETag and honour `If-None-Match` with 304 and no body (define's `etag`);
 * the access checks run first, so a list someone may not read never answers them 304.
 */

const TAG = /^W\/"[A-Za-z0-9_-]{22}"$/;

async function get(path: string, as: TestMember, ifNoneMatch?: string) {
  return send(path, { as, headers: ifNoneMatch === undefined ? {} : { "If-None-Match": ifNoneMatch } });
}

describe("ETag on the lists", () => {
  it("answers 200 with a weak ETag, 304 without a body to the same tag, and a new tag after a write", async () => {
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: member, body: { name: "Tagged", description: "", visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: member, body: { body: "First" } });
    expect(post.status, post.text).toBe(201);
    const lists = [
      `/api/v1/groups/${group.json.id}/posts`,
      `/api/v1/posts/${post.json.id}/comments`,
      "/api/v1/feed",
      "/api/v1/notifications",
      "/api/v1/groups",
      "/api/v1/users",
    ];
    for (const path of lists) {
      const first = await get(path, member);
      expect(first.status, `${path} ${first.text}`).toBe(200);
      const tag = first.headers.get("ETag")!;
      expect(tag, path).toMatch(TAG);
      expect(first.headers.get("Cache-Control"), path).toBe("private, no-cache");
      const again = await get(path, member, tag);
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe("");
      expect(again.headers.get("ETag"), path).toBe(tag);
      expect(again.headers.get("Cache-Control"), path).toBe("private, no-cache");
      // A list of tags, one of them this answer's, and the strong form of the same tag: 304 too.
      expect((await get(path, member, `W/"somethingelse", ${tag}`)).status, path).toBe(304);
      expect((await get(path, member, tag.slice(2))).status, path).toBe(304);
      // Another tag: the whole answer.
      const other = await get(path, member, 'W/"AAAAAAAAAAAAAAAAAAAAAA"');
      expect(other.status, path).toBe(200);
      expect(other.headers.get("ETag"), path).toBe(tag);
    }

    // After a write the group's posts, the comments and the feed change: 200 with another tag.
    const before = {
      posts: (await get(`/api/v1/groups/${group.json.id}/posts`, member)).headers.get("ETag")!,
      comments: (await get(`/api/v1/posts/${post.json.id}/comments`, member)).headers.get("ETag")!,
    };
    expect((await api(`/api/v1/groups/${group.json.id}/posts`, { as: member, body: { body: "Second" } })).status).toBe(201);
    expect((await api(`/api/v1/posts/${post.json.id}/comments`, { as: member, body: { body: "A comment" } })).status).toBe(201);
    const posts = await get(`/api/v1/groups/${group.json.id}/posts`, member, before.posts);
    expect(posts.status).toBe(200);
    expect(posts.json.items.map((p: { body: string }) => p.body)).toEqual(["Second", "First"]);
    expect(posts.headers.get("ETag")).toMatch(TAG);
    expect(posts.headers.get("ETag")).not.toBe(before.posts);
    const comments = await get(`/api/v1/posts/${post.json.id}/comments`, member, before.comments);
    expect(comments.status).toBe(200);
    expect(comments.json.items.map((c: { body: string }) => c.body)).toEqual(["A comment"]);
    expect(comments.headers.get("ETag")).not.toBe(before.comments);
  });

  it("never answers 304 for a private group's list to someone who may not read it", async () => {
    const insider = await createMember();
    const outsider = await createMember();
    const secretive = await createGroup([{ user: insider }], "Private tagged");
    const post = await api(`/api/v1/groups/${secretive}/posts`, { as: insider, body: { body: "Private words" } });
    expect(post.status, post.text).toBe(201);
    const listed = await get(`/api/v1/groups/${secretive}/posts`, insider);
    expect(listed.status).toBe(200);
    const tag = listed.headers.get("ETag")!;
    expect(tag).toMatch(TAG);
    for (const ifNoneMatch of [tag, "*"]) {
      const posts = await get(`/api/v1/groups/${secretive}/posts`, outsider, ifNoneMatch);
      expect(posts.status, posts.text).toBe(403);
      expect(posts.json.error.code).toBe("forbidden");
      expect(posts.headers.get("ETag")).toBeNull();
      expect(posts.headers.get("Cache-Control")).toBe("private, no-store");
      const comments = await get(`/api/v1/posts/${post.json.id}/comments`, outsider, ifNoneMatch);
      expect(comments.status, comments.text).toBe(404);
      expect(comments.headers.get("ETag")).toBeNull();
    }
  });
});
