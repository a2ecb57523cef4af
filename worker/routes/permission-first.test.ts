import { beforeAll, describe, expect, it } from "vitest";
import { api, createGroup, createMember, expectError, send, tableCounts, type TestMember } from "../test/factories";

/**
 * Issue 15, "the permission check comes first on every route": on the routes whose permission depends on the resource
 * the path names (a group's animators, a post's author, taking part in a group), a caller who sees the resource but may
 * not act on it gets 403 before any input is read (define's `gate`). The same bad input from someone who may act is
 * refused as bad input, which shows it was bad indeed.
 *
 * Written out by hand, one row per gated route: who lacks the right, who has it, and the bad input.
 */

type Who = "member" | "outsider" | "admin" | "owner";
type Bad = { query?: string; raw?: string; type?: string; kind?: string };
type Row = { method: string; path: (f: Fixture) => string; bad: Bad; lacks: Who; has: Who; hasAnswers: 400 | 415 };

const MALFORMED: Bad = { raw: '{"name": ', type: "application/json" };
const BAD_QUERY: Bad = { query: "?limit=abc&bogus=1" };

type Fixture = { people: Record<Who, TestMember>; open: string; secretive: string; post: string; privatePost: string; comment: string; privateComment: string; campaign: string; idea: string; question: string; faq: string; libraryItem: string; officeHour: string };

