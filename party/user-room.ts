import { Server, type Connection, type ConnectionContext } from "partyserver";
import type { EventData } from "../contract/events";
import { UserRoomClientFrame, type FrameOf, type UserRoomEventName, type UserRoomServerFrame, type WelcomeOf } from "../contract/rooms";
import { RoomHistory, welcomeJson, type NewFrame } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { IDENTITY_HEADER, readJsonHeader, Member } from "./protocol";

type ConnState = { member: Member };
/** What the room's history holds: its events. */
type EventFrame = FrameOf<UserRoomServerFrame, "event">;

/**
 * One room per member: their notifications and personal events (notification.created, feed.new) arrive here live, in
 * every tab they have open. Only the member may connect (the Worker checks it before the upgrade). Services write D1
 * first, then call `publish()` (through worker/services/live.ts). Frames: contract/rooms.ts (`UserRoom…Frame`).
 */
export class UserRoom extends Server<Env> {
  static options = { hibernate: true };
  private log?: RoomHistory<EventFrame>;
  /** Its event log, in the room's storage: made on first use, so that a publish by RPC needs no start (services/live.ts). */
  private get history(): RoomHistory<EventFrame> {
    return (this.log ??= new RoomHistory(this.ctx.storage.sql, { frames: 500 }));
  }
  private budget = new FrameBudget(20);

  onStart() {
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
  }

  async onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
    conn.setState({ member });
    // Presence (questions' escalation asks who is online): one write when the member's first connection opens.
    if (this.openConnections(conn.id) === 0) await this.writePresence(member.id, true);
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson<WelcomeOf<"user-room">>({ you: member, presence: [member], cursor }, backlog));
  }

  /** Its client union is empty: every frame is refused (too large, too many, or simply not taken). */
  onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const frame = readFrame(raw, UserRoomClientFrame, this.budget, conn.id);
    if (!frame.ok && frame.code !== "bad_frame") return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    this.send(conn, { type: "error", code: "bad_frame", message: "This room takes no frames from clients" });
  }

  async onClose(conn: Connection) {
    this.budget.forget(conn.id);
    // ... and one when the last closes (a close lost to a restart is checked by the cron: connectionCount).
    if (this.openConnections(conn.id) === 0) await this.writePresence(this.name, false);
  }

  /** RPC: how many of the member's connections are open (the cron asks when a presence row was not confirmed lately). */
  async connectionCount(): Promise<number> {
    return this.openConnections(null);
  }

  private openConnections(except: string | null): number {
    let n = 0;
    for (const c of this.getConnections()) if (c.id !== except && c.readyState === WebSocket.OPEN) n++;
    return n;
  }

  private async writePresence(userId: string, online: boolean) {
    const now = Date.now();
    try {
      if (online) {
        await this.env.DB.prepare("INSERT INTO presence (user_id, since, seen_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at").bind(userId, now, now).run();
      } else {
        await this.env.DB.prepare("DELETE FROM presence WHERE user_id = ?").bind(userId).run();
      }
    } catch (err) {
      console.error(JSON.stringify({ room: "user", presence: online, error: String(err) }));
    }
  }

  /** RPC from services: append an event to the member's history and push it to their open tabs. */
  async publish<N extends UserRoomEventName>(name: N, data: EventData<N>): Promise<number> {
    const { frame, json } = this.history.append({ type: "event", name, data } as NewFrame<EventFrame>);
    this.broadcast(json);
    return frame.seq;
  }

  /** RPC (erasure): in the member's own room, the whole log goes; in another's, their id and name leave its frames. */
  async eraseMember(memberId: string, replacements: [string, string][]): Promise<number> {
    return this.name === memberId ? this.history.wipe() : this.history.eraseMember(memberId, replacements);
  }

  private send(conn: Connection, message: UserRoomServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
