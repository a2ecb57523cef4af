import { Validator } from "@cfworker/json-schema";
import oas31 from "@seriousme/openapi-schema-validator/schemas/v3.1/schema.json";
import { describe, expect, it } from "vitest";
import { createApp, openApiDocument } from "../app";
import { checkedFetch, ORIGIN } from "../test/factories";
import { checkResponse, declaredRoute } from "../test/contract-check";

/**
 * The contract as a test: the served document is a valid OpenAPI 3.1 document, it lists every route the app serves
 * with who may call it and what it answers, and the response check that every route test runs through does refuse an
 * answer the contract does not declare.
 */

type Operation = { "x-access"?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; security?: unknown[] };

const app = createApp();
const doc = openApiDocument(app);
const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

describe("the OpenAPI document", () => {
  it("is served, and valid OpenAPI 3.1", async () => {
    const res = await checkedFetch(`${ORIGIN}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const served = await res.json<typeof doc>();
    expect(served.openapi).toBe("3.1.0");
    const result = new Validator(oas31 as object, "2020-12", false).validate(served);
    expect(result.errors.map((e) => `${e.instanceLocation} ${e.error}`).slice(0, 10)).toEqual([]);
    expect(result.valid).toBe(true);
    // Strict objects combined with allOf would describe answers no client could ever satisfy.
    expect(JSON.stringify(served)).not.toContain('"allOf"');
  });

  it("lists every route the app serves", () => {
    const documented = new Set(operations.map((o) => o.key));
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThan(80);
    expect(served.filter((r) => !documented.has(r)), "served routes missing from the document").toEqual([]);
    expect([...documented].filter((r) => !served.includes(r)), "documented routes the app does not serve").toEqual([]);
  });

  it("says for every operation who may call it, its success answer and its error answers in the error shape", () => {
    for (const { key, op } of operations) {
      expect(["public", "member", "admin"], `${key} x-access`).toContain(op["x-access"]);
      const statuses = Object.keys(op.responses);
      // A success answer: 2xx, or the 302 of the single sign-on redirects (which carry no body).
      expect(statuses.some((s) => /^2\d\d$/.test(s) || s === "302"), `${key} has a success answer`).toBe(true);
      for (const s of statuses.filter((s) => /^2\d\d$/.test(s) && s !== "204")) {
        expect(op.responses[s].content, `${key} ${s} has content`).toBeDefined();
      }
      for (const s of statuses.filter((s) => Number(s) >= 400)) {
        expect(op.responses[s].content?.["application/json"]?.schema, `${key} ${s}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
      if (op["x-access"] !== "public") expect(statuses, `${key} answers 401 without a session`).toContain("401");
      if (op["x-access"] === "admin") expect(statuses, `${key} answers 403 to non-admins`).toContain("403");
    }
  });
});

describe("the document's webhooks section", () => {
  it("has one POST per event of the webhook catalogue, each with the {type, timestamp, data} body and an example", async () => {
    const res = await checkedFetch(`${ORIGIN}/api/v1/openapi.json`);
    const served = await res.json<{ webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: any; example: any }> } } }> }>();
    expect(Object.keys(served.webhooks)).toEqual(["post.created", "comment.created", "reaction.changed", "member.joined", "member.left", "group.created", "group.updated", "webhook.test", "idea.created", "idea.supported", "idea.status_changed", "campaign.opened", "campaign.closed", "question.created", "question.answered", "question.accepted", "question.overdue"]);
    for (const [name, item] of Object.entries(served.webhooks)) {
      const body = item.post.requestBody.content["application/json"];
      expect(body.schema.required, name).toEqual(["type", "timestamp", "data"]);
      expect(body.schema.properties.type.const, name).toBe(name);
      expect(body.example.type, name).toBe(name);
      expect(Object.keys(body.example.data).sort(), name).toEqual(Object.keys(body.schema.properties.data.properties).sort());
    }
  });
});

describe("the response check of the tests", () => {
  const me = { id: "usr_x", handle: "x", name: "X", location: "", timezone: "UTC", avatarUrl: null, title: "", department: "", locale: "en", languages: [], phone: "", email: "", bio: "", bioHtml: "", hobbies: [], hotTopics: [], skills: [], role: "member", deactivated: false };
  const answer = { user: me, charterAccepted: true, currentCharter: null, can: { administer: false, createGroups: true, useCoffee: true } };

  it("finds the declared route, literal segments first", () => {
    expect(declaredRoute("GET", "/api/v1/users/facets")?.template).toBe("/api/v1/users/facets");
    expect(declaredRoute("GET", "/api/v1/users/usr_1")?.template).toBe("/api/v1/users/{id}");
    expect(declaredRoute("DELETE", "/api/v1/users/usr_1")).toBeUndefined();
  });

  it("accepts an answer of the contract", () => {
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 200, "application/json", JSON.stringify(answer))).not.toThrow();
  });

  it("refuses a field the contract does not declare, a missing field, a wrong type and an undeclared status", () => {
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 200, "application/json", JSON.stringify({ ...answer, extra: 1 }))).toThrow(/Unrecognized key/);
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 200, "application/json", JSON.stringify({ ...answer, user: { ...me, secret: "x" } }))).toThrow(/user/);
    const { charterAccepted: _, ...missing } = answer;
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 200, "application/json", JSON.stringify(missing))).toThrow(/charterAccepted/);
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 200, "application/json", JSON.stringify({ ...answer, charterAccepted: "yes" }))).toThrow(/charterAccepted/);
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 409, "application/json", JSON.stringify({ error: { code: "conflict", message: "x", requestId: "r" } }))).toThrow(/does not declare/);
    expect(() => checkResponse("POST", `${ORIGIN}/api/v1/charter/accept`, 204, null, "{}")).toThrow(/declares no body/);
  });

  it("refuses an error answer outside the error shape", () => {
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 401, "application/json", JSON.stringify({ error: { code: "unauthenticated", message: "x" } }))).toThrow(/requestId/);
    expect(() => checkResponse("GET", `${ORIGIN}/api/v1/me`, 401, "application/json", JSON.stringify({ error: { code: "nope", message: "x", requestId: "r" } }))).toThrow(/code/);
  });

  it("serves a docs page under the strict CSP", async () => {
    const res = await checkedFetch(`${ORIGIN}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(await res.text()).not.toMatch(/<script>(?!<\/script>)/);
  });
});
