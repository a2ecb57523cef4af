import { env } from "cloudflare:test";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createApp, openApiDocument } from "../app";
import { ACTOR_HINT_COOKIE } from "../middleware/auth";
import { weekStart } from "../services/coffee/availability";
import { api, createMember, PASSWORD, send, type ApiResponse, type TestMember } from "../test/factories";
import { PNG } from "../test/images";
import { fillPath, VALID_INPUT } from "../test/route-table";

/**
 * Every route's sequential D1 round trips (issue 13), measured from the `d1-trips` of its `Server-Timing` and compared
 * with the literal table below, so that a regression names its route. Each route is called once with its valid input
 * (worker/test/route-table.ts VALID_INPUT), by a caller who may: an administrator on administrators' routes, otherwise a
 * member who owns a fresh open group holding their post and a comment (the ids the path names are theirs), without a
 * session on public routes. The caller carries the cookies a browser holds after its first answer (the session's
 * hint). The aims: 1 for the hot reads, at most 2 for a write; the table records what is, today.
 *
 * A new route fails here until its row is added (one line: `"METHOD /api/v1/path": trips`).
 */
const TRIPS: Record<string, number> = {
  // The comment after each row is the status the route answered when measured: a 4xx (an id of the route table that
  // names nothing, a refusal) is measured on that path.
  "GET /api/health": 0, // 200
  "GET /api/docs": 0, // 200
  "GET /api/v1/setup": 1, // 200
  "POST /api/v1/setup": 0, // 403
  "POST /api/v1/auth/login": 2, // 401
  "POST /api/v1/auth/logout": 0, // 204
  "POST /api/v1/auth/accept-invitation": 1, // 404
  "GET /api/v1/me": 1, // 200
  "DELETE /api/v1/me": 2, // 401
  "PATCH /api/v1/me/profile": 2, // 200
  "PUT /api/v1/me/avatar": 2, // 200
  "GET /api/v1/charter": 2, // 404
  "POST /api/v1/charter/accept": 2, // 409
  "GET /api/v1/invitations/{token}": 1, // 404
  "GET /api/v1/users": 1, // 200
  "GET /api/v1/users/facets": 2, // 200
  "GET /api/v1/users/{id}": 2, // 200
  "GET /api/v1/files/avatars/{userId}/{fileId}": 1, // 404
  "GET /api/v1/files/covers/{groupId}/{fileId}": 2, // 404
  "GET /api/v1/files/{id}": 2, // 404
  "POST /api/v1/admin/charter": 2, // 201
  "GET /api/v1/admin/charter": 2, // 200
  "POST /api/v1/admin/invitations": 2, // 201
  "GET /api/v1/admin/invitations": 2, // 200
  "POST /api/v1/admin/invitations/bulk": 2, // 200
  "POST /api/v1/admin/users/{id}/deactivate": 2, // 204
  "POST /api/v1/admin/users/{id}/reactivate": 2, // 204
  "POST /api/v1/groups": 2, // 201
  "GET /api/v1/groups": 2, // 200
  "GET /api/v1/groups/{id}": 1, // 200
  "PATCH /api/v1/groups/{id}": 2, // 200
  "PUT /api/v1/groups/{id}/cover": 2, // 200
  "DELETE /api/v1/groups/{id}/cover": 1, // 200
  "POST /api/v1/groups/{id}/join": 2, // 200
  "POST /api/v1/groups/{id}/leave": 1, // 409
  "POST /api/v1/groups/{id}/members": 2, // 201
  "GET /api/v1/groups/{id}/members": 4, // 200
  "DELETE /api/v1/groups/{id}/members/{userId}": 2, // 204
  "PUT /api/v1/groups/{id}/notifications": 2, // 204
  "POST /api/v1/groups/{id}/read": 2, // 204
  "POST /api/v1/groups/{id}/posts": 1, // 400
  "GET /api/v1/groups/{id}/posts": 1, // 200
  "GET /api/v1/groups/{id}/reports": 4, // 200
  "GET /api/v1/groups/{id}/audit": 4, // 200
  "GET /api/v1/posts/{id}": 1, // 200
  "PATCH /api/v1/posts/{id}": 2, // 200
  "DELETE /api/v1/posts/{id}": 2, // 204
  "POST /api/v1/posts/{id}/comments": 2, // 201
  "GET /api/v1/posts/{id}/comments": 1, // 200
  "PUT /api/v1/posts/{id}/reactions/{kind}": 2, // 204
  "DELETE /api/v1/posts/{id}/reactions/{kind}": 2, // 204
  "POST /api/v1/posts/{id}/read": 2, // 204
  "PUT /api/v1/posts/{id}/rating": 1, // 400
  "PUT /api/v1/posts/{id}/pin": 2, // 204
  "DELETE /api/v1/posts/{id}/pin": 2, // 204
  "POST /api/v1/posts/{id}/report": 2, // 201
  "POST /api/v1/posts/{id}/hide": 2, // 204
  "POST /api/v1/posts/{id}/restore": 2, // 204
  "GET /api/v1/comments/{id}": 3, // 200
  "PATCH /api/v1/comments/{id}": 2, // 200
  "DELETE /api/v1/comments/{id}": 2, // 204
  "PUT /api/v1/comments/{id}/reactions/{kind}": 2, // 204
  "DELETE /api/v1/comments/{id}/reactions/{kind}": 2, // 204
  "POST /api/v1/comments/{id}/report": 2, // 201
  "POST /api/v1/comments/{id}/hide": 2, // 204
  "POST /api/v1/comments/{id}/restore": 2, // 204
  "GET /api/v1/feed": 1, // 200
  "GET /api/v1/search": 1, // 200
  "POST /api/v1/preview": 2, // 200
  "GET /api/v1/notifications": 1, // 200
  "GET /api/v1/notifications/unread": 2, // 200
  "POST /api/v1/notifications/read": 2, // 204
  "GET /api/v1/notifications/settings": 3, // 200
  "PUT /api/v1/notifications/quiet-hours": 2, // 204
  "POST /api/v1/uploads": 2, // 201
  "GET /api/v1/me/follows": 2, // 200
  "PUT /api/v1/me/follows/tags/{tag}": 2, // 200
  "DELETE /api/v1/me/follows/tags/{tag}": 2, // 200
  "PUT /api/v1/me/follows/members/{id}": 2, // 404
  "DELETE /api/v1/me/follows/members/{id}": 2, // 404
  "GET /api/v1/moderation/reports": 2, // 200
  "POST /api/v1/moderation/reports/{id}/dismiss": 2, // 404
  "GET /api/v1/moderation/audit": 2, // 200
  "POST /api/v1/coffee/pairings/{id}/outcome": 2, // 404
  "GET /api/v1/coffee/rooms": 1, // 200
  "POST /api/v1/coffee/rooms": 2, // 201
  "GET /api/v1/coffee/rooms/{id}/ticket": 2, // 404
  "GET /api/v1/me/coffee-pairing": 2, // 200
  "PUT /api/v1/me/coffee-pairing": 2, // 200
  "POST /api/v1/admin/coffee/pairing/run": 2, // 200
  "GET /api/v1/admin/coffee/connections": 2, // 200
  "POST /api/v1/admin/webhooks": 2, // 201
  "GET /api/v1/admin/webhooks": 2, // 200
  "GET /api/v1/admin/webhooks/{id}": 2, // 404
  "PATCH /api/v1/admin/webhooks/{id}": 2, // 404
  "DELETE /api/v1/admin/webhooks/{id}": 2, // 404
  "POST /api/v1/admin/webhooks/{id}/rotate": 2, // 404
  "POST /api/v1/admin/webhooks/{id}/test": 2, // 404
  "GET /api/v1/admin/webhooks/{id}/deliveries": 2, // 404
  "GET /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}": 2, // 404
  "POST /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/replay": 2, // 404
  "GET /api/v1/webhooks/events": 1, // 200
  "POST /api/v1/me/tokens": 2, // 201
  "GET /api/v1/me/tokens": 2, // 200
  "DELETE /api/v1/me/tokens/{id}": 2, // 404
  "POST /api/v1/groups/{id}/hooks": 1, // 400
  "GET /api/v1/groups/{id}/hooks": 4, // 200
  "DELETE /api/v1/groups/{id}/hooks/{hookId}": 1, // 404
  "POST /api/v1/hooks/{token}": 1, // 404
  "POST /api/v1/campaigns": 2, // 201
  "GET /api/v1/campaigns": 2, // 200
  "GET /api/v1/campaigns/{id}": 2, // 404
  "PATCH /api/v1/campaigns/{id}": 1, // 404
  "POST /api/v1/campaigns/{id}/ideas": 1, // 404
  "GET /api/v1/campaigns/{id}/ideas": 2, // 404
  "POST /api/v1/groups/{id}/ideas": 1, // 409
  "GET /api/v1/groups/{id}/ideas": 4, // 200
  "GET /api/v1/ideas/similar": 2, // 404
  "GET /api/v1/ideas/stats": 2, // 404
  "GET /api/v1/ideas/{id}": 2, // 404
  "PUT /api/v1/ideas/{id}/support": 1, // 404
  "DELETE /api/v1/ideas/{id}/support": 1, // 404
  "PATCH /api/v1/ideas/{id}/status": 1, // 404
  "POST /api/v1/ideas/{id}/merge": 1, // 404
  "GET /api/v1/questions": 3, // 200
  "PUT /api/v1/comments/{id}/vote": 1, // 404
  "DELETE /api/v1/comments/{id}/vote": 1, // 404
  "POST /api/v1/posts/{id}/accept": 1, // 404
  "GET /api/v1/groups/{id}/promise": 3, // 200
  "PUT /api/v1/groups/{id}/promise": 2, // 200
  "GET /api/v1/groups/{id}/support-members": 3, // 200
  "PUT /api/v1/groups/{id}/support-members": 1, // 400
  "GET /api/v1/groups/{id}/question-stats": 4, // 200
  "GET /api/v1/groups/{id}/faq": 3, // 200
  "POST /api/v1/groups/{id}/faq": 2, // 201
  "GET /api/v1/groups/{id}/library": 3, // 200
  "POST /api/v1/groups/{id}/library": 2, // 400
  "PATCH /api/v1/faq/{id}": 1, // 404
  "DELETE /api/v1/faq/{id}": 1, // 404
  "POST /api/v1/posts/{id}/faq": 1, // 409
  "GET /api/v1/library/{id}": 2, // 404
  "DELETE /api/v1/library/{id}": 1, // 404
  "POST /api/v1/library/{id}/versions": 1, // 404
  "GET /api/v1/library/{id}/download": 2, // 404
  "GET /api/v1/admin/sso": 2, // 200
  "PUT /api/v1/admin/sso": 2, // 200
  "GET /api/v1/auth/sso/domain": 1, // 200
  "GET /api/v1/auth/sso/start": 3, // 302
  "GET /api/v1/auth/sso/callback": 0, // 302
  "GET /api/v1/admin/members": 2, // 200
  "PATCH /api/v1/admin/members/{id}": 2, // 200
  "DELETE /api/v1/admin/members/{id}": 2, // 204
  "POST /api/v1/admin/invitations/{id}/resend": 2, // 404
  "GET /api/v1/admin/groups": 2, // 200
  "GET /api/v1/admin/settings": 2, // 200
  "PUT /api/v1/admin/settings": 2, // 200
  "POST /api/v1/admin/scim-tokens": 2, // 201
  "GET /api/v1/admin/scim-tokens": 2, // 200
  "DELETE /api/v1/admin/scim-tokens/{id}": 2, // 404
  "GET /api/v1/admin/audit": 2, // 200
  "GET /api/v1/network": 1, // 200
  "GET /api/v1/network/logo/{fileId}": 1, // 404
  "GET /api/v1/me/export": 5, // 200
  "POST /api/v1/office-hours": 2, // 201
  "GET /api/v1/office-hours": 2, // 200
  "GET /api/v1/office-hours/{id}": 2, // 404
  "DELETE /api/v1/office-hours/{id}": 1, // 404
  "GET /api/v1/openapi.json": 0, // 200
  "PUT /api/v1/posts/{id}/follow": 2, // 204
  "DELETE /api/v1/posts/{id}/follow": 2, // 204
  "PUT /api/v1/posts/{id}/mute": 2, // 204
  "DELETE /api/v1/posts/{id}/mute": 2, // 204
  "GET /api/v1/push/key": 1,
  "POST /api/v1/me/push-subscriptions": 2,
  "DELETE /api/v1/me/push-subscriptions/{id}": 2,
};

