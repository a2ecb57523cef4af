import { describe, expect, it } from "vitest";
import { api, createMember, expectError, newCharterVersion, send, tableCounts, type ApiResponse, type TestMember } from "./factories";
import { PNG } from "./images";

/**
 * Route tables shared by the route tests: the auth checks every route shares (`describeCommonAuthFailures`), and one
 * valid request per route that takes input (`VALID_INPUT`), from which the bad-input sweep breaks one thing at a time.
 */

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A request a route accepts: its concrete path, and a JSON body or a raw one with its headers. */
export type BuiltRequest = { path: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string> };

/** One route under the common auth checks. */
export type RouteUnderTest = {
  method: Method;
  /** The route's pattern as the app declares it (`/api/v1/users/:id`). */
  route: string;
  /** public: no session needed; member: any signed-in member; admin: administrators only. */
  access: "public" | "member" | "admin";
  /** Usable while a newer charter waits for acceptance (API.md "Identity"). */
  charterExempt?: boolean;
  /** The status of a valid request. */
  ok: number;
  /** Builds a valid request for `caller`, creating whatever it needs first (data written before the checks count). */
  build: (caller: TestMember) => Promise<BuiltRequest>;
};

const MUTATIONS = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);
export const FOREIGN_ORIGIN = "https://evil.test";

function callerRole(route: RouteUnderTest) {
  return route.access === "admin" ? "admin" : "member";
}

async function sendBuilt(route: RouteUnderTest, req: BuiltRequest, options: { as?: TestMember | null; origin?: string | null; cookie?: string } = {}) {
  const headers = { ...req.headers, ...(options.cookie ? { Cookie: options.cookie } : {}) };
  return send(req.path, { method: route.method, body: req.body, raw: req.raw, headers, as: options.as ?? null, origin: options.origin });
}

/** Sends the request and asserts it was refused with `status`/`code` and that no table changed. */
async function expectRefusedWithoutWrites(run: () => Promise<ApiResponse>, status: number, code: string) {
  const before = await tableCounts();
  const res = await run();
  await expectError(res, status, code);
  expect(await tableCounts(), "a refused request writes nothing").toEqual(before);
  return res;
}

/**
 * The checks every route shares, from one table (unkey's style): the valid request works, from the network's own
 * origin and without Origin; a cross-origin mutation is refused and writes nothing; then, for routes that need a
 * session: no session, an unknown session, a deactivated member's session, a charter not yet accepted; and for admin
 * routes, a member and a guest.
 */
