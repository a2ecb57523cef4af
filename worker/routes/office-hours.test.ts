import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { DurableObject as RoomObject } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openSocket } from "../../party/test-socket";
import { api, createGroup, createMember, expectError, tableCounts, type TestMember } from "../test/factories";

/**
 * Expert office hours (API.md "Questions: expert office hours"): who schedules, the views and lists and who sees them,
 * who cancels, and the live room driven with real WebSockets — an `ask` becomes a question post of the group by the
 * asker, the expert's `reply` its accepted answer, nobody else replies, and the room closes at the end. Every
 * expectation is written out by hand.
 */

const MIN = 60_000;
const RUN = crypto.randomUUID().slice(0, 8);

async function setRole(groupId: string, user: TestMember, role: "animator" | "owner" | "member") {
  await env.DB.prepare("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?").bind(role, groupId, user.id).run();
}
async function setVisibility(groupId: string, visibility: "open" | "private" | "secret") {
  await env.DB.prepare("UPDATE groups SET visibility = ? WHERE id = ?").bind(visibility, groupId).run();
}
async function schedule(as: TestMember, groupId: string, startsIn = 0, durationMinutes = 60, topic = "CRM export questions") {
  const res = await api("/api/v1/office-hours", { as, body: { groupId, topic, startsAt: Date.now() + startsIn, durationMinutes } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}
/** Moves a session in time (D1 only: the room keeps what the Worker handed it). */
async function shift(id: string, startsAt: number, endsAt: number) {
  await env.DB.prepare("UPDATE office_hours SET starts_at = ?, ends_at = ? WHERE id = ?").bind(startsAt, endsAt, id).run();
}
const officeHourCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM office_hours").first<{ n: number }>())!.n;

let admin: TestMember;
let expert: TestMember;
let animator: TestMember;
let asker: TestMember;
let other: TestMember;
let outsider: TestMember;
let guest: TestMember;
/** Private (createGroup's default), with the expert, the animator, the asker and the other member. */
let group: string;
let openGroup: string;
let secretGroup: string;

beforeAll(async () => {
  admin = await createMember({ role: "admin", name: "Ada Admin" });
  expert = await createMember({ name: "Eve Expert" });
  animator = await createMember({ name: "Ana Animator" });
  asker = await createMember({ name: "Ali Asker" });
  other = await createMember({ name: "Olga Other" });
  outsider = await createMember({ name: "Otto Outsider" });
  guest = await createMember({ role: "guest", name: "Gus Guest" });
  group = await createGroup([{ user: expert }, { user: animator }, { user: asker }, { user: other }], `CRM onboarding ${RUN}`);
  await setRole(group, animator, "animator");
  openGroup = await createGroup([{ user: expert }, { user: asker }], `Open office ${RUN}`);
  await setVisibility(openGroup, "open");
  secretGroup = await createGroup([{ user: expert }], `Secret office ${RUN}`);
  await setVisibility(secretGroup, "secret");
});

describe("scheduling an office hour", () => {
  it("is for the group's members, from five minutes ago to a year ahead; every refusal writes nothing", async () => {
    type Row = [who: string, as: () => TestMember, group: () => string, startsIn: number, minutes: number, status: number, code?: string, field?: string];
    const rows: Row[] = [
      ["a member, in an hour", () => expert, () => group, 60 * MIN, 60, 201],
      ["a member, starting now", () => asker, () => group, 0, 15, 201],
      ["a member, four minutes ago (a clock behind)", () => expert, () => group, -4 * MIN, 30, 201],
      ["an animator, in a week", () => animator, () => group, 7 * 24 * 60 * MIN, 240, 201],
      ["a member, ten minutes ago", () => expert, () => group, -10 * MIN, 60, 400, "validation_failed", "startsAt"],
      ["a member, in 400 days", () => expert, () => group, 400 * 24 * 60 * MIN, 60, 400, "validation_failed", "startsAt"],
      ["a member, 10 minutes long", () => expert, () => group, 60 * MIN, 10, 400, "validation_failed", "durationMinutes"],
      ["a member, 5 hours long", () => expert, () => group, 60 * MIN, 300, 400, "validation_failed", "durationMinutes"],
      ["an outsider of the private group", () => outsider, () => group, 60 * MIN, 60, 403, "forbidden"],
      ["an administrator outside the group", () => admin, () => group, 60 * MIN, 60, 403, "forbidden"],
      ["a guest outside the group", () => guest, () => group, 60 * MIN, 60, 404, "not_found"],
      ["an outsider of the secret group", () => outsider, () => secretGroup, 60 * MIN, 60, 404, "not_found"],
      ["a reader of the open group who has not joined", () => outsider, () => openGroup, 60 * MIN, 60, 403, "forbidden"],
    ];
    for (const [who, as, g, startsIn, minutes, status, code, field] of rows) {
      const before = await tableCounts({ files: false });
      const res = await api("/api/v1/office-hours", { as: as(), body: { groupId: g(), topic: `Topic for ${who}`, startsAt: Date.now() + startsIn, durationMinutes: minutes } });
      if (status === 201) {
        expect(res.status, `${who}: ${res.text}`).toBe(201);
        expect(res.json).toMatchObject({ groupId: g(), topic: `Topic for ${who}`, expert: { id: as().id }, questionCount: 0, canCancel: true });
        expect(res.json.endsAt - res.json.startsAt, who).toBe(minutes * MIN);
        expect(res.json.state, who).toBe(startsIn > 0 ? "scheduled" : "live");
      } else {
        const error = await expectError(res, status, code!);
        if (field) expect(error.details.map((d: any) => d.path), who).toContain(field);
        expect(await tableCounts({ files: false }), `${who}: nothing written`).toEqual(before);
      }
    }
  });
});

describe("reading office hours", () => {
  it("shows a private group's sessions to its members and administrators only, with what each may do", async () => {
    const id = await schedule(expert, group, 2 * 60 * MIN);
    const cells: [string, TestMember, number, boolean | null, boolean][] = [
      // who, status of GET /:id, canCancel, listed in GET /office-hours
      ["the expert", expert, 200, true, true],
      ["the group's animator", animator, 200, true, true],
      ["another member", other, 200, false, true],
      ["an administrator outside the group", admin, 200, true, true],
      ["an outsider", outsider, 404, null, false],
      ["a guest", guest, 404, null, false],
    ];
    for (const [who, as, status, canCancel, listed] of cells) {
      const one = await api(`/api/v1/office-hours/${id}`, { as });
      expect(one.status, who).toBe(status);
      if (status === 200) expect(one.json.canCancel, who).toBe(canCancel);
      else await expectError(one, 404, "not_found");
      const list = await api("/api/v1/office-hours?state=scheduled&limit=100", { as });
      expect(list.status, who).toBe(200);
      expect(list.json.items.some((o: any) => o.id === id), `${who} lists it`).toBe(listed);
      const byGroup = await api(`/api/v1/office-hours?groupId=${group}&limit=100`, { as });
      expect(byGroup.json.items.some((o: any) => o.id === id), `${who} lists it by group`).toBe(listed);
    }
    const view = (await api(`/api/v1/office-hours/${id}`, { as: other })).json;
    expect(view).toMatchObject({ groupId: group, groupName: `CRM onboarding ${RUN}`, groupVisibility: "private", topic: "CRM export questions", state: "scheduled", expert: { id: expert.id, name: "Eve Expert" } });
  });

  it("orders coming and live sessions soonest first, ended ones latest first, in keyset pages", async () => {
    const g = await createGroup([{ user: expert }, { user: other }], `Ordering ${RUN}`);
    const now = Date.now();
    await schedule(expert, g, 3 * 60 * MIN, 60, "later");
    await schedule(expert, g, 60 * MIN, 60, "soon");
    await schedule(expert, g, 0, 60, "live");
    const endedOld = await schedule(expert, g, 0, 60, "ended two days ago");
    await shift(endedOld, now - 2 * 24 * 60 * MIN, now - 2 * 24 * 60 * MIN + 60 * MIN);
    const endedRecent = await schedule(expert, g, 0, 60, "ended yesterday");
    await shift(endedRecent, now - 24 * 60 * MIN, now - 24 * 60 * MIN + 60 * MIN);
    const cancelled = await schedule(expert, g, 2 * 60 * MIN, 60, "cancelled");
    expect((await api(`/api/v1/office-hours/${cancelled}`, { as: expert, method: "DELETE" })).status).toBe(204);

    const topics = async (query: string) => (await api(`/api/v1/office-hours?groupId=${g}${query}`, { as: other })).json.items.map((o: any) => `${o.topic}: ${o.state}`);
    expect(await topics("&state=scheduled")).toEqual(["soon: scheduled", "later: scheduled"]);
    expect(await topics("&state=live")).toEqual(["live: live"]);
    expect(await topics("&state=ended")).toEqual(["cancelled: ended", "ended yesterday: ended", "ended two days ago: ended"]);
    const all = ["live: live", "soon: scheduled", "later: scheduled", "cancelled: ended", "ended yesterday: ended", "ended two days ago: ended"];
    expect(await topics("")).toEqual(all);

    // Pages of two walk the same order, across the turn from coming to ended.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api(`/api/v1/office-hours?groupId=${g}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { as: other });
      expect(page.status).toBe(200);
      walked.push(...page.json.items.map((o: any) => `${o.topic}: ${o.state}`));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });
});

describe("cancelling an office hour", () => {
  it("is for its expert, the group's animators and administrators; another's is audited; an ended one is 409", async () => {
    const audits = async (id: string) => (await env.DB.prepare("SELECT action, actor_id, group_id FROM audit_log WHERE target_id = ?").bind(id).all()).results;

    const mine = await schedule(expert, group, 60 * MIN);
    await expectError(await api(`/api/v1/office-hours/${mine}`, { as: other, method: "DELETE" }), 403, "forbidden");
    await expectError(await api(`/api/v1/office-hours/${mine}`, { as: outsider, method: "DELETE" }), 404, "not_found");
    await expectError(await api(`/api/v1/office-hours/${mine}`, { as: guest, method: "DELETE" }), 404, "not_found");
    expect((await api(`/api/v1/office-hours/${mine}`, { as: expert, method: "DELETE" })).status).toBe(204);
    expect(await audits(mine), "the expert's own cancel is not audited").toEqual([]);
    expect((await api(`/api/v1/office-hours/${mine}`, { as: expert })).json).toMatchObject({ state: "ended", canCancel: false });
    await expectError(await api(`/api/v1/office-hours/${mine}`, { as: expert, method: "DELETE" }), 409, "conflict");

    const byAnimator = await schedule(expert, group, 60 * MIN);
    expect((await api(`/api/v1/office-hours/${byAnimator}`, { as: animator, method: "DELETE" })).status).toBe(204);
    expect(await audits(byAnimator)).toEqual([{ action: "office_hour.cancel", actor_id: animator.id, group_id: group }]);

    const byAdmin = await schedule(expert, group, 0);
    expect((await api(`/api/v1/office-hours/${byAdmin}`, { as: admin, method: "DELETE" })).status).toBe(204);
    expect(await audits(byAdmin)).toEqual([{ action: "office_hour.cancel", actor_id: admin.id, group_id: group }]);

    const ended = await schedule(expert, group, 0);
    await shift(ended, Date.now() - 120 * MIN, Date.now() - 60 * MIN);
    const before = await officeHourCount();
    await expectError(await api(`/api/v1/office-hours/${ended}`, { as: animator, method: "DELETE" }), 409, "conflict");
    expect(await audits(ended)).toEqual([]);
    expect(await officeHourCount()).toBe(before);
  });
});

describe("cancelling at the same time", () => {
  it("two cancels at once: one is done (and audited once), the other is 409", async () => {
    const id = await schedule(expert, group, 60 * MIN);
    const answers = await Promise.all([animator, admin].map((as) => api(`/api/v1/office-hours/${id}`, { as, method: "DELETE" })));
    expect(answers.map((r) => r.status).sort()).toEqual([204, 409]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE target_id = ? AND action = 'office_hour.cancel'").bind(id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });
});

describe("the live room", () => {
  it("office-hour replies become accepted answers: an ask is a question post by the asker, the expert's reply its accepted answer", async () => {
    await api(`/api/v1/groups/${group}/promise`, { as: animator, method: "PUT", body: { mode: "calendar", hours: 4 } });
    const id = await schedule(expert, group, 0, 60, "Pipelines and exports");

    const e = await openSocket(`/parties/office-hours/${id}`, expert.cookie);
    expect(e.status).toBe(101);
    const welcome = await e.next("welcome");
    expect(welcome).toMatchObject({ you: { id: expert.id }, expertId: expert.id, topic: "Pipelines and exports", backlog: [], cursor: 0 });
    const a = await openSocket(`/parties/office-hours/${id}`, asker.cookie);
    expect((await a.next("welcome")).presence.map((m: any) => m.id).sort()).toEqual([expert.id, asker.id].sort());
    expect(await e.next("join")).toMatchObject({ member: { id: asker.id } });
    const o = await openSocket(`/parties/office-hours/${id}`, other.cookie);
    await o.next("welcome");

    const asked = Date.now();
    a.ws!.send(JSON.stringify({ type: "ask", text: "How do I export my pipeline?\nThe menu shows nothing." }));
    const question = await e.next("question");
    expect(question).toMatchObject({ seq: 1, from: { id: asker.id }, text: "How do I export my pipeline?\nThe menu shows nothing." });
    expect(question.id).toBe(question.postId);
    expect((await a.next("question")).postId).toBe(question.postId);

    const post = await env.DB.prepare("SELECT p.group_id, p.author_id, p.kind, p.title, p.body, q.office_hour_id, q.deadline_at, q.answered_at FROM posts p JOIN questions q ON q.post_id = p.id WHERE p.id = ?").bind(question.postId).first<any>();
    expect({ ...post, deadline_at: null }).toEqual({
      group_id: group,
      author_id: asker.id,
      kind: "question",
      title: "How do I export my pipeline?",
      body: "How do I export my pipeline?\nThe menu shows nothing.",
      office_hour_id: id,
      deadline_at: null,
      answered_at: null,
    });
    // The group's 4-hour calendar promise applies as to any question.
    expect(post.deadline_at - asked).toBeGreaterThanOrEqual(4 * 60 * MIN - 5000);
    expect(post.deadline_at - asked).toBeLessThanOrEqual(4 * 60 * MIN + 5000);

    // Someone other than the expert replying: refused, nothing written.
    const before = await tableCounts({ files: false });
    o.ws!.send(JSON.stringify({ type: "reply", questionId: question.postId, text: "I think it is in Settings" }));
    expect(await o.next("error")).toMatchObject({ type: "error", code: "bad_frame" });
    a.ws!.send(JSON.stringify({ type: "reply", questionId: question.postId, text: "Answering myself" }));
    expect(await a.next("error")).toMatchObject({ code: "bad_frame" });
    // The expert, on something that is not a question of this session: refused.
    e.ws!.send(JSON.stringify({ type: "reply", questionId: "pst_0000000000aaaaaaaaaaaaaaaa", text: "Hm" }));
    expect(await e.next("error")).toMatchObject({ code: "bad_frame" });
    expect(await tableCounts({ files: false })).toEqual(before);

    e.ws!.send(JSON.stringify({ type: "reply", questionId: question.postId, text: "Open the pipeline, then **Export** at the top right." }));
    const answer = await a.next("answer");
    expect(answer).toMatchObject({ seq: 2, questionId: question.postId, from: { id: expert.id }, text: "Open the pipeline, then **Export** at the top right." });
    expect((await o.next("answer")).commentId).toBe(answer.commentId);

    const comment = await env.DB.prepare("SELECT post_id, author_id, parent_id, body FROM comments WHERE id = ?").bind(answer.commentId).first();
    expect(comment).toEqual({ post_id: question.postId, author_id: expert.id, parent_id: null, body: "Open the pipeline, then **Export** at the top right." });
    const q = await env.DB.prepare("SELECT accepted_comment_id, first_answer_id, answered_at IS NOT NULL AS answered FROM questions WHERE post_id = ?").bind(question.postId).first();
    expect(q).toEqual({ accepted_comment_id: answer.commentId, first_answer_id: answer.commentId, answered: 1 });

    // Through the API: the session's thread, answered, its accepted answer the expert's.
    const threads = await api(`/api/v1/questions?officeHourId=${id}`, { as: other });
    expect(threads.json.items.map((x: any) => [x.id, x.officeHourId, x.state, x.acceptedCommentId])).toEqual([[question.postId, id, "answered", answer.commentId]]);
    expect((await api(`/api/v1/office-hours/${id}`, { as: other })).json.questionCount).toBe(1);

    // A late joiner gets the backlog.
    const late = await openSocket(`/parties/office-hours/${id}`, animator.cookie);
    expect((await late.next("welcome")).backlog.map((f: any) => f.type)).toEqual(["question", "answer"]);

    // The export holds what the asker wrote in the room while it is stored.
    const archive = await api("/api/v1/me/export", { as: asker });
    expect(archive.json.rooms.filter((r: any) => r.kind === "office-hours")).toEqual([{ kind: "office-hours", roomId: id, frames: [expect.objectContaining({ type: "question", postId: question.postId })] }]);

    // Cancelled (the end, early): `closed` to everyone, then no connection is taken.
    expect((await api(`/api/v1/office-hours/${id}`, { as: expert, method: "DELETE" })).status).toBe(204);
    for (const s of [e, a, o, late]) expect(await s.next("closed")).toEqual({ type: "closed" });
    const after = await openSocket(`/parties/office-hours/${id}`, asker.cookie);
    expect(after.status).toBe(404);
    expect(JSON.parse(after.body).error.code).toBe("not_found");
  });

  it("takes only the group's readers, only while live; asking is for members; bad frames get error frames", async () => {
    const scheduled = await schedule(expert, group, 60 * MIN);
    expect((await openSocket(`/parties/office-hours/${scheduled}`, asker.cookie)).status, "before its start").toBe(404);
    const live = await schedule(expert, group, 0);
    for (const [who, m] of [["an outsider", outsider], ["a guest", guest]] as const) {
      expect((await openSocket(`/parties/office-hours/${live}`, m.cookie)).status, who).toBe(404);
    }
    expect((await openSocket(`/parties/office-hours/ofh_0000000000aaaaaaaaaaaaaaaa`, asker.cookie)).status, "no such session").toBe(404);

    // An open group's reader who has not joined may listen, not ask.
    const openLive = await schedule(expert, openGroup, 0);
    const reader = await openSocket(`/parties/office-hours/${openLive}`, outsider.cookie);
    expect(reader.status).toBe(101);
    await reader.next("welcome");
    const before = await tableCounts({ files: false });
    reader.ws!.send(JSON.stringify({ type: "ask", text: "May I ask?" }));
    expect(await reader.next("error")).toMatchObject({ code: "bad_frame" });
    reader.ws!.send("not json");
    expect(await reader.next("error")).toMatchObject({ code: "bad_frame" });
    reader.ws!.send(JSON.stringify({ type: "ask", text: "" }));
    expect(await reader.next("error")).toMatchObject({ code: "bad_frame" });
    reader.ws!.send(JSON.stringify({ type: "chat", text: "Hello" }));
    expect(await reader.next("error")).toMatchObject({ code: "bad_frame" });
    reader.ws!.send(JSON.stringify({ type: "ask", text: "x".repeat(9000) }));
    expect(await reader.next("error")).toMatchObject({ code: "too_large" });
    expect(await tableCounts({ files: false })).toEqual(before);
    reader.ws!.close();
  });

  it("forgets an erased member's questions in the room's stored frames, and their name everywhere in them", async () => {
    const leaver = await createMember({ name: "Lena Leaver" });
    await env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, 'member', 'member', ?)").bind(group, leaver.id, Date.now()).run();
    const id = await schedule(expert, group, 0, 30);
    const l = await openSocket(`/parties/office-hours/${id}`, leaver.cookie);
    await l.next("welcome");
    l.ws!.send(JSON.stringify({ type: "ask", text: "Lena Leaver asks: where is the export?" }));
    const asked = await l.next("question");
    const a = await openSocket(`/parties/office-hours/${id}`, asker.cookie);
    await a.next("welcome");
    a.ws!.send(JSON.stringify({ type: "ask", text: "Same question as Lena Leaver" }));
    await a.next("question");
    l.ws!.close();
    a.ws!.close();

    expect((await api(`/api/v1/admin/members/${leaver.id}`, { as: admin, method: "DELETE" })).status).toBe(204);
    const after = await openSocket(`/parties/office-hours/${id}`, other.cookie);
    const backlog = (await after.next("welcome")).backlog;
    expect(backlog.map((f: any) => [f.type, f.from.id, f.text])).toEqual([["question", asker.id, "Same question as Deleted member"]]);
    expect(JSON.stringify(backlog)).not.toContain(leaver.id);
    expect(asked.postId).toMatch(/^pst_/);
    after.ws!.close();
  });

  it("closes at its end (the alarm): `closed`, then the Worker refuses new connections", async () => {
    const id = await schedule(expert, group, 0, 15);
    const a = await openSocket(`/parties/office-hours/${id}`, asker.cookie);
    await a.next("welcome");
    a.ws!.send(JSON.stringify({ type: "ask", text: "Left unanswered?" }));
    const question = await a.next("question");

    // The clock moves past the end: in D1, and in what the room was handed.
    const now = Date.now();
    await shift(id, now - 20 * MIN, now - 1);
    const ns = env.OfficeHours as unknown as DurableObjectNamespace;
    const stub = ns.get(ns.idFromName(id)) as unknown as DurableObjectStub<RoomObject>;
    await runInDurableObject<RoomObject, void>(stub, (room: any, state: DurableObjectState) => {
      const session = JSON.parse(state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").one().value);
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'session'", JSON.stringify({ ...session, endsAt: now - 1 }));
      room.sessionCache = null;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await a.next("closed")).toEqual({ type: "closed" });
    expect((await openSocket(`/parties/office-hours/${id}`, asker.cookie)).status).toBe(404);
    // The room's copies are gone; the unanswered question stays in the group's queue.
    expect(await runInDurableObject<RoomObject, number>(stub, (_room: unknown, state: DurableObjectState) => Number(state.storage.sql.exec("SELECT count(*) AS n FROM history").one().n))).toBe(0);
    const queue = await api(`/api/v1/questions?state=unanswered&groupId=${group}&limit=100`, { as: animator });
    expect(queue.json.items.filter((x: any) => x.id === question.postId).map((x: any) => [x.state, x.officeHourId])).toEqual([["unanswered", id]]);
    expect((await api(`/api/v1/office-hours/${id}`, { as: asker })).json).toMatchObject({ state: "ended", questionCount: 1 });
  });
});
