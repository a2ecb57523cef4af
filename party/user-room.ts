import { Server, type Connection, type ConnectionContext } from "partyserver";
import { RoomHistory, welcomeJson } from "./history";
import { IDENTITY_HEADER, Member, type ServerMessage } from "./protocol";

type ConnState = { member: Member };

/**
 * One room per member: their notifications and personal events (notification.created, feed.new…) arrive here live, in
 * every tab they have open. Only the member may connect (the Worker checks it before the upgrade). Services write D1
 * first, then call `publish()`.
 */
export class UserRoom extends Server<Env> {
  static options = { hibernate: true };
  private history!: RoomHistory;

  onStart() {
    this.history = new RoomHistory(this.ctx.storage.sql, { frames: 500 });
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null"));
    conn.setState({ member });
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson({ you: member, presence: [member], cursor }, backlog));
  }

  onMessage(conn: Connection<ConnState>) {
    this.send(conn, { type: "error", code: "bad_frame", message: "This room takes no frames from clients" });
  }

  /** RPC from services: append an event to the member's history and push it to their open tabs. */
  async publish(name: string, data: unknown): Promise<number> {
    const { frame, json } = this.history.append({ type: "event", name, data });
    this.broadcast(json);
    return frame.seq;
  }

  private send(conn: Connection, message: ServerMessage) {
    conn.send(JSON.stringify(message));
  }
}
