import { Hono, type Context } from "hono";
import { ScimListQuery, ScimPatch, SCIM } from "../../contract/scim";
import type { Actor, AppEnv } from "../context";
import { ApiError, ERROR_STATUS } from "../errors";
import { issuesOf, MAX_JSON_BYTES } from "../lib/validate";
import { bearerToken } from "../middleware/auth";
import { scimActor } from "../services/admin/scim-tokens";
import { enforceRate } from "../services/rate";
import { resourceType, resourceTypes, schema, schemas, serviceProviderConfig } from "../services/scim/discovery";
import { ScimError } from "../services/scim/errors";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup } from "../services/scim/groups";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from "../services/scim/users";

/**
 * SCIM 2.0 (RFC 7644) at /scim/v2, outside /api/v1 (API.md "Administration and privacy"): an identity provider, with
 * a bearer token an administrator made, provisions members (Users) and departments (Groups). It speaks SCIM's own JSON
 * (`application/scim+json`) and error shape `{schemas: [...Error], status, detail, scimType?}`, so it is its own app,
 * not a part of the OpenAPI document: the app hands it every /scim/v2 request (worker/app.ts), with the request's
 * service context. Its sweep of refusals is in scim.test.ts.
 */

type ScimEnv = AppEnv & { Variables: { scim: Actor } };

const SCIM_TYPE = "application/scim+json";

function scimJson(c: Context, body: unknown, status: 200 | 201 = 200, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(body), status, { "Content-Type": `${SCIM_TYPE}; charset=utf-8`, "Cache-Control": "no-store", ...headers });
}

export function scimErrorResponse(status: number, detail: string, scimType?: string, headers: Record<string, string> = {}): Response {
  const body = { schemas: [SCIM.error], status: String(status), detail, ...(scimType ? { scimType } : {}) };
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": `${SCIM_TYPE}; charset=utf-8`, "Cache-Control": "no-store", ...headers } });
}

/** The JSON body of a write: SCIM's or plain JSON media type, 256 KB at most, parsed (else 400 invalidSyntax). */
async function body(c: Context): Promise<unknown> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== SCIM_TYPE && type !== "application/json") throw new ScimError(415, `Send ${SCIM_TYPE} (or application/json)`);
  if (Number(c.req.header("Content-Length") ?? 0) > MAX_JSON_BYTES) throw new ScimError(413, "The body is over 256 KB");
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) throw new ScimError(413, "The body is over 256 KB");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, "The body is not JSON", "invalidSyntax");
  }
}

function patchOf(value: unknown) {
  const r = ScimPatch.safeParse(value);
  if (!r.success) throw new ScimError(400, `PatchOp: ${issuesOf(r.error).map((i) => `${i.path} ${i.message}`).join("; ")}`, "invalidSyntax");
  if (r.data.schemas && !r.data.schemas.includes(SCIM.patch)) throw new ScimError(400, `A PatchOp names the schema ${SCIM.patch}`, "invalidSyntax");
  return r.data;
}

function listQuery(c: Context) {
  const r = ScimListQuery.safeParse(c.req.query());
  if (!r.success) throw new ScimError(400, issuesOf(r.error).map((i) => `${i.path} ${i.message}`).join("; "), "invalidValue");
  return r.data;
}

const scimApp = new Hono<ScimEnv>({ strict: false }).basePath("/scim/v2");

scimApp.onError((err) => {
  if (err instanceof ScimError) return scimErrorResponse(err.status, err.detail, err.scimType, err.headers);
  if (err instanceof ApiError) return scimErrorResponse(ERROR_STATUS[err.code], err.message, undefined, err.headers);
  console.error(JSON.stringify({ level: "error", scim: true, message: err.message, stack: err.stack }));
  return scimErrorResponse(500, "Something went wrong on our side");
});
scimApp.notFound(() => scimErrorResponse(404, "No such SCIM endpoint"));

