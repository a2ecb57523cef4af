// Bench-only Worker entry (its configuration is written from wrangler.toml by bench/lib/relay-server.mjs): the
// production Worker of worker/index.ts, unchanged, plus a bare partyserver room that only relays — the baseline
// bench/rooms.mjs measures the coffee room against. It is never part of the production build (wrangler.toml's main is
// worker/index.ts).
import { routePartykitRequest, Server, type Connection, type ConnectionContext } from "partyserver";
import worker from "../../worker/index";
import type { Job } from "../../worker/jobs/queue";
import { CoffeeRoom } from "../../party/coffee-room";
import { authorizeRoom } from "../../worker/rooms";

export * from "../../worker/index"; // the room classes

type BenchEnv = Env & {
  RelayRoom: DurableObjectNamespace;
  PlainRelay: DurableObjectNamespace;
  HibRelay: DurableObjectNamespace;
  CoffeeRoomAwake: DurableObjectNamespace;
  CoffeeRoomStoreFirst: DurableObjectNamespace;
  CoffeeRoomLate: DurableObjectNamespace;
  CoffeeRoomSlim: DurableObjectNamespace;
  CoffeeRoomBefore: DurableObjectNamespace;
  CoffeeRoomStoreLater: DurableObjectNamespace;
  CoffeeRoomBare: DurableObjectNamespace;
  CoffeeRoomNoStore: DurableObjectNamespace;
  CoffeeRoomNoCheck: DurableObjectNamespace;
};

/**
 * The minimal broadcast room: hibernation on like the real rooms, no auth, no validation, no storage (but for the
 * `--diagnose` variants below). It greets a new
 * connection with one small frame (so that join time is measured the same way: connect → first frame) and sends every
 * frame it receives to everyone, the sender included (as the coffee room does with chat).
 */
export class RelayRoom extends Server<BenchEnv> {
  static options = { hibernate: true };

  onConnect(conn: Connection, { request }: ConnectionContext) {
    // `?state=member` (bench/rooms.mjs --with-state-relay, a diagnostic): each connection carries a member-sized state,
    // as the coffee room's connections do, to tell the cost of the state apart from the rest.
    if (new URL(request.url).searchParams.get("state") === "member") {
      conn.setState({ member: { id: `usr_${conn.id}`, handle: "relay-bench", name: "Relay Bench Member", location: "Montréal", timezone: "America/Toronto", avatarUrl: null } });
    }
    conn.send('{"type":"welcome"}');
  }

  /** Rooms named `relayWrite-…` (--diagnose) persist each frame; set again by onStart after every wake. */
  private persist = false;

  onStart() {
    this.persist = this.name.startsWith("relayWrite-");
    if (this.persist) this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, frame TEXT NOT NULL)");
  }

  onMessage(_sender: Connection, raw: string | ArrayBuffer) {
    // relayWrite-… rooms: each frame is appended to the room's SQLite first (the last 1,000 kept), as the coffee room
    // persists each chat before its broadcast; the output gate then holds the broadcast until the write is stored.
    if (this.persist && typeof raw === "string") {
      const id = this.ctx.storage.sql.exec<{ id: number }>("INSERT INTO log (frame) VALUES (?) RETURNING id", raw).one().id;
      this.ctx.storage.sql.exec("DELETE FROM log WHERE id <= ?", id - 1000);
    }
    this.broadcast(raw);
  }
}

/**
 * The second baseline (issue 13, item 4): a plain Durable Object relay, as in Cloudflare's own chat demo — no
 * framework, no hibernation, the sessions in memory. It greets a new connection with the same small frame and sends
 * every frame it receives to everyone, the sender included.
 */
export class PlainRelay implements DurableObject {
  private sessions = new Set<WebSocket>();
  /**
   * Rooms named `plainWrite-…` (--diagnose) append each frame to their SQLite before relaying it; `plainAfter-…` right
   * after relaying it (same turn); `plainLater-…` on a later turn (setTimeout 0, the frames of the meantime together).
   */
  private persist: "before" | "after" | "later" | null = null;
  private unstored: string[] = [];

