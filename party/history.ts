import type { HistoryFrame, RoomKind, WelcomeOf } from "../contract/rooms";

/** A history frame (of union `F`) before the log gives it its `seq`. */
export type NewFrame<F extends HistoryFrame = HistoryFrame> = F extends HistoryFrame ? Omit<F, "seq"> : never;

/**
 * A room's history log in its own SQLite storage: every history frame (chat, react, event) with its per-room `seq`.
 * Reconnecting clients resume from their cursor; frames that fell out of the log make them reload.
 *
 * Cost per append: one INSERT of the finished frame (its `seq` is computed here: a Durable Object runs one event at a
 * time, so `latest + 1` cannot race) and, once the log is full, a DELETE of the frame or chat that falls out, found by a
 * seek (the rowid, `history_type_seq`); the last seq and the number of chats are kept in memory. Nothing reads the
 * whole log. Frames past the age limit are deleted by the room's alarm (`prune()`) and, until then, skipped
 * by `since()` and `hasChat()`.
 *
 * `F` is the room's own history frames (its server union's `chat`, `react`, `event`): a room appends only those.
 *
 * `writeBehind` (the coffee room, bench/README.md "Session 12"): `append()` hands out the seq and the JSON at once and
 * stores the frame on a later turn (the frames of the meantime together), so that the room's broadcast does not wait
 * for a storage commit (the output gate holds whatever is sent after a write begins until it is stored). Every read
 * stores what is pending first, so a joiner's backlog has every frame broadcast before it. Seqs are reserved
 * `writeBehind` at a time, durably, before any of them is sent: after a crash that lost frames not yet stored (the
 * clients saw them), the room starts after the reservation, so a seq a client saw is never handed out again and a
 * resuming cursor stays exact (seqs may then skip numbers, which the protocol allows).
 */
export class RoomHistory<F extends HistoryFrame = HistoryFrame> {
  /** The last seq handed out; read from storage once per wake, then kept here. */
  private last: number | null = null;
  /** How many chats the log holds (with a chat limit); counted once per wake, then kept up to date here. */
  private chats: number | null = null;
  /** writeBehind: frames handed out, not stored yet (stored by the next turn's `flush()` or the next read). */
  private pending: { seq: number; type: string; ref: string | null; json: string; at: number }[] = [];
  /** writeBehind: the highest seq durably reserved (null: read once per wake). */
  private reserved: number | null = null;

  constructor(
    private readonly sql: SqlStorage,
    /**
     * `reserveAhead: false` (bench only): the flush never reserves, only a broadcast's turn does, as before session 14.
     * `flushAfterMs` (bench only): the flush that many milliseconds after the first pending frame, not on the next turn.
     */
    private readonly keep: { frames: number; chats?: number; maxAgeMs?: number; writeBehind?: number; reserveAhead?: boolean; flushAfterMs?: number },
  ) {
    // `ref`: a chat's own id, or the message a reaction is about. Idempotent, so rooms created before an index was
    // added get it on their next start.
    sql.exec("CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, ref TEXT, frame TEXT NOT NULL, at INTEGER NOT NULL)");
    sql.exec("CREATE INDEX IF NOT EXISTS history_ref ON history (type, ref)");
    sql.exec("CREATE INDEX IF NOT EXISTS history_type_seq ON history (type, seq)");
    if (keep.writeBehind) sql.exec("CREATE TABLE IF NOT EXISTS history_reserved (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)");
  }

  /**
   * Appends a frame (its `seq` assigned here) and drops what the count limits no longer keep. Returns the frame and
   * its JSON text (stored as is, and what the room broadcasts: serialised once).
   */
  append<N extends NewFrame<F>>(frame: N, now = Date.now()): { frame: N & { seq: number }; json: string } {
    const f = frame as NewFrame;
    const ref = f.type === "chat" ? f.id : f.type === "react" ? f.messageId : null;
    const seq = this.latest() + 1;
    const full = { ...frame, seq };
    const json = JSON.stringify(full);
    if (this.keep.writeBehind) {
      // Reserved durably before it is sent. Normally the flush before it reserved ahead (on a turn of its own); past the
      // reservation (the room's first frame, or a burst within one turn) this write is in the caller's turn, and the
      // output gate holds the send until it is stored.
      if (seq > this.reservedSeq()) this.reserve(seq + this.keep.writeBehind - 1);
      this.last = seq;
      if (this.pending.push({ seq, type: frame.type, ref, json, at: now }) === 1) setTimeout(() => this.flush(), this.keep.flushAfterMs ?? 0);
      return { frame: full, json };
    }
    this.store(seq, frame.type, ref, json, now);
    return { frame: full, json };
  }