const ROWS: Row[] = [
  { method: "PATCH", path: (f) => `/groups/${f.open}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/groups/${f.open}/cover`, bad: { raw: "not an image", type: "text/plain" }, lacks: "member", has: "owner", hasAnswers: 415 },
  { method: "POST", path: (f) => `/groups/${f.open}/members`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.secretive}/members`, bad: BAD_QUERY, lacks: "outsider", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/groups/${f.open}/notifications`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "POST", path: (f) => `/groups/${f.open}/posts`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.secretive}/posts`, bad: BAD_QUERY, lacks: "outsider", has: "owner", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.open}/reports`, bad: BAD_QUERY, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.open}/audit`, bad: BAD_QUERY, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PATCH", path: (f) => `/posts/${f.post}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "POST", path: (f) => `/posts/${f.privatePost}/comments`, bad: MALFORMED, lacks: "admin", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/posts/${f.privatePost}/reactions/zz`, bad: {}, lacks: "admin", has: "owner", hasAnswers: 400 },
  { method: "DELETE", path: (f) => `/posts/${f.privatePost}/reactions/zz`, bad: {}, lacks: "admin", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/posts/${f.privatePost}/rating`, bad: MALFORMED, lacks: "admin", has: "owner", hasAnswers: 400 },
  { method: "PATCH", path: (f) => `/comments/${f.comment}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/comments/${f.privateComment}/reactions/zz`, bad: {}, lacks: "admin", has: "owner", hasAnswers: 400 },
  { method: "DELETE", path: (f) => `/comments/${f.privateComment}/reactions/zz`, bad: {}, lacks: "admin", has: "owner", hasAnswers: 400 },
  // Integrations: a group's incoming hooks (issue 9).
  { method: "POST", path: (f) => `/groups/${f.open}/hooks`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "DELETE", path: (f) => `/groups/${f.open}/hooks/hok_0000000000aaaaaaaaaaaaaaaa`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  // Ideas (issue 10): the open group's campaign (run by its owner) and an idea of the owner's in it.
  { method: "PATCH", path: (f) => `/campaigns/${f.campaign}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "POST", path: (f) => `/campaigns/${f.campaign}/ideas`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "POST", path: (f) => `/groups/${f.open}/ideas`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.secretive}/ideas`, bad: BAD_QUERY, lacks: "outsider", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/ideas/${f.idea}/support`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "DELETE", path: (f) => `/ideas/${f.idea}/support`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "PATCH", path: (f) => `/ideas/${f.idea}/status`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "POST", path: (f) => `/ideas/${f.idea}/merge`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  // Questions (issue 11): the owner's question in the open group; its promise, support members and figures.
  { method: "POST", path: (f) => `/posts/${f.question}/accept`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/groups/${f.open}/promise`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PUT", path: (f) => `/groups/${f.open}/support-members`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "GET", path: (f) => `/groups/${f.open}/question-stats`, bad: BAD_QUERY, lacks: "member", has: "owner", hasAnswers: 400 },
  // FAQ and library (issue 11): the open group's FAQ entry (by its owner) and a library item of the owner's.
  { method: "POST", path: (f) => `/groups/${f.open}/faq`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "PATCH", path: (f) => `/faq/${f.faq}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "POST", path: (f) => `/posts/${f.post}/faq`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
  { method: "POST", path: (f) => `/groups/${f.open}/library`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  { method: "POST", path: (f) => `/library/${f.libraryItem}/versions`, bad: MALFORMED, lacks: "outsider", has: "member", hasAnswers: 400 },
  // Expert office hours (issue 11): the owner's session in the open group; the member sees it and may not cancel it.
  { method: "DELETE", path: (f) => `/office-hours/${f.officeHour}`, bad: MALFORMED, lacks: "member", has: "owner", hasAnswers: 400 },
];

let f: Fixture;

beforeAll(async () => {
  const people: Record<Who, TestMember> = { owner: await createMember(), member: await createMember(), outsider: await createMember(), admin: await createMember({ role: "admin" }) };
  // An open group the owner runs and the member joined; a private one with the owner only (its role there: member).
  const open = (await api("/api/v1/groups", { as: people.owner, body: { name: "Gated group", description: "", visibility: "open", kind: "community" } })).json.id as string;
  expect((await api(`/api/v1/groups/${open}/join`, { as: people.member, method: "POST" })).status).toBe(200);
  const secretive = await createGroup([{ user: people.owner }], "Gated private group");
  const post = (await api(`/api/v1/groups/${open}/posts`, { as: people.owner, body: { body: "The owner's post" } })).json.id as string;
  const privatePost = (await api(`/api/v1/groups/${secretive}/posts`, { as: people.owner, body: { body: "A private post" } })).json.id as string;
  const comment = (await api(`/api/v1/posts/${post}/comments`, { as: people.owner, body: { body: "The owner's comment" } })).json.id as string;
  const privateComment = (await api(`/api/v1/posts/${privatePost}/comments`, { as: people.owner, body: { body: "A private comment" } })).json.id as string;
  for (const id of [open, secretive, post, privatePost, comment, privateComment]) expect(id).toMatch(/^[a-z]{3}_[0-9a-z]{26}$/);
  const campaign = (await api("/api/v1/campaigns", { as: people.owner, body: { title: "Gated campaign", brief: "", groupId: open, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3600_000 } })).json.id as string;
  const idea = (await api(`/api/v1/campaigns/${campaign}/ideas`, { as: people.owner, body: { title: "Gated idea", body: "The owner's idea" } })).json.id as string;
  const question = (await api(`/api/v1/groups/${open}/posts`, { as: people.owner, body: { kind: "question", title: "Gated question", body: "The owner asks" } })).json.id as string;
  const faq = (await api(`/api/v1/groups/${open}/faq`, { as: people.owner, body: { question: "Gated?", answer: "Yes." } })).json.id as string;
  const uploaded = (await api("/api/v1/uploads?filename=gated.txt", { as: people.owner, raw: "Gated", headers: { "Content-Type": "text/plain" } })).json.id as string;
  const libraryItem = (await api(`/api/v1/groups/${open}/library`, { as: people.owner, body: { uploadId: uploaded } })).json.id as string;
  const officeHour = (await api("/api/v1/office-hours", { as: people.owner, body: { groupId: open, topic: "Gated hour", startsAt: Date.now() + 3600_000, durationMinutes: 30 } })).json.id as string;
  f = { people, open, secretive, post, privatePost, comment, privateComment, campaign, idea, question, faq, libraryItem, officeHour };
});

function call(row: Row, who: Who) {
  const path = `/api/v1${row.path(f)}${row.bad.query ?? ""}`;
  return send(path, { method: row.method, as: f.people[who], ...(row.bad.raw !== undefined ? { raw: row.bad.raw, headers: { "Content-Type": row.bad.type! } } : {}) });
}

describe("permission before input on the routes of a group, a post or a comment", () => {
  it.each(ROWS.map((r) => [`${r.method} ${r.path({ open: "{group}", secretive: "{private group}", post: "{post}", privatePost: "{private post}", comment: "{comment}", privateComment: "{private comment}", campaign: "{campaign}", idea: "{idea}", question: "{question}", faq: "{faq}", libraryItem: "{library item}", officeHour: "{office hour}" } as Fixture)}`, r] as const))(
    "%s: 403 with bad input for whoever may not act; the same input is refused as bad for whoever may",
    async (_name, row) => {
      const before = await tableCounts({ files: false });
      await expectError(await call(row, row.lacks), 403, "forbidden");
      expect(await tableCounts({ files: false }), "a refused request writes nothing").toEqual(before);
      expect((await call(row, row.has)).status).toBe(row.hasAnswers);
    },
  );
});
