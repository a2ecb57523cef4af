import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
const NETWORK_IDEAS_GROUP_ID = "grp_0000000000networkwideideas"; // db/ideas.ts (routes tests do not import db values)
import { api, createGroup, createMember, expectError, type TestMember } from "../test/factories";

/**
 * Ideas (API.md "Ideas"): the campaign window, who sees network-wide campaigns, the funnel, supports under
 * concurrency, merging, and the statistics' folding. Every expectation is written out by hand.
 */

const DAY = 24 * 3600 * 1000;

async function setRole(groupId: string, user: TestMember, role: "animator" | "owner" | "member") {
  await env.DB.prepare("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?").bind(role, groupId, user.id).run();
}

async function campaign(as: TestMember, groupId: string | null, window: { startsAt: number; endsAt: number } = { startsAt: Date.now() - DAY, endsAt: Date.now() + DAY }, supportLimit: number | null = null) {
  const res = await api("/api/v1/campaigns", { as, body: { title: "Transformation", brief: "Your **ideas**", groupId, supportLimit, ...window } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; state: string };
}

async function idea(as: TestMember, campaignId: string, title = "Paperless expense notes") {
  const res = await api(`/api/v1/campaigns/${campaignId}/ideas`, { as, body: { title, body: `${title}: let us try it` } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; status: string; supportCount: number };
}

let admin: TestMember;
let animator: TestMember;
let member: TestMember;
let outsider: TestMember;
let guest: TestMember;
let group: string;

beforeAll(async () => {
  admin = await createMember({ role: "admin" });
  animator = await createMember();
  member = await createMember();
  outsider = await createMember();
  guest = await createMember({ role: "guest" });
  group = await createGroup([{ user: animator }, { user: member }, { user: guest }], "Claims");
  await setRole(group, animator, "animator");
});

describe("the campaign window", () => {
  const now = Date.now();
  // [name, startsAt, endsAt, state, POST idea status]
  const TABLE: [string, number, number, string, number][] = [
    ["open", now - DAY, now + DAY, "open", 201],
    ["not yet open", now + DAY, now + 2 * DAY, "scheduled", 409],
    ["closed", now - 2 * DAY, now - DAY, "closed", 409],
  ];
  it.each(TABLE)("%s", async (_name, startsAt, endsAt, state, status) => {
    const c = await campaign(animator, group, { startsAt, endsAt });
    expect(c.state).toBe(state);
    const res = await api(`/api/v1/campaigns/${c.id}/ideas`, { as: member, body: { title: "An idea", body: "Its text" } });
    if (status === 201) expect(res.status, res.text).toBe(201);
    else await expectError(res, status, "conflict");
  });

  it("refuses an end before the start (400 on endsAt), and campaigns from plain members (403)", async () => {
    const bad = await api("/api/v1/campaigns", { as: animator, body: { title: "T", brief: "", groupId: group, startsAt: now, endsAt: now - 1 } });
    await expectError(bad, 400, "validation_failed");
    expect(bad.json.error.details[0].path).toBe("endsAt");
    await expectError(await api("/api/v1/campaigns", { as: member, body: { title: "T", brief: "", groupId: group, startsAt: now, endsAt: now + DAY } }), 403, "forbidden");
    await expectError(await api("/api/v1/campaigns", { as: animator, body: { title: "T", brief: "", groupId: null, startsAt: now, endsAt: now + DAY } }), 403, "forbidden");
  });
});

describe("who sees what", () => {
  let network: { id: string };
  let networkIdea: { id: string };
  let privateCampaign: { id: string };
  let privateIdea: { id: string };

  beforeAll(async () => {
    network = await campaign(admin, null);
    networkIdea = await idea(member, network.id, "Quokka bicycles for every site");
    privateCampaign = await campaign(animator, group);
    privateIdea = await idea(member, privateCampaign.id, "Wombat claims triage");
  });

  // [who, network campaign, network idea, private campaign, private idea]
  const TABLE: [string, () => TestMember, number, number, number, number][] = [
    ["admin", () => admin, 200, 200, 200, 200],
    ["member of the group", () => member, 200, 200, 200, 200],
    ["member outside the group", () => outsider, 200, 200, 404, 404],
    ["guest in the group", () => guest, 404, 404, 200, 200],
  ];
  it.each(TABLE)("%s", async (_name, who, nc, ni, pc, pi) => {
    expect((await api(`/api/v1/campaigns/${network.id}`, { as: who() })).status).toBe(nc);
    expect((await api(`/api/v1/ideas/${networkIdea.id}`, { as: who() })).status).toBe(ni);
    expect((await api(`/api/v1/posts/${networkIdea.id}`, { as: who() })).status).toBe(ni);
    expect((await api(`/api/v1/campaigns/${privateCampaign.id}`, { as: who() })).status).toBe(pc);
    expect((await api(`/api/v1/ideas/${privateIdea.id}`, { as: who() })).status).toBe(pi);
    expect((await api(`/api/v1/posts/${privateIdea.id}`, { as: who() })).status).toBe(pi);
    const listed = ((await api("/api/v1/campaigns?limit=100", { as: who() })).json.items as { id: string }[]).map((c) => c.id);
    expect(listed.includes(network.id)).toBe(nc === 200);
    expect(listed.includes(privateCampaign.id)).toBe(pc === 200);
    // Ideas in search respect visibility.
    const quokka = ((await api("/api/v1/search?q=quokka", { as: who() })).json.items as { id?: string; postId?: string }[]).length;
    const wombat = ((await api("/api/v1/search?q=wombat", { as: who() })).json.items as unknown[]).length;
    expect(quokka > 0).toBe(ni === 200);
    expect(wombat > 0).toBe(pi === 200);
  });

  it("guests never post in a network-wide campaign; the network's ideas group answers no group route", async () => {
    await expectError(await api(`/api/v1/campaigns/${network.id}/ideas`, { as: guest, body: { title: "x", body: "y" } }), 404, "not_found");
    await expectError(await api(`/api/v1/groups/${NETWORK_IDEAS_GROUP_ID}`, { as: member }), 404, "not_found");
    await expectError(await api(`/api/v1/groups/${NETWORK_IDEAS_GROUP_ID}/join`, { as: guest, method: "POST" }), 404, "not_found");
    await expectError(await api(`/api/v1/groups/${NETWORK_IDEAS_GROUP_ID}/join`, { as: member, method: "POST" }), 404, "not_found");
    const groups = (await api("/api/v1/groups?limit=100", { as: admin })).json.items as { id: string }[];
    expect(groups.map((g) => g.id)).not.toContain(NETWORK_IDEAS_GROUP_ID);
    const found = (await api("/api/v1/groups?q=network", { as: admin })).json.items as { id: string }[];
    expect(found.map((g) => g.id)).not.toContain(NETWORK_IDEAS_GROUP_ID);
    // Nobody is invited into it (a guest there would read every network-wide idea).
    const invite = await api("/api/v1/admin/invitations", { as: admin, body: { email: "guest.of.ideas@example.test", role: "guest", groupIds: [NETWORK_IDEAS_GROUP_ID] } });
    await expectError(invite, 400, "validation_failed");
  });

  it("similar ideas: the same campaign's, as the caller may read them", async () => {
    const res = await api(`/api/v1/ideas/similar?q=quokka&campaignId=${network.id}`, { as: outsider });
    expect(res.json.items.map((i: { id: string }) => i.id)).toEqual([networkIdea.id]);
    // A title that goes on with words the idea lacks still finds it (any word, ranked).
    const longer = await api(`/api/v1/ideas/similar?q=${encodeURIComponent("quokka sanctuary budgeting")}&campaignId=${network.id}`, { as: outsider });
    expect(longer.json.items.map((i: { id: string }) => i.id)).toEqual([networkIdea.id]);
    await expectError(await api(`/api/v1/ideas/similar?q=wombat&campaignId=${privateCampaign.id}`, { as: outsider }), 404, "not_found");
    await expectError(await api(`/api/v1/ideas/similar?q=quokka&campaignId=${network.id}`, { as: guest }), 404, "not_found");
  });
});

describe("the idea box", () => {
  it("409 without a box; once open, members post and the box lists the ideas", async () => {
    await expectError(await api(`/api/v1/groups/${group}/ideas`, { as: member, body: { title: "Box idea", body: "Text" } }), 409, "conflict");
    await expectError(await api(`/api/v1/groups/${group}`, { as: member, method: "PATCH", body: { ideaBox: true } }), 403, "forbidden");
    const on = await api(`/api/v1/groups/${group}`, { as: animator, method: "PATCH", body: { ideaBox: true } });
    expect(on.json.ideaBox).toBe(true);
    const res = await api(`/api/v1/groups/${group}/ideas`, { as: member, body: { title: "Box idea", body: "Text" } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.boxGroupId).toBe(group);
    expect(res.json.campaignId).toBe(null);
    const list = await api(`/api/v1/groups/${group}/ideas`, { as: animator });
    expect(list.json.items.map((i: { id: string }) => i.id)).toEqual([res.json.id]);
    // The private group is listed to members outside it: they learn they may not post (403); guests outside it get 404.
    await expectError(await api(`/api/v1/groups/${group}/ideas`, { as: outsider, body: { title: "x", body: "y" } }), 403, "forbidden");
    await expectError(await api(`/api/v1/groups/${group}/ideas`, { as: await createMember({ role: "guest" }), body: { title: "x", body: "y" } }), 404, "not_found");
  });
});

describe("the funnel", () => {
  // Each path is the moves before the last one, then the last move and its answer.
  const TABLE: [string[], string, number][] = [
    [[], "studied", 200],
    [[], "declined", 200],
    [[], "retained", 409],
    [[], "implemented", 409],
    [[], "submitted", 409],
    [["studied"], "retained", 200],
    [["studied"], "declined", 200],
    [["studied"], "implemented", 409],
    [["studied"], "submitted", 409],
    [["studied"], "studied", 409],
    [["studied", "retained"], "implemented", 200],
    [["studied", "retained"], "declined", 200],
    [["studied", "retained"], "studied", 409],
    [["studied", "retained", "implemented"], "declined", 409],
    [["studied", "retained", "implemented"], "retained", 409],
    [["declined"], "studied", 409],
    [["declined"], "submitted", 409],
  ];
  let c: { id: string };
  beforeAll(async () => {
    c = await campaign(animator, group);
  });
  it.each(TABLE)("after %j → %s: %i", async (before, to, status) => {
    const i = await idea(member, c.id);
    for (const s of before) expect((await api(`/api/v1/ideas/${i.id}/status`, { as: animator, method: "PATCH", body: { status: s, reason: `Now ${s}` } })).status).toBe(200);
    const res = await api(`/api/v1/ideas/${i.id}/status`, { as: animator, method: "PATCH", body: { status: to, reason: "Because" } });
    expect(res.status, res.text).toBe(status);
    if (status === 200) expect(res.json.history.map((h: { status: string }) => h.status)).toEqual(["submitted", ...before, to]);
  });

  it("declining needs a reason (400); members may not move ideas (403); the author is notified; edits stop once studied (409)", async () => {
    const i = await idea(member, c.id);
    await expectError(await api(`/api/v1/ideas/${i.id}/status`, { as: animator, method: "PATCH", body: { status: "declined", reason: " " } }), 400, "validation_failed");
    await expectError(await api(`/api/v1/ideas/${i.id}/status`, { as: member, method: "PATCH", body: { status: "studied", reason: "" } }), 403, "forbidden");
    expect((await api(`/api/v1/posts/${i.id}`, { as: member, method: "PATCH", body: { body: "Edited while submitted" } })).status).toBe(200);
    expect((await api(`/api/v1/ideas/${i.id}/status`, { as: animator, method: "PATCH", body: { status: "studied", reason: "We look into it" } })).status).toBe(200);
    await expectError(await api(`/api/v1/posts/${i.id}`, { as: member, method: "PATCH", body: { body: "Edited after" } }), 409, "conflict");
    await expectError(await api(`/api/v1/posts/${i.id}`, { as: member, method: "DELETE" }), 409, "conflict");
    const notes = (await api("/api/v1/notifications", { as: member })).json.items as { kind: string; post: { id: string } | null }[];
    expect(notes.filter((n) => n.kind === "idea_status").map((n) => n.post?.id)).toContain(i.id);
  });
});

describe("supports", () => {
  it("never one's own (409); idempotent; withdrawn; none once the campaign is closed (409)", async () => {
    const c = await campaign(animator, group);
    const i = await idea(member, c.id);
    await expectError(await api(`/api/v1/ideas/${i.id}/support`, { as: member, method: "PUT" }), 409, "conflict");
    expect((await api(`/api/v1/ideas/${i.id}/support`, { as: animator, method: "PUT" })).status).toBe(204);
    expect((await api(`/api/v1/ideas/${i.id}/support`, { as: animator, method: "PUT" })).status).toBe(204);
    expect((await api(`/api/v1/ideas/${i.id}`, { as: animator })).json).toMatchObject({ supportCount: 1, supportedByMe: true });
    expect((await api(`/api/v1/ideas/${i.id}/support`, { as: animator, method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/ideas/${i.id}`, { as: animator })).json).toMatchObject({ supportCount: 0, supportedByMe: false });
    await env.DB.prepare("UPDATE campaigns SET ends_at = ? WHERE id = ?").bind(Date.now() - 1, c.id).run();
    await expectError(await api(`/api/v1/ideas/${i.id}/support`, { as: animator, method: "PUT" }), 409, "conflict");
  });

  it("the limit holds under 20 concurrent supports from one member: exactly 3 of 20", async () => {
    const c = await campaign(animator, group, undefined, 3);
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await idea(member, c.id, `Idea ${n}`)).id);
    const answers = await Promise.all(ids.map((id) => api(`/api/v1/ideas/${id}/support`, { as: animator, method: "PUT" })));
    expect(answers.filter((a) => a.status === 204).length).toBe(3);
    expect(answers.filter((a) => a.status === 409).length).toBe(17);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM idea_supports WHERE user_id = ? AND campaign_id = ?").bind(animator.id, c.id).first<{ n: number }>();
    expect(row!.n).toBe(3);
    const counted = await env.DB.prepare("SELECT sum(support_count) AS n FROM ideas WHERE campaign_id = ?").bind(c.id).first<{ n: number }>();
    expect(counted!.n).toBe(3);
    expect((await api(`/api/v1/campaigns/${c.id}`, { as: animator })).json.mySupports).toBe(3);
  });

  it("50 members supporting one idea at once: the count is exactly 50", async () => {
    const c = await campaign(admin, null);
    const i = await idea(member, c.id);
    const crowd: TestMember[] = [];
    for (let n = 0; n < 50; n++) crowd.push(await createMember());
    const answers = await Promise.all(crowd.map((m) => api(`/api/v1/ideas/${i.id}/support`, { as: m, method: "PUT" })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(204));
    expect((await api(`/api/v1/ideas/${i.id}`, { as: member })).json.supportCount).toBe(50);
  });

  it("merging moves supports once per member, never to the kept idea's author", async () => {
    const c = await campaign(animator, group);
    const kept = await idea(member, c.id, "Kept");
    const dup = await idea(animator, c.id, "Duplicate");
    const [a, b] = [await createMember(), await createMember()];
    await env.DB.prepare("INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, 'member', 'member', 0), (?, ?, 'member', 'member', 0)").bind(group, a.id, group, b.id).run();
    // kept: a, animator → 2; dup: a, b, member (kept's author) → 3.
    for (const [who, id] of [[a, kept.id], [animator, kept.id], [a, dup.id], [b, dup.id], [member, dup.id]] as const) {
      expect((await api(`/api/v1/ideas/${id}/support`, { as: who, method: "PUT" })).status).toBe(204);
    }
    await expectError(await api(`/api/v1/ideas/${dup.id}/merge`, { as: member, body: { intoId: kept.id } }), 403, "forbidden");
    const res = await api(`/api/v1/ideas/${dup.id}/merge`, { as: animator, body: { intoId: kept.id } });
    expect(res.status, res.text).toBe(200);
    // a (once), animator, b → 3.
    expect(res.json.supportCount).toBe(3);
    expect((await api(`/api/v1/ideas/${dup.id}`, { as: member })).json).toMatchObject({ mergedInto: kept.id, supportCount: 0 });
    const listed = (await api(`/api/v1/campaigns/${c.id}/ideas`, { as: member })).json.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([kept.id]);
    await expectError(await api(`/api/v1/ideas/${dup.id}/merge`, { as: animator, body: { intoId: kept.id } }), 409, "conflict");
  });

  it("ranks a campaign's ideas by supports, newest, and keyset pages", async () => {
    const c = await campaign(animator, group);
    const one = await idea(member, c.id, "One");
    const two = await idea(member, c.id, "Two");
    const three = await idea(member, c.id, "Three");
    expect((await api(`/api/v1/ideas/${two.id}/support`, { as: animator, method: "PUT" })).status).toBe(204);
    const page1 = await api(`/api/v1/campaigns/${c.id}/ideas?sort=supports&limit=2`, { as: member });
    expect(page1.json.items.map((i: { id: string }) => i.id)).toEqual([two.id, three.id]);
    const page2 = await api(`/api/v1/campaigns/${c.id}/ideas?sort=supports&limit=2&cursor=${page1.json.nextCursor}`, { as: member });
    expect(page2.json.items.map((i: { id: string }) => i.id)).toEqual([one.id]);
    expect(page2.json.nextCursor).toBe(null);
    const fresh = await api(`/api/v1/campaigns/${c.id}/ideas?sort=new`, { as: member });
    expect(fresh.json.items.map((i: { id: string }) => i.id)).toEqual([three.id, two.id, one.id]);
  });
});

describe("who ideas come from", () => {
  it("counts by department, folds keys under 5 members or 5 authors into other (a department of 4 never by name)", async () => {
    const boss = await createMember({ profile: { department: "Board", location: "Paris" } });
    const dept = async (name: string, n: number) => {
      const out: TestMember[] = [];
      for (let k = 0; k < n; k++) out.push(await createMember({ profile: { department: name, location: "Lyon" } }));
      return out;
    };
    const sales = await dept("Sales", 6);
    const support = await dept("Support", 10);
    const legal = await dept("Legal", 4);
    const it_ = await dept("IT", 6);
    const g = await createGroup([boss, ...sales, ...support, ...legal, ...it_].map((user) => ({ user })), "Stats");
    await setRole(g, boss, "animator");
    const c = await campaign(boss, g);
    // Sales: 5 authors, 6 ideas (the first author posts twice); Support: 5 authors, 5 ideas; Legal: 4 authors, 4
    // ideas; IT: 2 authors, 2 ideas.
    const salesIdeas = [];
    for (const m of [...sales.slice(0, 5), sales[0]]) salesIdeas.push(await idea(m, c.id));
    for (const m of support.slice(0, 5)) await idea(m, c.id);
    for (const m of legal) await idea(m, c.id);
    for (const m of it_.slice(0, 2)) await idea(m, c.id);
    // Supporters: two of Support and one of Legal; one Sales idea retained.
    for (const m of [support[8], support[9], legal[0]]) expect((await api(`/api/v1/ideas/${salesIdeas[0].id}/support`, { as: m, method: "PUT" })).status).toBe(204);
    for (const s of ["studied", "retained"]) expect((await api(`/api/v1/ideas/${salesIdeas[0].id}/status`, { as: boss, method: "PATCH", body: { status: s, reason: "Good" } })).status).toBe(200);

    const res = await api(`/api/v1/ideas/stats?campaignId=${c.id}&by=department`, { as: sales[5] });
    expect(res.status, res.text).toBe(200);
    // Counted by hand: 27 members (Board 1, Sales 6, Support 10, Legal 4, IT 6), 17 ideas, 16 authors.
    expect(res.json).toEqual({
      totals: { ideas: 17, authors: 16, supporters: 3, retained: 1, members: 27 },
      rows: [
        { key: "Sales", ideas: 6, authors: 5, supporters: 0, retained: 1, members: 6, share: 0.3529, per100: 100 },
        { key: "Support", ideas: 5, authors: 5, supporters: 2, retained: 0, members: 10, share: 0.2941, per100: 50 },
        { key: "other", ideas: 6, authors: 6, supporters: 1, retained: 0, members: 11, share: 0.3529, per100: 54.5 },
      ],
    });
    const csv = await api(`/api/v1/ideas/stats?campaignId=${c.id}&by=department&format=csv`, { as: sales[5] });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.text.split("\r\n")).toEqual([
      "key,ideas,authors,supporters,retained,members,share,per100",
      "Sales,6,5,0,1,6,0.3529,100",
      "Support,5,5,2,0,10,0.2941,50",
      "other,6,6,1,0,11,0.3529,54.5",
      "total,17,16,3,1,27,1,",
      "",
    ]);
    expect(csv.text).not.toContain("Legal");
    // By site: everyone but the animator is in Lyon (26 members, 16 authors); Paris (1 member) folds into other.
    const bySite = await api(`/api/v1/ideas/stats?campaignId=${c.id}&by=site`, { as: sales[5] });
    expect(bySite.json.rows).toEqual([
      { key: "Lyon", ideas: 17, authors: 16, supporters: 3, retained: 1, members: 26, share: 1, per100: 65.4 },
      { key: "other", ideas: 0, authors: 0, supporters: 0, retained: 0, members: 1, share: 0, per100: 0 },
    ]);
    // The network's figures are the administrators'.
    await expectError(await api("/api/v1/ideas/stats", { as: sales[5] }), 403, "forbidden");
  });
});

describe("the campaign room and the cron", () => {
  it("sends idea.supported with the new count to whoever sees the campaign; guests of the network get 404", async () => {
    const { openSocket } = await import("../../party/test-socket");
    const c = await campaign(admin, null);
    const i = await idea(member, c.id);
    const page = await openSocket(`/parties/campaign-room/${c.id}`, outsider.cookie);
    expect((await page.next("welcome")).type).toBe("welcome");
    expect((await api(`/api/v1/ideas/${i.id}/support`, { as: animator, method: "PUT" })).status).toBe(204);
    expect(await page.next("event")).toMatchObject({ type: "event", name: "idea.supported", data: { ideaId: i.id, supportCount: 1 } });
    page.ws?.close();
    expect((await openSocket(`/parties/campaign-room/${c.id}`, guest.cookie)).status).toBe(404);
  });

  it("marks each opening and closing once", async () => {
    const { sendCampaignEvents } = await import("../services/ideas/campaigns");
    const { testContext } = await import("../test/factories");
    const now = Date.now();
    const a = await campaign(animator, group, { startsAt: now - DAY, endsAt: now + DAY });
    const b = await campaign(animator, group, { startsAt: now - 2 * DAY, endsAt: now - DAY });
    await sendCampaignEvents(testContext(), now);
    const marks = async (id: string) => env.DB.prepare("SELECT opened_sent_at AS o, closed_sent_at AS c FROM campaigns WHERE id = ?").bind(id).first<{ o: number | null; c: number | null }>();
    expect(await marks(a.id)).toEqual({ o: now, c: null });
    expect(await marks(b.id)).toEqual({ o: now, c: now });
    expect(await sendCampaignEvents(testContext(), now + 1)).toBe(0);
    expect(await sendCampaignEvents(testContext(), now + 2 * DAY)).toBeGreaterThanOrEqual(1);
    expect(await marks(a.id)).toEqual({ o: now, c: now + 2 * DAY });
  });
});

describe("webhook events of ideas", () => {
  it("a network-wide campaign's ideas count as open content; a private group's need the group granted", async () => {
    const { createEndpoint } = await import("../services/webhooks/endpoints");
    const { fanOutEvent } = await import("../services/webhooks/events");
    const { testContext } = await import("../test/factories");
    const ctx = testContext();
    const network = await campaign(admin, null);
    const privateOne = await campaign(animator, group);
    const a = await idea(member, network.id);
    const b = await idea(member, privateOne.id);
    const url = "https://hooks.example.com/ideas";
    const plain = await createEndpoint(ctx, admin.actor, { url, events: ["idea.created", "idea.status_changed", "campaign.opened"] });
    const granted = await createEndpoint(ctx, admin.actor, { url, events: ["idea.created", "idea.status_changed", "campaign.opened"], groupIds: [group] });
    const ev = (type: "idea.created" | "campaign.opened", data: Record<string, unknown>) => ({ id: `evt_${crypto.randomUUID()}`, type, data, at: Date.now() + 1000 });
    const endpointsOf = async (deliveries: string[]) => {
      const rows = await Promise.all(deliveries.map((id) => env.DB.prepare("SELECT endpoint_id AS e FROM webhook_deliveries WHERE id = ?").bind(id).first<{ e: string }>()));
      return rows.map((r) => (r!.e === plain.id ? "plain" : r!.e === granted.id ? "granted" : "other")).filter((n) => n !== "other").sort();
    };
    // [event, endpoints that get it]
    const TABLE: [string, ReturnType<typeof ev>, string[]][] = [
      ["a network-wide idea", ev("idea.created", { ideaId: a.id, campaignId: network.id, groupId: null, authorId: member.id }), ["granted", "plain"]],
      ["a private group's idea", ev("idea.created", { ideaId: b.id, campaignId: privateOne.id, groupId: null, authorId: member.id }), ["granted"]],
      ["a network-wide campaign opened", ev("campaign.opened", { campaignId: network.id, groupId: null }), ["granted", "plain"]],
      ["a private group's campaign opened", ev("campaign.opened", { campaignId: privateOne.id, groupId: group }), ["granted"]],
    ];
    for (const [name, event, expected] of TABLE) expect(await endpointsOf(await fanOutEvent(ctx, event)), name).toEqual(expected);
  });
});
