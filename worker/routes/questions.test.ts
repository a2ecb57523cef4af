import { env } from "cloudflare:test";
import { newId } from "../lib/ids";
import { describe, expect, it } from "vitest";
import { api, createMember, expectError, insertMembers, tableCounts, testContext, type TestMember } from "../test/factories";
import { sweepQuestions } from "../services/questions/escalation";

/**
 * Questions (API.md "Questions and knowledge"): asking with a deadline from the promise, first answers, votes and
 * accepting (rule tables written by hand), the list and its filters (a private group's questions never reach
 * outsiders), promises and support members, the figures of a hand-counted week, and the escalation sweep (order,
 * each step once under concurrency, quiet hours and duty).
 */

const HOUR = 3_600_000;

async function groupOf(owner: TestMember, visibility: "open" | "private" | "secret" = "open", name = "Questions group") {
  const res = await api("/api/v1/groups", { as: owner, body: { name, description: "", visibility, kind: "community" } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function add(owner: TestMember, group: string, user: TestMember, role: "member" | "animator" = "member") {
  const res = await api(`/api/v1/groups/${group}/members`, { as: owner, body: { userId: user.id, role } });
  expect(res.status, res.text).toBe(201);
}

async function ask(as: TestMember, group: string, title = "How do I export a report?", tags: string[] = ["crm"]) {
  const res = await api(`/api/v1/groups/${group}/posts`, { as, body: { kind: "question", title, body: "I cannot find the button.", tags } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function answer(as: TestMember, post: string, body = "Use the menu", parentId?: string) {
  const res = await api(`/api/v1/posts/${post}/comments`, { as, body: { body, ...(parentId && { parentId }) } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

const row = (post: string) => env.DB.prepare("SELECT * FROM questions WHERE post_id = ?").bind(post).first<any>();
const setPromise = (as: TestMember, group: string, body: unknown) => api(`/api/v1/groups/${group}/promise`, { as, method: "PUT", body });

/** A group with an owner, an animator, two members, and the owner's network admin; an outsider of the network. */
async function world(visibility: "open" | "private" = "open") {
  const owner = await createMember({ name: "Owner" });
  const animator = await createMember({ name: "Animator" });
  const asker = await createMember({ name: "Asker" });
  const peer = await createMember({ name: "Peer" });
  const outsider = await createMember({ name: "Outsider" });
  const admin = await createMember({ role: "admin", name: "Admin" });
  const guest = await createMember({ role: "guest", name: "Guest" });
  const group = await groupOf(owner, visibility);
  await add(owner, group, animator, "animator");
  await add(owner, group, asker);
  await add(owner, group, peer);
  return { owner, animator, asker, peer, outsider, admin, guest, group };
}

describe("asking", () => {
  it("needs a title, and writes nothing without one", async () => {
    const { asker, group } = await world();
    const before = await tableCounts();
    const res = await api(`/api/v1/groups/${group}/posts`, { as: asker, body: { kind: "question", body: "No title" } });
    await expectError(res, 400, "validation_failed");
    expect(res.json.error.details).toEqual([{ path: "title", message: "A question needs a title" }]);
    expect(await tableCounts()).toEqual(before);
  });

  it("takes its deadline from the group's promise, else the network's default; a group's `none` wins", async () => {
    const { owner, asker, group } = await world();
    // No promise anywhere: no deadline.
    const q0 = await ask(asker, group);
    expect(await row(q0)).toMatchObject({ deadline_at: null, nudge_at: null, answered_at: null });
    // The network's default (calendar, 2 hours).
    await env.DB.prepare("UPDATE network_settings SET default_promise = ? WHERE id = 1").bind(JSON.stringify({ mode: "calendar", hours: 2 })).run();
    try {
      const promise = await api(`/api/v1/groups/${group}/promise`, { as: asker });
      expect(promise.json).toEqual({ mode: "calendar", hours: 2, days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris", source: "network" });
      const q1 = await ask(asker, group);
      const r1 = await row(q1);
      expect(r1.deadline_at - r1.created_at).toBe(2 * HOUR);
      expect(r1.nudge_at - r1.created_at).toBe(1.5 * HOUR);
      // The group's own `none` wins over the default.
      expect((await setPromise(owner, group, { mode: "none" })).json).toMatchObject({ mode: "none", hours: null, source: "group" });
      expect(await row(await ask(asker, group))).toMatchObject({ deadline_at: null, nudge_at: null });
      // Fractional calendar hours on the group.
      expect((await setPromise(owner, group, { mode: "calendar", hours: 0.02 })).status).toBe(200);
      const r3 = await row(await ask(asker, group));
      expect([r3.deadline_at - r3.created_at, r3.nudge_at - r3.created_at]).toEqual([72_000, 54_000]);
    } finally {
      await env.DB.prepare("UPDATE network_settings SET default_promise = ? WHERE id = 1").bind('{"mode":"none"}').run();
    }
  });

  it("answers the post view of kind question, and the question's first answer is someone else's top-level comment", async () => {
    const { owner, asker, peer, animator, group } = await world();
    await setPromise(owner, group, { mode: "calendar", hours: 4 });
    const res = await api(`/api/v1/groups/${group}/posts`, { as: asker, body: { kind: "question", title: "Where is the export?", body: "Help", tags: ["CRM"] } });
    expect(res.json).toMatchObject({ kind: "question", title: "Where is the export?", tags: ["crm"] });
    const q = res.json.id as string;
    await answer(asker, q, "Adding details myself");
    expect((await row(q)).answered_at).toBeNull();
    const support = await api(`/api/v1/groups/${group}/support-members`, { as: owner, method: "PUT", body: { userIds: [animator.id] } });
    expect(support.json.items.map((m: any) => m.id)).toEqual([animator.id]);
    const first = await answer(peer, q, "The export is in the menu");
    await answer(animator, q, "Also in settings");
    expect(await row(q)).toMatchObject({ first_answer_id: first, first_answer_by_support: 0 });
    // A reply is not an answer.
    const q2 = await ask(asker, group);
    const mine = await answer(asker, q2, "More context");
    await answer(peer, q2, "A reply", mine);
    expect((await row(q2)).answered_at).toBeNull();
    const bySupport = await answer(animator, q2, "Support here");
    expect(await row(q2)).toMatchObject({ first_answer_id: bySupport, first_answer_by_support: 1 });
  });
});

describe("votes and accepting", () => {
  it("follows the vote rules, one vote each, withdrawable; answers list by votes then time", async () => {
    const { owner, asker, peer, animator, outsider, guest, group } = await world();
    const q = await ask(asker, group);
    const a1 = await answer(peer, q, "First answer");
    const a2 = await answer(animator, q, "Second answer");
    const reply = await answer(asker, q, "Thanks", a1);
    const discussion = (await api(`/api/v1/groups/${group}/posts`, { as: asker, body: { body: "Not a question" } })).json.id as string;
    const plain = await answer(peer, discussion, "A comment");
    const vote = (as: TestMember, id: string, method = "PUT") => api(`/api/v1/comments/${id}/vote`, { as, method });
    // Who may vote what (an open group: every non-guest takes part).
    const table: [string, TestMember, string, number][] = [
      ["the asker, another's answer", asker, a1, 204],
      ["a member outside the open group", outsider, a1, 204],
      ["the owner", owner, a1, 204],
      ["one's own answer", peer, a1, 403],
      ["a guest not in the group", guest, a1, 404],
      ["a reply", owner, reply, 404],
      ["a comment of a discussion", owner, plain, 404],
      ["an unknown comment", owner, "cmt_00000000000000000000000000", 404],
    ];
    for (const [name, as, id, status] of table) expect((await vote(as, id)).status, name).toBe(status);
    expect((await vote(asker, a1)).status, "again: still one vote").toBe(204);
    expect((await vote(peer, a2)).status).toBe(204);
    const list = async (as: TestMember) => (await api(`/api/v1/posts/${q}/comments?limit=10`, { as })).json.items as any[];
    let items = await list(asker);
    expect(items.map((c) => [c.id, c.answer?.votes ?? null, c.answer?.votedByMe ?? null])).toEqual([
      [a1, 3, true],
      [reply, null, null],
      [a2, 1, false],
    ]);
    expect(items[0].answer).toMatchObject({ canVote: true, accepted: false, support: false });
    expect((await list(peer))[0].answer.canVote).toBe(false);
    // All three withdraw theirs: a2 (1 vote) comes first now.
    expect((await vote(asker, a1, "DELETE")).status).toBe(204);
    expect((await vote(owner, a1, "DELETE")).status).toBe(204);
    expect((await vote(outsider, a1, "DELETE")).status).toBe(204);
    items = await list(asker);
    expect(items.map((c) => [c.id, c.answer?.votes ?? null])).toEqual([
      [a2, 1],
      [a1, 0],
      [reply, null],
    ]);
    // Pages of one follow the same order.
    const first = await api(`/api/v1/posts/${q}/comments?limit=1`, { as: asker });
    const second = await api(`/api/v1/posts/${q}/comments?limit=1&cursor=${first.json.nextCursor}`, { as: asker });
    expect([first.json.items[0].id, second.json.items[0].id]).toEqual([a2, a1]);
  });

  it("lets the asker, the group's animators and administrators accept (and change) an answer", async () => {
    const { owner, asker, peer, animator, outsider, admin, group } = await world("private");
    const q = await ask(asker, group);
    const a1 = await answer(peer, q, "One");
    const a2 = await answer(animator, q, "Two");
    const own = await answer(asker, q, "Mine");
    const accept = (as: TestMember, commentId: string) => api(`/api/v1/posts/${q}/accept`, { as, body: { commentId } });
    const table: [string, TestMember, string, number][] = [
      ["a member of the group", peer, a2, 403],
      ["an outsider of the private group", outsider, a1, 404],
      ["the asker", asker, a1, 200],
      ["an animator changes it", animator, a2, 200],
      ["the owner", owner, a1, 200],
      ["an administrator", admin, a2, 200],
      ["the asker's own comment", asker, own, 400],
      ["a comment of another post", asker, "cmt_00000000000000000000000000", 400],
    ];
    for (const [name, as, id, status] of table) expect((await accept(as, id)).status, name).toBe(status);
    const res = await accept(asker, a1);
    expect(res.json).toMatchObject({ id: q, acceptedCommentId: a1, state: "answered", canAccept: true });
    const audit = await env.DB.prepare("SELECT actor_id, action FROM audit_log WHERE target_id = ? ORDER BY created_at, id").bind(q).all<any>();
    expect(audit.results.map((r) => [r.actor_id, r.action])).toEqual([
      [animator.id, "question.accept"],
      [owner.id, "question.accept"],
      [admin.id, "question.accept"],
    ]);
    const comments = (await api(`/api/v1/posts/${q}/comments`, { as: peer })).json.items as any[];
    expect(comments.find((c) => c.id === a1).answer.accepted).toBe(true);
    expect(comments.find((c) => c.id === a2).answer.accepted).toBe(false);
  });
});

describe("GET /questions", () => {
  it("filters by state, group, tag and mine, and never shows a private group's questions to outsiders", async () => {
    const { owner, asker, peer, outsider, guest, admin, group } = await world("private");
    const open = await groupOf(owner, "open", "Open questions");
    await add(owner, open, asker);
    await setPromise(owner, group, { mode: "calendar", hours: 4 });
    const unanswered = await ask(asker, group, "Unanswered one", ["billing"]);
    const answered = await ask(asker, group, "Answered one", ["crm"]);
    await answer(peer, answered);
    const overdue = await ask(peer, group, "Overdue one", ["crm"]);
    await env.DB.prepare("UPDATE questions SET deadline_at = ?, nudge_at = ? WHERE post_id = ?").bind(Date.now() - HOUR, Date.now() - 2 * HOUR, overdue).run();
    const openQuestion = await ask(asker, open, "In the open group", ["crm"]);
    const ids = async (as: TestMember, query: string) => {
      const res = await api(`/api/v1/questions?${query}&limit=100`, { as });
      expect(res.status, res.text).toBe(200);
      return (res.json.items as any[]).map((q) => q.id).filter((id) => [unanswered, answered, overdue, openQuestion].includes(id));
    };
    expect(await ids(peer, `groupId=${group}`)).toEqual([overdue, answered, unanswered]);
    expect(await ids(peer, `groupId=${group}&state=unanswered`)).toEqual([unanswered]);
    expect(await ids(peer, `groupId=${group}&state=overdue`)).toEqual([overdue]);
    expect(await ids(peer, `groupId=${group}&state=answered`)).toEqual([answered]);
    expect(await ids(peer, `groupId=${group}&tag=CRM`)).toEqual([overdue, answered]);
    expect(await ids(asker, "mine=1")).toEqual([openQuestion, answered, unanswered]);
    // Outsiders of the private group: its questions never, the open group's yes (not guests).
    expect(await ids(outsider, "state=all")).toEqual([openQuestion]);
    expect(await ids(outsider, `groupId=${group}`)).toEqual([]);
    expect(await ids(outsider, "state=unanswered")).toEqual([openQuestion]);
    expect(await ids(outsider, "state=overdue")).toEqual([]);
    expect(await ids(guest, "state=all")).toEqual([]);
    expect(await ids(admin, `groupId=${group}`)).toEqual([overdue, answered, unanswered]);
    const one = (await api(`/api/v1/questions?groupId=${group}&state=overdue`, { as: peer })).json.items[0];
    expect(one).toMatchObject({ id: overdue, state: "overdue", answeredAt: null, acceptedCommentId: null, officeHourId: null, canAccept: true, kind: "question" });
  });

  it("pages the unanswered queue by deadline, questions without a promise last", async () => {
    const { owner, asker, group } = await world();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await ask(asker, group, `Queue ${i}`));
    const now = Date.now();
    // Deadlines: q3 soonest, then q1, q4; q0 and q2 without a promise (oldest first).
    const deadlines = [null, now + 3 * HOUR, null, now + HOUR, now + 5 * HOUR];
    for (let i = 0; i < 5; i++) await env.DB.prepare("UPDATE questions SET deadline_at = ? WHERE post_id = ?").bind(deadlines[i], made[i]).run();
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 5; i++) {
      const res = await api(`/api/v1/questions?groupId=${group}&state=unanswered&limit=2${cursor}`, { as: owner });
      seen.push(...res.json.items.map((q: any) => q.id));
      if (!res.json.nextCursor) break;
      cursor = `&cursor=${res.json.nextCursor}`;
    }
    expect(seen).toEqual([made[3], made[1], made[4], made[0], made[2]]);
  });
});

describe("promise and support members", () => {
  it("shows the promise to whoever sees the group, lets its animators set it (audited), and refuses non-members as support", async () => {
    const { owner, animator, asker, outsider, group } = await world("private");
    const body = { mode: "business", hours: 4, days: [1, 2, 3, 4, 5], opens: "08:30", closes: "17:30", timezone: "America/New_York" };
    expect((await setPromise(asker, group, body)).status).toBe(403);
    const res = await setPromise(animator, group, body);
    expect(res.json).toEqual({ ...body, source: "group" });
    expect((await api(`/api/v1/groups/${group}/promise`, { as: outsider })).json).toEqual({ ...body, source: "group" });
    await expectError(await setPromise(owner, group, { mode: "business", hours: 4 }), 400, "validation_failed");
    await expectError(await setPromise(owner, group, { mode: "calendar", hours: 0 }), 400, "validation_failed");
    const bad = await api(`/api/v1/groups/${group}/support-members`, { as: owner, method: "PUT", body: { userIds: [outsider.id] } });
    await expectError(bad, 400, "validation_failed");
    expect(bad.json.error.details).toEqual([{ path: "userIds", message: `${outsider.id} is not a member of the group` }]);
    expect((await api(`/api/v1/groups/${group}/support-members`, { as: owner, method: "PUT", body: { userIds: [asker.id] } })).status).toBe(200);
    expect((await api(`/api/v1/groups/${group}/support-members`, { as: outsider })).json.items.map((m: any) => m.id)).toEqual([asker.id]);
    const audit = await env.DB.prepare("SELECT action, after FROM audit_log WHERE group_id = ? AND action IN ('group.promise', 'group.support_members') ORDER BY created_at, id").bind(group).all<any>();
    expect(audit.results.map((r) => r.action)).toEqual(["group.promise", "group.support_members"]);
    expect(JSON.parse(audit.results[1].after)).toEqual({ userIds: [asker.id] });
  });

  it("takes the most support members a group may name (100) in one change", async () => {
    const { owner, group } = await world("open");
    const userIds = Array.from({ length: 100 }, () => newId("usr"));
    await insertMembers(userIds, group);
    const res = await api(`/api/v1/groups/${group}/support-members`, { as: owner, method: "PUT", body: { userIds } });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.json.items.map((m: { id: string }) => m.id).sort()).toEqual([...userIds].sort());
  });
});

describe("figures", () => {
  it("counts a hand-made week", async () => {
    const { owner, animator, asker, peer, group } = await world();
    const from = Date.parse("2026-03-02T00:00:00Z");
    const to = Date.parse("2026-03-09T00:00:00Z");
    // Seven questions, their times set by hand (asked, deadline, first answer, by support):
    //  A in time by a peer after 1 h; B in time by support after 3 h; C late by a peer after 6 h; D without a promise,
    //  answered by support after 2 h; E overdue unanswered; F unanswered within its promise (deadline in the future);
    //  G asked before the week (left out of the week's figures, but overdue now).
    const specs: [string, number, number | null, number | null, number | null][] = [
      ["A", Date.parse("2026-03-02T09:00:00Z"), 4, 1, 0],
      ["B", Date.parse("2026-03-03T09:00:00Z"), 4, 3, 1],
      ["C", Date.parse("2026-03-04T09:00:00Z"), 4, 6, 0],
      ["D", Date.parse("2026-03-05T09:00:00Z"), null, 2, 1],
      ["E", Date.parse("2026-03-06T09:00:00Z"), 4, null, null],
      ["F", Date.parse("2026-03-08T23:00:00Z"), 24 * 365, null, null],
      ["G", Date.parse("2026-02-20T09:00:00Z"), 4, null, null],
    ];
    for (const [name, asked, promiseHours, answerAfter, bySupport] of specs) {
      const id = await ask(asker, group, `Question ${name}`);
      await env.DB.prepare("UPDATE questions SET created_at = ?, deadline_at = ?, answered_at = ?, first_answer_by_support = ? WHERE post_id = ?")
        .bind(asked, promiseHours === null ? null : asked + promiseHours * HOUR, answerAfter === null ? null : asked + answerAfter * HOUR, bySupport, id)
        .run();
    }
    const stats = await api(`/api/v1/groups/${group}/question-stats?from=${from}&to=${to}`, { as: animator });
    expect(stats.json).toEqual({
      from,
      to,
      asked: 6,
      answered: 4,
      answeredInTime: 2,
      // Asked with a promise: A, B, C, E, F; in time: A, B.
      inTimeShare: 0.4,
      // 1 h, 2 h, 3 h, 6 h: the median is 2.5 h.
      medianFirstAnswerMs: 2.5 * HOUR,
      peerShare: 0.5,
      supportShare: 0.5,
      // E and G are past their deadline unanswered now.
      overdueNow: 2,
    });
    expect((await api(`/api/v1/groups/${group}/question-stats`, { as: peer })).status).toBe(403);
    expect((await api(`/api/v1/groups/${group}/question-stats`, { as: owner })).json).toMatchObject({ asked: 0, overdueNow: 2 });
    await expectError(await api(`/api/v1/groups/${group}/question-stats?from=${to}&to=${from}`, { as: owner }), 400, "validation_failed");
  });
});

describe("escalation", () => {
  // Tuesday 24 March 2026, 10:00 in Paris (09:00 UTC): the group is open (business hours 09:00–18:00).
  const TUESDAY_10 = Date.parse("2026-03-24T09:00:00Z");

  async function escalationWorld() {
    const w = await world();
    const expert = await createMember({ name: "Expert", profile: { skills: JSON.stringify(["Comptabilité", "crm"]), timezone: "Europe/Paris" } });
    const offline = await createMember({ name: "Offline expert", profile: { skills: JSON.stringify(["crm"]) } });
    const unskilled = await createMember({ name: "Unskilled", profile: { skills: JSON.stringify(["design"]) } });
    const support = await createMember({ name: "Support", profile: { timezone: "Europe/Paris" } });
    for (const m of [expert, offline, unskilled, support]) await add(w.owner, w.group, m);
    await setPromise(w.owner, w.group, { mode: "business", hours: 4, days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" });
    await api(`/api/v1/groups/${w.group}/support-members`, { as: w.owner, method: "PUT", body: { userIds: [support.id] } });
    for (const m of [expert, unskilled, support, w.animator]) {
      await env.DB.prepare("INSERT INTO presence (user_id, since, seen_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at").bind(m.id, TUESDAY_10, TUESDAY_10).run();
    }
    return { ...w, expert, offline, unskilled, support };
  }

  const notes = (post: string) =>
    env.DB.prepare("SELECT user_id, kind, deliver_at, created_at FROM notifications WHERE post_id = ? AND kind LIKE 'question_%' ORDER BY kind, user_id").bind(post).all<any>().then((r) => r.results);

  it("nudges online members with a matching skill at 75%, then support and animators past the deadline; each step once, even with two sweeps at once", async () => {
    const w = await escalationWorld();
    const q = await ask(w.asker, w.group, "Ventilation comptable ?", ["comptabilite"]);
    await env.DB.prepare("UPDATE questions SET created_at = ?, nudge_at = ?, deadline_at = ? WHERE post_id = ?").bind(TUESDAY_10 - 3 * HOUR, TUESDAY_10 - 60_000, TUESDAY_10 + HOUR, q).run();
    const ctx = testContext();
    await Promise.all([sweepQuestions(ctx, TUESDAY_10), sweepQuestions(ctx, TUESDAY_10)]);
    expect((await notes(q)).map((n) => [n.user_id, n.kind])).toEqual([[w.expert.id, "question_nudge"]]);
    expect(await row(q)).toMatchObject({ nudged_at: TUESDAY_10, overdue_sent_at: null });
    // Past the deadline: support members and animators (and the owner), each once.
    const later = TUESDAY_10 + HOUR + 60_000;
    await Promise.all([sweepQuestions(ctx, later), sweepQuestions(ctx, later), sweepQuestions(ctx, later)]);
    const expected = [
      [w.expert.id, "question_nudge"],
      ...[w.animator.id, w.owner.id, w.support.id].sort().map((id) => [id, "question_overdue"]),
    ];
    expect((await notes(q)).map((n) => [n.user_id, n.kind])).toEqual(expected);
    expect(await row(q)).toMatchObject({ nudged_at: TUESDAY_10, overdue_sent_at: later });
    await sweepQuestions(ctx, later + HOUR);
    expect(await notes(q)).toHaveLength(4);
  });

  it("a question past both marks at one sweep gets both steps; an answered or deleted one neither", async () => {
    const w = await escalationWorld();
    const late = await ask(w.asker, w.group, "Both at once", ["CRM"]);
    const done = await ask(w.asker, w.group, "Answered in time", ["crm"]);
    await answer(w.peer, done);
    const deleted = await ask(w.asker, w.group, "Deleted before it was due", ["crm"]);
    expect((await api(`/api/v1/posts/${deleted}`, { as: w.asker, method: "DELETE" })).status).toBe(204);
    for (const id of [late, done, deleted]) await env.DB.prepare("UPDATE questions SET nudge_at = ?, deadline_at = ? WHERE post_id = ?").bind(TUESDAY_10 - 2 * HOUR, TUESDAY_10 - HOUR, id).run();
    await sweepQuestions(testContext(), TUESDAY_10);
    expect((await notes(late)).map((n) => n.kind)).toEqual(["question_nudge", "question_overdue", "question_overdue", "question_overdue"]);
    expect(await notes(done)).toEqual([]);
    expect(await notes(deleted)).toEqual([]);
    expect(await row(deleted)).toMatchObject({ nudged_at: TUESDAY_10, overdue_sent_at: TUESDAY_10 });
  });

  it("holds notifications for quiet hours, except a support member's on duty", async () => {
    const w = await escalationWorld();
    for (const m of [w.expert, w.support, w.animator]) {
      await env.DB.prepare("INSERT INTO quiet_hours (user_id, \"from\", \"to\") VALUES (?, '08:00', '12:00') ON CONFLICT (user_id) DO UPDATE SET \"from\" = excluded.\"from\"").bind(m.id).run();
      await env.DB.prepare("UPDATE users SET timezone = 'Europe/Paris' WHERE id = ?").bind(m.id).run();
    }
    const q = await ask(w.asker, w.group, "Quiet please", ["crm"]);
    await env.DB.prepare("UPDATE questions SET nudge_at = ?, deadline_at = ? WHERE post_id = ?").bind(TUESDAY_10 - 2 * HOUR, TUESDAY_10 - HOUR, q).run();
    await sweepQuestions(testContext(), TUESDAY_10);
    const noon = Date.parse("2026-03-24T11:00:00Z"); // 12:00 in Paris, the end of their quiet hours
    const byUser = Object.fromEntries((await notes(q)).map((n) => [`${n.kind} ${n.user_id}`, n.deliver_at]));
    expect(byUser).toEqual({
      [`question_nudge ${w.expert.id}`]: noon,
      [`question_overdue ${w.animator.id}`]: noon,
      [`question_overdue ${w.owner.id}`]: TUESDAY_10,
      [`question_overdue ${w.support.id}`]: TUESDAY_10,
    });
    // Off duty (a Saturday), the support member's quiet hours hold too.
    const saturday = Date.parse("2026-03-28T09:00:00Z");
    const q2 = await ask(w.asker, w.group, "On a Saturday", ["design"]);
    await env.DB.prepare("UPDATE questions SET nudge_at = ?, deadline_at = ? WHERE post_id = ?").bind(saturday - 2 * HOUR, saturday - HOUR, q2).run();
    await sweepQuestions(testContext(), saturday);
    const sat = Object.fromEntries((await notes(q2)).map((n) => [`${n.kind} ${n.user_id}`, n.deliver_at]));
    expect(sat[`question_overdue ${w.support.id}`]).toBe(Date.parse("2026-03-28T11:00:00Z"));
    // The unskilled member is online and has the skill "design", but the presence row is stale and no room is connected.
    expect(sat[`question_nudge ${w.unskilled.id}`]).toBeUndefined();
  });
});
