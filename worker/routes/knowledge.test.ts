import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, checkedFetch, createGroup, createMember, expectError, ORIGIN, tableCounts, type TestMember } from "../test/factories";

/**
 * A group's FAQ and library (API.md "Questions and knowledge"): a file's versions and their history, download counts,
 * nothing of a private group's knowledge reaching outsiders (list, item, download, search), who curates the FAQ, and a
 * question turned into an FAQ entry. Every expectation is written out by hand.
 */

async function setRole(groupId: string, user: TestMember, role: "animator" | "owner" | "member") {
  await env.DB.prepare("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?").bind(role, groupId, user.id).run();
}

async function upload(as: TestMember, filename: string, text: string) {
  const res = await api(`/api/v1/uploads?filename=${encodeURIComponent(filename)}`, { as, raw: text, headers: { "Content-Type": "text/plain" } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** A download through the Worker: its status, and the bytes as text when it answered 200. */
async function download(as: TestMember, path: string) {
  const res = await checkedFetch(`${ORIGIN}${path}`, { headers: { Origin: ORIGIN, Cookie: as.cookie } });
  return { status: res.status, text: await res.text(), disposition: res.headers.get("Content-Disposition") };
}

const RUN = crypto.randomUUID().slice(0, 8).replaceAll("-", "");

let admin: TestMember;
let animator: TestMember;
let member: TestMember;
let other: TestMember;
let outsider: TestMember;
let guest: TestMember;
let group: string;

beforeAll(async () => {
  admin = await createMember({ role: "admin" });
  animator = await createMember({ name: "Ana Animator" });
  member = await createMember({ name: "Max Member" });
  other = await createMember({ name: "Olga Other" });
  outsider = await createMember({ name: "Otto Outsider" });
  guest = await createMember({ role: "guest" });
  // A private group: createGroup writes private groups.
  group = await createGroup([{ user: animator }, { user: member }, { user: other }], `Onboarding ${RUN}`);
  await setRole(group, animator, "animator");
});

describe("the library", () => {
  it("keeps two versions of a file, the newest the default download, and counts downloads per version and in all", async () => {
    const first = await upload(member, "guide.txt", "Guide, version one");
    const created = await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId: first, folder: "Guides", name: "CRM guide" } });
    expect(created.status, created.text).toBe(201);
    const item = created.json;
    expect(item).toMatchObject({ name: "CRM guide", folder: "Guides", version: 1, downloads: 0, url: `/api/v1/library/${item.id}/download` });
    expect(item.versions.map((v: any) => [v.version, v.name, v.size, v.type, v.uploader.id])).toEqual([[1, "guide.txt", 18, "text/plain", member.id]]);
    // The upload became the item's: it no longer reads as a loose file, and it cannot make a second item.
    await expectError(await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId: first } }), 400, "validation_failed");

    const second = await upload(other, "guide-v2.txt", "Guide, version two!");
    const bumped = await api(`/api/v1/library/${item.id}/versions`, { as: other, body: { uploadId: second } });
    expect(bumped.status, bumped.text).toBe(201);
    expect(bumped.json.version).toBe(2);
    expect(bumped.json.versions.map((v: any) => [v.version, v.name, v.size, v.uploader.id])).toEqual([
      [2, "guide-v2.txt", 19, other.id],
      [1, "guide.txt", 18, member.id],
    ]);

    // [who, path, status, body]
    const DOWNLOADS: [TestMember, string, number, string][] = [
      [member, `/api/v1/library/${item.id}/download`, 200, "Guide, version two!"],
      [animator, `/api/v1/library/${item.id}/download`, 200, "Guide, version two!"],
      [other, `/api/v1/library/${item.id}/download?version=1`, 200, "Guide, version one"],
      [admin, `/api/v1/library/${item.id}/download?version=2`, 200, "Guide, version two!"],
      [member, `/api/v1/library/${item.id}/download?version=3`, 404, ""],
    ];
    for (const [who, path, status, body] of DOWNLOADS) {
      const got = await download(who, path);
      expect([path, got.status], got.text.slice(0, 200)).toEqual([path, status]);
      if (status === 200) {
        expect(got.text).toBe(body);
        expect(got.disposition).toMatch(/^attachment; filename\*=UTF-8''guide/);
      }
    }
    const after = await api(`/api/v1/library/${item.id}`, { as: member });
    expect(after.status).toBe(200);
    expect(after.json.downloads).toBe(4);
    expect(after.json.versions.map((v: any) => [v.version, v.downloads])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });

  it("lists folders with their counts, and one folder's items by name", async () => {
    const g = await createGroup([{ user: member }], `Folders ${RUN}`);
    const names: [string, string][] = [
      ["Guides", "Zeta"],
      ["Guides", "Alpha"],
      ["", "Read me"],
      ["Slides", "Kick-off"],
    ];
    for (const [folder, name] of names) {
      const res = await api(`/api/v1/groups/${g}/library`, { as: member, body: { uploadId: await upload(member, `${name}.txt`, name), folder, name } });
      expect(res.status, res.text).toBe(201);
    }
    const all = await api(`/api/v1/groups/${g}/library?limit=2`, { as: member });
    expect(all.json.folders).toEqual([
      { name: "", items: 1 },
      { name: "Guides", items: 2 },
      { name: "Slides", items: 1 },
    ]);
    expect(all.json.can).toEqual({ add: true });
    expect(all.json.items.map((i: any) => [i.folder, i.name])).toEqual([
      ["", "Read me"],
      ["Guides", "Alpha"],
    ]);
    const rest = await api(`/api/v1/groups/${g}/library?limit=2&cursor=${encodeURIComponent(all.json.nextCursor)}`, { as: member });
    expect(rest.json.items.map((i: any) => [i.folder, i.name])).toEqual([
      ["Guides", "Zeta"],
      ["Slides", "Kick-off"],
    ]);
    expect(rest.json.nextCursor).toBeNull();
    const guides = await api(`/api/v1/groups/${g}/library?folder=Guides`, { as: member });
    expect(guides.json.items.map((i: any) => i.name)).toEqual(["Alpha", "Zeta"]);
    const root = await api(`/api/v1/groups/${g}/library?folder=`, { as: member });
    expect(root.json.items.map((i: any) => i.name)).toEqual(["Read me"]);
  });

  it("shows nothing of a private group's library to outsiders: list, item, download, new version, delete — 404, nothing written", async () => {
    const uploadId = await upload(member, "secret-plan.txt", "The secret plan");
    const item = (await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId, name: `Plan ${RUN}` } })).json;
    for (const who of [outsider, guest]) {
      const own = await upload(who, "mine.txt", "Mine");
      const before = await tableCounts();
      await expectError(await api(`/api/v1/groups/${group}/library`, { as: who }), 404, "not_found");
      await expectError(await api(`/api/v1/library/${item.id}`, { as: who }), 404, "not_found");
      expect((await download(who, `/api/v1/library/${item.id}/download`)).status).toBe(404);
      expect((await download(who, `/api/v1/library/${item.id}/download?version=1`)).status).toBe(404);
      await expectError(await api(`/api/v1/groups/${group}/library`, { as: who, body: { uploadId: own } }), 404, "not_found");
      await expectError(await api(`/api/v1/library/${item.id}/versions`, { as: who, body: { uploadId: own } }), 404, "not_found");
      await expectError(await api(`/api/v1/library/${item.id}`, { as: who, method: "DELETE" }), 404, "not_found");
      expect(await tableCounts(), "refusals write nothing").toEqual(before);
    }
    const counted = await api(`/api/v1/library/${item.id}`, { as: member });
    expect(counted.json.downloads, "an outsider's refused download is not counted").toBe(0);
  });

  it("lets any member add, and the uploader, the animators and administrators delete (audited)", async () => {
    const make = async () => (await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId: await upload(member, "x.txt", "x") } })).json.id as string;
    // [who, status]
    const DELETES: [string, () => TestMember, number][] = [
      ["another member", () => other, 403],
      ["the uploader", () => member, 204],
      ["an animator", () => animator, 204],
      ["an administrator outside the group", () => admin, 204],
    ];
    for (const [name, who, status] of DELETES) {
      const id = await make();
      const res = await api(`/api/v1/library/${id}`, { as: who(), method: "DELETE" });
      expect([name, res.status], res.text).toEqual([name, status]);
      if (status === 204) {
        await expectError(await api(`/api/v1/library/${id}`, { as: member }), 404, "not_found");
        const audit = await env.DB.prepare("SELECT action, actor_id, group_id FROM audit_log WHERE target_id = ?").bind(id).all();
        expect(audit.results).toEqual([{ action: "library.delete", actor_id: who().id, group_id: group }]);
      }
    }
    // An administrator outside the group reads it but does not add to it (adding is taking part).
    await expectError(await api(`/api/v1/groups/${group}/library`, { as: admin, body: { uploadId: await upload(admin, "a.txt", "a") } }), 403, "forbidden");
  });

  it("gives two versions uploaded at once two numbers", async () => {
    const item = (await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId: await upload(member, "c.txt", "c1") } })).json;
    const [a, b] = [await upload(member, "c2.txt", "c2"), await upload(other, "c3.txt", "c3")];
    const both = await Promise.all([api(`/api/v1/library/${item.id}/versions`, { as: member, body: { uploadId: a } }), api(`/api/v1/library/${item.id}/versions`, { as: other, body: { uploadId: b } })]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const now = await api(`/api/v1/library/${item.id}`, { as: member });
    expect(now.json.version).toBe(3);
    expect(now.json.versions.map((v: any) => v.version)).toEqual([3, 2, 1]);
    expect(new Set(now.json.versions.map((v: any) => v.name))).toEqual(new Set(["c.txt", "c2.txt", "c3.txt"]));
  });
});