  private store(seq: number, type: string, ref: string | null, json: string, at: number) {
    this.sql.exec("INSERT INTO history (seq, type, ref, frame, at) VALUES (?, ?, ?, ?, ?)", seq, type, ref, json, at);
    this.last = Math.max(this.last ?? 0, seq);
    if (type === "chat" && this.chats !== null) this.chats += 1;
    this.pruneCounts(seq);
  }

  /**
   * writeBehind: stores the frames handed out and not stored yet, in order (every read calls it first). When less than
   * half the reservation is left, the next block is reserved here, in the same turn as the frames' own writes: so that
   * a later chat's broadcast never waits for a commit of its own (session 14: with the reservation taken in the
   * broadcast's turn, one chat in `writeBehind` waited for the commit).
   */
  flush() {
    if (this.pending.length === 0) return;
    for (const f of this.pending.splice(0)) this.store(f.seq, f.type, f.ref, f.json, f.at);
    if (this.keep.reserveAhead !== false && this.reservedSeq() - this.latest() <= this.keep.writeBehind! / 2) this.reserve(this.latest() + this.keep.writeBehind!);
  }

  private reserve(upTo: number) {
    this.reserved = upTo;
    this.sql.exec("INSERT INTO history_reserved (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq", upTo);
  }

  private reservedSeq(): number {
    this.reserved ??= this.sql.exec<{ seq: number }>("SELECT seq FROM history_reserved WHERE id = 1").toArray()[0]?.seq ?? 0;
    return this.reserved;
  }

  /**
   * The count limits, each a seek that reads only the rows it deletes: the frames past the `frames`-th latest (a
   * rowid range), then everything up to the newest chat beyond `chats` (found from the front of `history_type_seq`).
   * Both cut a prefix of the log.
   */
  private pruneCounts(latest: number) {
    if (latest > this.keep.frames) {
      const gone = this.sql.exec<{ type: string }>("DELETE FROM history WHERE seq <= ? RETURNING type", latest - this.keep.frames).toArray();
      if (this.chats !== null) this.chats -= gone.filter((r) => r.type === "chat").length;
    }
    if (this.keep.chats === undefined) return;
    this.chats ??= this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM history WHERE type = 'chat'").one().n;
    if (this.chats > this.keep.chats) {
      // A prefix of the log, up to the newest chat that falls out (with the reactions and events before it): the log
      // never has a hole, so a cursor older than what is left is always told to reload.
      const edge = this.sql.exec<{ seq: number }>("SELECT seq FROM history WHERE type = 'chat' ORDER BY seq LIMIT 1 OFFSET ?", this.chats - this.keep.chats - 1).one().seq;
      const gone = this.sql.exec<{ type: string }>("DELETE FROM history WHERE seq <= ? RETURNING type", edge).toArray();
      this.chats -= gone.filter((r) => r.type === "chat").length;
    }
  }

  /** The alarm's sweep: the count limits, and the frames past the age limit (a prefix of the log: frames are appended in time order). */
  prune(now = Date.now()) {
    this.flush();
    this.pruneCounts(this.latest());
    if (this.keep.maxAgeMs === undefined) return;
    const first = this.firstLive(now);
    this.sql.exec("DELETE FROM history WHERE seq < ?", first ?? this.latest() + 1);
    this.chats = null; // counted again on the next append
  }

  /** Whether the log still holds frames (the sweep alarm stops when it is empty). */
  isEmpty(): boolean {
    this.flush();
    return this.sql.exec("SELECT 1 FROM history LIMIT 1").toArray().length === 0;
  }

  /** Whether a chat message is still in the log and not expired (reactions are only to those). */
  hasChat(id: string, now = Date.now()): boolean {
    this.flush();
    const floor = this.keep.maxAgeMs === undefined ? 0 : now - this.keep.maxAgeMs;
    return this.sql.exec("SELECT 1 FROM history WHERE type = 'chat' AND ref = ? AND at >= ? LIMIT 1", id, floor).toArray().length > 0;
  }

  /**
   * A member's chat messages still in the log (their export, GDPR article 15): the stored frame texts. `types`: the
   * kinds of frame that carry what a member wrote in `from` (an office hour's `question` and `answer` frames).
   */
  chatsOf(memberId: string, types: readonly string[] = ["chat"]): string[] {
    this.flush();
    const list = types.map(() => "?").join(",");
    return this.sql.exec<{ frame: string }>(`SELECT frame FROM history WHERE type IN (${list}) AND json_extract(frame, '$.from.id') = ? ORDER BY seq`, ...types, memberId).toArray().map((r) => r.frame);
  }