  constructor(private readonly ctx: DurableObjectState) {}

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.sessions.add(server);
    const drop = () => this.sessions.delete(server);
    server.addEventListener("close", drop);
    server.addEventListener("error", drop);
    const name = request.headers.get(ROOM_NAME_HEADER) ?? "";
    const mode = name.startsWith("plainWrite-") ? "before" : name.startsWith("plainAfter-") ? "after" : name.startsWith("plainLater-") ? "later" : null;
    if (mode && !this.persist) {
      this.persist = mode;
      this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, frame TEXT NOT NULL)");
    }
    server.addEventListener("message", (event) => {
      const text = typeof event.data === "string" ? event.data : null;
      if (this.persist === "before" && text) appendToLog(this.ctx, text);
      for (const ws of this.sessions) {
        try {
          ws.send(event.data);
        } catch {
          this.sessions.delete(ws);
        }
      }
      if (this.persist === "after" && text) appendToLog(this.ctx, text);
      if (this.persist === "later" && text && this.unstored.push(text) === 1) {
        setTimeout(() => {
          for (const frame of this.unstored.splice(0)) appendToLog(this.ctx, frame);
        }, 0);
      }
    });
    server.send(welcomeOf(request));
    return new Response(null, { status: 101, webSocket: client });
  }
}

/** Bench only: the relay room's name, handed to the plain relays (which have no `this.name`). */
const ROOM_NAME_HEADER = "x-bench-room";

/** INSERT + DELETE of the oldest beyond 1,000, as relay+write does: the output gate then holds the sends. */
function appendToLog(ctx: DurableObjectState, frame: string) {
  const id = ctx.storage.sql.exec<{ id: number }>("INSERT INTO log (frame) VALUES (?) RETURNING id", frame).one().id;
  ctx.storage.sql.exec("DELETE FROM log WHERE id <= ?", id - 1000);
}

/** The small welcome, or (`?welcome=<bytes>`, --diagnose) one padded to a coffee welcome's size. */
function welcomeOf(request: Request): string {
  const bytes = Number(new URL(request.url).searchParams.get("welcome") ?? 0);
  return bytes > 20 ? `{"type":"welcome","pad":"${"x".repeat(bytes - 30)}"}` : '{"type":"welcome"}';
}

/**
 * --diagnose: the plain relay on the hibernation API (`ctx.acceptWebSocket` + `webSocketMessage`), no partyserver, to
 * tell the cost of hibernation's per-message dispatch from partyserver's own. Names `hibWrite-…` persist each frame.
 */
export class HibRelay implements DurableObject {
  private persist: boolean | null = null;

  constructor(private readonly ctx: DurableObjectState) {}

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [request.headers.get(ROOM_NAME_HEADER) ?? ""]);
    server.send(welcomeOf(request));
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer) {
    if (this.persist === null) {
      this.persist = (this.ctx.getTags(_ws)[0] ?? "").startsWith("hibWrite-");
      if (this.persist) this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY AUTOINCREMENT, frame TEXT NOT NULL)");
    }
    if (this.persist && typeof message === "string") appendToLog(this.ctx, message);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // a closing socket
      }
    }
  }

  webSocketClose(ws: WebSocket, code: number, reason: string) {
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }
}

/**
 * The coffee room as it was before session 12: each frame stored before its broadcast (no write-behind), everything
 * else the production class. Reached through the Worker's real coffee-room check, like CoffeeRoomAwake.
 */
export class CoffeeRoomStoreFirst extends CoffeeRoom {
  protected writeBehind: number | undefined = undefined;
}

/**
 * Session 13 (`--rooms coffeeLate`): the production coffee room, but the others and the lobby hear of an arrival 250 ms
 * after the joiner's welcome instead of on the next turn, to tell whether that work (N − 1 sends, the lobby's call),
 * run by the same workerd process as the Worker under Miniflare, delays the joiner's own welcome.
 */
export class CoffeeRoomLate extends CoffeeRoom {
  protected announceAfterMs = 250;
}

