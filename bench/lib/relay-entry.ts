// Bench-only Worker entry (its configuration is written from wrangler.toml by bench/lib/relay-server.mjs): the
// production Worker of worker/index.ts, unchanged, plus a bare partyserver room that only relays — the baseline
// bench/rooms.mjs measures the coffee room against. It is never part of the production build (wrangler.toml's main is
// worker/index.ts).
import { routePartykitRequest, Server, type Connection, type ConnectionContext } from "partyserver";
import worker from "../../worker/index";
import type { Job } from "../../worker/jobs/queue";

export * from "../../worker/index"; // the room classes

type BenchEnv = Env & { RelayRoom: DurableObjectNamespace; PlainRelay: DurableObjectNamespace };

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

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.sessions.add(server);
    const drop = () => this.sessions.delete(server);
    server.addEventListener("close", drop);
    server.addEventListener("error", drop);
    server.addEventListener("message", (event) => {
      for (const ws of this.sessions) {
        try {
          ws.send(event.data);
        } catch {
          this.sessions.delete(ws);
        }
      }
    });
    server.send('{"type":"welcome"}');
    return new Response(null, { status: 101, webSocket: client });
  }
}

export default {
  ...worker,
  async fetch(request, env, ctx) {
    const plain = /^\/parties\/plain-relay\/([^/?]+)/.exec(new URL(request.url).pathname);
    if (plain) return env.PlainRelay.get(env.PlainRelay.idFromName(plain[1])).fetch(request);
    if (new URL(request.url).pathname.startsWith("/parties/relay-room/")) {
      return (await routePartykitRequest(request, env)) ?? new Response("No such room", { status: 404 });
    }
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<BenchEnv, Job>;