  /**
   * Erasure (GDPR article 17): the member's chat messages leave the log with every reaction to them, and their own
   * reactions; in every other frame each `[old, new]` pair of texts is replaced (their id by the placeholder's, their
   * name by "Deleted member"), so that nothing of them stays. Returns how many frames went or changed.
   */
  eraseMember(memberId: string, replacements: [string, string][], types: readonly string[] = ["chat"]): number {
    this.flush();
    const list = types.map(() => "?").join(",");
    const chats = this.sql.exec<{ ref: string | null }>(`DELETE FROM history WHERE type IN (${list}) AND json_extract(frame, '$.from.id') = ? RETURNING ref`, ...types, memberId).toArray();
    let changed = chats.length;
    for (const { ref } of chats) if (ref !== null) changed += this.sql.exec("DELETE FROM history WHERE type = 'react' AND ref = ?", ref).rowsWritten;
    changed += this.sql.exec("DELETE FROM history WHERE type = 'react' AND json_extract(frame, '$.userId') = ?", memberId).rowsWritten;
    for (const [from, to] of replacements) {
      if (from === "") continue;
      changed += this.sql.exec("UPDATE history SET frame = replace(frame, ?, ?) WHERE instr(frame, ?) > 0", from, to, from).rowsWritten;
    }
    this.chats = null; // counted again on the next append
    return changed;
  }

  /** Retention: frames older than `before` leave the log (a prefix: frames are appended in time order). */
  pruneBefore(before: number): number {
    this.flush();
    const gone = this.sql.exec("DELETE FROM history WHERE at < ?", before).rowsWritten;
    this.chats = null;
    return gone;
  }

  /** Erasure of the member whose own room this is: their whole log goes. */
  wipe(): number {
    this.flush();
    const gone = this.sql.exec("DELETE FROM history").rowsWritten;
    this.chats = null;
    return gone;
  }

  latest(): number {
    if (this.last === null) {
      const max = this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM history").one().seq;
      this.last = max ?? this.floor();
      // writeBehind: frames up to the reservation may have been seen and lost (a crash before they were stored).
      if (this.keep.writeBehind) this.last = Math.max(this.last, this.reservedSeq());
    }
    return this.last;
  }

  /** The last seq ever handed out, even when the log is empty (AUTOINCREMENT remembers it). */
  private floor(): number {
    const row = this.sql.exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'history'").toArray()[0];
    return row?.seq ?? 0;
  }

  /**
   * The seq of the oldest frame clients may still get (null: none). Everything from it on is live: expiry cuts a
   * prefix, so a resuming client never sees a hole. Reads the first row, plus the expired ones the alarm has not yet
   * swept (at most an hour's worth).
   */
  private firstLive(now: number): number | null {
    if (this.keep.maxAgeMs === undefined) return this.sql.exec<{ seq: number | null }>("SELECT min(seq) AS seq FROM history").one().seq;
    const row = this.sql.exec<{ seq: number }>("SELECT seq FROM history WHERE at >= ? ORDER BY seq LIMIT 1", now - this.keep.maxAgeMs).toArray()[0];
    return row?.seq ?? null;
  }

  /**
   * What a (re)connecting client gets: without a cursor the latest `count` frames; with one, exactly the frames after
   * it, none twice; `stale` when frames after the cursor were already dropped (the client must reload). The backlog is
   * the stored JSON text of each frame (validated when it was appended), to be sent as is (`welcomeJson`).
   */
  since(cursorParam: string | null, count = 50, now = Date.now()): { backlog: string[]; cursor: number; stale: boolean } {
    this.flush();
    const latest = this.latest();
    const cursor = cursorParam !== null && /^\d{1,15}$/.test(cursorParam) ? Number(cursorParam) : null;
    const first = this.firstLive(now);
    const stale = cursor !== null && cursor < latest && (first === null || cursor < first - 1);
    if (first === null) return { backlog: [], cursor: latest, stale };
    const rows =
      cursor === null || stale
        ? this.sql.exec<{ frame: string }>("SELECT frame FROM history WHERE seq >= ? ORDER BY seq DESC LIMIT ?", first, count).toArray().reverse()
        : this.sql.exec<{ frame: string }>("SELECT frame FROM history WHERE seq > ? ORDER BY seq", Math.max(cursor, first - 1)).toArray();
    return { backlog: rows.map((r) => r.frame), cursor: latest, stale };
  }
}

/** Every kind of room's welcome frame. */
type AnyWelcome = WelcomeOf<RoomKind>;

/**
 * The `welcome` frame's text around a backlog of stored frame texts, without parsing and re-serialising them. `rest`
 * is every other field of the welcome (API.md "Live rooms"); `W` the room's own welcome.
 */
export function welcomeJson<W extends AnyWelcome = AnyWelcome>(rest: W extends AnyWelcome ? Omit<W, "type" | "backlog"> : never, backlog: string[]): string {
  const fields = JSON.stringify(rest);
  return `{"type":"welcome","backlog":[${backlog.join(",")}],${fields.slice(1)}`;
}
