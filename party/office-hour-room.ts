import { Server, type Connection, type ConnectionContext } from "partyserver";
import { OfficeHourClientFrame, type OfficeHourHistoryFrame, type OfficeHourServerFrame, type WelcomeOf } from "../contract/rooms";
import { askInOfficeHour, replyInOfficeHour } from "../worker/services/questions/office-hour-room";
import { RoomHistory, welcomeJson } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { ConnectingMembers, presenceOf, readJsonHeader, type Member, ROOM_HEADER } from "./protocol";

type ConnState = { member: Member };
/** The session as the Worker hands it over (worker/services/questions/office-hours.ts `officeHourJoinFromSession`). */
type Session = { id: string; groupId: string; expertId: string; topic: string; startsAt: number; endsAt: number };

/** The frames that carry what a member wrote (`from`): what export and erasure look for. */
const WRITTEN = ["question", "answer"] as const;

/**
 * An expert's live office hour (API.md "Questions and knowledge"): open from the session's start to its end to whoever
 * may read the group (decided by the Worker, worker/rooms.ts, which hands the room its record in ROOM_HEADER).
 *
 * - `ask {text}`: a question post of the group by the asker, written through the same service as `POST /groups/:id/posts`
 *   (worker/services/questions/office-hour-room.ts, the room's one door into the services), then the `question` frame
 *   to everyone. The group's members ask; another reader gets `error {code: "bad_frame"}`.
 * - `reply {questionId, text}`: from the expert only (others: `bad_frame`), a comment on that question that becomes its
 *   accepted answer, then the `answer` frame.
 * - At the end (the alarm set at `endsAt`) or on cancel (`closeSession`, RPC from the cancel service): `closed` to
 *   everyone, then every connection closes; the stored frames go (they are copies: the questions and answers are posts
 *   and comments of the group). Connections after the end are refused by the Worker, and by the room itself.
 *
 * Frames: contract/rooms.ts (`OfficeHour…Frame`).
 */
export class OfficeHourRoom extends Server<Env> {
  static options = { hibernate: true };
  private history!: RoomHistory<OfficeHourHistoryFrame>;
  private budget = new FrameBudget(20);
  private sessionCache: (Session & { origin: string; closed: boolean }) | null = null;
  private members = new ConnectingMembers();

