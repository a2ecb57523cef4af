import { Server, type Connection, type ConnectionContext } from "partyserver";
import type { EventData } from "../contract/events";
import { CoffeeLobbyClientFrame, type CoffeeLobbyEventName, type CoffeeLobbyServerFrame, type FrameOf, type LobbyRoom, type WelcomeOf } from "../contract/rooms";
import { RoomHistory, welcomeJson, type NewFrame } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { IDENTITY_HEADER, readJsonHeader, Member } from "./protocol";

type ConnState = { member: Member };
/** What the lobby's history holds: its events. */
type EventFrame = FrameOf<CoffeeLobbyServerFrame, "event">;
export type { LobbyRoom };

/** A room nobody has been in for this long leaves the lobby. */
export const EMPTY_ROOM_TTL_MS = 30 * 60 * 1000;

/**
 * The coffee machine's lobby (`coffee-lobby/main`): the open coffee rooms and who is in each, live. Coffee rooms tell
 * it of each arrival and departure (one small event each); clients get the whole picture once, in their welcome, and
 * the changes after as `event` frames with a `seq` (room.opened, room.joined, room.left, room.closed). Frames:
 * contract/rooms.ts (`CoffeeLobby…Frame`).
 */
export class CoffeeLobby extends Server<Env> {
  static options = { hibernate: true };
  private history!: RoomHistory<EventFrame>;
  private budget = new FrameBudget(20);

  onStart() {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS rooms (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, emptied_at INTEGER)");
    sql.exec("CREATE TABLE IF NOT EXISTS presence (room_id TEXT NOT NULL, user_id TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (room_id, user_id))");
    this.history = new RoomHistory(sql, { frames: 1000 });
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
  }

  /**
   * RPC: the network's coffee-room ticket key (worker/services/coffee/tickets.ts), 32 random bytes in base64url, made
   * the first time it is asked and kept in this room's storage. It never leaves the Worker.
   */
  ticketKey(): string {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS ticket_key (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL)");
    const known = sql.exec<{ key: string }>("SELECT key FROM ticket_key WHERE id = 1").toArray()[0];
    if (known) return known.key;
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const key = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    sql.exec("INSERT INTO ticket_key (id, key) VALUES (1, ?)", key);
    return key;
  }

  /** The rooms still listed, each with who is in it now. */
  snapshot(now = Date.now()): LobbyRoom[] {
    this.expire(now);
    const sql = this.ctx.storage.sql;
    const rooms = sql.exec<{ id: string; title: string }>("SELECT id, title FROM rooms ORDER BY created_at DESC").toArray();
    const presence = sql.exec<{ room_id: string; member: string }>("SELECT room_id, member FROM presence").toArray();
    return rooms.map((r) => ({ id: r.id, title: r.title, members: presence.filter((p) => p.room_id === r.id).map((p) => Member.parse(JSON.parse(p.member))) }));
  }

  private publish<N extends CoffeeLobbyEventName>(name: N, data: EventData<N>) {
    this.broadcast(this.history.append({ type: "event", name, data } as NewFrame<EventFrame>).json);
  }

  /** RPC: a room was opened (from the API, through worker/services/live.ts). */
  async roomOpened({ id, title }: EventData<"room.opened">) {
    const now = Date.now();
    this.ctx.storage.sql.exec("INSERT INTO rooms (id, title, created_at, emptied_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", id, title, now, now);
    this.publish("room.opened", { id, title });
    await this.scheduleExpiry();
  }

  /** RPC from a coffee room: a member arrived (their first connection there). */
  async roomJoined(roomId: string, title: string, member: Member) {
    const sql = this.ctx.storage.sql;
    const known = sql.exec("SELECT 1 FROM rooms WHERE id = ?", roomId).toArray().length > 0;
    if (!known) {
      sql.exec("INSERT INTO rooms (id, title, created_at, emptied_at) VALUES (?, ?, ?, NULL)", roomId, title, Date.now());
      this.publish("room.opened", { id: roomId, title });
    }
    sql.exec("UPDATE rooms SET emptied_at = NULL WHERE id = ?", roomId);
    sql.exec("INSERT INTO presence (room_id, user_id, member) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET member = excluded.member", roomId, member.id, JSON.stringify(member));
    this.publish("room.joined", { roomId, member });
  }

  /** RPC from a coffee room: a member left (their last connection there closed). */
  async roomLeft(roomId: string, userId: string) {
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM presence WHERE room_id = ? AND user_id = ?", roomId, userId);
    const left = sql.exec<{ n: number }>("SELECT count(*) AS n FROM presence WHERE room_id = ?", roomId).one().n;
    if (left === 0) sql.exec("UPDATE rooms SET emptied_at = ? WHERE id = ?", Date.now(), roomId);
    this.publish("room.left", { roomId, userId });
    await this.scheduleExpiry();
  }

  /** Drops the rooms that have been empty for 30 minutes, telling the clients. */
  private expire(now: number) {
    const gone = this.ctx.storage.sql.exec<{ id: string }>("DELETE FROM rooms WHERE emptied_at IS NOT NULL AND emptied_at < ? RETURNING id", now - EMPTY_ROOM_TTL_MS).toArray();
    for (const r of gone) this.publish("room.closed", { roomId: r.id });
  }

  private async scheduleExpiry() {
    const next = this.ctx.storage.sql.exec<{ at: number | null }>("SELECT min(emptied_at) AS at FROM rooms").one().at;
    if (next !== null) await this.ctx.storage.setAlarm(next + EMPTY_ROOM_TTL_MS + 1000);
  }

  async onAlarm() {
    this.expire(Date.now());
    await this.scheduleExpiry();
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
    conn.setState({ member });
    const rooms = this.snapshot();
    const presence = [...new Map(rooms.flatMap((r) => r.members).map((m) => [m.id, m])).values()];
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson<WelcomeOf<"coffee-lobby">>({ you: member, presence, cursor, rooms }, backlog));
  }

  /** Its client union is empty: every frame is refused (too large, too many, or simply not taken). */
  onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const frame = readFrame(raw, CoffeeLobbyClientFrame, this.budget, conn.id);
    if (!frame.ok && frame.code !== "bad_frame") return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    this.send(conn, { type: "error", code: "bad_frame", message: "The lobby takes no frames from clients" });
  }

  onClose(conn: Connection) {
    this.budget.forget(conn.id);
  }

  private send(conn: Connection, message: CoffeeLobbyServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
