import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createMember, expectError, tableCounts, testContext, type TestMember } from "../test/factories";
import { tellFirstLooks } from "../services/posts/first-look";

/**
 * First look (issue 14, item 4; API.md "First look"): an announcement of one group that named groups, or the whole
 * network, read from a set time. Before it, only the home group's readers find it — by id, in the feed, in search, in
 * its comments, in the bell and its count; at it, the wider audience reads it and is told once (the cron, two runs at
 * once included). Time moves by setting the post's first-look time in the past in D1 (the cron's `now` is its own).
 */

type Visibility = "open" | "private" | "secret";

async function group(owner: TestMember, name: string, visibility: Visibility) {
  const res = await api("/api/v1/groups", { as: owner, body: { name: `${name} ${crypto.randomUUID().slice(0, 8)}`, description: "First look", visibility, kind: "community" } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function add(gid: string, owner: TestMember, member: TestMember) {
  expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: member.id } })).status).toBe(201);
}

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

/** Moves the first look of `postId` into the past (the post's time and its audience rows, as the write stored them). */
async function reachNow(postId: string) {
  const at = Date.now() - 1000;
  await env.DB.batch([
    env.DB.prepare("UPDATE posts SET first_look_at = ? WHERE id = ?").bind(at, postId),
    env.DB.prepare("UPDATE post_audiences SET at = ? WHERE post_id = ?").bind(at, postId),
  ]);
}

/** Each member's unread count before the post (joining a group rang their bell): `sightings` answers the change. */
const baseline = new Map<string, number>();
async function noteBaseline(members: TestMember[]) {
  for (const m of members) baseline.set(m.id, (await api("/api/v1/notifications?limit=1", { as: m })).json.unread);
}

/** Everything a member could find of `postId`, through every path that reads posts; `unread`, the bell's count since {@link noteBaseline}. */
async function sightings(member: TestMember, postId: string, word: string) {
  const [post, comments, feed, search, bell] = await Promise.all([
    api(`/api/v1/posts/${postId}`, { as: member }),
    api(`/api/v1/posts/${postId}/comments`, { as: member }),
    api("/api/v1/feed?limit=50", { as: member }),
    api(`/api/v1/search?q=${word}`, { as: member }),
    api("/api/v1/notifications?limit=50", { as: member }),
  ]);
  expect(feed.status).toBe(200);
  expect(search.status).toBe(200);
  expect(bell.status).toBe(200);
  return {
    post: post.status,
    comments: comments.status,
    feed: feed.json.items.filter((p: any) => p.id === postId).length,
    search: search.json.items.filter((h: any) => h.postId === postId || h.id === postId).length,
    bell: bell.json.items.filter((n: any) => n.post?.id === postId).map((n: any) => n.kind),
    unread: (bell.json.unread as number) - (baseline.get(member.id) ?? 0),
  };
}

const UNSEEN = { post: 404, comments: 404, feed: 0, search: 0, bell: [], unread: 0 };

