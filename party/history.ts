import { HistoryFrame } from "./protocol";

/** A history frame before the log gives it its `seq`. */
export type NewFrame = HistoryFrame extends infer F ? (F extends HistoryFrame ? Omit<F, "seq"> : never) : never;

/**
 * A room's history log in its own SQLite storage: every history frame (chat, react, event) with its per-room `seq`.
 * Reconnecting clients resume from their cursor; frames that fell out of the log make them reload.
 */
export class RoomHistory {
  constructor(
    private readonly sql: SqlStorage,
    private readonly keep: { frames: number; chats?: number; maxAgeMs?: number },
  ) {
    // `ref`: a chat's own id, or the message a reaction is about.
    sql.exec("CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, ref TEXT, frame TEXT NOT NULL, at INTEGER NOT NULL)");
    sql.exec("CREATE INDEX IF NOT EXISTS history_ref ON history (type, ref)");
  }

  /** Appends a frame (its `seq` assigned here), prunes what the limits no longer keep, and returns it. */
  append<F extends NewFrame>(frame: F, now = Date.now()): F & { seq: number } {
    const ref = frame.type === "chat" ? frame.id : frame.type === "react" ? frame.messageId : null;
    const seq = this.sql.exec<{ seq: number }>("INSERT INTO history (type, ref, frame, at) VALUES (?, ?, '', ?) RETURNING seq", frame.type, ref, now).one().seq;
    const full = { ...frame, seq };
    this.sql.exec("UPDATE history SET frame = ? WHERE seq = ?", JSON.stringify(full), seq);
    this.prune(now, seq);
    return full;
  }

  /** Drops frames beyond the count limit and, when set, those older than the age limit. */
  prune(now = Date.now(), latest = this.latest()) {
    this.sql.exec("DELETE FROM history WHERE seq <= ?", latest - this.keep.frames);
    if (this.keep.chats !== undefined) {
      this.sql.exec("DELETE FROM history WHERE type = 'chat' AND seq < (SELECT min(seq) FROM (SELECT seq FROM history WHERE type = 'chat' ORDER BY seq DESC LIMIT ?))", this.keep.chats);
    }
    if (this.keep.maxAgeMs !== undefined) this.sql.exec("DELETE FROM history WHERE at < ?", now - this.keep.maxAgeMs);
  }

  /** Whether a chat message is still in the log (reactions are only to those). */
  hasChat(id: string): boolean {
    return this.sql.exec("SELECT 1 FROM history WHERE type = 'chat' AND ref = ? LIMIT 1", id).toArray().length > 0;
  }

  latest(): number {
    return this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM history").one().seq ?? this.floor();
  }

  /** The last seq ever handed out, even when the log is empty (AUTOINCREMENT remembers it). */
  private floor(): number {
    const row = this.sql.exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'history'").toArray()[0];
    return row?.seq ?? 0;
  }

  /**
   * What a (re)connecting client gets: without a cursor the latest `count` frames; with one, exactly the frames after
   * it, none twice; `stale` when frames after the cursor were already dropped (the client must reload).
   */
  since(cursorParam: string | null, count = 50): { backlog: HistoryFrame[]; cursor: number; stale: boolean } {
    const latest = this.latest();
    const cursor = cursorParam !== null && /^\d{1,15}$/.test(cursorParam) ? Number(cursorParam) : null;
    const oldest = this.sql.exec<{ seq: number | null }>("SELECT min(seq) AS seq FROM history").one().seq;
    const stale = cursor !== null && cursor < latest && (oldest === null || cursor < oldest - 1);
    const rows =
      cursor === null || stale
        ? this.sql.exec<{ frame: string }>("SELECT frame FROM (SELECT seq, frame FROM history ORDER BY seq DESC LIMIT ?) ORDER BY seq", count).toArray()
        : this.sql.exec<{ frame: string }>("SELECT frame FROM history WHERE seq > ? ORDER BY seq", cursor).toArray();
    return { backlog: rows.map((r) => HistoryFrame.parse(JSON.parse(r.frame))), cursor: latest, stale };
  }
}
