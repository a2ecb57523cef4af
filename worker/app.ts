import { z } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { ApiError, handleError } from "./errors";
import { sessionActor } from "./middleware/auth";
import { idempotency } from "./middleware/idempotency";
import { requestContext, runAgainThrough } from "./middleware/request-context";
import { originCheck, securityHeaders, urlLimit } from "./middleware/security";
import { define, json, routes } from "./routes/define";
import { docsPage } from "./routes/docs";
import { firstReads, inlineFirstReads, preloadLinkHeader } from "./routes/first-reads";
import { keepCoreWordsOf, routeChunkLinks } from "./routes/route-chunks";
import { v1Routes } from "./routes/v1";
import { scimHandler } from "./routes/scim";
import { deliveryBodySchema, webhookCatalogue } from "./services/webhooks/catalogue";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE } from "./services/auth/sessions";

const OpenApiDocument = z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
const Health = z.strictObject({ ok: z.boolean() });

/** The whole HTTP app; the Worker entry and the tests build it the same way. */
export function createApp() {
  const app = routes();
  runAgainThrough((req, env, ec) => app.fetch(req, env, ec));
  app.onError(handleError);
  app.use(requestContext, securityHeaders, urlLimit);
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "comptoir_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "An API token (`cpt_…`) from POST /api/v1/me/tokens" });

  app.openapi(define({ method: "get", path: "/api/health", summary: "The Worker answers", tag: "Meta", access: "public", charterExempt: true, responses: { 200: json(Health, "Alive") } }), (c) =>
    c.json({ ok: true }, 200),
  );
  app.openapi(
    define({ method: "get", path: "/api/docs", summary: "This API's documentation, readable", tag: "Meta", access: "public", charterExempt: true, responses: { 200: { description: "An HTML page", content: { "text/html": { schema: z.string() } } } } }),
    (c) => c.html(docsPage(), 200),
  );

  const api = routes();
  api.use(originCheck, sessionActor, idempotency);
  api.route("/", v1Routes);
  api.openapi(
    define({ method: "get", path: "/openapi.json", summary: "This document (OpenAPI 3.1)", tag: "Meta", access: "public", charterExempt: true, responses: { 200: json(OpenApiDocument, "The OpenAPI document") } }),
    (c) => c.json(openApiDocument(app) as z.infer<typeof OpenApiDocument>, 200),
  );
  app.route("/api/v1", api);

  // SCIM 2.0 provisioning, outside /api/v1 and its error shape (routes/scim.ts).
  app.all("/scim/v2/*", scimHandler);
  app.all("/scim/v2", scimHandler);

  app.all("/api/*", () => {
    throw new ApiError("not_found", "No such route");
  });
  // Everything else is the client: static assets with the SPA fallback, through the security headers above.
  app.all("*", async (c) => {
    const url = new URL(c.req.url);
    const signedIn = getCookie(c, SESSION_COOKIE) !== undefined;
    // A signed-in member's own navigation to a screen gets its first reads inside the page (first-reads.ts): asked
    // without the browser's validators, so the answer is a whole page written now, never a 304 to an older copy.
    const ownPage = c.req.method === "GET" && signedIn && c.req.header("Sec-Fetch-Dest") === "document" && !/\.\w+$/.test(url.pathname);
    let asked = c.req.raw;
    if (ownPage) {
      const headers = new Headers(asked.headers);
      headers.delete("If-None-Match");
      headers.delete("If-Modified-Since");
      asked = new Request(asked, { headers });
    }
    const res = await c.env.ASSETS.fetch(asked);
    let copy = new Response(res.body, res); // a mutable copy, so the security headers can be set
    if (copy.headers.get("Content-Type")?.includes("text/html") || url.pathname === "/sw.js") {
      // The page and the service worker are asked again on every visit (a new deployment shows at once); the hashed
      // files they name are cached for good (web/public/_headers).
      copy.headers.set("Cache-Control", "no-cache");
    }
    if (c.req.method === "GET" && res.ok && copy.headers.get("Content-Type")?.includes("text/html")) {
      // The screen's first API reads start with the code, not after it (first-reads.ts); which ones depends on the cookie.
      // And its code (route-chunks.ts): the screen's chunks and words; without a session, the sign-in page's (where
      // every address but an invitation's leads).
      const screen = signedIn ? url.pathname : url.pathname.startsWith("/invite/") ? null : "/login";
      let reads = firstReads(url.pathname, url.search, signedIn);
      let locale: string | null = null;
      if (ownPage) {
        const inlined = await inlineFirstReads(reads, url.origin, c.req.header("Cookie") ?? "", async (req) => app.fetch(req, c.env, c.executionCtx));
        reads = inlined.left;
        locale = inlined.locale;
        if (inlined.script) {
          let html = await copy.text();
          if (locale) html = keepCoreWordsOf(html, locale);
          html = html.includes("</body>") ? html.replace("</body>", `${inlined.script}</body>`) : html + inlined.script;
          copy = new Response(html, copy);
          for (const h of ["Content-Length", "ETag", "Last-Modified"]) copy.headers.delete(h);
          copy.headers.set("Cache-Control", "private, no-cache");
        }
        for (const cookie of inlined.cookies) copy.headers.append("Set-Cookie", cookie);
      }
      const code = screen ? await routeChunkLinks(c.env.ASSETS, url.origin, screen, locale) : [];
      const links = [...(reads.length ? [preloadLinkHeader(reads)] : []), ...code];
      if (links.length) copy.headers.set("Link", links.join(", "));
      copy.headers.append("Vary", "Cookie");
    }
    return copy;
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

const documents = new WeakMap<object, unknown>();

/** The OpenAPI 3.1 document of every route the app declares, built once per app. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  let doc = documents.get(app);
  if (!doc) {
    doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Comptoir API",
        version: "1",
        description: 'Errors always answer `{"error":{"code","message","details?","requestId"}}`. Each operation says who may call it in `x-access` (public, member, admin).',
      },
    });
    requireCoercedParams(app, doc as Document);
    idempotencyKeyParams(doc as Document);
    nullableRefs(doc);
    (doc as Document).webhooks = webhooksSection();
    documents.set(app, doc);
  }
  return doc as Document;
}

/**
 * A nullable named schema comes out of the generator as `allOf: [$ref, {type: [object, null]}]`, which no null
 * satisfies (the reference requires an object): the document says `anyOf: [$ref, {type: null}]` instead.
 */
function nullableRefs(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullableRefs);
  if (typeof node !== "object" || node === null) return;
  const o = node as Record<string, unknown>;
  const all = o.allOf as Record<string, unknown>[] | undefined;
  if (all?.length === 2 && typeof all[0].$ref === "string" && JSON.stringify(all[1]) === '{"type":["object","null"]}') {
    delete o.allOf;
    o.anyOf = [all[0], { type: "null" }];
  }
  Object.values(o).forEach(nullableRefs);
}

/** Every POST a member makes takes an `Idempotency-Key` (worker/middleware/idempotency.ts): the document says so. */
function idempotencyKeyParams(doc: Document) {
  for (const item of Object.values(doc.paths)) {
    const op = item.post;
    if (!op || op["x-access"] === "public") continue;
    op.parameters = [
      ...(op.parameters ?? []),
      {
        in: "header",
        name: "Idempotency-Key",
        required: false,
        description: "The same key from the same member within 24 hours answers the first success again and writes nothing more.",
        schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
      },
    ];
  }
}


type Document = { openapi: string; info: object; paths: Record<string, Record<string, any>>; components?: Record<string, any>; webhooks?: Record<string, unknown> };

/**
 * The document's `webhooks` section (OpenAPI 3.1): one entry per event of the webhook catalogue, the POST a receiver
 * gets, its body `{type, timestamp, data}` with the payload's schema and an example, signed per Standard Webhooks.
 */
function webhooksSection(): Record<string, unknown> {
  const signed = ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({ name, in: "header", required: true, schema: { type: "string" } }));
  return Object.fromEntries(
    webhookCatalogue().map((info) => [
      info.type,
      {
        post: {
          summary: info.description,
          operationId: `webhook_${info.type.replace(/\W/g, "_")}`,
          "x-event-version": info.version,
          parameters: signed,
          requestBody: { required: true, content: { "application/json": { schema: deliveryBodySchema(info), example: info.example } } },
          responses: { "2XX": { description: "Received; any other answer (redirects included) is a failure, retried per WEBHOOK_RETRY_SCHEDULE; 410 disables the endpoint" } },
        },
      },
    ]),
  );
}

/**
 * Query numbers are coerced from strings, so their schemas accept any input, which the generator reads as "optional,
 * nullable". Whether a parameter is required is what the schema says of a missing value, and a query string holds no
 * null: the document says so.
 */
function requireCoercedParams(app: OpenAPIHono<AppEnv>, doc: Document) {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || !def.route.request?.query) continue;
    const shape = (def.route.request.query as z.ZodObject).shape as Record<string, z.ZodType>;
    const op = doc.paths[def.route.path]?.[def.route.method];
    for (const p of op?.parameters ?? []) {
      if (p.in !== "query" || !shape[p.name]) continue;
      if (!shape[p.name].safeParse(undefined).success) p.required = true;
      // A query string holds no null: a number is a number.
      if (Array.isArray(p.schema?.type)) p.schema.type = p.schema.type.filter((t: string) => t !== "null");
      if (Array.isArray(p.schema?.type) && p.schema.type.length === 1) p.schema.type = p.schema.type[0];
    }
  }
}
