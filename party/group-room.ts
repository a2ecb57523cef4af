import { Server, type Connection, type ConnectionContext } from "partyserver";
import type { EventData } from "../contract/events";
import { GroupRoomClientFrame, type FrameOf, type GroupRoomEventName, type GroupRoomServerFrame, type WelcomeOf } from "../contract/rooms";
import { RoomHistory, welcomeJson, type NewFrame } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { IDENTITY_HEADER, readJsonHeader, Member } from "./protocol";

type ConnState = { member: Member };
/** What the room's history holds: its events. */
type EventFrame = FrameOf<GroupRoomServerFrame, "event">;

/**
 * One room per group: who is online in it, and its live events (post.created, comment.created, reaction.changed…)
 * for the group page and its post pages, plus typing on a post. Only readers of the group get in (decided by the Worker
 * before the upgrade). Events carry ids only: clients load the content through the API, which applies visibility.
 * Frames: contract/rooms.ts (`GroupRoom…Frame`).
 */
export class GroupRoom extends Server<Env> {
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

  getConnectionTags(_conn: Connection, { request }: ConnectionContext) {
    return [Member.parse(readJsonHeader(request, IDENTITY_HEADER)).id];
  }

  private presence(): Member[] {
    const seen = new Map<string, Member>();
    for (const c of this.getConnections<ConnState>()) if (c.state) seen.set(c.state.member.id, c.state.member);
    return [...seen.values()];
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
    conn.setState({ member });
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson<WelcomeOf<"group-room">>({ you: member, presence: this.presence(), cursor }, backlog));
    if ([...this.getConnections(member.id)].length === 1) this.broadcast(JSON.stringify({ type: "join", member } satisfies GroupRoomServerFrame), [conn.id]);
  }

  onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const member = conn.state?.member;
    if (!member) return;
    // Its client union has typing frames only.
    const frame = readFrame(raw, GroupRoomClientFrame, this.budget, conn.id);
    if (!frame.ok) return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    this.broadcast(JSON.stringify({ type: "typing", userId: member.id, postId: frame.message.postId } satisfies GroupRoomServerFrame), [conn.id]);
  }

  onClose(conn: Connection<ConnState>) {
    this.budget.forget(conn.id);
    const member = conn.state?.member;
    if (member && ![...this.getConnections(member.id)].some((c) => c.id !== conn.id)) {
      this.broadcast(JSON.stringify({ type: "leave", userId: member.id } satisfies GroupRoomServerFrame), [conn.id]);
    }
  }

  /** RPC from services, after their D1 write: an event for everyone in the group room. */
  async publish<N extends GroupRoomEventName>(name: N, data: EventData<N>): Promise<number> {
    const { frame, json } = this.history.append({ type: "event", name, data } as NewFrame<EventFrame>);
    this.broadcast(json);
    return frame.seq;
  }

  /** RPC (erasure): an erased member's id leaves the room's stored events (replaced by the placeholder's). */
  async eraseMember(memberId: string, replacements: [string, string][]): Promise<number> {
    return this.history.eraseMember(memberId, replacements);
  }

  /** RPC: who is online in the group now. */
  async online(): Promise<Member[]> {
    return this.presence();
  }

  private send(conn: Connection, message: GroupRoomServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