/**
 * Session 14 (`--rooms coffeeBefore`): the coffee room as it was before session 14, in the same run as the production
 * one: a live chat is the whole stored frame (the author's summary, a UUID id: 274 bytes for a probe), and seqs are
 * reserved only in a broadcast's turn (one chat in 100 waiting for that commit).
 */
export class CoffeeRoomBefore extends CoffeeRoom {
  protected reserveAhead = false;
  protected chatId() {
    return crypto.randomUUID();
  }
  protected liveChat(_frame: unknown, json: string) {
    return json;
  }
}

/**
 * Session 14 (`--rooms coffeeStoreLater`): the production coffee room storing its chats 15 ms after their broadcast
 * instead of on the next turn, to tell whether the store (its statements and its commit, on the room's thread) holds up
 * the sends still being written out to the N sockets.
 */
export class CoffeeRoomStoreLater extends CoffeeRoom {
  protected flushAfterMs = 15;
}

/**
 * Session 14 (`--rooms coffeeNoStore`): the production coffee room whose chats are stored only when something reads the
 * log (a join's backlog) or after 10 minutes, never on the turn after their broadcast: its per-chat work without the
 * store and its commit.
 */
export class CoffeeRoomNoStore extends CoffeeRoom {
  protected flushAfterMs = 600_000;
}

/**
 * Session 15 (`--rooms coffeeNoCheck`): the production coffee room doing a chat's whole work (history append, the live
 * chat frame, the sweep's arming) but taking the bench's probe frames with a bare `JSON.parse`, without the frame
 * check (the budget, the size, zod's schema): tells whether that check is the room's own per-chat cost.
 */
export class CoffeeRoomNoCheck extends CoffeeRoom {
  onMessage(conn: Connection<{ member: unknown }>, raw: string | ArrayBuffer) {
    if (typeof raw === "string" && raw.includes("~b")) {
      // The room's private parts, reached as the production chat case does (bench only).
      const room = this as unknown as { history: { append(f: object): { frame: unknown; json: string } }; armSweep(): void };
      const member = (conn.state as { member: unknown } | null)?.member;
      const { frame, json } = room.history.append({ type: "chat", id: this.chatId(), from: member, text: (JSON.parse(raw) as { text: string }).text, at: Date.now() });
      this.toEveryone(this.liveChat(frame as Parameters<CoffeeRoom["liveChat"]>[0], json));
      room.armSweep();
      return;
    }
    return super.onMessage(conn as Parameters<CoffeeRoom["onMessage"]>[0], raw);
  }
}

/**
 * Session 14 (`--rooms coffeeBare`): the production coffee room (partyserver, hibernation, its sockets' attachments)
 * relaying the bench's probes as the hib DO does, `toEveryone(raw)`, without its own work (no frame check, no history,
 * no chat frame); every other frame (the backlog's chats) as in production. Splits the coffee room's gap into
 * partyserver's dispatch and the room's own per-chat work.
 */
export class CoffeeRoomBare extends CoffeeRoom {
  onMessage(conn: Connection<{ member: unknown }>, raw: string | ArrayBuffer) {
    if (typeof raw === "string" && raw.includes("~b")) return this.toEveryone(raw);
    return super.onMessage(conn as Parameters<CoffeeRoom["onMessage"]>[0], raw);
  }
}

/**
 * Session 14 (`--rooms coffeeSlim`): the production coffee room doing all its per-message work (the frame check, the
 * history append with its id, member and time, write-behind), but broadcasting a chat as the relays do: the client's
 * own frame, `{"type":"chat","text":…}` (54 bytes for a probe, against 274). Tells whether the bytes sent to each of N
 * sockets (and read by the bench's clients) are the gap to the plain DO. Re-serialising the text costs microseconds.
 */
export class CoffeeRoomSlim extends CoffeeRoom {
  protected toEveryone(json: string) {
    if (json.startsWith('{"type":"chat"')) json = JSON.stringify({ type: "chat", text: (JSON.parse(json) as { text: string }).text });
    super.toEveryone(json);
  }
}

