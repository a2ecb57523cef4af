import { SELF } from "cloudflare:test";
import { ROOMS, type RoomKind } from "../contract/rooms";
import { ORIGIN } from "../worker/test/factories";

/**
 * A WebSocket into a room through the whole Worker (auth included), with a queue of the frames it received. Every frame
 * received is parsed with its room's server union (contract/rooms.ts): `seen` holds them all, in order, and `invalid`
 * those that did not parse, with why (`next()` refuses to hand one over).
 */
export async function openSocket(path: string, cookie: string) {
  const kind = /^\/parties\/([a-z-]+)\//.exec(path)?.[1] as RoomKind | undefined;
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Upgrade: "websocket", Cookie: cookie } });
  if (res.status !== 101 || !res.webSocket) {
    return { status: res.status, ws: null, frames: [] as any[], seen: [] as any[], invalid: [] as string[], next: async () => null as any, body: await res.text() };
  }
  const ws = res.webSocket;
  const frames: any[] = [];
  const seen: any[] = [];
  const invalid: string[] = [];
  const why = new WeakMap<object, string>();
  const waiters: ((f: any) => void)[] = [];
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(e.data as string);
    seen.push(frame);
    const parsed = kind && kind in ROOMS ? ROOMS[kind].server.safeParse(frame) : null;
    if (!parsed?.success) {
      const issues = parsed ? parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") : `no room kind in ${path}`;
      invalid.push(`${e.data as string} — ${issues}`);
      if (typeof frame === "object" && frame !== null) why.set(frame, invalid.at(-1)!);
    }
    const w = waiters.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  ws.accept();
  const check = (f: any) => {
    const bad = why.get(f);
    if (bad) throw new Error(`a ${kind} frame outside its server union: ${bad}`);
    return f;
  };
  /** The next frame (optionally of a type), waiting up to 2 s. */
  const next = (type?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const i = frames.findIndex((f) => !type || f.type === type);
      if (i >= 0) {
        try {
          return resolve(check(frames.splice(i, 1)[0]));
        } catch (err) {
          return reject(err);
        }
      }
      const timer = setTimeout(() => reject(new Error(`no ${type ?? "frame"} within 2 s`)), 2000);
      const take = (f: any) => {
        if (!type || f.type === type) {
          clearTimeout(timer);
          try {
            resolve(check(f));
          } catch (err) {
            reject(err);
          }
        } else {
          frames.push(f);
          waiters.push(take);
        }
      };
      waiters.push(take);
    });
  return { status: 101, ws, frames, seen, invalid, next, body: "" };
}
