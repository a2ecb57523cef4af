import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../lib/ids";
import { createMember, insertMembers, testContext, type TestMember } from "../../test/factories";
import { membersChunkQuery, readFanOutPost, tellMembers } from "./fanout";
import { notificationBatch } from "./notify";

/**
 * The members a post's fan-out tells, read by the post's id alone (so that the `post-fanout` job reads the first chunk
 * in its batch's one read): who is in, whose bell rings, and what the job's pre-read chunk changes (nothing).
 */

async function group(visibility: "open" | "private") {
  const now = Date.now();
  const id = newId("grp", now);
  await env.DB.prepare("INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, ?, '', ?, 'community', 'usr_x', ?, ?)").bind(id, `G ${id}`, visibility, now, now).run();
  return id;
}

async function join(groupId: string, m: TestMember, state: "member" | "pending", notify: "all" | "mentions" | "none") {
  await env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, notify, created_at) VALUES (?, ?, 'member', ?, ?, ?)").bind(groupId, m.id, state, notify, Date.now()).run();
}

async function post(groupId: string, authorId: string, kind: "discussion" | "announcement") {
  const now = Date.now();
  const id = newId("pst", now);
  await env.DB.prepare("INSERT INTO posts (id, group_id, author_id, kind, body, html, created_at, updated_at) VALUES (?, ?, ?, ?, 'Hi', '<p>Hi</p>', ?, ?)").bind(id, groupId, authorId, kind, now, now).run();
  return id;
}

const bells = (postId: string) => env.DB.prepare("SELECT user_id FROM notifications WHERE post_id = ? AND comment_id IS NULL").bind(postId).all<{ user_id: string }>().then((r) => r.results.map((x) => x.user_id).sort());

describe("a post's members chunk", () => {
  it("leaves out the author and those not members; rings the bells the post's kind rings, once", async () => {
    const ctx = testContext();
    const g = await group("private");
    const [author, all, mentions, none, pending] = [await createMember(), await createMember(), await createMember(), await createMember(), await createMember()];
    await join(g, author, "member", "all");
    await join(g, all, "member", "all");
    await join(g, mentions, "member", "mentions");
    await join(g, none, "member", "none");
    await join(g, pending, "pending", "all");
    const name = new Map([[all.id, "all"], [mentions.id, "mentions"], [none.id, "none"]]);
    const read = async (postId: string) => (await membersChunkQuery(ctx, postId)).map((r) => [name.get(r.id) ?? r.id, Number(r.bell)]).sort();

    const discussion = await post(g, author.id, "discussion");
    expect(await read(discussion)).toEqual([["all", 1], ["mentions", 0], ["none", 0]]);
    const announcement = await post(g, author.id, "announcement");
    expect(await read(announcement)).toEqual([["all", 1], ["mentions", 1], ["none", 0]]);

    // The chunk the job read beforehand tells the same members as a chunk read by tellMembers itself.
    const pre = await tellMembers(ctx, (await readFanOutPost(ctx, announcement))!, { bell: true, feed: true }, await membersChunkQuery(ctx, announcement));
    expect(pre).toEqual({ notified: 2, told: 3 });
    expect(await bells(announcement)).toEqual([all.id, mentions.id].sort());
    // Told once: a second run finds the notifications and rings nobody.
    expect(await read(announcement)).toEqual([["all", 0], ["mentions", 0], ["none", 0]]);
    expect(await tellMembers(ctx, announcement, { bell: true, feed: false })).toEqual({ notified: 0, told: 0 });
    expect(await tellMembers(ctx, discussion, { bell: true, feed: false })).toEqual({ notified: 1, told: 0 });
    expect(await bells(discussion)).toEqual([all.id]);
  });

  it("reads nobody for a post that does not exist, and pages after a member id", async () => {
    const ctx = testContext();
    expect(await membersChunkQuery(ctx, "pst_nosuchpost000000000000000")).toEqual([]);
    const g = await group("open");
    const members = [await createMember(), await createMember(), await createMember()];
    for (const m of members) await join(g, m, "member", "all");
    const p = await post(g, "usr_x", "discussion");
    const ids = members.map((m) => m.id).sort();
    expect((await membersChunkQuery(ctx, p)).map((r) => r.id)).toEqual(ids);
    expect((await membersChunkQuery(ctx, p, ids[0])).map((r) => r.id)).toEqual(ids.slice(1));
  });

  it("walks the group's members through an index, in id order (no full scan, no sort)", async () => {
    const q = membersChunkQuery(testContext(), "pst_x", "").toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).bind(...q.params).all<{ detail: string }>();
    const details = results.map((r) => r.detail);
    expect(details.filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d)), details.join("\n")).toEqual([]);
    expect(details.filter((d) => d.includes("TEMP B-TREE")), details.join("\n")).toEqual([]);
  });

  it("pages a group larger than a chunk (500) to its end, each member once, and reads what the bells need of all of them", async () => {
    const ctx = testContext();
    const g = await group("open");
    const author = await createMember();
    await join(g, author, "member", "all");
    // 520 members besides the author: a chunk of 500, then one of 20.
    const tag = g.slice(-10);
    await insertMembers(Array.from({ length: 520 }, (_, i) => `usr_big${tag}${String(i + 1).padStart(5, "0")}`), g);
    const p = await post(g, author.id, "discussion");
    const first = await membersChunkQuery(ctx, p);
    const second = await membersChunkQuery(ctx, p, first.at(-1)!.id);
    expect([first.length, second.length]).toEqual([500, 20]);
    expect([first[0].id, first[499].id, second[0].id, second[19].id]).toEqual([`usr_big${tag}00001`, `usr_big${tag}00500`, `usr_big${tag}00501`, `usr_big${tag}00520`]);
    expect(await membersChunkQuery(ctx, p, second.at(-1)!.id)).toEqual([]);
    // A chunk's bells: what each notification needs of its member, read for all 500 at once (an IN list of 500 bound
    // parameters failed here: D1 binds at most 100 a statement), then 500 rows in statements of 9.
    const notes = await notificationBatch(ctx, first.map((m) => m.id), { kind: "post", actorId: author.id, groupId: g, postId: p });
    expect(notes.statements.length).toBe(56);
    for (let i = 0; i < notes.statements.length; i += 50) await ctx.db.batch(notes.statements.slice(i, i + 50) as [(typeof notes.statements)[0]]);
    const rung = await env.DB.prepare("SELECT count(*) AS n, count(DISTINCT user_id) AS members, min(user_id) AS low, max(user_id) AS high FROM notifications WHERE post_id = ?").bind(p).first();
    expect(rung).toEqual({ n: 500, members: 500, low: `usr_big${tag}00001`, high: `usr_big${tag}00500` });
  });
});