/**
 * --diagnose: the coffee room itself with hibernation off (partyserver's in-memory connections, event listeners
 * instead of the hibernation API's dispatch), everything else the production class. Reached through the Worker's real
 * coffee-room check (the room's D1 record is a real coffee room's).
 */
export class CoffeeRoomAwake extends CoffeeRoom {
  static options = { hibernate: false };

  /** `ctx.getWebSockets()` lists only hibernatable sockets: here the connections are partyserver's, in memory. */
  protected toEveryone(json: string) {
    for (const conn of this.getConnections()) {
      try {
        conn.send(json);
      } catch {
        conn.close(1011, "Unexpected error");
      }
    }
  }
}

/**
 * The Worker's time for an upgrade, in the 101 answer's headers (bench/rooms.mjs reads them): `x-bench-check-ms` the
 * coffee-room check, `x-bench-room-ms` the room's fetch (to its 101), `x-bench-worker-ms` both (the production path, not
 * split). Times in workerd advance across I/O, which is what these span.
 */
function timed(res: Response, checkMs: number | null, roomMs: number | null, workerMs = (checkMs ?? 0) + (roomMs ?? 0)): Response {
  if (res.status !== 101) return res;
  const headers = new Headers(res.headers);
  if (checkMs !== null) headers.set("x-bench-check-ms", checkMs.toFixed(2));
  if (roomMs !== null) headers.set("x-bench-room-ms", roomMs.toFixed(2));
  headers.set("x-bench-worker-ms", workerMs.toFixed(2));
  return new Response(null, { status: 101, webSocket: res.webSocket, headers });
}

export default {
  ...worker,
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const plain = /^\/parties\/(plain-relay|hib-relay|coffee-room-awake|coffee-room-store-first|coffee-room-late|coffee-room-slim|coffee-room-before|coffee-room-store-later|coffee-room-bare|coffee-room-no-store|coffee-room-no-check)\/([^/?]+)/.exec(url.pathname);
    if (plain) {
      const [, kind, name] = plain;
      // `?auth=<coffee room id>` (--diagnose, plain+auth): the Worker's real coffee-room check first, as a coffee join.
      const coffeeId = kind.startsWith("coffee-room-") ? name : url.searchParams.get("auth");
      let forwarded = new Request(request);
      const t0 = performance.now();
      if (coffeeId) {
        forwarded.headers.delete("x-comptoir-member");
        forwarded.headers.delete("x-comptoir-room");
        const checked = await authorizeRoom(forwarded, { className: "CoffeeRoom", name: coffeeId } as Parameters<typeof authorizeRoom>[1], env);
        if (checked instanceof Response) return checked;
        forwarded = checked;
      }
      forwarded.headers.set(ROOM_NAME_HEADER, name);
      const ns = { "plain-relay": env.PlainRelay, "hib-relay": env.HibRelay, "coffee-room-awake": env.CoffeeRoomAwake, "coffee-room-store-first": env.CoffeeRoomStoreFirst, "coffee-room-late": env.CoffeeRoomLate, "coffee-room-slim": env.CoffeeRoomSlim, "coffee-room-before": env.CoffeeRoomBefore, "coffee-room-store-later": env.CoffeeRoomStoreLater, "coffee-room-bare": env.CoffeeRoomBare, "coffee-room-no-store": env.CoffeeRoomNoStore, "coffee-room-no-check": env.CoffeeRoomNoCheck }[kind]!;
      const t1 = performance.now();
      return timed(await ns.get(ns.idFromName(name)).fetch(forwarded), t1 - t0, performance.now() - t1);
    }
    if (url.pathname.startsWith("/parties/coffee-room/")) {
      // The production path, timed whole (the Worker's check and the room's answer together).
      const t0 = performance.now();
      const res = await worker.fetch(request, env, ctx);
      return timed(res, null, null, performance.now() - t0);
    }
    if (new URL(request.url).pathname.startsWith("/parties/relay-room/")) {
      return (await routePartykitRequest(request, env)) ?? new Response("No such room", { status: 404 });
    }
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<BenchEnv, Job>;
