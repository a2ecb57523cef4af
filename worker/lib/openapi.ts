import type { Hono } from "hono";
import { z } from "zod";

const SPEC = Symbol("openapi");

export type OperationSpec = {
  summary?: string;
  tag?: string;
  /** Who may call it, in words, shown in the docs. */
  auth?: "public" | "member" | "admin";
  body?: z.ZodType;
  query?: z.ZodType;
  /** Raw (non-JSON) request bodies, by media type. */
  rawBody?: string[];
  responses?: Record<number, { description: string; schema?: z.ZodType }>;
};

/** Attaches OpenAPI facts to a middleware, so the document is generated from the routes and schemas in use. */
export function withSpec<T extends Function>(handler: T, spec: OperationSpec): T {
  const merged = { ...((handler as any)[SPEC] ?? {}), ...spec };
  Object.defineProperty(handler, SPEC, { value: merged });
  return handler;
}

/** A pass-through middleware carrying the operation's description. */
export function describe(spec: OperationSpec) {
  return withSpec(async (_c: unknown, next: () => Promise<void>) => {
    await next();
  }, spec);
}

const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string() }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
}

/** Builds the OpenAPI 3.1 document from every route of the app that carries a spec. */
export function openApiDocument(app: Hono<any>, info: { title: string; version: string }) {
  const paths: Record<string, Record<string, any>> = {};
  for (const route of app.routes) {
    const spec: OperationSpec | undefined = (route.handler as any)[SPEC];
    if (!spec || route.method === "ALL") continue;
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const method = route.method.toLowerCase();
    const op = (paths[path] ??= {})[method] ?? {};
    paths[path][method] = op;
    if (spec.summary) op.summary = spec.summary;
    if (spec.tag) op.tags = [spec.tag];
    if (spec.auth) op["x-auth"] = spec.auth;
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (spec.query) {
      const q = jsonSchema(spec.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema: schema as any });
      }
    }
    if (params.length) op.parameters = [...(op.parameters ?? []), ...params];
    if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } };
    if (spec.rawBody) op.requestBody = { required: true, content: Object.fromEntries(spec.rawBody.map((t) => [t, { schema: { type: "string", format: "binary" } }])) };
    op.responses ??= { default: { description: "Error", content: { "application/json": { schema: jsonSchema(ErrorSchema, "output") } } } };
    for (const [status, r] of Object.entries(spec.responses ?? {})) {
      op.responses[status] = r.schema ? { description: r.description, content: { "application/json": { schema: jsonSchema(r.schema, "output") } } } : { description: r.description };
    }
  }
  return {
    openapi: "3.1.0",
    info,
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "comptoir_session" } } },
    security: [{ session: [] }],
    paths,
  };
}