describe("first look for named groups", () => {
  it("shows the announcement to the home group only until its time, then to the named groups' members, told once; a secret named group's id stays inside it", async () => {
    const owner = await createMember();
    const commsMember = await createMember();
    const salesMember = await createMember();
    const labMember = await createMember();
    const guest = await createMember({ role: "guest" });
    const outsider = await createMember();
    const comms = await group(owner, "Communications", "private");
    const sales = await group(owner, "Sales", "private");
    const lab = await group(owner, "Lab", "secret");
    await add(comms, owner, commsMember);
    await add(sales, owner, salesMember);
    await add(sales, owner, guest);
    await add(lab, owner, labMember);
    await noteBaseline([salesMember, labMember, guest, outsider]);
    const word = `reorg${crypto.randomUUID().slice(0, 6)}`;
    const created = await api(`/api/v1/groups/${comms}/posts`, {
      as: owner,
      body: { body: `The ${word} news`, kind: "announcement", firstLook: { audience: { groupIds: [sales, lab] }, at: inAnHour() } },
    });
    expect(created.status, created.text).toBe(201);
    const postId = created.json.id as string;
    expect(created.json.firstLook).toMatchObject({ audience: { groupIds: [sales, lab].sort() }, reached: false });

    // Before the time: the home group reads it; nobody else finds it anywhere, and the cron tells nobody.
    const home = await sightings(commsMember, postId, word);
    expect({ post: home.post, feed: home.feed, search: home.search }).toEqual({ post: 200, feed: 1, search: 1 });
    for (const m of [salesMember, labMember, guest, outsider]) expect(await sightings(m, postId, word)).toEqual(UNSEEN);
    expect((await api(`/api/v1/posts/${postId}/comments`, { as: salesMember, body: { body: "Too early" } })).status).toBe(404);
    expect(await tellFirstLooks(testContext(), Date.now())).toBe(0);

    // At the time: two cron runs at once tell the three audience members (not the author, not the home group) once.
    await reachNow(postId);
    const runs = await Promise.all([tellFirstLooks(testContext(), Date.now()), tellFirstLooks(testContext(), Date.now())]);
    expect(runs.sort()).toEqual([0, 3]);
    expect(await tellFirstLooks(testContext(), Date.now())).toBe(0);

    const expected: [string, TestMember, object][] = [
      ["sales member", salesMember, { post: 200, comments: 200, feed: 1, search: 1, bell: ["announcement"], unread: 1 }],
      ["lab member", labMember, { post: 200, comments: 200, feed: 1, search: 1, bell: ["announcement"], unread: 1 }],
      ["guest in sales", guest, { post: 200, comments: 200, feed: 1, search: 1, bell: ["announcement"], unread: 1 }],
      ["outsider", outsider, UNSEEN],
    ];
    for (const [who, m, seen] of expected) expect(await sightings(m, postId, word), who).toEqual(seen);

    // The named groups each reader sees: the secret lab's id only inside the lab (and to the home group's owner, in it).
    const audienceOf = async (m: TestMember) => (await api(`/api/v1/posts/${postId}`, { as: m })).json.firstLook;
    expect(await audienceOf(salesMember)).toMatchObject({ audience: { groupIds: [sales] }, reached: true });
    expect(await audienceOf(guest)).toMatchObject({ audience: { groupIds: [sales] }, reached: true });
    expect(await audienceOf(labMember)).toMatchObject({ audience: { groupIds: [sales, lab].sort() }, reached: true });
    expect(await audienceOf(commsMember)).toMatchObject({ audience: { groupIds: [sales] }, reached: true });
    expect(await audienceOf(owner)).toMatchObject({ audience: { groupIds: [sales, lab].sort() }, reached: true });

    // The wider audience takes part in the announcement's conversation, not in the home group's other content.
    const comment = await api(`/api/v1/posts/${postId}/comments`, { as: salesMember, body: { body: "Great news" } });
    expect(comment.status, comment.text).toBe(201);
    expect((await api(`/api/v1/posts/${postId}/reactions/like`, { as: labMember, method: "PUT" })).status).toBe(204);
    expect((await api(`/api/v1/comments/${comment.json.id}`, { as: labMember })).status).toBe(200);
    expect((await api(`/api/v1/comments/${comment.json.id}`, { as: outsider })).status).toBe(404);
    const other = await api(`/api/v1/groups/${comms}/posts`, { as: owner, body: { body: "Internal only" } });
    expect((await api(`/api/v1/posts/${other.json.id}`, { as: salesMember })).status).toBe(404);
    expect((await api(`/api/v1/groups/${comms}/posts`, { as: salesMember })).status).not.toBe(200);
    expect((await api(`/api/v1/posts/${postId}`, { as: commsMember })).json.commentCount).toBe(1);
    // The conversation's notifications reach the wider audience too: the sales member commented, so follows the thread.
    expect((await api(`/api/v1/posts/${postId}/comments`, { as: labMember, body: { body: "Agreed" } })).status).toBe(201);
    expect((await sightings(salesMember, postId, word)).bell).toEqual(["comment", "announcement"]);
    expect((await sightings(owner, postId, word)).bell).toEqual(["reply", "reply"]);
  });
});

