import { describe, expect, it } from "vitest";
import { api, createMember, expectError, tableCounts, type TestMember } from "../test/factories";
import { describeCommonAuthFailures, type RouteUnderTest } from "../test/route-table";
import { THREAD_FOLLOW_ROLES, THREAD_FOLLOW_ROUTE_ACCESS, type Visibility } from "../test/authorization-table";

/**
 * Following and muting a post's thread (issue 14): PUT/DELETE /posts/:id/follow and /mute. What a member would notice
 * is their bell: a muted thread brings no "reply" nor "comment" notification, even on their own post or one they
 * commented; a followed thread brings a "comment" notification for every comment, without having commented.
 */

async function group(owner: TestMember, visibility: Visibility) {
  const res = await api("/api/v1/groups", { as: owner, body: { name: `Threads ${visibility} ${crypto.randomUUID().slice(0, 8)}`, description: "About threads", visibility, kind: "community" } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function postIn(groupId: string, as: TestMember, body = "A thread to follow") {
  const res = await api(`/api/v1/groups/${groupId}/posts`, { as, body: { body } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function comment(postId: string, as: TestMember, body = "A comment") {
  const res = await api(`/api/v1/posts/${postId}/comments`, { as, body: { body } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** The kinds of the caller's notifications about `postId`, newest first. */
async function bell(member: TestMember, postId: string): Promise<string[]> {
  const res = await api("/api/v1/notifications?limit=50", { as: member });
  expect(res.status).toBe(200);
  return res.json.items.filter((n: any) => n.post?.id === postId).map((n: any) => n.kind);
}

async function standing(member: TestMember, postId: string) {
  const res = await api(`/api/v1/posts/${postId}`, { as: member });
  expect(res.status).toBe(200);
  return res.json.thread;
}

const call = (member: TestMember, postId: string, what: "follow" | "mute", method: "PUT" | "DELETE") => api(`/api/v1/posts/${postId}/${what}`, { as: member, method });

async function openPost() {
  const owner = await createMember();
  const gid = await group(owner, "open");
  return { owner, gid, postId: await postIn(gid, owner) };
}

const ROUTES: RouteUnderTest[] = (["follow", "mute"] as const).flatMap((what) =>
  (["PUT", "DELETE"] as const).map(
    (method): RouteUnderTest => ({
      method,
      route: `/api/v1/posts/:id/${what}`,
      access: "member",
      ok: 204,
      build: async () => ({ path: `/api/v1/posts/${(await openPost()).postId}/${what}` }),
    }),
  ),
);

describe("common auth failures of the thread routes", () => {
  describeCommonAuthFailures(ROUTES);
});

describe("the thread follow authorization table", () => {
  it("lists exactly the routes above", () => {
    expect(Object.keys(THREAD_FOLLOW_ROUTE_ACCESS)).toEqual(ROUTES.map((r) => `${r.method} ${r.route}`));
  });

  for (const visibility of ["open", "private", "secret"] as const) {
    it(`answers each role as written, on a post of a ${visibility} group, and a refusal writes nothing`, async () => {
      const owner = await createMember();
      const insider = await createMember();
      const gid = await group(owner, visibility);
      expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: insider.id } })).status).toBe(201);
      const postId = await postIn(gid, owner);
      const callers: Record<(typeof THREAD_FOLLOW_ROLES)[number], TestMember | null> = {
        anonymous: null,
        guest: await createMember({ role: "guest" }),
        "non-member": await createMember(),
        "group-member": insider,
        admin: await createMember({ role: "admin" }),
      };
      for (const [route, cells] of Object.entries(THREAD_FOLLOW_ROUTE_ACCESS)) {
        const [method, pattern] = route.split(" ");
        for (const role of THREAD_FOLLOW_ROLES) {
          const expected = cells[visibility][role];
          const path = pattern.replace(":id", postId);
          const before = await tableCounts();
          const res = await api(path, { as: callers[role] ?? undefined, method });
          if (expected === "allow") {
            expect(res.status, `${route} as ${role}: ${res.text}`).toBe(204);
          } else {
            await expectError(res, expected, expected === 401 ? "unauthenticated" : "not_found");
            expect(await tableCounts(), `${route} as ${role} writes nothing`).toEqual(before);
          }
        }
      }
    });
  }

  it("answers 404 for a post that does not exist", async () => {
    const member = await createMember();
    for (const [what, method] of [["follow", "PUT"], ["follow", "DELETE"], ["mute", "PUT"], ["mute", "DELETE"]] as const) {
      await expectError(await call(member, "pst_00000000000000000000000000", what, method), 404, "not_found");
    }
  });
});

describe("following and muting a thread", () => {
  it("a reader who follows hears of every comment without commenting; unfollowing stops it", async () => {
    const { owner, gid, postId } = await openPost();
    const reader = await createMember();
    const writer = await createMember();
    await api(`/api/v1/groups/${gid}/join`, { as: writer, method: "POST" });

    expect(await standing(reader, postId)).toEqual({ following: false, muted: false });
    await comment(postId, writer, "Before following");
    expect(await bell(reader, postId)).toEqual([]);

    expect((await call(reader, postId, "follow", "PUT")).status).toBe(204);
    expect((await call(reader, postId, "follow", "PUT")).status).toBe(204);
    expect(await standing(reader, postId)).toEqual({ following: true, muted: false });
    await comment(postId, writer, "After following");
    expect(await bell(reader, postId)).toEqual(["comment"]);

    expect((await call(reader, postId, "follow", "DELETE")).status).toBe(204);
    expect(await standing(reader, postId)).toEqual({ following: false, muted: false });
    await comment(postId, writer, "After unfollowing");
    expect(await bell(reader, postId)).toEqual(["comment"]);
    // The author still hears of each comment as before.
    expect(await bell(owner, postId)).toEqual(["reply", "reply", "reply"]);
  });

  it("a muted thread sends its author no reply and its commenter no comment notification; unmuting brings them back", async () => {
    const { owner, gid, postId } = await openPost();
    const commenter = await createMember();
    const writer = await createMember();
    for (const m of [commenter, writer]) await api(`/api/v1/groups/${gid}/join`, { as: m, method: "POST" });
    await comment(postId, commenter, "I take part");
    expect(await bell(owner, postId)).toEqual(["reply"]);
    expect(await standing(commenter, postId)).toEqual({ following: true, muted: false });
    expect(await standing(owner, postId)).toEqual({ following: true, muted: false });

    expect((await call(owner, postId, "mute", "PUT")).status).toBe(204);
    expect((await call(commenter, postId, "mute", "PUT")).status).toBe(204);
    expect(await standing(owner, postId)).toEqual({ following: false, muted: true });
    await comment(postId, writer, "Nobody hears of this one");
    expect(await bell(owner, postId)).toEqual(["reply"]);
    expect(await bell(commenter, postId)).toEqual([]);

    // Commenting on a muted thread keeps it muted.
    await comment(postId, commenter, "Still muted after my own comment");
    await comment(postId, writer, "Still nothing");
    expect(await bell(commenter, postId)).toEqual([]);
    expect(await standing(commenter, postId)).toEqual({ following: false, muted: true });

    // Unfollowing leaves a mute alone; unmuting is following again.
    expect((await call(owner, postId, "follow", "DELETE")).status).toBe(204);
    expect(await standing(owner, postId)).toEqual({ following: false, muted: true });
    expect((await call(owner, postId, "mute", "DELETE")).status).toBe(204);
    expect(await standing(owner, postId)).toEqual({ following: true, muted: false });
    await comment(postId, writer, "Heard again");
    expect(await bell(owner, postId)).toEqual(["reply", "reply"]);

    // Following a muted thread unmutes it.
    expect((await call(commenter, postId, "follow", "PUT")).status).toBe(204);
    expect(await standing(commenter, postId)).toEqual({ following: true, muted: false });
    await comment(postId, writer, "Heard by the commenter too");
    expect(await bell(commenter, postId)).toEqual(["comment"]);
  });

  it("a mention still reaches a member who muted the thread", async () => {
    const { gid, postId } = await openPost();
    const muter = await createMember();
    const writer = await createMember();
    for (const m of [muter, writer]) await api(`/api/v1/groups/${gid}/join`, { as: m, method: "POST" });
    expect((await call(muter, postId, "mute", "PUT")).status).toBe(204);
    await comment(postId, writer, `Over to you @${muter.handle}`);
    expect(await bell(muter, postId)).toEqual(["mention"]);
  });

  it("each member hears once, by precedence: the author named in a comment gets a reply, a named follower a comment, only the others a mention", async () => {
    const { owner, gid, postId } = await openPost();
    const follower = await createMember();
    const named = await createMember();
    const writer = await createMember();
    for (const m of [follower, named, writer]) await api(`/api/v1/groups/${gid}/join`, { as: m, method: "POST" });
    expect((await call(follower, postId, "follow", "PUT")).status).toBe(204);
    await comment(postId, writer, `@${owner.handle} @${follower.handle} @${named.handle} @${writer.handle} have a look`);
    expect(await bell(owner, postId)).toEqual(["reply"]);
    expect(await bell(follower, postId)).toEqual(["comment"]);
    expect(await bell(named, postId)).toEqual(["mention"]);
    expect(await bell(writer, postId)).toEqual([]);
  });

  it("a follower who can no longer read the post hears nothing of it", async () => {
    const owner = await createMember();
    const gid = await group(owner, "private");
    const insider = await createMember();
    expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: insider.id } })).status).toBe(201);
    const postId = await postIn(gid, owner);
    expect((await call(insider, postId, "follow", "PUT")).status).toBe(204);
    expect((await api(`/api/v1/groups/${gid}/members/${insider.id}`, { as: owner, method: "DELETE" })).status).toBe(204);
    await comment(postId, owner, "Only members read this");
    expect(await bell(insider, postId)).toEqual([]);
    await expectError(await call(insider, postId, "follow", "PUT"), 404, "not_found");
  });

  it("lists and feeds carry no thread standing: only the post's own answer does", async () => {
    const { owner, gid, postId } = await openPost();
    const list = await api(`/api/v1/groups/${gid}/posts`, { as: owner });
    expect(list.json.items.find((p: any) => p.id === postId)).not.toHaveProperty("thread");
    expect(await standing(owner, postId)).toEqual({ following: true, muted: false });
  });
});
