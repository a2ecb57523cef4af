import { Server, type Connection, type ConnectionContext } from "partyserver";
import type { EventData } from "../contract/events";
import { CampaignRoomClientFrame, type CampaignRoomEventName, type CampaignRoomServerFrame, type FrameOf, type WelcomeOf } from "../contract/rooms";
import { RoomHistory, welcomeJson, type NewFrame } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { IDENTITY_HEADER, readJsonHeader, Member } from "./protocol";

type ConnState = { member: Member };
type EventFrame = FrameOf<CampaignRoomServerFrame, "event">;

/**
 * One room per campaign: its ideas' support counts, live (`idea.supported {ideaId, supportCount}`), for the campaign
 * page's ranking. Whoever may see the campaign gets in (decided by the Worker before the upgrade, worker/rooms.ts).
 * Counts only: clients load the ideas through the API. Frames: contract/rooms.ts (`CampaignRoom…Frame`).
 */
export class CampaignRoom extends Server<Env> {
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

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
    conn.setState({ member });
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson<WelcomeOf<"campaign-room">>({ you: member, presence: [], cursor }, backlog));
  }

  /** Its client union is empty: every frame is refused. */
  onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const frame = readFrame(raw, CampaignRoomClientFrame, this.budget, conn.id);
    if (!frame.ok && frame.code !== "bad_frame") return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    this.send(conn, { type: "error", code: "bad_frame", message: "This room takes no frames from clients" });
  }

  onClose(conn: Connection) {
    this.budget.forget(conn.id);
  }

  /** RPC from services, after their D1 write: a support count for everyone on the campaign page. */
  async publish<N extends CampaignRoomEventName>(name: N, data: EventData<N>): Promise<number> {
    const { frame, json } = this.history.append({ type: "event", name, data } as NewFrame<EventFrame>);
    this.broadcast(json);
    return frame.seq;
  }

  private send(conn: Connection, message: CampaignRoomServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
