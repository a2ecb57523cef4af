import type { ZodType } from "zod";
import { createApp } from "../app";

/**
 * The response check every route test runs through (`api` and `send` in factories.ts call it on every answer): the
 * answer's status must be one the contract declares for that route, and a JSON answer must match the declared schema,
 * which is strict — a field a view gains without the contract fails the test that received it.
 */

type Declared = { method: string; template: string; pattern: RegExp; literals: number; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

let declared: Declared[] | undefined;

function routesOfContract(): Declared[] {
  declared ??= createApp()
    .openAPIRegistry.definitions.flatMap((d) => (d.type === "route" ? [d.route] : []))
    .map((r) => {
      const segments = r.path.split("/").filter(Boolean);
      const pattern = new RegExp(`^/${segments.map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`);
      return { method: r.method.toUpperCase(), template: r.path, pattern, literals: segments.filter((s) => !s.startsWith("{")).length, responses: r.responses as Declared["responses"] };
    });
  return declared;
}

/** The declared route a request reaches (literal segments win over parameters, as the router decides). */
export function declaredRoute(method: string, path: string): Declared | undefined {
  return routesOfContract()
    .filter((r) => r.method === method && r.pattern.test(path))
    .sort((a, b) => b.literals - a.literals)[0];
}

const isZod = (s: unknown): s is ZodType => typeof (s as ZodType | undefined)?.safeParse === "function";

/** Throws, naming the route and the fields, when an answer is not what the contract declares. */
export function checkResponse(method: string, url: string, status: number, contentType: string | null, text: string): void {
  const path = new URL(url).pathname;
  if (!path.startsWith("/api/")) return; // the client's pages and the rooms are not API answers
  const route = declaredRoute(method, path);
  if (!route) {
    if (status === 404 || status === 405) return; // an unknown route answers the documented 404 (app.test.ts)
    throw new Error(`contract: ${method} ${path} answered ${status} but no declared route matches it`);
  }
  const response = route.responses[String(status)];
  if (!response) throw new Error(`contract: ${method} ${route.template} answered ${status}, which it does not declare (${Object.keys(route.responses).join(", ")})`);
  const schema = response.content?.["application/json"]?.schema;
  if (!response.content) {
    if (text !== "") throw new Error(`contract: ${method} ${route.template} ${status} declares no body but answered ${text.slice(0, 200)}`);
    return;
  }
  if (!isZod(schema)) return; // a file, an image, a page
  // A route that declares another media type beside JSON (the idea statistics' text/csv) may answer in it.
  if (Object.keys(response.content).some((t) => t !== "application/json" && (contentType ?? "").includes(t))) return;
  if (!(contentType ?? "").includes("application/json")) throw new Error(`contract: ${method} ${route.template} ${status} should answer JSON, answered ${contentType}`);
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}${"keys" in i ? ` ${JSON.stringify(i.keys)}` : ""}`).slice(0, 10);
    throw new Error(`contract: ${method} ${route.template} ${status} answer does not match its schema:\n  ${issues.join("\n  ")}`);
  }
}
