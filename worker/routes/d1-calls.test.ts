import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ACTOR_HINT_COOKIE } from "../middleware/auth";
import { answerOf, api, createMember, ORIGIN, workerFetch, type TestMember } from "../test/factories";

/**
 * The D1 calls of the request path's hot routes (issue 13, part 6; bench/README.md "The request path"): each statement
 * run alone and each batch is one call to the D1 object, whatever travels in parallel (round-trips.test.ts counts the
 * sequential ones). The calls are counted by a binding that hands every call on to the real D1 and counts it; the
 * counts are written by hand, one line each, for a member who carries the cookies a browser holds (the session's hint).
 */
type Counter = { calls: number };

/** A statement that counts its executions on `counter` and hands them on. */
function countedStatement(real: D1PreparedStatement, counter: Counter): D1PreparedStatement {
  const wrapped = {
    real,
    bind: (...values: unknown[]) => countedStatement(real.bind(...values), counter),
    first: (column?: string) => (counter.calls++, column === undefined ? real.first() : real.first(column)),
    all: () => (counter.calls++, real.all()),
    run: () => (counter.calls++, real.run()),
    raw: (options?: { columnNames?: boolean }) => (counter.calls++, real.raw(options as { columnNames: true })),
  };
  return wrapped as unknown as D1PreparedStatement;
}

const realOf = (s: D1PreparedStatement) => ((s as unknown as { real?: D1PreparedStatement }).real ?? s);

/** The real binding (or one of its sessions), every call counted on `counter`. */
function countedBinding(real: D1Database | D1DatabaseSession, counter: Counter): D1Database {
  return {
    prepare: (sql: string) => countedStatement(real.prepare(sql), counter),
    batch: (statements: D1PreparedStatement[]) => (counter.calls++, real.batch(statements.map(realOf))),
    exec: (sql: string) => (counter.calls++, (real as D1Database).exec(sql)),
    dump: () => (real as D1Database).dump(),
    withSession: (constraintOrBookmark?: string) => countedBinding((real as D1Database).withSession(constraintOrBookmark), counter),
    getBookmark: () => (real as D1DatabaseSession).getBookmark(),
  } as unknown as D1Database;
}