/** The reads a member makes on every page: the aim is one round trip each (session check and data together). */
const HOT_READS = [
  "GET /api/v1/me",
  "GET /api/v1/feed",
  "GET /api/v1/groups/{id}",
  "GET /api/v1/groups/{id}/posts",
  "GET /api/v1/posts/{id}",
  "GET /api/v1/posts/{id}/comments",
  "GET /api/v1/notifications",
  "GET /api/v1/search",
  "GET /api/v1/users",
];

type Operation = { key: string; method: string; path: string; access: "public" | "member" | "admin" };

const doc = openApiDocument(createApp());
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, { "x-access": Operation["access"] }>).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    access: op["x-access"],
  })),
);

/** What a route's ids name: the caller's own group, post and comment, or another member (as in `/admin/members/{id}`). */
type Fixture = { caller: TestMember; other: TestMember; group: string; post: string; comment: string };

async function fixture(role: "member" | "admin"): Promise<Fixture> {
  const [caller, other] = await Promise.all([createMember({ role }), createMember()]);
  const group = await api("/api/v1/groups", { as: caller, body: { name: "Round trips", description: "", visibility: "open", kind: "community" } });
  expect(group.status, group.text).toBe(201);
  const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: caller, body: { body: "A post sweep", tags: ["sweep"] } });
  expect(post.status, post.text).toBe(201);
  const comment = await api(`/api/v1/posts/${post.json.id}/comments`, { as: caller, body: { body: "A comment" } });
  expect(comment.status, comment.text).toBe(201);
  // The caller keeps the cookies a browser would: the hint of who the session is (worker/middleware/auth.ts).
  const hint = comment.headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`));
  expect(hint, "the answer gives the hint cookie").toBeDefined();
  return { caller: { ...caller, cookie: `${caller.cookie}; ${hint!.split(";")[0]}` }, other, group: group.json.id, post: post.json.id, comment: comment.json.id };
}

/** The path's parameters: the fixture's ids where the path names one, else the route table's, else a placeholder. */
function paramsFor(op: Operation, f: Fixture): Record<string, string> {
  const given = VALID_INPUT[op.key]?.params ?? {};
  const ids: Record<string, string> = {};
  if (/^\/api\/v1\/groups\/\{id\}/.test(op.path)) ids.id = f.group;
  if (/^\/api\/v1\/(posts|ideas)\/\{id\}/.test(op.path)) ids.id = f.post;
  if (/^\/api\/v1\/comments\/\{id\}/.test(op.path)) ids.id = f.comment;
  if (/^\/api\/v1\/(users|admin\/users|admin\/members)\/\{id\}/.test(op.path)) ids.id = f.other.id;
  if (op.path.includes("{userId}")) ids.userId = f.other.id;
  if (op.path.includes("{groupId}")) ids.groupId = f.group;
  return { ...given, ...ids };
}

/** The route's request: its path with ids, its valid query and body (JSON or raw), the fixture's ids inside them. */
function requestFor(op: Operation, f: Fixture) {
  const input = VALID_INPUT[op.key] ?? {};
  const swap = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll("grp_0000000000aaaaaaaaaaaaaaaa", f.group)
        .replaceAll("pst_0000000000aaaaaaaaaaaaaaaa", f.post)
        .replaceAll("cmt_0000000000aaaaaaaaaaaaaaaa", f.comment)
        .replaceAll("usr_0000000000aaaaaaaaaaaaaaaa", f.other.id),
    );
  const query = input.query ? `?${new URLSearchParams(swap(input.query) as Record<string, string>)}` : "";
  const path = fillPath(op.path, paramsFor(op, f)) + query;
  if (input.raw) return { path, raw: input.raw.body() as BodyInit, headers: { "Content-Type": input.raw.contentType } };
  const body = input.json ? swap(input.json) : undefined;
  // The comment's parent and the merge target: the fixture has one comment and one post, not two.
  if (op.key === "POST /api/v1/posts/{id}/comments" && body) body.parentId = f.comment;
  return { path, body };
}

const measured: Record<string, { trips: number; status: number }> = {};
const log = console.log.bind(console);

afterAll(() => {
  vi.restoreAllMocks();
  const differs = Object.entries(measured).filter(([key, m]) => TRIPS[key] !== m.trips);
  if (differs.length > 0) log(`round trips measured that differ from the table:\n${differs.map(([key, m]) => `  "${key}": ${m.trips}, // ${m.status}`).join("\n")}`);
});

describe("the round-trip table", () => {
  it("lists every route of the API, and no route that is gone", () => {
    const keys = new Set(operations.map((op) => op.key));
    expect(operations.filter((op) => !(op.key in TRIPS)).map((op) => op.key), "routes missing from the round-trip table").toEqual([]);
    expect(Object.keys(TRIPS).filter((key) => !keys.has(key)), "rows of routes that are gone").toEqual([]);
  });

  it.each(operations.map((op) => [op.key, op] as const))("%s", async (key, op) => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture(op.access === "admin" ? "admin" : "member");
    const req = requestFor(op, f);
    const res: ApiResponse = await send(req.path, { method: op.method, body: req.body, raw: req.raw, headers: req.headers, as: op.access === "public" ? null : f.caller });
    vi.restoreAllMocks();
    const trips = Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    measured[key] = { trips, status: res.status };
    expect(res.status, `${key}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    if (HOT_READS.includes(key)) expect(res.status, `${key} is a hot read, measured on its success: ${res.text.slice(0, 300)}`).toBe(200);
    expect(key in TRIPS, `${key} is missing from the round-trip table (measured: ${trips})`).toBe(true);
    expect(trips, `${key}: D1 round trips (answered ${res.status})`).toBe(TRIPS[key]);
  });
});