export function describeCommonAuthFailures(routes: RouteUnderTest[]) {
  describe.each(routes.map((r) => [`${r.method} ${r.route}`, r] as const))("%s", (_name, route) => {
    // A public route is called without a session, to show that it needs none.
    const as = (caller: TestMember) => (route.access === "public" ? null : caller);

    it(`answers ${route.ok} to a valid request from the network's own origin`, async () => {
      const caller = await createMember({ role: callerRole(route) });
      const req = await route.build(caller);
      const res = await sendBuilt(route, req, { as: as(caller) });
      expect(res.status, res.text.slice(0, 500)).toBe(route.ok);
    });

    if (MUTATIONS.has(route.method)) {
      it(`answers ${route.ok} without an Origin header (a non-browser client)`, async () => {
        const caller = await createMember({ role: callerRole(route) });
        const req = await route.build(caller);
        const res = await sendBuilt(route, req, { as: as(caller), origin: null });
        expect(res.status, res.text.slice(0, 500)).toBe(route.ok);
      });

      it("refuses a cross-origin request with 403 forbidden and writes nothing", async () => {
        const caller = await createMember({ role: callerRole(route) });
        const req = await route.build(caller);
        await expectRefusedWithoutWrites(() => sendBuilt(route, req, { as: caller, origin: FOREIGN_ORIGIN }), 403, "forbidden");
      });
    }

    if (route.access !== "public") {
      it("answers 401 unauthenticated without a session, and writes nothing", async () => {
        const req = await route.build(await createMember({ role: callerRole(route) }));
        await expectRefusedWithoutWrites(() => sendBuilt(route, req), 401, "unauthenticated");
      });

      it("answers 401 unauthenticated to an unknown session token", async () => {
        const req = await route.build(await createMember({ role: callerRole(route) }));
        await expectRefusedWithoutWrites(() => sendBuilt(route, req, { cookie: "comptoir_session=not-a-live-session-token-0000000000000000000" }), 401, "unauthenticated");
      });

      it("answers 401 unauthenticated to the existing session of a member deactivated since", async () => {
        const caller = await createMember({ role: callerRole(route) });
        const req = await route.build(caller);
        const admin = await createMember({ role: "admin" });
        const deactivated = await api(`/api/v1/admin/users/${caller.id}/deactivate`, { as: admin, method: "POST" });
        expect(deactivated.status).toBe(204);
        await expectRefusedWithoutWrites(() => sendBuilt(route, req, { as: caller }), 401, "unauthenticated");
      });

      if (route.charterExempt) {
        it(`still answers ${route.ok} while a newer charter waits for the caller's acceptance (exempt)`, async () => {
          const caller = await createMember({ role: callerRole(route) });
          await newCharterVersion(await createMember({ role: "admin" }), "# Charter\n\nA newer version.");
          const req = await route.build(caller);
          const res = await sendBuilt(route, req, { as: caller });
          expect(res.status, res.text.slice(0, 500)).toBe(route.ok);
        });
      } else {
        it("answers 403 charter_required while a newer charter waits for the caller's acceptance, and writes nothing", async () => {
          const caller = await createMember({ role: callerRole(route) });
          await newCharterVersion(await createMember({ role: "admin" }), "# Charter\n\nA newer version.");
          const req = await route.build(caller);
          const res = await expectRefusedWithoutWrites(() => sendBuilt(route, req, { as: caller }), 403, "charter_required");
          expect(res.json.error.details).toMatchObject({ version: expect.any(Number) });
        });
      }
    }

    if (route.access === "admin") {
      it.each(["member", "guest"] as const)("answers 403 forbidden to a %s, and writes nothing", async (role) => {
        const caller = await createMember({ role });
        const req = await route.build(await createMember({ role: "admin" }));
        await expectRefusedWithoutWrites(() => sendBuilt(route, req, { as: caller }), 403, "forbidden");
      });
    }
  });
}

/** Replaces `{name}` (OpenAPI) and `:name` (Hono) path parameters. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}|:(\w+)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return encodeURIComponent(params[name] ?? `${name}-sweep`);
  });
}

/** A raw-body route's valid body, and the bodies of its own kind that it refuses. */
export type RawInput = {
  contentType: string;
  body: () => Uint8Array;
  /** The route's own size limit in bytes. */
  maxBytes: number;
  /** Bodies the route must refuse, with the answer (and the field `details` names, for validation_failed). */
  refused: { name: string; contentType: string; body: () => Uint8Array | string; status: number; code: string; field?: string }[];
};

/** For one route that takes input: a request that passes validation, from which the sweep breaks one thing at a time. */
export type ValidInput = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: Record<string, unknown>;
  raw?: RawInput;
  /** Values the JSON schema cannot express (refinements), each refused with validation_failed on that field. */
  refined?: Record<string, unknown[]>;
};

const text = (s: string) => new TextEncoder().encode(s);
const SOME_GROUP = "grp_0000000000aaaaaaaaaaaaaaaa";
const SOME_USER = "usr_0000000000aaaaaaaaaaaaaaaa";
const SOME_POST = "pst_0000000000aaaaaaaaaaaaaaaa";
const SOME_COMMENT = "cmt_0000000000aaaaaaaaaaaaaaaa";
const SOME_FILE = "fil_0000000000aaaaaaaaaaaaaaaa";
const SOME_WEBHOOK = "whk_0000000000aaaaaaaaaaaaaaaa";
const SOME_CAMPAIGN = "cmp_0000000000aaaaaaaaaaaaaaaa";
const page = { limit: "10" };
const MALFORMED_AS_JSON = { name: "malformed JSON declared application/json", contentType: "application/json", body: () => '{"a":', status: 415, code: "unsupported_media_type" };

