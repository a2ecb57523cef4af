import { SELF } from "cloudflare:test";
import { ORIGIN } from "../worker/test/factories";

/** A WebSocket into a room through the whole Worker (auth included), with a queue of the frames it received. */
export async function openSocket(path: string, cookie: string) {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Upgrade: "websocket", Cookie: cookie } });
  if (res.status !== 101 || !res.webSocket) return { status: res.status, ws: null, frames: [] as any[], next: async () => null as any, body: await res.text() };
  const ws = res.webSocket;
  const frames: any[] = [];
  const waiters: ((f: any) => void)[] = [];
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(e.data as string);
    const w = waiters.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  ws.accept();
  /** The next frame (optionally of a type), waiting up to 2 s. */
  const next = (type?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const i = frames.findIndex((f) => !type || f.type === type);
      if (i >= 0) return resolve(frames.splice(i, 1)[0]);
      const timer = setTimeout(() => reject(new Error(`no ${type ?? "frame"} within 2 s`)), 2000);
      const take = (f: any) => {
        if (!type || f.type === type) {
          clearTimeout(timer);
          resolve(f);
        } else {
          frames.push(f);
          waiters.push(take);
        }
      };
      waiters.push(take);
    });
  return { status: 101, ws, frames, next, body: "" };
}