/** The D1 calls a request makes (its work after the answer included), and its answer. */
async function callsOf(path: string, as: TestMember, body?: unknown) {
  const counter: Counter = { calls: 0 };
  const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers: { Origin: ORIGIN, Cookie: as.cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await answerOf(await workerFetch(`${ORIGIN}${path}`, init, { ...env, DB: countedBinding(env.DB, counter) }));
  return { calls: counter.calls, res };
}

/** A member as a browser holds them after a first answer: the session and its hint. */
async function withHint(member: TestMember): Promise<TestMember> {
  const hint = (await api("/api/v1/me", { as: member })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];
  return { ...member, cookie: `${member.cookie}; ${hint}` };
}

describe("the D1 calls of the request path", () => {
  it("GET /me, a feed page and a comment (plain, a reply, naming a member) make the calls written here", async () => {
    const owner = await createMember();
    const group = await api("/api/v1/groups", { as: owner, body: { name: `Calls ${crypto.randomUUID().slice(0, 8)}`, description: "Counting", visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: owner, body: { body: "Counted" } });
    expect(post.status, post.text).toBe(201);
    const writer = await withHint(await createMember());
    expect((await api(`/api/v1/groups/${group.json.id}/join`, { as: writer, method: "POST" })).status).toBe(200);

    const me = await callsOf("/api/v1/me", writer);
    expect(me.res.status, me.res.text).toBe(200);
    const feed = await callsOf("/api/v1/feed?limit=20", writer);
    expect(feed.res.status, feed.res.text).toBe(200);
    expect(feed.res.json.items.map((p: { id: string }) => p.id)).toContain(post.json.id);
    const plain = await callsOf(`/api/v1/posts/${post.json.id}/comments`, writer, { body: "A plain comment" });
    expect(plain.res.status, plain.res.text).toBe(201);
    const reply = await callsOf(`/api/v1/posts/${post.json.id}/comments`, writer, { body: `Answering @${owner.handle}`, parentId: plain.res.json.id });
    expect(reply.res.status, reply.res.text).toBe(201);
    expect(reply.res.json.parentId).toBe(plain.res.json.id);
    const naming = await callsOf(`/api/v1/posts/${post.json.id}/comments`, writer, { body: `Over to you @${owner.handle}` });
    expect(naming.res.status, naming.res.text).toBe(201);

    expect({ me: me.calls, feed: feed.calls, comment: plain.calls, commentNaming: naming.calls, replyNaming: reply.calls }).toEqual({
      me: 2, // the session check, the member's row (one round trip)
      feed: 2, // the session check, the page's statement (one round trip)
      comment: 3, // the session check; the post's access with its thread's recipients (one batch); the write batch
      commentNaming: 4, // and, when the text names someone, one batch: who of them hears of it, their ids for its rendering
      replyNaming: 4, // a reply's parent in that same batch
    });
    // The one named heard of each comment once, as the post's author (a reply).
    const bell = await api("/api/v1/notifications?limit=10", { as: owner });
    expect(bell.json.items.map((n: { kind: string }) => n.kind)).toEqual(["reply", "reply", "reply"]);
  });

  it("a reply names a comment of its post that is not deleted (else 400, nothing written); a reply to a reply attaches to its top-level comment", async () => {
    const owner = await createMember();
    const group = await api("/api/v1/groups", { as: owner, body: { name: `Replies ${crypto.randomUUID().slice(0, 8)}`, description: "Replies", visibility: "open", kind: "community" } });
    const [first, second] = await Promise.all(["One", "Two"].map((body) => api(`/api/v1/groups/${group.json.id}/posts`, { as: owner, body: { body } })));
    const top = await api(`/api/v1/posts/${first.json.id}/comments`, { as: owner, body: { body: "Top" } });
    const child = await api(`/api/v1/posts/${first.json.id}/comments`, { as: owner, body: { body: "Child", parentId: top.json.id } });
    expect(child.json.parentId).toBe(top.json.id);
    const grandchild = await api(`/api/v1/posts/${first.json.id}/comments`, { as: owner, body: { body: "Grandchild", parentId: child.json.id } });
    expect(grandchild.status, grandchild.text).toBe(201);
    expect(grandchild.json.parentId).toBe(top.json.id);
    expect((await api(`/api/v1/comments/${child.json.id}`, { as: owner, method: "DELETE" })).status).toBe(204);
    for (const [postId, parentId] of [[second.json.id, top.json.id], [first.json.id, child.json.id], [first.json.id, "cmt_00000000000000000000000000"]]) {
      const refused = await api(`/api/v1/posts/${postId}/comments`, { as: owner, body: { body: "Nowhere", parentId } });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "validation_failed", details: [{ path: "parentId", message: "No such comment on this post" }] });
    }
    const comments = await api(`/api/v1/posts/${first.json.id}/comments`, { as: owner });
    expect(comments.json.items.map((c: { body: string }) => c.body)).toEqual(["Top", "Grandchild"]);
    expect((await api(`/api/v1/posts/${second.json.id}/comments`, { as: owner })).json.items).toEqual([]);
  });

  it("answers a new comment's view as a later read of it does: a plain one, a question's answer by a support member, a reply", async () => {
    const owner = await createMember();
    const member = await createMember();
    const group = await api("/api/v1/groups", { as: owner, body: { name: `Views ${crypto.randomUUID().slice(0, 8)}`, description: "Views", visibility: "open", kind: "community" } });
    expect((await api(`/api/v1/groups/${group.json.id}/join`, { as: member, method: "POST" })).status).toBe(200);
    expect((await api(`/api/v1/groups/${group.json.id}/support-members`, { as: owner, method: "PUT", body: { userIds: [member.id] } })).status).toBe(200);
    const question = await api(`/api/v1/groups/${group.json.id}/posts`, { as: owner, body: { kind: "question", title: "Where?", body: "Where is it?" } });
    const discussion = await api(`/api/v1/groups/${group.json.id}/posts`, { as: owner, body: { body: "Talk" } });
    const answer = await api(`/api/v1/posts/${question.json.id}/comments`, { as: member, body: { body: "Here" } });
    const reply = await api(`/api/v1/posts/${question.json.id}/comments`, { as: owner, body: { body: "Thanks", parentId: answer.json.id } });
    const plain = await api(`/api/v1/posts/${discussion.json.id}/comments`, { as: member, body: { body: "**Hello**" } });
    for (const made of [answer, reply, plain]) expect(made.status, made.text).toBe(201);
    expect(answer.json).toMatchObject({
      parentId: null,
      author: { id: member.id, handle: member.handle },
      html: "<p>Here</p>\n",
      editedAt: null,
      hidden: false,
      reactions: {},
      myReactions: [],
      answer: { votes: 0, votedByMe: false, support: true, accepted: false, canVote: false },
    });
    expect(reply.json).toMatchObject({ parentId: answer.json.id, answer: null, reactions: {}, myReactions: [] });
    expect(plain.json).toMatchObject({ html: "<p><strong>Hello</strong></p>\n", answer: null, hidden: false });
    for (const [made, as] of [[answer, member], [reply, owner], [plain, member]] as const) {
      expect((await api(`/api/v1/comments/${made.json.id}`, { as })).json).toEqual(made.json);
    }
  });
});