/**
 * The everyday writes the table measures on a refusal (an id that names nothing, input the fixture cannot satisfy),
 * measured here on their success, each row written by hand: a plain post, one with a mention, a question's answer voted and unvoted, an
 * idea of a group's box supported and withdrawn, a link rated, a group left (and an owner's leaving, refused then
 * allowed), by a member carrying the hint cookie.
 */
describe("the everyday writes, on their success", () => {
  it("answers each in its measured round trips", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("member");
    const voter = await createMember();
    const voterHint = (await api("/api/v1/me", { as: voter })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];
    const asVoter = { ...voter, cookie: `${voter.cookie}; ${voterHint}` };
    const tripsOf = (res: ApiResponse) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    const measure: Record<string, number> = {};

    const post = await send(`/api/v1/groups/${f.group}/posts`, { method: "POST", body: { body: "A plain post" }, as: f.caller });
    expect(post.status, post.text).toBe(201);
    measure["POST /groups/{id}/posts"] = tripsOf(post);
    // A post that mentions a reader of the group: they are told in the same batch.
    expect((await api(`/api/v1/groups/${f.group}/join`, { as: f.other, method: "POST" })).status).toBe(200);
    const mention = await send(`/api/v1/groups/${f.group}/posts`, { method: "POST", body: { body: `Hello @${f.other.handle}` }, as: f.caller });
    expect(mention.status, mention.text).toBe(201);
    measure["POST /groups/{id}/posts, a mention"] = tripsOf(mention);
    const told = await api("/api/v1/notifications", { as: f.other });
    expect(told.json.items.map((n: { kind: string; post: { id: string } }) => [n.kind, n.post.id])).toEqual([["mention", mention.json.id]]);

    const question = await api(`/api/v1/groups/${f.group}/posts`, { as: f.caller, body: { kind: "question", title: "Why?", body: "A question" } });
    expect(question.status, question.text).toBe(201);
    const answer = await api(`/api/v1/posts/${question.json.id}/comments`, { as: f.other, body: { body: "Because" } });
    expect(answer.status, answer.text).toBe(201);
    const vote = await send(`/api/v1/comments/${answer.json.id}/vote`, { method: "PUT", as: asVoter });
    expect(vote.status, vote.text).toBe(204);
    measure["PUT /comments/{id}/vote"] = tripsOf(vote);
    const unvote = await send(`/api/v1/comments/${answer.json.id}/vote`, { method: "DELETE", as: asVoter });
    expect(unvote.status, unvote.text).toBe(204);
    measure["DELETE /comments/{id}/vote"] = tripsOf(unvote);

    // The group's idea box, an idea of another member's in it, supported and withdrawn by a member of the group.
    expect((await api(`/api/v1/groups/${f.group}`, { as: f.caller, method: "PATCH", body: { ideaBox: true } })).status).toBe(200);
    expect((await api(`/api/v1/groups/${f.group}/join`, { as: voter, method: "POST" })).status).toBe(200);
    const idea = await api(`/api/v1/groups/${f.group}/ideas`, { as: f.other, body: { title: "An idea", body: "Let us" } });
    expect(idea.status, idea.text).toBe(201);
    const support = await send(`/api/v1/ideas/${idea.json.id}/support`, { method: "PUT", as: asVoter });
    expect(support.status, support.text).toBe(204);
    measure["PUT /ideas/{id}/support"] = tripsOf(support);
    const withdraw = await send(`/api/v1/ideas/${idea.json.id}/support`, { method: "DELETE", as: asVoter });
    expect(withdraw.status, withdraw.text).toBe(204);
    measure["DELETE /ideas/{id}/support"] = tripsOf(withdraw);
    // The idea's author edits it, then withdraws it (deletes its post) while it is still submitted.
    const otherHint = (await api("/api/v1/me", { as: f.other })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];
    const asOther = { ...f.other, cookie: `${f.other.cookie}; ${otherHint}` };
    const edited = await send(`/api/v1/posts/${idea.json.id}`, { method: "PATCH", body: { body: "Let us, then" }, as: asOther });
    expect(edited.status, edited.text).toBe(200);
    measure["PATCH /posts/{id}, an idea's author"] = tripsOf(edited);
    const withdrawn = await send(`/api/v1/posts/${idea.json.id}`, { method: "DELETE", as: asOther });
    expect(withdrawn.status, withdrawn.text).toBe(204);
    measure["DELETE /posts/{id}, an idea's author"] = tripsOf(withdrawn);

    // A link of the group's, rated by its reader: the answer is the post with its new rating.
    const link = await api(`/api/v1/groups/${f.group}/posts`, { as: f.other, body: { body: "Worth a read", kind: "link", title: "A link", url: "https://example.com/" } });
    expect(link.status, link.text).toBe(201);
    const rated = await send(`/api/v1/posts/${link.json.id}/rating`, { method: "PUT", body: { rating: 4 }, as: f.caller });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.json.rating).toEqual({ average: 4, count: 1, mine: 4 });
    measure["PUT /posts/{id}/rating"] = tripsOf(rated);

    // A member of the group leaves it.
    const left = await send(`/api/v1/groups/${f.group}/leave`, { method: "POST", as: asVoter });
    expect(left.status, left.text).toBe(204);
    measure["POST /groups/{id}/leave"] = tripsOf(left);

    vi.restoreAllMocks();
    expect(measure).toEqual({
      "POST /groups/{id}/posts": 2,
      "POST /groups/{id}/posts, a mention": 2,
      "PUT /comments/{id}/vote": 2,
      "DELETE /comments/{id}/vote": 2,
      "PUT /ideas/{id}/support": 2,
      "DELETE /ideas/{id}/support": 2,
      "PATCH /posts/{id}, an idea's author": 2,
      "DELETE /posts/{id}, an idea's author": 2,
      "PUT /posts/{id}/rating": 2,
      "POST /groups/{id}/leave": 2,
    });
  });

  it("lets an owner leave only when another owner stays, in the same round trips", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("member");
    const tripsOf = (res: ApiResponse) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    const alone = await send(`/api/v1/groups/${f.group}/leave`, { method: "POST", as: f.caller });
    expect(alone.status, alone.text).toBe(409);
    expect(alone.json.error.code).toBe("conflict");
    expect(tripsOf(alone)).toBe(1);
    expect((await api(`/api/v1/groups/${f.group}/members`, { as: f.caller, body: { userId: f.other.id, role: "owner" } })).status).toBe(201);
    const left = await send(`/api/v1/groups/${f.group}/leave`, { method: "POST", as: f.caller });
    vi.restoreAllMocks();
    expect(left.status, left.text).toBe(204);
    expect(tripsOf(left)).toBe(2);
    const members = await api(`/api/v1/groups/${f.group}/members`, { as: f.other });
    expect(members.json.items.map((m: { member: { id: string }; role: string }) => [m.member.id, m.role])).toEqual([[f.other.id, "owner"]]);
  });
});

