import { Server, type Connection, type ConnectionContext } from "partyserver";
import { HistoryFrame, IDENTITY_HEADER, Member, type ServerMessage } from "./protocol";

type ConnState = { member: Member };

/** How many history frames a user room keeps for reconnecting clients. */
const KEEP = 500;
const DEFAULT_BACKLOG = 50;

/**
 * One room per member: their notifications and personal events arrive here live. Only the member may connect (the
 * Worker checks it before the upgrade). Services write D1 first, then call `publish()`.
 */
export class UserRoom extends Server<Env> {
  static options = { hibernate: true };

  onStart() {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY AUTOINCREMENT, frame TEXT NOT NULL, at INTEGER NOT NULL)");
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = Member.parse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null"));
    conn.setState({ member });
    const cursorParam = new URL(request.url).searchParams.get("cursor");
    const { backlog, cursor, stale } = this.backlog(cursorParam);
    if (stale) this.send(conn, { type: "reload" });
    this.send(conn, { type: "welcome", you: member, presence: [member], backlog, cursor });
  }

  onMessage(conn: Connection<ConnState>) {
    this.send(conn, { type: "error", code: "bad_frame", message: "This room takes no frames from clients" });
  }

  /** RPC from services: append an event to the member's history and push it to their open tabs. */
  async publish(name: string, data: unknown): Promise<number> {
    const frame = { type: "event" as const, seq: 0, name, data };
    const row = this.ctx.storage.sql
      .exec<{ seq: number }>("INSERT INTO history (frame, at) VALUES (?, ?) RETURNING seq", JSON.stringify(frame), Date.now())
      .one();
    frame.seq = row.seq;
    this.ctx.storage.sql.exec("UPDATE history SET frame = ? WHERE seq = ?", JSON.stringify(frame), row.seq);
    this.ctx.storage.sql.exec("DELETE FROM history WHERE seq <= ?", row.seq - KEEP);
    this.broadcast(JSON.stringify(frame));
    return row.seq;
  }

  /** History after the client's cursor (none twice), or the latest frames; `stale` when the cursor fell out of history. */
  private backlog(cursorParam: string | null): { backlog: HistoryFrame[]; cursor: number; stale: boolean } {
    const sql = this.ctx.storage.sql;
    const bounds = sql.exec<{ low: number | null; high: number | null }>("SELECT min(seq) AS low, max(seq) AS high FROM history").one();
    const latest = bounds.high ?? 0;
    const cursor = cursorParam !== null && /^\d{1,15}$/.test(cursorParam) ? Number(cursorParam) : null;
    const stale = cursor !== null && bounds.low !== null && cursor < bounds.low - 1;
    const rows =
      cursor === null || stale
        ? sql.exec<{ frame: string }>("SELECT frame FROM (SELECT seq, frame FROM history ORDER BY seq DESC LIMIT ?) ORDER BY seq", DEFAULT_BACKLOG).toArray()
        : sql.exec<{ frame: string }>("SELECT frame FROM history WHERE seq > ? ORDER BY seq", cursor).toArray();
    return { backlog: rows.map((r) => HistoryFrame.parse(JSON.parse(r.frame))), cursor: latest, stale };
  }

  private send(conn: Connection, message: ServerMessage) {
    conn.send(JSON.stringify(message));
  }
}