describe("the FAQ", () => {
  it("is curated by animators and administrators, ordered by section then order, and audited", async () => {
    const g = await createGroup([{ user: animator }, { user: member }], `FAQ ${RUN}`);
    await setRole(g, animator, "animator");
    const add = (as: TestMember, body: Record<string, unknown>) => api(`/api/v1/groups/${g}/faq`, { as, body });
    // [who, status]
    const CREATES: [string, TestMember, number][] = [
      ["a member", member, 403],
      ["an outsider", outsider, 404],
      ["a guest", guest, 404],
      ["an animator", animator, 201],
      ["an administrator outside the group", admin, 201],
    ];
    for (const [name, who, status] of CREATES) {
      const res = await add(who, { question: `Asked by ${name}?`, answer: "**Yes**" });
      expect([name, res.status], res.text).toEqual([name, status]);
    }
    const first = (await api(`/api/v1/groups/${g}/faq`, { as: member })).json.items;
    expect(first.map((e: any) => [e.section, e.order, e.question])).toEqual([
      ["", 0, "Asked by an animator?"],
      ["", 1, "Asked by an administrator outside the group?"],
    ]);
    expect(first[0].answerHtml).toContain("<strong>Yes</strong>");
    expect(first[0].can).toEqual({ edit: false });

    const doctor = (await add(animator, { question: "How do I reach the occupational doctor?", answer: "Call 1234.", section: "Health" })).json;
    const placed = (await add(animator, { question: "Who pays?", answer: "The company.", section: "", order: 0 })).json;
    expect(placed.order).toBe(0);
    const list = async () => (await api(`/api/v1/groups/${g}/faq`, { as: member })).json.items.map((e: any) => [e.section, e.order, e.question]);
    expect(await list()).toEqual([
      ["", 0, "Who pays?"],
      ["", 1, "Asked by an animator?"],
      ["", 2, "Asked by an administrator outside the group?"],
      ["Health", 0, "How do I reach the occupational doctor?"],
    ]);

    await expectError(await api(`/api/v1/faq/${placed.id}`, { as: member, method: "PATCH", body: { order: 2 } }), 403, "forbidden");
    await expectError(await api(`/api/v1/faq/${placed.id}`, { as: outsider, method: "PATCH", body: { order: 2 } }), 404, "not_found");
    const moved = await api(`/api/v1/faq/${placed.id}`, { as: animator, method: "PATCH", body: { order: 2, answer: "The company, _always_." } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ order: 2, answer: "The company, _always_.", answerHtml: expect.stringContaining("<em>always</em>") });
    const rehomed = await api(`/api/v1/faq/${first[0].id}`, { as: animator, method: "PATCH", body: { section: "Health", order: 0 } });
    expect(rehomed.status, rehomed.text).toBe(200);
    expect(await list()).toEqual([
      ["", 0, "Asked by an administrator outside the group?"],
      ["", 1, "Who pays?"],
      ["Health", 0, "Asked by an animator?"],
      ["Health", 1, "How do I reach the occupational doctor?"],
    ]);

    await expectError(await api(`/api/v1/faq/${doctor.id}`, { as: member, method: "DELETE" }), 403, "forbidden");
    expect((await api(`/api/v1/faq/${doctor.id}`, { as: admin, method: "DELETE" })).status).toBe(204);
    expect(await list()).toEqual([
      ["", 0, "Asked by an administrator outside the group?"],
      ["", 1, "Who pays?"],
      ["Health", 0, "Asked by an animator?"],
    ]);
    const audit = await env.DB.prepare("SELECT action, actor_id FROM audit_log WHERE group_id = ? AND action LIKE 'faq.%' ORDER BY created_at, id").bind(g).all();
    expect(audit.results).toEqual([
      { action: "faq.create", actor_id: animator.id },
      { action: "faq.create", actor_id: admin.id },
      { action: "faq.create", actor_id: animator.id },
      { action: "faq.create", actor_id: animator.id },
      { action: "faq.update", actor_id: animator.id },
      { action: "faq.update", actor_id: animator.id },
      { action: "faq.delete", actor_id: admin.id },
    ]);
  });

  it("is found by search by who reads the group, and by nobody else", async () => {
    const word = `ergonomics${RUN}`;
    const entry = await api(`/api/v1/groups/${group}/faq`, { as: animator, body: { question: "Can I get a standing desk?", answer: `Ask the ${word} team.`, section: "Equipment" } });
    expect(entry.status, entry.text).toBe(201);
    // [who, hits]
    const SEARCHES: [string, TestMember, string[]][] = [
      ["a member", member, [entry.json.id]],
      ["an administrator", admin, [entry.json.id]],
      ["an outsider", outsider, []],
      ["a guest", guest, []],
    ];
    for (const [name, who, ids] of SEARCHES) {
      const res = await api(`/api/v1/search?q=${word}`, { as: who });
      expect([name, res.json.items.map((h: any) => h.id)]).toEqual([name, ids]);
      const typed = await api(`/api/v1/search?q=${word}&type=faq`, { as: who });
      expect([name, typed.json.items.map((h: any) => h.id)]).toEqual([name, ids]);
    }
    const hit = (await api(`/api/v1/search?q=${word}`, { as: member })).json.items[0];
    expect(hit).toMatchObject({ type: "faq", title: "Can I get a standing desk?", groupId: group, postId: null, authorId: animator.id });
    expect(hit.snippet).toContain(`<mark>${word}</mark>`);
    // An outsider's and a guest's refusals on the entry itself: 404.
    await expectError(await api(`/api/v1/groups/${group}/faq`, { as: outsider }), 404, "not_found");
    await expectError(await api(`/api/v1/faq/${entry.json.id}`, { as: guest, method: "DELETE" }), 404, "not_found");
    // Edited away, it is no longer found by the old word.
    expect((await api(`/api/v1/faq/${entry.json.id}`, { as: animator, method: "PATCH", body: { answer: "Ask facilities." } })).status).toBe(200);
    expect((await api(`/api/v1/search?q=${word}`, { as: member })).json.items).toEqual([]);
  });

  it("turns an answered question into an entry: the accepted answer, else the first; 409 otherwise", async () => {
    const ask = async (title: string) => {
      // Asked as a post, made a question straight in D1: asking is the questions work's (API.md), not this file's.
      const res = await api(`/api/v1/groups/${group}/posts`, { as: member, body: { body: `${title} Details inside.` } });
      expect(res.status, res.text).toBe(201);
      await env.DB.prepare("UPDATE posts SET kind = 'question', title = ? WHERE id = ?").bind(title, res.json.id).run();
      return res.json.id as string;
    };
    const answer = async (post: string, as: TestMember, body: string) => (await api(`/api/v1/posts/${post}/comments`, { as, body: { body } })).json.id as string;
    const setQuestion = (post: string, fields: { first?: string; accepted?: string }) =>
      env.DB.prepare(
        "INSERT INTO questions (post_id, group_id, author_id, first_answer_id, accepted_comment_id, answered_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_id) DO UPDATE SET first_answer_id = excluded.first_answer_id, accepted_comment_id = excluded.accepted_comment_id",
      )
        .bind(post, group, member.id, fields.first ?? null, fields.accepted ?? null, fields.first ? Date.now() : null, Date.now())
        .run();

    const accepted = await ask("How do I export my contacts?");
    const a1 = await answer(accepted, other, "Use the **Export** menu.");
    const a2 = await answer(accepted, animator, "Settings, then _Export_, then CSV.");
    await setQuestion(accepted, { first: a1, accepted: a2 });
    const onlyFirst = await ask("Where is the training calendar?");
    const f1 = await answer(onlyFirst, other, "On the intranet's home page.");
    await setQuestion(onlyFirst, { first: f1 });
    const unanswered = await ask("Is there a mobile app?");
    await setQuestion(unanswered, {});
    const discussion = (await api(`/api/v1/groups/${group}/posts`, { as: member, body: { body: "Just chatting" } })).json.id as string;

    // [name, post, who, status, question, answer]
    const TABLE: [string, string, TestMember, number, string | null, string | null][] = [
      ["a member", accepted, member, 403, null, null],
      ["an outsider", accepted, outsider, 404, null, null],
      ["the accepted answer", accepted, animator, 201, "How do I export my contacts?", "Settings, then _Export_, then CSV."],
      ["the first answer", onlyFirst, admin, 201, "Where is the training calendar?", "On the intranet's home page."],
      ["no answer yet", unanswered, animator, 409, null, null],
      ["not a question", discussion, animator, 409, null, null],
    ];
    for (const [name, post, who, status, question, text] of TABLE) {
      const res = await api(`/api/v1/posts/${post}/faq`, { as: who, body: { section: "From questions" } });
      expect([name, res.status], res.text).toEqual([name, status]);
      if (status === 201) expect(res.json).toMatchObject({ question, answer: text, section: "From questions", sourcePostId: post, groupId: group });
    }
  });
});
