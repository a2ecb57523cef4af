import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createGroup, createMember, expectError, tableCounts, type ApiResponse } from "../test/factories";

/**
 * Issue 15, "text that shows nothing": what a member types goes through the contract's one text normalisation, and a
 * required field left empty by it is refused. The unit tables are in worker/lib/normalise-text.test.ts.
 */

/** A 400 validation_failed naming `field`, with no row written by `call`. */
async function expectRefused(call: () => Promise<ApiResponse>, field: string) {
  const before = await tableCounts({ files: false });
  const res = await call();
  const error = await expectError(res, 400, "validation_failed");
  expect(error.details.map((d: { path: string }) => d.path)).toContain(field);
  expect(await tableCounts({ files: false }), "nothing written").toEqual(before);
}

describe("text that shows nothing is refused where it is required", () => {
  it.each([
    ["zero-width spaces", "\u200B\u200B\u200B"],
    ["a zero-width space and blank lines", "\u200B\n\n\u200B "],
    ["a lone surrogate", "half \uD800 a character"],
    ["5,000 combining marks", "a" + "\u0301".repeat(5000)],
  ])("a post body of %s: 400, no post", async (_name, body) => {
    const ana = await createMember();
    const group = await createGroup([{ user: ana }]);
    await expectRefused(() => api(`/api/v1/groups/${group}/posts`, { as: ana, body: { body } }), "body");
  });

  it.each([
    ["a zero-width space", "\u200B"],
    ["a right-to-left override", "\u202E"],
    ["a Hangul filler", "\u3164"],
    ["a lone surrogate", "Ada \uDC00"],
  ])("a display name of %s: 400, the name unchanged", async (_name, name) => {
    const ana = await createMember({ name: "Ana Before" });
    await expectRefused(() => api("/api/v1/me/profile", { as: ana, method: "PATCH", body: { name } }), "name");
    expect((await api(`/api/v1/users/${ana.id}`, { as: ana })).json.name).toBe("Ana Before");
  });

  it("a group named zero-width spaces and spaces: 400, no group", async () => {
    const ana = await createMember();
    await expectRefused(() => api("/api/v1/groups", { as: ana, body: { name: "\u200B\u200B  ", visibility: "open", kind: "community" } }), "name");
  });

  it("a coffee room titled a zero-width space: 400, no room", async () => {
    const ana = await createMember();
    await expectRefused(() => api("/api/v1/coffee/rooms", { as: ana, body: { title: "\u200B" } }), "title");
  });

  it("a comment of a bidi override only: 400, no comment", async () => {
    const ana = await createMember();
    const group = await createGroup([{ user: ana }]);
    const post = await api(`/api/v1/groups/${group}/posts`, { as: ana, body: { body: "A post" } });
    expect(post.status).toBe(201);
    await expectRefused(() => api(`/api/v1/posts/${post.json.id}/comments`, { as: ana, body: { body: "\u202E\u2066" } }), "body");
  });
});