describe("first look for the whole network", () => {
  it("is given by the home group's owner, not its animators; reaches every member but guests at its time", async () => {
    const owner = await createMember();
    const animator = await createMember();
    const member = await createMember();
    const guest = await createMember({ role: "guest" });
    const comms = await group(owner, "Communications", "secret");
    await add(comms, owner, animator);
    await env.DB.prepare("UPDATE group_members SET role = 'animator' WHERE group_id = ? AND user_id = ?").bind(comms, animator.id).run();
    const network = { audience: "network", at: inAnHour() };
    await noteBaseline([member, guest]);
    const before = await tableCounts();
    await expectError(await api(`/api/v1/groups/${comms}/posts`, { as: animator, body: { body: "To all", kind: "announcement", firstLook: network } }), 403, "forbidden");
    expect(await tableCounts()).toEqual(before);
    const word = `network${crypto.randomUUID().slice(0, 6)}`;
    const created = await api(`/api/v1/groups/${comms}/posts`, { as: owner, body: { body: `The ${word} news`, kind: "announcement", firstLook: network } });
    expect(created.status, created.text).toBe(201);
    const postId = created.json.id as string;
    for (const m of [member, guest]) expect(await sightings(m, postId, word)).toEqual(UNSEEN);
    await reachNow(postId);
    await Promise.all([tellFirstLooks(testContext(), Date.now()), tellFirstLooks(testContext(), Date.now())]);
    expect(await sightings(member, postId, word)).toEqual({ post: 200, comments: 200, feed: 1, search: 1, bell: ["announcement"], unread: 1 });
    expect(await sightings(guest, postId, word)).toEqual(UNSEEN);
    expect((await api(`/api/v1/posts/${postId}`, { as: member })).json.firstLook).toMatchObject({ audience: "network", reached: true });
    // A hidden announcement leaves the wider audience's sight, and their bell.
    await env.DB.prepare("UPDATE posts SET hidden_at = ? WHERE id = ?").bind(Date.now(), postId).run();
    expect(await sightings(member, postId, word)).toEqual(UNSEEN);
  });
});

describe("first look input", () => {
  it("refuses a bad first look with 400 naming the field, and writes nothing", async () => {
    const owner = await createMember();
    const stranger = await createMember();
    const comms = await group(owner, "Communications", "private");
    const sales = await group(owner, "Sales", "open");
    const hidden = await group(stranger, "Hidden", "secret");
    const day = 24 * 3600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const many = await Promise.all(Array.from({ length: 21 }, (_, i) => group(owner, `Many ${i}`, "open")));
    const cases: [string, object, string][] = [
      ["a time in the past", { kind: "announcement", firstLook: { audience: "network", at: at(-60_000) } }, "firstLook.at"],
      ["a time past 90 days", { kind: "announcement", firstLook: { audience: "network", at: at(91 * day) } }, "firstLook.at"],
      ["a discussion", { firstLook: { audience: "network", at: at(day) } }, "firstLook"],
      ["an unknown group", { kind: "announcement", firstLook: { audience: { groupIds: ["grp_01m8000000000000000000000z"] }, at: at(day) } }, "firstLook.audience.groupIds"],
      ["a secret group the author is not in", { kind: "announcement", firstLook: { audience: { groupIds: [sales, hidden] }, at: at(day) } }, "firstLook.audience.groupIds"],
      ["the home group", { kind: "announcement", firstLook: { audience: { groupIds: [comms] }, at: at(day) } }, "firstLook.audience.groupIds"],
      ["21 groups", { kind: "announcement", firstLook: { audience: { groupIds: many }, at: at(day) } }, "firstLook.audience"],
      ["no groups", { kind: "announcement", firstLook: { audience: { groupIds: [] }, at: at(day) } }, "firstLook.audience"],
      ["not a date", { kind: "announcement", firstLook: { audience: "network", at: "tomorrow" } }, "firstLook.at"],
      ["an unknown audience", { kind: "announcement", firstLook: { audience: "everyone", at: at(day) } }, "firstLook.audience"],
    ];
    const before = await tableCounts();
    for (const [what, body, path] of cases) {
      const err = await expectError(await api(`/api/v1/groups/${comms}/posts`, { as: owner, body: { body: "News", ...body } }), 400, "validation_failed");
      expect(err.details.map((d: any) => d.path).every((p: string) => p.startsWith(path)), `${what}: ${JSON.stringify(err.details)}`).toBe(true);
    }
    expect(await tableCounts()).toEqual(before);
    // The secret group's id answers as an unknown one: the same message.
    const err = await expectError(
      await api(`/api/v1/groups/${comms}/posts`, { as: owner, body: { body: "News", kind: "announcement", firstLook: { audience: { groupIds: [hidden] }, at: at(day) } } }),
      400,
      "validation_failed",
    );
    expect(err.details).toEqual([{ path: "firstLook.audience.groupIds", message: `Unknown group ${hidden}` }]);
  });
});
