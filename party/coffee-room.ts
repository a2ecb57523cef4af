import { getServerByName, Server, type Connection, type ConnectionContext } from "partyserver";
import { RoomHistory } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { IDENTITY_HEADER, Member, ROOM_HEADER, type ServerMessage } from "./protocol";

type ConnState = { member: Member };

/** Coffee rooms keep the last 200 messages, each for 24 hours. */
const KEEP_MESSAGES = 200;
const MESSAGE_TTL_MS = 24 * 3600 * 1000;

/**
 * A virtual coffee-machine room: live chat with a short backlog, typing, reactions and presence. Access was decided by
 * the Worker (members, never guests); the room trusts the identity header only the Worker sets. Presence changes are
 * one small frame to each member present and one call to the lobby, never the whole roster.
 */
export class CoffeeRoom extends Server<Env> {
  static options = { hibernate: true };
  private history!: RoomHistory;
  private budget = new FrameBudget(20);

  onStart() {
    this.history = new RoomHistory(this.ctx.storage.sql, { frames: KEEP_MESSAGES * 5, chats: KEEP_MESSAGES, maxAgeMs: MESSAGE_TTL_MS });
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  getConnectionTags(_conn: Connection, { request }: ConnectionContext) {
    return [Member.parse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null")).id];
  }

  private meta(key: "title" | "kind"): string {
    return this.ctx.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? "";
  }

  private title(): string {
    return this.meta("title");
  }

  /** Pair rooms are private to their pairing: the lobby never hears of them. */
  private listed(): boolean {
    return this.meta("kind") === "open";
  }

  private presence(): Member[] {
    const seen = new Map<string, Member>();
    for (const c of this.getConnections<ConnState>()) if (c.state) seen.set(c.state.member.id, c.state.member);
    return [...seen.values()];
  }

  private lobby() {
    return getServerByName(this.env.CoffeeLobby, "main");
  }

  async onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null"));
    const room = JSON.parse(request.headers.get(ROOM_HEADER) ?? "{}") as { title?: string; kind?: string };
    for (const [key, value] of [["title", room.title], ["kind", room.kind]] as const) {
      if (value) this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }
    conn.setState({ member });
    this.history.prune();
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    this.send(conn, { type: "welcome", you: member, presence: this.presence(), backlog, cursor, title: this.title() });
    const first = [...this.getConnections(member.id)].length === 1;
    if (first) {
      this.broadcast(JSON.stringify({ type: "join", member } satisfies ServerMessage), [conn.id]);
      if (this.listed()) await (await this.lobby()).roomJoined(this.name, this.title(), member);
    }
    await this.scheduleSweep();
  }

  async onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const member = conn.state?.member;
    if (!member) return;
    const frame = readFrame(raw, this.budget, conn.id);
    if (!frame.ok) return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    const msg = frame.message;
    switch (msg.type) {
      case "chat": {
        const chat = this.history.append({ type: "chat", id: crypto.randomUUID(), from: member, text: msg.text, at: Date.now() });
        this.broadcast(JSON.stringify(chat));
        break;
      }
      case "typing":
        this.broadcast(JSON.stringify({ type: "typing", userId: member.id } satisfies ServerMessage), [conn.id]);
        break;
      case "react": {
        if (!this.history.hasChat(msg.messageId)) return this.send(conn, { type: "error", code: "bad_frame", message: "No such message" });
        const react = this.history.append({ type: "react", messageId: msg.messageId, kind: msg.kind, userId: member.id });
        this.broadcast(JSON.stringify(react));
        break;
      }
    }
  }

  async onClose(conn: Connection<ConnState>) {
    this.budget.forget(conn.id);
    const member = conn.state?.member;
    if (!member) return;
    const stillHere = [...this.getConnections(member.id)].some((c) => c.id !== conn.id);
    if (!stillHere) {
      this.broadcast(JSON.stringify({ type: "leave", userId: member.id } satisfies ServerMessage), [conn.id]);
      if (this.listed()) await (await this.lobby()).roomLeft(this.name, member.id);
    }
  }

  /** RPC: the first frame of a pair room (the icebreaker drawn from both profiles), kept like any history frame. */
  async openWith(name: string, data: unknown): Promise<number> {
    const frame = this.history.append({ type: "event", name, data });
    this.broadcast(JSON.stringify(frame));
    await this.scheduleSweep();
    return frame.seq;
  }

  /** Messages expire after 24 hours even when nobody writes: an alarm sweeps while there is history. */
  private async scheduleSweep() {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + 3600 * 1000);
  }

  async onAlarm() {
    this.history.prune();
    const left = this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM history").one().n;
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + 3600 * 1000);
  }

  private send(conn: Connection, message: ServerMessage) {
    conn.send(JSON.stringify(message));
  }
}
