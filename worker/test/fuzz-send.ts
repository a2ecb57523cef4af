import { env as realEnv } from "cloudflare:test";
import { checkResponse } from "./contract-check";
import { answerOf, ORIGIN, workerFetch, type ApiResponse, type TestMember } from "./factories";

/**
 * `send()` with a given set of bindings (the tapped ones below): the same request as `send()` builds (the network's own
 * Origin, the caller's cookie, the body with the Content-Length a client would send), handed to the Worker's own
 * `fetch` handler through `workerFetch` (factories.ts says why not through SELF), then the same contract check on the
 * answer. fuzz.test.ts checks on a sample that SELF answers the same.
 */
export async function sendDirect(
  path: string,
  call: { method: string; headers?: Record<string, string>; raw?: Uint8Array; as?: TestMember | null; env?: Env },
): Promise<ApiResponse> {
  const headers: Record<string, string> = { Origin: ORIGIN, ...call.headers };
  if (call.as) headers.Cookie = call.as.cookie;
  if (call.raw !== undefined) headers["Content-Length"] = String(call.raw.byteLength);
  const url = `${ORIGIN}${path}`;
  const res = await workerFetch(url, { method: call.method, headers, body: call.raw }, call.env ?? realEnv);
  const answer = await answerOf(res);
  checkResponse(call.method, url, res.status, res.headers.get("Content-Type"), answer.text);
  return answer;
}

/** What the requests sent since the last `take()` did through the bindings, beyond reading. */
export type Tapped = {
  /** Statements prepared on D1 that may write (or D1 calls the tap cannot classify). */
  writes: string[];
  /** Writes elsewhere: R2 puts and deletes, queue messages. */
  effects: string[];
  /** Calls that may change something: Durable Objects, bindings the tap does not know. */
  calls: string[];
  /** A queue message was sent: its consumer may write later, outside any request. */
  queued: boolean;
};

/** SQL that may change rows (or the schema); anything else prepared is a read. Errs towards "may write". */
const WRITE_SQL = /\b(insert|update|delete|replace|upsert|create|drop|alter|pragma|vacuum|attach|detach|reindex|analyze)\b/i;
const R2_READS = new Set(["get", "head", "list"]);
/** D1 calls that write nothing by themselves: a batch runs statements already judged when prepared; a session only
 * routes them (its bookmark says where reads may go). Any other call (exec, dump…) counts as a write. */
const D1_QUIET = new Set(["batch", "withSession", "getBookmark"]);

/**
 * The real bindings, observed: every call goes to the real D1, R2, queue and Durable Objects (nothing is mocked), and
 * the tap notes the ones that may write. The fuzz counts tables only after a request that did something of the kind —
 * a D1 round trip saved for the requests that only read (most refused ones read the session and nothing else) — and
 * checks now and then that no rows changed behind the tap's back.
 */
export function tappedEnv(): { env: Env; take: () => Tapped } {
  let state: Tapped = { writes: [], effects: [], calls: [], queued: false };
  const take = () => {
    const out = state;
    state = { writes: [], effects: [], calls: [], queued: false };
    return out;
  };
  /** `onCall` sees each method call; `wrap` may stand in for what a call returns (a D1 session is observed as D1 is). */
  const observe = <T extends object>(
    name: string,
    target: T,
    onCall: (method: string, args: unknown[]) => void,
    wrap: (method: string, result: unknown) => unknown = (_, result) => result,
  ): T =>
    new Proxy(target, {
      get(t, key) {
        const value = Reflect.get(t, key, t);
        if (typeof value !== "function" || typeof key === "symbol") return value;
        return (...args: unknown[]) => {
          onCall(key, args);
          return wrap(key, value.apply(t, args));
        };
      },
    });
  // D1: statements are judged when prepared (drizzle prepares every statement, batched ones too, through prepare). A
  // session (`withSession`, the read-replica API every request goes through) prepares the same way: it is observed too.
  const observeD1 = <T extends object>(name: string, d1: T): T =>
    observe(
      name,
      d1,
      (method, args) => {
        if (method === "prepare") {
          const sql = String(args[0]);
          if (WRITE_SQL.test(sql)) state.writes.push(sql.slice(0, 200));
        } else if (!D1_QUIET.has(method)) state.writes.push(`${name}.${method}()`);
      },
      (method, result) => (method === "withSession" && result !== null && typeof result === "object" ? observeD1(`${name}.session`, result) : result),
    );
  const bindings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(realEnv)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      bindings[name] = value;
    } else if (typeof (value as D1Database).prepare === "function" && typeof (value as D1Database).batch === "function") {
      bindings[name] = observeD1(name, value);
    } else if (typeof (value as R2Bucket).put === "function" && typeof (value as R2Bucket).head === "function") {
      bindings[name] = observe(name, value, (method) => R2_READS.has(method) || state.effects.push(`${name}.${method}()`));
    } else if (name === "ASSETS") {
      bindings[name] = value; // the client's static files: read only
    } else if (typeof (value as Queue).sendBatch === "function") {
      bindings[name] = observe(name, value, (method) => {
        state.effects.push(`${name}.${method}()`);
        state.queued = true;
      });
    } else {
      // Durable Object namespaces, anything else: every call may change something.
      bindings[name] = observe(name, value, (method) => state.calls.push(`${name}.${method}()`));
    }
  }
  return { env: bindings as unknown as Env, take };
}