/** An image shown inline (an avatar, a group cover): the four raster types by their bytes, 2 MB at most. */
const INLINE_IMAGE: RawInput = {
  contentType: "image/png",
  body: () => PNG.slice(),
  maxBytes: 2 * 1024 * 1024,
  refused: [
    MALFORMED_AS_JSON,
    { name: "a text file declared image/png", contentType: "image/png", body: () => "just some text, not an image", status: 415, code: "unsupported_media_type" },
    { name: "an SVG declared image/png", contentType: "image/png", body: () => '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', status: 415, code: "unsupported_media_type" },
    { name: "an SVG declared image/svg+xml", contentType: "image/svg+xml", body: () => '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', status: 415, code: "unsupported_media_type" },
    { name: "a PDF declared image/png", contentType: "image/png", body: () => "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", status: 415, code: "unsupported_media_type" },
    { name: "an empty body", contentType: "image/png", body: () => "", status: 415, code: "unsupported_media_type" },
  ],
};

/**
 * Every route that takes a body or a query, keyed `METHOD /openapi/path`, with one valid request. The bad-input sweep
 * fails for a route that takes input and has no entry here, so a new route cannot be forgotten.
 */
export const VALID_INPUT: Record<string, ValidInput> = {
  "POST /api/v1/setup": { json: { token: "a-wrong-but-well-formed-token", email: "sweep.setup@example.test", name: "Sweep Setup", password: "a long enough password" } },
  "POST /api/v1/auth/login": { json: { email: "sweep.login@example.test", password: "whatever password" } },
  "POST /api/v1/auth/accept-invitation": { json: { token: "an-unknown-invitation-token", name: "Sweep Invitee", password: "a long enough password", charterVersion: 1 } },
  "PATCH /api/v1/me/profile": {
    json: {
      handle: "sweep.handle",
      name: "Sweep Member",
      title: "Engineer",
      department: "R&D",
      location: "Lyon",
      timezone: "Europe/Paris",
      locale: "fr",
      languages: ["French"],
      phone: "+33 1 23 45 67 89",
      bio: "Hello",
      hobbies: ["Climbing"],
      hotTopics: ["Accessibility"],
      skills: ["TypeScript"],
    },
    refined: { timezone: ["Mars/Olympus_Mons", ""] },
  },
  "PUT /api/v1/me/avatar": { raw: INLINE_IMAGE },
  "POST /api/v1/charter/accept": { json: { version: 1 } },
  "GET /api/v1/users": { query: { q: "sweep", skill: "TypeScript", department: "R&D", location: "Lyon", limit: "10" } },
  "POST /api/v1/admin/charter": { json: { body: "# Sweep charter" } },
  "GET /api/v1/admin/charter": { query: { limit: "10" } },
  "POST /api/v1/admin/invitations": { json: { email: "sweep.invite@example.test", role: "member", groupIds: [SOME_GROUP] } },
  "GET /api/v1/admin/invitations": { query: { limit: "10" } },
  "POST /api/v1/admin/invitations/bulk": {
    query: { dryRun: "0" },
    raw: {
      contentType: "text/csv",
      body: () => text("email,role,name\nsweep.bulk@example.test,member,Sweep Bulk\n"),
      maxBytes: 256 * 1024,
      refused: [
        MALFORMED_AS_JSON,
        { name: "CSV without the header row", contentType: "text/csv", body: () => "sweep.bulk@example.test,member,Sweep Bulk\n", status: 400, code: "validation_failed", field: "header" },
        { name: "CSV with an unclosed quote", contentType: "text/csv", body: () => 'email,role,name\n"sweep.bulk@example.test,member,Sweep\n', status: 400, code: "bad_request" },
        { name: "CSV over 1,000 lines", contentType: "text/csv", body: () => "email,role,name\n" + Array.from({ length: 1001 }, (_, i) => `sweep${i}@example.test,member,S`).join("\n"), status: 400, code: "validation_failed", field: "lines" },
      ],
    },
  },
  "POST /api/v1/admin/users/{id}/deactivate": { params: { id: SOME_USER } },
  "POST /api/v1/admin/users/{id}/reactivate": { params: { id: SOME_USER } },

  // Conversation (API.md "Conversation"): the same sweep, so that a new route cannot skip it.
  "POST /api/v1/groups": { json: { name: "Sweep group", description: "About sweeping", visibility: "open", kind: "community", rules: "Be nice", coverColor: "#0f5e5e" } },
  "GET /api/v1/groups": { query: { q: "sweep", kind: "community", mine: "0", ...page } },
  "PATCH /api/v1/groups/{id}": { params: { id: SOME_GROUP }, json: { name: "Sweep group", description: "About", rules: "Be nice", coverColor: "#0f5e5e", visibility: "private" } },
  "POST /api/v1/groups/{id}/members": { params: { id: SOME_GROUP }, json: { userId: SOME_USER, role: "member" } },
  "GET /api/v1/groups/{id}/members": { params: { id: SOME_GROUP }, query: { state: "member", ...page } },
  "PUT /api/v1/groups/{id}/cover": { params: { id: SOME_GROUP }, raw: INLINE_IMAGE },
  "PUT /api/v1/groups/{id}/notifications": { params: { id: SOME_GROUP }, json: { level: "all" } },
  "POST /api/v1/groups/{id}/posts": {
    params: { id: SOME_GROUP },
    json: { body: "Hello", kind: "link", attachmentIds: [SOME_FILE], title: "A link", url: "https://example.com/", tags: ["sweep"], mustRead: false },
    refined: { url: ["javascript:alert(1)", "ftp://example.com/file"] },
  },
  "GET /api/v1/groups/{id}/posts": { params: { id: SOME_GROUP }, query: { sort: "new", kind: "discussion", tag: "sweep", pinned: "0", ...page } },
  "GET /api/v1/groups/{id}/reports": { params: { id: SOME_GROUP }, query: { state: "open", ...page } },
  "GET /api/v1/groups/{id}/audit": { params: { id: SOME_GROUP }, query: page },
  "PATCH /api/v1/posts/{id}": { params: { id: SOME_POST }, json: { body: "Edited", title: "A title", url: "https://example.com/", tags: ["sweep"] }, refined: { url: ["javascript:alert(1)"] } },
  "POST /api/v1/posts/{id}/comments": { params: { id: SOME_POST }, json: { body: "A reply", parentId: SOME_COMMENT } },
  "GET /api/v1/posts/{id}/comments": { params: { id: SOME_POST }, query: page },
  "PUT /api/v1/posts/{id}/reactions/{kind}": { params: { id: SOME_POST, kind: "like" } },
  "DELETE /api/v1/posts/{id}/reactions/{kind}": { params: { id: SOME_POST, kind: "like" } },
  "PUT /api/v1/posts/{id}/rating": { params: { id: SOME_POST }, json: { rating: 4 } },
  "POST /api/v1/posts/{id}/report": { params: { id: SOME_POST }, json: { reason: "Spam, clearly" } },
  "POST /api/v1/preview": { json: { body: "**Bold** for @nobody", of: "post" } },
  "PATCH /api/v1/comments/{id}": { params: { id: SOME_COMMENT }, json: { body: "Edited reply" } },
  "PUT /api/v1/comments/{id}/reactions/{kind}": { params: { id: SOME_COMMENT, kind: "thanks" } },
  "DELETE /api/v1/comments/{id}/reactions/{kind}": { params: { id: SOME_COMMENT, kind: "thanks" } },
  "POST /api/v1/comments/{id}/report": { params: { id: SOME_COMMENT }, json: { reason: "Rude, clearly" } },
  "GET /api/v1/feed": { query: page },
  "GET /api/v1/search": { query: { q: "sweep", type: "post", groupId: SOME_GROUP, authorId: SOME_USER, ...page } },
  "GET /api/v1/notifications": { query: page },
  "POST /api/v1/notifications/read": { json: { ids: ["ntf_0000000000aaaaaaaaaaaaaaaa"] } },
  "PUT /api/v1/notifications/quiet-hours": {
    json: { quietHours: { from: "22:00", to: "07:00" } },
    refined: { quietHours: [{ from: "25:00", to: "07:00" }, { from: "22:00" }, { from: "22:00", to: "07:00", unknown: 1 }, {}] },
  },
  "POST /api/v1/uploads": {
    query: { filename: "notes.txt" },
    raw: {
      contentType: "text/plain",
      body: () => text("Some notes"),
      maxBytes: 25 * 1024 * 1024,
      refused: [
        { name: "text declared image/png", contentType: "image/png", body: () => "Some notes", status: 415, code: "unsupported_media_type" },
        { name: "an SVG declared image/png", contentType: "image/png", body: () => '<svg xmlns="http://www.w3.org/2000/svg"/>', status: 415, code: "unsupported_media_type" },
        { name: "a PNG declared application/pdf", contentType: "application/pdf", body: () => PNG.slice(), status: 415, code: "unsupported_media_type" },
        { name: "an empty file", contentType: "text/plain", body: () => "", status: 400, code: "validation_failed", field: "body" },
      ],
    },
  },
  "GET /api/v1/moderation/reports": { query: { state: "open", ...page } },
  "GET /api/v1/moderation/audit": { query: page },
  "POST /api/v1/coffee/rooms": { json: { title: "Morning coffee" } },
  "PUT /api/v1/me/coffee-pairing": {
    json: { optIn: true, hours: [{ day: 1, from: "12:00", to: "13:00" }] },
    refined: { hours: [[{ day: 7, from: "12:00", to: "13:00" }], [{ day: 1, from: "25:00", to: "13:00" }], [{ day: 1, from: "12:00" }], [{ day: 1, from: "12:00", to: "13:00", unknown: 1 }]] },
  },
  "GET /api/v1/admin/coffee/connections": { query: { from: "0", to: "1700000000000" } },
  "POST /api/v1/coffee/pairings/{id}/outcome": { params: { id: "cpr_0000000000aaaaaaaaaaaaaaaa" }, json: { outcome: "met" } },

  // Outgoing webhooks (API.md "Integrations"). The URL's refusals (destination.ts) are the service's, on the field.
  "POST /api/v1/admin/webhooks": {
    json: { url: "https://hooks.example.com/comptoir", description: "Sweep", events: ["post.created", "member.joined"], groupIds: [] },
    refined: { url: ["http://hooks.example.com/", "https://127.0.0.1/", "https://localhost/", "https://169.254.169.254/", "not a url"] },
  },
  "GET /api/v1/admin/webhooks": { query: page },
  "PATCH /api/v1/admin/webhooks/{id}": { params: { id: SOME_WEBHOOK }, json: { url: "https://hooks.example.com/other", description: "Sweep", events: ["comment.created"], groupIds: [], enabled: true } },
  "GET /api/v1/admin/webhooks/{id}/deliveries": { params: { id: SOME_WEBHOOK }, query: page },
  // Integrations: API tokens and incoming hooks (issue 9).
  "POST /api/v1/me/tokens": { json: { name: "Sweep token", scopes: ["read", "write"], expiresAt: 4102444800000 }, refined: { expiresAt: [1] } },
  "POST /api/v1/groups/{id}/hooks": { params: { id: SOME_GROUP }, json: { name: "Sweep hook", avatarUploadId: SOME_FILE } },
  // Slack-compatible: unknown fields are ignored (the sweep's unknown-field case applies to strict bodies only).
  "POST /api/v1/hooks/{token}": { params: { token: "sweep-hook-secret" }, json: { text: "Build 42 passed" } },
  // Ideas (issue 10). A campaign's window is checked by the service (endsAt after startsAt: validation_failed on endsAt).
  "POST /api/v1/campaigns": { json: { title: "Sweep campaign", brief: "Ideas, please", startsAt: 1700000000000, endsAt: 4102444800000, groupId: SOME_GROUP, supportLimit: 3 } },
  "GET /api/v1/campaigns": { query: { state: "open", groupId: SOME_GROUP, ...page } },
  "PATCH /api/v1/campaigns/{id}": { params: { id: SOME_CAMPAIGN }, json: { title: "Sweep campaign", brief: "More ideas", startsAt: 1700000000000, endsAt: 4102444800000, supportLimit: null } },
  "POST /api/v1/campaigns/{id}/ideas": { params: { id: SOME_CAMPAIGN }, json: { title: "An idea", body: "Let us do it", tags: ["sweep"], attachmentIds: [SOME_FILE] } },
  "GET /api/v1/campaigns/{id}/ideas": { params: { id: SOME_CAMPAIGN }, query: { sort: "new", status: "submitted", ...page } },
  "POST /api/v1/groups/{id}/ideas": { params: { id: SOME_GROUP }, json: { title: "An idea", body: "Let us do it", tags: ["sweep"], attachmentIds: [SOME_FILE] } },
  "GET /api/v1/groups/{id}/ideas": { params: { id: SOME_GROUP }, query: { sort: "discussed", status: "studied", ...page } },
  "GET /api/v1/ideas/similar": { query: { q: "sweep idea", campaignId: SOME_CAMPAIGN, limit: "5" } },
  "GET /api/v1/ideas/stats": { query: { campaignId: SOME_CAMPAIGN, from: "0", to: "4102444800000", by: "site", format: "json" } },
  "PATCH /api/v1/ideas/{id}/status": { params: { id: SOME_POST }, json: { status: "studied", reason: "We look into it" } },
  "POST /api/v1/ideas/{id}/merge": { params: { id: SOME_POST }, json: { intoId: SOME_POST } },
  // Questions (issue 11). A promise's cross-field rules (business hours need their days, times and zone) are the schema's.
  "GET /api/v1/questions": { query: { state: "unanswered", groupId: SOME_GROUP, tag: "sweep", mine: "1", officeHourId: "ofh_0000000000aaaaaaaaaaaaaaaa", ...page } },
  "POST /api/v1/posts/{id}/accept": { params: { id: SOME_POST }, json: { commentId: SOME_COMMENT } },
  "PUT /api/v1/groups/{id}/promise": {
    params: { id: SOME_GROUP },
    json: { mode: "business", hours: 4.5, days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" },
    refined: { timezone: ["Mars/Olympus_Mons"], closes: ["08:00"], days: [[1, 1]] },
  },
  "PUT /api/v1/groups/{id}/support-members": { params: { id: SOME_GROUP }, json: { userIds: [SOME_USER] } },
  "GET /api/v1/groups/{id}/question-stats": { params: { id: SOME_GROUP }, query: { from: "0", to: "4102444800000" } },
  // Single sign-on (issue 12).
  "PUT /api/v1/admin/sso": { json: { issuer: "https://login.example.test/tenant/v2.0", clientId: "comptoir-network", domains: ["sso.example.test"], jit: true, mandatory: false } },
  "GET /api/v1/auth/sso/start": { query: { email: "sweep.sso@sso.example.test", returnTo: "/groups" } },
  "GET /api/v1/auth/sso/domain": { query: { email: "sweep.sso@sso.example.test", returnTo: "/groups" } },
  // Admin console (issue 12): members, groups, settings, SCIM tokens, the audit log.
  "GET /api/v1/admin/members": { query: { q: "sweep", role: "member", status: "active", department: "R&D", ...page } },
  "PATCH /api/v1/admin/members/{id}": { params: { id: SOME_USER }, json: { role: "guest" } },
  "POST /api/v1/admin/invitations/{id}/resend": { params: { id: "inv_0000000000aaaaaaaaaaaaaaaa" } },
  "GET /api/v1/admin/groups": { query: { q: "sweep", visibility: "secret", ...page } },
  "PUT /api/v1/admin/settings": {
    json: {
      name: "Sweep network",
      colour: "#0f5e5e",
      defaultLocale: "fr",
      defaultPromise: { mode: "business", hours: 8, days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" },
      erasure: "anonymise",
      retention: { chatDays: 365, notificationDays: 180, auditDays: 1825, deliveryDays: 30 },
    },
    refined: { defaultPromise: [{ mode: "calendar" }, { mode: "business", hours: 8 }, { mode: "business", hours: 8, days: [1], opens: "18:00", closes: "09:00", timezone: "Europe/Paris" }] },
  },
  "POST /api/v1/admin/scim-tokens": { json: { name: "Sweep IdP" } },
  "DELETE /api/v1/admin/scim-tokens/{id}": { params: { id: "sct_0000000000aaaaaaaaaaaaaaaa" } },
  "GET /api/v1/admin/audit": { query: { actorId: SOME_USER, action: "member.role", targetId: SOME_USER, from: "0", to: "4102444800000", format: "json", ...page } },
  // The member's own data (issue 12): erasure takes the password (a wrong one here: the sweep never erases its caller).
  "DELETE /api/v1/me": { json: { password: "not the caller's password" } },
  "DELETE /api/v1/admin/members/{id}": { params: { id: SOME_USER } },
  // FAQ and library (issue 11). A folder is one level: a "/" in its name is the refinement.
  "GET /api/v1/groups/{id}/faq": { params: { id: SOME_GROUP }, query: page },
  "POST /api/v1/groups/{id}/faq": { params: { id: SOME_GROUP }, json: { question: "How do I start?", answer: "Read the **guide**.", section: "Basics", order: 0 } },
  "PATCH /api/v1/faq/{id}": { params: { id: "faq_0000000000aaaaaaaaaaaaaaaa" }, json: { question: "How do I start?", answer: "Read the guide.", section: "Basics", order: 1 } },
  "POST /api/v1/posts/{id}/faq": { params: { id: SOME_POST }, json: { section: "From questions", order: 0 } },
  "GET /api/v1/groups/{id}/library": { params: { id: SOME_GROUP }, query: { folder: "Guides", ...page }, refined: { folder: ["Guides/CRM"] } },
  "POST /api/v1/groups/{id}/library": { params: { id: SOME_GROUP }, json: { uploadId: SOME_FILE, folder: "Guides", name: "CRM guide" }, refined: { folder: ["Guides/CRM"] } },
  "POST /api/v1/library/{id}/versions": { params: { id: "lib_0000000000aaaaaaaaaaaaaaaa" }, json: { uploadId: SOME_FILE } },
  "GET /api/v1/library/{id}/download": { params: { id: "lib_0000000000aaaaaaaaaaaaaaaa" }, query: { version: "2" } },
  // Expert office hours (issue 11). The start window (five minutes ago to a year ahead) is the service's, on startsAt.
  "POST /api/v1/office-hours": { json: { groupId: SOME_GROUP, topic: "CRM exports", startsAt: Date.now() + 24 * 3600_000, durationMinutes: 60 }, refined: { startsAt: [1, 4102444800000] } },
  "GET /api/v1/office-hours": { query: { groupId: SOME_GROUP, state: "scheduled", ...page } },
  // Web push (issue 14): the endpoint's address rules (https, a public host) and the key's curve are the service's.
  "POST /api/v1/me/push-subscriptions": {
    json: {
      endpoint: "https://push.example.com/sweep",
      expirationTime: null,
      keys: { p256dh: "BHe3UWErLSvUOfcIRnT5WsbS8gmnkWtQmJQPz0wID1KzyMKM1qTcKKaGqo8uHw7-hSqc0ID8i_eUl0qUBLrNfX0", auth: "_LSUWyxoSpT_Q1iIKTwdrA" },
    },
    refined: { endpoint: ["http://push.example.com/sweep", "https://127.0.0.1/x", "https://10.1.2.3/x", "https://push.localhost/x", "not a url"] },
  },
};