describe("text is stored normalised", () => {
  it("removes NUL and invisible ends from a name, and bidi controls from a one-line field", async () => {
    const ana = await createMember();
    const res = await api("/api/v1/me/profile", { as: ana, method: "PATCH", body: { name: "\u200BAda\u0000 Lovelace\u200B", title: "\u202ELead\u0000 engineer" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Ada Lovelace", title: "Lead engineer" });
    const row = await env.DB.prepare("SELECT name, title FROM users WHERE id = ?").bind(ana.id).first();
    expect(row).toEqual({ name: "Ada Lovelace", title: "Lead engineer" });
  });

  it("keeps a post body's newlines and tabs but not its NUL", async () => {
    const ana = await createMember();
    const group = await createGroup([{ user: ana }]);
    const res = await api(`/api/v1/groups/${group}/posts`, { as: ana, body: { body: "First\u0000 line\n\n\tSecond line\u0000\r\n" } });
    expect(res.status).toBe(201);
    expect(res.json.body).toBe("First line\n\n\tSecond line");
    const row = await env.DB.prepare("SELECT body FROM posts WHERE id = ?").bind(res.json.id).first();
    expect(row).toEqual({ body: "First line\n\n\tSecond line" });
  });

  it("removes NUL from a group's name and a coffee room's title", async () => {
    const ana = await createMember();
    const group = await api("/api/v1/groups", { as: ana, body: { name: "Ops\u0000 guild\u200B", visibility: "open", kind: "community" } });
    expect(group.status).toBe(201);
    expect(group.json.name).toBe("Ops guild");
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Mor\u0000ning \u2066coffee\u2069" } });
    expect(room.status).toBe(201);
    expect(room.json.title).toBe("Morning coffee");
  });

  it("folds skills, hobbies, hot topics and languages: one entry per skill, in the spelling first given", async () => {
    const ana = await createMember();
    const res = await api("/api/v1/me/profile", {
      as: ana,
      method: "PATCH",
      body: {
        skills: ["Excel", "Excel\u200B", "excel", "Café", "cafe\u0301", "CAFE"],
        hobbies: ["Théâtre", "theatre", "Go"],
        hotTopics: ["Accessibility", " accessibility "],
        languages: ["Français", "francais", "English"],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ skills: ["Excel", "Café"], hobbies: ["Théâtre", "Go"], hotTopics: ["Accessibility"], languages: ["Français", "English"] });
  });

  it("shows one chip per skill of a profile stored before folding", async () => {
    const bea = await createMember({ profile: { skills: JSON.stringify(["Excel", "excel", "Excel\u200B", "Rust"]), hobbies: JSON.stringify(["Café", "cafe"]) } });
    const res = await api(`/api/v1/users/${bea.id}`, { as: await createMember() });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ skills: ["Excel", "Rust"], hobbies: ["Café"] });
  });

  it("shows one directory filter entry for skills stored before folding (case, accents, invisibles)", async () => {
    const tok = `fold${Date.now().toString(36)}`;
    await createMember({ profile: { skills: JSON.stringify([`Excel ${tok}`]), location: `Zürich ${tok}` } });
    await createMember({ profile: { skills: JSON.stringify([`excel ${tok}`]), location: `Zurich ${tok}` } });
    await createMember({ profile: { skills: JSON.stringify([`Excel ${tok}\u200B`]), location: `Zürich ${tok}` } });
    const viewer = await createMember();
    const facets = await api("/api/v1/users/facets", { as: viewer });
    expect(facets.status).toBe(200);
    expect(facets.json.skills.filter((s: string) => s.includes(tok))).toEqual([`Excel ${tok}`]);
    expect(facets.json.locations.filter((s: string) => s.includes(tok))).toEqual([`Zürich ${tok}`]);
  });

  it("normalises the names of a CSV import as a JSON field would be", async () => {
    const admin = await createMember({ role: "admin" });
    const email = `csv.${Date.now().toString(36)}@example.test`;
    const csv = `email,role,name\n${email},member,\u200BBen\u0000 Csv\u202E\n`;
    const res = await api("/api/v1/admin/invitations/bulk?dryRun=0", { as: admin, raw: csv, headers: { "Content-Type": "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.json.created).toMatchObject([{ email, role: "member" }]);
    const row = await env.DB.prepare("SELECT name FROM invitations WHERE email = ?").bind(email).first();
    expect(row).toEqual({ name: "Ben Csv" });
  });
});

describe("post kinds without their feature", () => {
  it.each(["idea", "event"])("refuses kind %s with 400 and writes nothing", async (kind) => {
    const ana = await createMember();
    const group = await createGroup([{ user: ana }]);
    await expectRefused(() => api(`/api/v1/groups/${group}/posts`, { as: ana, body: { body: "An idea", kind } }), "kind");
  });

  it("still takes a discussion", async () => {
    const ana = await createMember();
    const group = await createGroup([{ user: ana }]);
    const res = await api(`/api/v1/groups/${group}/posts`, { as: ana, body: { body: "Hello", kind: "discussion" } });
    expect(res.status).toBe(201);
    expect(res.json.kind).toBe("discussion");
  });
});