  onStart() {
    this.history = new RoomHistory(this.ctx.storage.sql, { frames: 2000 });
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  getConnectionTags(_conn: Connection, { request }: ConnectionContext) {
    return [this.members.of(request).id];
  }

  /** The session the room holds (from its `meta` table, once per wake). */
  private session() {
    if (this.sessionCache === null) {
      const row = this.ctx.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").toArray()[0];
      if (row) this.sessionCache = JSON.parse(row.value);
    }
    return this.sessionCache;
  }

  private remember(session: Session & { origin: string; closed: boolean }) {
    this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('session', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", JSON.stringify(session));
    this.sessionCache = session;
  }

  private presence(): Member[] {
    return presenceOf(this.getConnections<ConnState>());
  }

  async onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = this.members.of(request);
    const handed = readJsonHeader(request, ROOM_HEADER) as Session | null;
    const known = this.session();
    if (handed && !known?.closed && (!known || known.endsAt !== handed.endsAt || known.topic !== handed.topic)) {
      this.remember({ ...handed, origin: new URL(request.url).origin, closed: false });
    }
    const session = this.session();
    if (!session || session.closed || Date.now() >= session.endsAt) {
      this.send(conn, { type: "closed" });
      conn.close(1000, "The office hour has ended");
      return;
    }
    conn.setState({ member });
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(welcomeJson<WelcomeOf<"office-hours">>({ you: member, presence: this.presence(), cursor, expertId: session.expertId, topic: session.topic, endsAt: session.endsAt }, backlog));
    if ([...this.getConnections(member.id)].length === 1) {
      const own = [...this.getConnections(member.id)].map((c) => c.id);
      this.broadcast(JSON.stringify({ type: "join", member } satisfies OfficeHourServerFrame), own);
    }
    // The room closes itself at the session's end.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(session.endsAt);
  }

  private toEveryone(json: string) {
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState !== WebSocket.READY_STATE_OPEN) continue;
      try {
        ws.send(json);
      } catch {
        ws.close(1011, "Unexpected error");
      }
    }
  }

  async onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const member = conn.state?.member;
    const session = this.session();
    if (!member || !session) return;
    const frame = readFrame(raw, OfficeHourClientFrame, this.budget, conn.id);
    if (!frame.ok) return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    const msg = frame.message;
    if (session.closed || Date.now() >= session.endsAt) return this.send(conn, { type: "error", code: "bad_frame", message: "The office hour has ended" });
    try {
      switch (msg.type) {
        case "ask": {
          const { postId } = await askInOfficeHour(this.env, session.origin, { officeHourId: session.id, memberId: member.id, text: msg.text });
          const { json } = this.history.append({ type: "question", id: postId, postId, from: member, text: msg.text, at: Date.now() });
          this.toEveryone(json);
          break;
        }
        case "reply": {
          if (member.id !== session.expertId) return this.send(conn, { type: "error", code: "bad_frame", message: "Only the expert replies" });
          const { commentId } = await replyInOfficeHour(this.env, session.origin, { officeHourId: session.id, memberId: member.id, questionId: msg.questionId, text: msg.text });
          const { json } = this.history.append({ type: "answer", questionId: msg.questionId, commentId, from: member, text: msg.text, at: Date.now() });
          this.toEveryone(json);
          break;
        }
      }
    } catch (err) {
      // A refusal of the services (not a member, not live, not a question of this session) or a failure: an error
      // frame, never a crash. The services' refusals carry their own message.
      const message = err instanceof Error && "status" in err && typeof (err as { status: unknown }).status === "number" && (err as { status: number }).status < 500 ? err.message : "Not saved; try again";
      if (message === "Not saved; try again") console.error(`office hour ${session.id}: ${msg.type} failed`, err);
      this.send(conn, { type: "error", code: "bad_frame", message });
    }
  }

  onClose(conn: Connection<ConnState>) {
    this.budget.forget(conn.id);
    const member = conn.state?.member;
    if (!member) return;
    const stillHere = [...this.getConnections(member.id)].some((c) => c.id !== conn.id);
    if (!stillHere) this.broadcast(JSON.stringify({ type: "leave", userId: member.id } satisfies OfficeHourServerFrame), [conn.id]);
  }

  /** RPC (cancel) and the alarm (end): `closed` to everyone, every connection closed, the stored frames gone. */
  async closeSession(): Promise<void> {
    const session = this.session();
    if (session) this.remember({ ...session, closed: true });
    const closed = JSON.stringify({ type: "closed" } satisfies OfficeHourServerFrame);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        if (ws.readyState === WebSocket.READY_STATE_OPEN) ws.send(closed);
        ws.close(1000, "The office hour has ended");
      } catch {
        // already closing
      }
    }
    this.history.wipe();
    await this.ctx.storage.deleteAlarm();
  }

  async onAlarm() {
    const session = this.session();
    if (session && !session.closed && Date.now() < session.endsAt) {
      await this.ctx.storage.setAlarm(session.endsAt);
      return;
    }
    await this.closeSession();
  }

  /** RPC (export, GDPR article 15): the member's questions and answers still stored here. */
  async memberChats(memberId: string): Promise<string[]> {
    return this.history.chatsOf(memberId, WRITTEN);
  }

  /** RPC (erasure): the member's questions and answers go; their id and name leave every other frame. */
  async eraseMember(memberId: string, replacements: [string, string][]): Promise<number> {
    return this.history.eraseMember(memberId, replacements, WRITTEN);
  }

  private send(conn: Connection, message: OfficeHourServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