/**
 * The group writes of issue 13's second part, measured on their success, each row written by hand: a member added to a
 * group by its owner and removed again (the table removes someone who is not in it), a cover set over another and
 * removed (the table removes none), an incoming hook made with an avatar and revoked (the table's are refused), by an
 * owner carrying the hint cookie.
 */
describe("the group writes, on their success", () => {
  it("answers each in its measured round trips", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("member");
    const tripsOf = (res: ApiResponse) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    const measure: Record<string, number> = {};

    const added = await send(`/api/v1/groups/${f.group}/members`, { method: "POST", body: { userId: f.other.id, role: "animator" }, as: f.caller });
    expect(added.status, added.text).toBe(201);
    expect(added.json).toEqual({ state: "member", role: "animator" });
    measure["POST /groups/{id}/members"] = tripsOf(added);
    const removed = await send(`/api/v1/groups/${f.group}/members/${f.other.id}`, { method: "DELETE", as: f.caller });
    expect(removed.status, removed.text).toBe(204);
    measure["DELETE /groups/{id}/members/{userId}, a member"] = tripsOf(removed);
    const members = await api(`/api/v1/groups/${f.group}/members`, { as: f.caller });
    expect(members.json.items.map((m: { member: { id: string } }) => m.member.id)).toEqual([f.caller.id]);

    const first = await send(`/api/v1/groups/${f.group}/cover`, { method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" }, as: f.caller });
    expect(first.status, first.text).toBe(200);
    const second = await send(`/api/v1/groups/${f.group}/cover`, { method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" }, as: f.caller });
    expect(second.status, second.text).toBe(200);
    expect(second.json.coverUrl).toMatch(new RegExp(`^/api/v1/files/covers/${f.group}/fil_`));
    expect(second.json.coverUrl).not.toBe(first.json.coverUrl);
    measure["PUT /groups/{id}/cover, over another"] = tripsOf(second);
    const uncovered = await send(`/api/v1/groups/${f.group}/cover`, { method: "DELETE", as: f.caller });
    expect(uncovered.status, uncovered.text).toBe(200);
    expect(uncovered.json.coverUrl).toBe(null);
    measure["DELETE /groups/{id}/cover, a cover"] = tripsOf(uncovered);

    // An incoming hook with an avatar (one of the owner's uploads), then revoked.
    const upload = await api("/api/v1/uploads?filename=bot.png", { as: f.caller, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(upload.status, upload.text).toBe(201);
    const hook = await send(`/api/v1/groups/${f.group}/hooks`, { method: "POST", body: { name: "CI", avatarUploadId: upload.json.id }, as: f.caller });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.json.avatarUrl).toBe(`/api/v1/files/avatars/${hook.json.id}/${upload.json.id}`);
    measure["POST /groups/{id}/hooks, with an avatar"] = tripsOf(hook);
    const revoked = await send(`/api/v1/groups/${f.group}/hooks/${hook.json.id}`, { method: "DELETE", as: f.caller });
    expect(revoked.status, revoked.text).toBe(204);
    measure["DELETE /groups/{id}/hooks/{hookId}"] = tripsOf(revoked);
    expect((await api(`/api/v1/groups/${f.group}/hooks`, { as: f.caller })).json.items).toEqual([]);

    vi.restoreAllMocks();
    expect(measure).toEqual({
      "POST /groups/{id}/members": 2,
      "DELETE /groups/{id}/members/{userId}, a member": 2,
      "PUT /groups/{id}/cover, over another": 2,
      "DELETE /groups/{id}/cover, a cover": 2,
      "POST /groups/{id}/hooks, with an avatar": 2,
      "DELETE /groups/{id}/hooks/{hookId}": 2,
    });
  });
});

/**
 * The identity and administrators' writes of issue 13's second part, measured on their success (and a sign-in on both
 * its answers), each row written by hand: a sign-in, refused then accepted; an erasure of one's own account, refused
 * by the sign-in throttle of its email (the failures of sign-ins elsewhere count), then done; the network's settings
 * saved with a new logo from an upload; each by a caller carrying the hint cookie when signed in.
 */
describe("the identity and administrators' writes, on their success", () => {
  it("answers each in its measured round trips", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("admin");
    const tripsOf = (res: ApiResponse) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    const hinted = async (m: TestMember) => {
      const hint = (await api("/api/v1/me", { as: m })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];
      return { ...m, cookie: `${m.cookie}; ${hint}` };
    };
    const measure: Record<string, number> = {};

    const refused = await send("/api/v1/auth/login", { method: "POST", body: { email: f.other.email, password: "not the password" } });
    expect(refused.status, refused.text).toBe(401);
    expect(refused.json.error.code).toBe("invalid_credentials");
    measure["POST /auth/login, refused"] = tripsOf(refused);
    const signedIn = await send("/api/v1/auth/login", { method: "POST", body: { email: f.other.email, password: PASSWORD } });
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(signedIn.json.user.id).toBe(f.other.id);
    measure["POST /auth/login"] = tripsOf(signedIn);

    // Five failed sign-ins with a member's email (from another address): their erasure's password check is throttled.
    const throttledMember = await hinted(await createMember());
    for (let i = 0; i < 5; i++) expect((await send("/api/v1/auth/login", { method: "POST", body: { email: throttledMember.email, password: "a guess" } })).status).toBe(401);
    const throttled = await send("/api/v1/me", { method: "DELETE", body: { password: PASSWORD }, as: throttledMember });
    expect(throttled.status, throttled.text).toBe(429);
    expect(throttled.json.error.code).toBe("rate_limited");
    measure["DELETE /me, throttled"] = tripsOf(throttled);
    const leaving = await hinted(await createMember());
    const erased = await send("/api/v1/me", { method: "DELETE", body: { password: PASSWORD }, as: leaving });
    expect(erased.status, erased.text).toBe(204);
    measure["DELETE /me"] = tripsOf(erased);
    expect((await api("/api/v1/me", { as: leaving })).status).toBe(401);

    const upload = await api("/api/v1/uploads?filename=logo.png", { as: f.caller, raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(upload.status, upload.text).toBe(201);
    const settings = await send("/api/v1/admin/settings", { method: "PUT", body: { ...VALID_INPUT["PUT /api/v1/admin/settings"].json, logoUploadId: upload.json.id }, as: f.caller });
    expect(settings.status, settings.text).toBe(200);
    expect(settings.json.logoUrl).toMatch(/^\/api\/v1\/network\/logo\/fil_/);
    expect(settings.json.updatedBy).toEqual({ id: f.caller.id, name: expect.any(String) });
    measure["PUT /admin/settings, a new logo"] = tripsOf(settings);

    vi.restoreAllMocks();
    expect(measure).toEqual({
      "POST /auth/login, refused": 2,
      "POST /auth/login": 2,
      "DELETE /me, throttled": 1,
      "DELETE /me": 2,
      "PUT /admin/settings, a new logo": 2,
    });
  });
});

/**
 * The writes of questions, ideas and the group's knowledge the table measures on a refusal, measured here on their
 * success, each row written by hand, by members carrying the hint cookie.
 */
describe("the writes of questions, ideas and knowledge, on their success", () => {
  it("answers each in its measured round trips", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("member");
    const hinted = async (m: TestMember): Promise<TestMember> => {
      const hint = (await api("/api/v1/me", { as: m })).headers.getSetCookie().find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!.split(";")[0];
      return { ...m, cookie: `${m.cookie}; ${hint}` };
    };
    const asOther = await hinted(f.other);
    const tripsOf = (res: ApiResponse) => Number(/d1-trips;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
    const measure: Record<string, number> = {};
    expect((await api(`/api/v1/groups/${f.group}/join`, { as: f.other, method: "POST" })).status).toBe(200);

    // A question of the caller's, answered first by another member: the question becomes answered in the same batch.
    const question = await api(`/api/v1/groups/${f.group}/posts`, { as: f.caller, body: { kind: "question", title: "Why?", body: "A question" } });
    expect(question.status, question.text).toBe(201);
    const answer = await send(`/api/v1/posts/${question.json.id}/comments`, { method: "POST", body: { body: "Because" }, as: asOther });
    expect(answer.status, answer.text).toBe(201);
    measure["POST /posts/{id}/comments, a question's first answer"] = tripsOf(answer);
    const answered = await api(`/api/v1/questions?groupId=${f.group}&state=answered`, { as: f.caller });
    expect(answered.json.items.map((q: { id: string; state: string }) => [q.id, q.state])).toEqual([[question.json.id, "answered"]]);
    // The asker accepts that answer: the answer is the question's new view.
    const accepted = await send(`/api/v1/posts/${question.json.id}/accept`, { method: "POST", body: { commentId: answer.json.id }, as: f.caller });
    expect(accepted.status, accepted.text).toBe(200);
    expect([accepted.json.id, accepted.json.acceptedCommentId, accepted.json.state, accepted.json.canAccept]).toEqual([question.json.id, answer.json.id, "answered", true]);
    measure["POST /posts/{id}/accept"] = tripsOf(accepted);
    // A campaign of the caller's group, changed by its animator.
    const campaign = await api("/api/v1/campaigns", { as: f.caller, body: { title: "A campaign", brief: "Ideas", startsAt: 1700000000000, endsAt: 4102444800000, groupId: f.group } });
    expect(campaign.status, campaign.text).toBe(201);
    const changed = await send(`/api/v1/campaigns/${campaign.json.id}`, { method: "PATCH", body: { title: "The campaign" }, as: f.caller });
    expect(changed.status, changed.text).toBe(200);
    expect([changed.json.id, changed.json.title, changed.json.state, changed.json.can]).toEqual([campaign.json.id, "The campaign", "open", { post: true, manage: true }]);
    measure["PATCH /campaigns/{id}"] = tripsOf(changed);
    // An idea posted into that campaign by another member, naming the caller; one into the group's box.
    const inCampaign = await send(`/api/v1/campaigns/${campaign.json.id}/ideas`, { method: "POST", body: { title: "An idea", body: `What @${f.caller.handle} said` }, as: asOther });
    expect(inCampaign.status, inCampaign.text).toBe(201);
    expect([inCampaign.json.campaignId, inCampaign.json.status, inCampaign.json.history.length, inCampaign.json.can.support]).toEqual([campaign.json.id, "submitted", 1, false]);
    measure["POST /campaigns/{id}/ideas"] = tripsOf(inCampaign);
    const told = await api("/api/v1/notifications", { as: f.caller });
    expect(told.json.items.filter((n: { kind: string }) => n.kind === "mention").map((n: { post: { id: string } }) => n.post.id)).toEqual([inCampaign.json.id]);
    expect((await api(`/api/v1/groups/${f.group}`, { as: f.caller, method: "PATCH", body: { ideaBox: true } })).status).toBe(200);
    const inBox = await send(`/api/v1/groups/${f.group}/ideas`, { method: "POST", body: { title: "Another idea", body: "Let us" }, as: asOther });
    expect(inBox.status, inBox.text).toBe(201);
    expect([inBox.json.boxGroupId, inBox.json.status]).toEqual([f.group, "submitted"]);
    measure["POST /groups/{id}/ideas"] = tripsOf(inBox);
    // The animator moves the campaign's idea along (its author is told), then merges a duplicate into it.
    const studied = await send(`/api/v1/ideas/${inCampaign.json.id}/status`, { method: "PATCH", body: { status: "studied", reason: "We look into it" }, as: f.caller });
    expect(studied.status, studied.text).toBe(200);
    expect([studied.json.status, studied.json.history.map((h: { status: string }) => h.status)]).toEqual(["studied", ["submitted", "studied"]]);
    measure["PATCH /ideas/{id}/status"] = tripsOf(studied);
    const heard = await api("/api/v1/notifications", { as: f.other });
    expect(heard.json.items.filter((n: { kind: string }) => n.kind === "idea_status").map((n: { post: { id: string } }) => n.post.id)).toEqual([inCampaign.json.id]);
    const duplicate = await api(`/api/v1/campaigns/${campaign.json.id}/ideas`, { as: f.other, body: { title: "The same idea", body: "Again" } });
    expect(duplicate.status, duplicate.text).toBe(201);
    const merged = await send(`/api/v1/ideas/${duplicate.json.id}/merge`, { method: "POST", body: { intoId: inCampaign.json.id }, as: f.caller });
    expect(merged.status, merged.text).toBe(200);
    expect([merged.json.id, merged.json.status]).toEqual([inCampaign.json.id, "studied"]);
    measure["POST /ideas/{id}/merge"] = tripsOf(merged);
    // The group's animator names the other member its support.
    const support = await send(`/api/v1/groups/${f.group}/support-members`, { method: "PUT", body: { userIds: [f.other.id] }, as: f.caller });
    expect(support.status, support.text).toBe(200);
    expect(support.json.items.map((u: { id: string }) => u.id)).toEqual([f.other.id]);
    measure["PUT /groups/{id}/support-members"] = tripsOf(support);
    // The group's FAQ: an entry written, one from the answered question before it, the first moved after it, deleted.
    const entry = await send(`/api/v1/groups/${f.group}/faq`, { method: "POST", body: { question: "How do I start?", answer: "Read the guide.", section: "Basics" }, as: f.caller });
    expect(entry.status, entry.text).toBe(201);
    expect([entry.json.section, entry.json.order]).toEqual(["Basics", 0]);
    measure["POST /groups/{id}/faq"] = tripsOf(entry);
    const fromQuestion = await send(`/api/v1/posts/${question.json.id}/faq`, { method: "POST", body: { section: "Basics", order: 0 }, as: f.caller });
    expect(fromQuestion.status, fromQuestion.text).toBe(201);
    expect([fromQuestion.json.question, fromQuestion.json.answer, fromQuestion.json.order, fromQuestion.json.sourcePostId]).toEqual(["Why?", "Because", 0, question.json.id]);
    measure["POST /posts/{id}/faq"] = tripsOf(fromQuestion);
    const movedEntry = await send(`/api/v1/faq/${entry.json.id}`, { method: "PATCH", body: { section: "First steps" }, as: f.caller });
    expect(movedEntry.status, movedEntry.text).toBe(200);
    expect([movedEntry.json.section, movedEntry.json.order]).toEqual(["First steps", 0]);
    measure["PATCH /faq/{id}"] = tripsOf(movedEntry);
    const deletedEntry = await send(`/api/v1/faq/${fromQuestion.json.id}`, { method: "DELETE", as: f.caller });
    expect(deletedEntry.status, deletedEntry.text).toBe(204);
    measure["DELETE /faq/{id}"] = tripsOf(deletedEntry);
    const faq = await api(`/api/v1/groups/${f.group}/faq`, { as: f.caller });
    expect(faq.json.items.map((e: { id: string; section: string; order: number }) => [e.id, e.section, e.order])).toEqual([[entry.json.id, "First steps", 0]]);
    // The group's library: another member's upload added, a new version of it by the caller, the item deleted.
    const upload = async (as: TestMember, text: string) => {
      const res = await api("/api/v1/uploads?filename=guide.txt", { as, raw: text, headers: { "Content-Type": "text/plain" } });
      expect(res.status, res.text).toBe(201);
      return res.json.id as string;
    };
    const item = await send(`/api/v1/groups/${f.group}/library`, { method: "POST", body: { uploadId: await upload(f.other, "The guide"), folder: "Guides", name: "The guide" }, as: asOther });
    expect(item.status, item.text).toBe(201);
    expect([item.json.name, item.json.folder, item.json.version, item.json.versions.map((v: { version: number; uploader: { id: string } }) => [v.version, v.uploader.id])]).toEqual(["The guide", "Guides", 1, [[1, f.other.id]]]);
    measure["POST /groups/{id}/library"] = tripsOf(item);
    const version = await send(`/api/v1/library/${item.json.id}/versions`, { method: "POST", body: { uploadId: await upload(f.caller, "The guide, again") }, as: f.caller });
    expect(version.status, version.text).toBe(201);
    expect([version.json.version, version.json.uploader.id, version.json.versions.map((v: { version: number; uploader: { id: string } }) => [v.version, v.uploader.id])]).toEqual([2, f.other.id, [[2, f.caller.id], [1, f.other.id]]]);
    measure["POST /library/{id}/versions"] = tripsOf(version);
    const gone = await send(`/api/v1/library/${item.json.id}`, { method: "DELETE", as: f.caller });
    expect(gone.status, gone.text).toBe(204);
    measure["DELETE /library/{id}"] = tripsOf(gone);
    expect((await api(`/api/v1/library/${item.json.id}`, { as: f.caller })).status).toBe(404);
    // Coffee pairing: the caller, paired this week with the other member (the rows written by hand), changes their hours.
    const week = weekStart(Date.now());
    await env.DB.batch([
      env.DB.prepare("INSERT INTO coffee_pairings (id, week, room_id, icebreaker, cross_department, created_at) VALUES ('cpr_trips', ?, 'cof_trips', ?, 1, ?)").bind(week, JSON.stringify({ sharedHobbies: ["chess"], hotTopics: [] }), Date.now()),
      env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES ('cpr_trips', ?, ?), ('cpr_trips', ?, ?)").bind(f.caller.id, week, f.other.id, week),
    ]);
    const hours = [{ day: 2, from: "10:00", to: "12:00" }];
    const pairing = await send("/api/v1/me/coffee-pairing", { method: "PUT", body: { optIn: true, hours }, as: f.caller });
    expect(pairing.status, pairing.text).toBe(200);
    expect(pairing.json).toMatchObject({ optIn: true, hours, leftOut: null, current: { id: "cpr_trips", week, roomId: "cof_trips", icebreaker: { sharedHobbies: ["chess"], hotTopics: [] }, outcome: null } });
    expect(pairing.json.current.partners.map((u: { id: string }) => u.id)).toEqual([f.other.id]);
    measure["PUT /me/coffee-pairing, paired"] = tripsOf(pairing);
    // An office hour scheduled by the other member in the group, cancelled by the group's animator (audited).
    const officeHour = await send("/api/v1/office-hours", { method: "POST", body: { groupId: f.group, topic: "CRM exports", startsAt: Date.now() + 24 * 3600_000, durationMinutes: 60 }, as: asOther });
    expect(officeHour.status, officeHour.text).toBe(201);
    expect([officeHour.json.groupId, officeHour.json.expert.id, officeHour.json.state, officeHour.json.canCancel]).toEqual([f.group, f.other.id, "scheduled", true]);
    measure["POST /office-hours"] = tripsOf(officeHour);
    const cancelled = await send(`/api/v1/office-hours/${officeHour.json.id}`, { method: "DELETE", as: f.caller });
    expect(cancelled.status, cancelled.text).toBe(204);
    measure["DELETE /office-hours/{id}"] = tripsOf(cancelled);
    expect((await api(`/api/v1/office-hours/${officeHour.json.id}`, { as: f.caller })).json.state).toBe("ended");

    vi.restoreAllMocks();
    expect(measure).toEqual({
      "POST /posts/{id}/comments, a question's first answer": 2,
      "POST /posts/{id}/accept": 2,
      "PATCH /campaigns/{id}": 2,
      "POST /campaigns/{id}/ideas": 2,
      "POST /groups/{id}/ideas": 2,
      "PATCH /ideas/{id}/status": 2,
      "POST /ideas/{id}/merge": 2,
      "PUT /groups/{id}/support-members": 2,
      "POST /groups/{id}/faq": 2,
      "POST /posts/{id}/faq": 2,
      "PATCH /faq/{id}": 2,
      "DELETE /faq/{id}": 2,
      "POST /groups/{id}/library": 2,
      "POST /library/{id}/versions": 2,
      "DELETE /library/{id}": 2,
      "PUT /me/coffee-pairing, paired": 2,
      "POST /office-hours": 2,
      "DELETE /office-hours/{id}": 2,
    });
  });
});

describe("a write that started as the wrong member", () => {
  it("answers as the session's member and writes nothing in the hinted one's name", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const f = await fixture("member");
    expect((await api(`/api/v1/groups/${f.group}/join`, { as: f.other, method: "POST" })).status).toBe(200);
    const campaign = await api("/api/v1/campaigns", { as: f.caller, body: { title: "A campaign", brief: "Ideas", startsAt: 1700000000000, endsAt: 4102444800000, groupId: f.group } });
    expect(campaign.status, campaign.text).toBe(201);
    // The other member's session, carrying the animator's hint (a forged or stale cookie).
    const hint = f.caller.cookie.split("; ").find((c) => c.startsWith(`${ACTOR_HINT_COOKIE}=`))!;
    const forged = { ...f.other, cookie: `${f.other.cookie}; ${hint}` };
    const changed = await send(`/api/v1/campaigns/${campaign.json.id}`, { method: "PATCH", body: { title: "Taken over" }, as: forged });
    vi.restoreAllMocks();
    expect(changed.status, changed.text).toBe(403);
    expect(changed.json.error.code).toBe("forbidden");
    expect((await api(`/api/v1/campaigns/${campaign.json.id}`, { as: f.caller })).json.title).toBe("A campaign");
  });
});
