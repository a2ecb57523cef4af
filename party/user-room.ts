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
  private history!: RoomHistory<EventFrame>;
  private budget = new FrameBudget(20);

  onStart() {
    this.history = new RoomHistory(this.ctx.storage.sql, { frames: 500 });
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
    conn.setState({ member });
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

  onClose(conn: Connection) {
    this.budget.forget(conn.id);
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