/** Every request: the service context of the app's request, then the bearer token (401 in SCIM's shape without one). */
scimApp.use(async (c, next) => {
  const outer = contexts.get(c.req.raw);
  if (!outer) throw new ScimError(500, "SCIM is reached through the app only");
  c.set("ctx", outer.ctx);
  c.set("requestId", outer.requestId);
  c.set("actor", null);
  const unauthorised = new ScimError(401, "A valid SCIM bearer token is required", undefined, { "WWW-Authenticate": 'Bearer realm="scim"' });
  let token: string | null;
  try {
    token = bearerToken(c.req.header("Authorization"));
  } catch {
    throw unauthorised;
  }
  const actor = token === null ? null : await scimActor(outer.ctx, token);
  if (!actor) throw unauthorised;
  // SCIM_REQUESTS_PER_MINUTE per token: past it, 429 with Retry-After in SCIM's error shape (status "429").
  await enforceRate(outer.ctx, `scim:${actor.id}`, outer.ctx.config.SCIM_REQUESTS_PER_MINUTE);
  c.set("scim", actor);
  await next();
});

scimApp
  .get("/ServiceProviderConfig", (c) => scimJson(c, serviceProviderConfig(c.var.ctx.origin)))
  .get("/Schemas", (c) => scimJson(c, schemas()))
  .get("/Schemas/:id", (c) => scimJson(c, schema(c.req.param("id"))))
  .get("/ResourceTypes", (c) => scimJson(c, resourceTypes()))
  .get("/ResourceTypes/:id", (c) => scimJson(c, resourceType(c.req.param("id"))))
  .get("/Users", async (c) => scimJson(c, await listScimUsers(c.var.ctx, listQuery(c))))
  .post("/Users", async (c) => {
    const { user } = await createScimUser(c.var.ctx, c.var.scim, await body(c));
    return scimJson(c, user, 201, { Location: user.meta.location });
  })
  .get("/Users/:id", async (c) => scimJson(c, await getScimUser(c.var.ctx, c.req.param("id"))))
  .put("/Users/:id", async (c) => scimJson(c, await replaceScimUser(c.var.ctx, c.var.scim, c.req.param("id"), await body(c))))
  .patch("/Users/:id", async (c) => scimJson(c, await patchScimUser(c.var.ctx, c.var.scim, c.req.param("id"), patchOf(await body(c)))))
  .delete("/Users/:id", async (c) => {
    await deleteScimUser(c.var.ctx, c.var.scim, c.req.param("id"));
    return c.body(null, 204);
  })
  .get("/Groups", async (c) => scimJson(c, await listScimGroups(c.var.ctx, listQuery(c))))
  .post("/Groups", async (c) => {
    const group = await createScimGroup(c.var.ctx, c.var.scim, await body(c));
    return scimJson(c, group, 201, { Location: group.meta.location });
  })
  .get("/Groups/:id", async (c) => scimJson(c, await getScimGroup(c.var.ctx, c.req.param("id"), c.req.query("excludedAttributes"))))
  .put("/Groups/:id", () => {
    throw new ScimError(501, "Replacing a group is not supported: use PATCH");
  })
  .patch("/Groups/:id", async (c) => scimJson(c, await patchScimGroup(c.var.ctx, c.var.scim, c.req.param("id"), patchOf(await body(c)), c.req.query("excludedAttributes"))))
  .delete("/Groups/:id", async (c) => {
    await deleteScimGroup(c.var.ctx, c.var.scim, c.req.param("id"));
    return c.body(null, 204);
  });

/** The SCIM routes (method and path, /scim/v2/…), for the tests' sweep. */
export const SCIM_ROUTES = scimApp.routes.filter((r) => r.method !== "ALL").map((r) => ({ method: r.method, path: r.path }));

const contexts = new WeakMap<Request, { ctx: AppEnv["Variables"]["ctx"]; requestId: string }>();

/** The app's handler of /scim/v2/*: the SCIM app answers, under the request's own id and service context. */
export async function scimHandler(c: Context<AppEnv>): Promise<Response> {
  contexts.set(c.req.raw, { ctx: c.var.ctx, requestId: c.var.requestId });
  return scimApp.fetch(c.req.raw, c.env);
}
