import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RoomHistory, welcomeJson } from "./history";
import { HistoryFrame } from "../contract/rooms";
import type { Member } from "./protocol";

const DAY = 24 * 3600 * 1000;
const COFFEE = { frames: 1000, chats: 200, maxAgeMs: DAY };
const from: Member = { id: "usr_history", handle: "history", name: "History Test", location: "Lyon", timezone: "Europe/Paris", avatarUrl: null };

let rooms = 0;
/** Runs `fn` against the SQLite storage of a fresh room (its own Durable Object), every statement recorded. */
function inFreshRoom<R>(fn: (sql: SqlStorage, rec: Recorder) => R | Promise<R>): Promise<R> {
  const stub = env.CoffeeRoom.get(env.CoffeeRoom.idFromName(`history-test-${++rooms}-${Date.now()}`));
  return runInDurableObject(stub, (_instance, state) => {
    const rec = new Recorder(state.storage.sql);
    return fn(state.storage.sql, rec);
  });
}

class Recorder {
  calls: { query: string; bindings: SqlStorageValue[]; cursor: SqlStorageCursor<Record<string, SqlStorageValue>> }[] = [];
  readonly sql: SqlStorage;
  constructor(private readonly real: SqlStorage) {
    const calls = this.calls;
    this.sql = {
      exec(query: string, ...bindings: SqlStorageValue[]) {
        const cursor = real.exec(query, ...bindings);
        calls.push({ query, bindings, cursor });
        return cursor;
      },
    } as unknown as SqlStorage;
  }
  reset() {
    this.calls.length = 0;
  }
  rowsRead() {
    return this.calls.reduce((n, c) => n + c.cursor.rowsRead, 0);
  }
  writes() {
    return this.calls.filter((c) => /^\s*(INSERT|UPDATE|DELETE)/i.test(c.query));
  }
  plans() {
    return this.calls.map((c) => ({ query: c.query, plan: this.real.exec(`EXPLAIN QUERY PLAN ${c.query}`, ...c.bindings).toArray().map((r) => String(r.detail)) }));
  }
}

const chat = (text: string) => ({ type: "chat" as const, id: crypto.randomUUID(), from, text, at: Date.now() });
const seqs = (backlog: string[]) => backlog.map((f) => HistoryFrame.parse(JSON.parse(f)).seq);

describe("room history", () => {
  it("appends each frame with one INSERT (no UPDATE) and keeps the count limits by short seeks", () =>
    inFreshRoom((_sql, rec) => {
      const h = new RoomHistory(rec.sql, COFFEE);
      const ids: string[] = [];
      for (let i = 1; i <= 250; i++) {
        rec.reset();
        const { frame, json } = h.append(chat(`m${i}`));
        ids.push(frame.id);
        expect(frame.seq).toBe(i);
        expect(JSON.parse(json)).toEqual(frame);
        const writes = rec.writes();
        expect(writes.filter((w) => /^\s*INSERT/i.test(w.query))).toHaveLength(1);
        expect(writes.filter((w) => /^\s*UPDATE/i.test(w.query))).toHaveLength(0);
        // A few rows: the one that falls out once the log is full, never a walk over the log (but the one count after a wake).
        if (i > 1) expect(rec.rowsRead()).toBeLessThanOrEqual(8);
      }
      for (const { query, plan } of rec.plans()) {
        expect(plan.join(" | "), query).not.toMatch(/SCAN history|TEMP B-TREE/);
      }
      // The last 200 chats are kept; reactions count towards the 1,000 frames.
      const kept = rec.sql.exec<{ n: number; lo: number; hi: number }>("SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM history WHERE type = 'chat'").one();
      expect(kept).toEqual({ n: 200, lo: 51, hi: 250 });
      expect(h.hasChat(ids[49])).toBe(false);
      expect(h.hasChat(ids[50])).toBe(true);
      for (let i = 0; i < 900; i++) h.append({ type: "react", messageId: ids[249], kind: "like", userId: from.id });
      expect(h.latest()).toBe(1150);
      expect(rec.sql.exec<{ n: number; lo: number }>("SELECT count(*) AS n, min(seq) AS lo FROM history").one()).toEqual({ n: 1000, lo: 151 });
      // The frame limit drops chats too (51…150 above, 151…250 now); the chat count kept in memory follows it.
      const chats = () => rec.sql.exec<{ n: number; lo: number }>("SELECT count(*) AS n, min(seq) AS lo FROM history WHERE type = 'chat'").one();
      for (let i = 1; i <= 100; i++) h.append(chat(`more ${i}`));
      expect(chats()).toEqual({ n: 100, lo: 1151 });
      for (let i = 1; i <= 150; i++) h.append(chat(`again ${i}`));
      expect(chats()).toEqual({ n: 200, lo: 1201 });
    }));

  it("gives a resuming client exactly what it missed, the latest 50 without a cursor, and `stale` past the log", () =>
    inFreshRoom((_sql, rec) => {
      const h = new RoomHistory(rec.sql, COFFEE);
      const stored: string[] = [];
      for (let i = 1; i <= 260; i++) stored.push(h.append(chat(`m${i}`)).json);
      rec.reset();
      const fresh = h.since(null);
      expect(fresh).toMatchObject({ cursor: 260, stale: false });
      expect(fresh.backlog).toEqual(stored.slice(-50)); // the stored text, as is
      expect(rec.rowsRead()).toBeLessThanOrEqual(55);
      expect(seqs(h.since("255").backlog)).toEqual([256, 257, 258, 259, 260]);
      expect(h.since("260")).toEqual({ backlog: [], cursor: 260, stale: false });
      // 61…260 are kept: a client that saw 60 gets all 200 after it; one that saw 59 missed 60, gone: reload (the latest 50).
      const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
      expect(h.since("60").stale).toBe(false);
      expect(seqs(h.since("60").backlog)).toEqual(range(61, 260));
      expect(h.since("59").stale).toBe(true);
      expect(seqs(h.since("59").backlog)).toEqual(range(211, 260));
      expect(h.since("not a number")).toMatchObject({ cursor: 260, stale: false });
    }));

  it("skips expired frames until the alarm deletes them, never leaving a hole, and remembers the last seq", () =>
    inFreshRoom((_sql, rec) => {
      const h = new RoomHistory(rec.sql, COFFEE);
      const now = Date.now();
      const old = [1, 2, 3].map((i) => h.append(chat(`old ${i}`), now - DAY - 1000 + i).frame);
      for (const i of [4, 5]) h.append(chat(`new ${i}`), now);
      expect(seqs(h.since(null, 50, now).backlog)).toEqual([4, 5]);
      expect(h.since("3", 50, now)).toMatchObject({ stale: false });
      expect(seqs(h.since("3", 50, now).backlog)).toEqual([4, 5]);
      expect(h.since("1", 50, now)).toMatchObject({ stale: true }); // 2 and 3 expired: reload
      expect(h.hasChat(old[2].id, now)).toBe(false);
      h.prune(now);
      expect(rec.sql.exec<{ n: number }>("SELECT count(*) AS n FROM history").one().n).toBe(2);
      h.prune(now + 2 * DAY);
      expect(h.isEmpty()).toBe(true);
      expect(h.latest()).toBe(5);
      expect(new RoomHistory(rec.sql, COFFEE).latest()).toBe(5); // AUTOINCREMENT remembers it after a wake
      expect(h.append(chat("after"), now + 2 * DAY).frame.seq).toBe(6);
    }));

  it("upgrades a room created before the (type, seq) index: the index is added, seq and backlog carry on", () =>
    inFreshRoom((sql) => {
      // The shape and the writes of the previous version (INSERT … RETURNING, then UPDATE).
      sql.exec("CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, ref TEXT, frame TEXT NOT NULL, at INTEGER NOT NULL)");
      sql.exec("CREATE INDEX history_ref ON history (type, ref)");
      for (let i = 1; i <= 3; i++) {
        const c = chat(`before ${i}`);
        const seq = sql.exec<{ seq: number }>("INSERT INTO history (type, ref, frame, at) VALUES ('chat', ?, '', ?) RETURNING seq", c.id, c.at).one().seq;
        sql.exec("UPDATE history SET frame = ? WHERE seq = ?", JSON.stringify({ ...c, seq }), seq);
      }
      const h = new RoomHistory(sql, COFFEE);
      expect(sql.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'history_type_seq'").toArray()).toHaveLength(1);
      expect(h.append(chat("after")).frame.seq).toBe(4);
      expect(seqs(h.since("1").backlog)).toEqual([2, 3, 4]);
    }));

  it("cuts the log as a prefix when chats fall out, so a cursor before the cut reloads instead of skipping frames", () =>
    inFreshRoom((_sql, rec) => {
      const h = new RoomHistory(rec.sql, COFFEE);
      h.append({ type: "event", name: "pairing.icebreaker", data: { sharedHobbies: ["chess"], hotTopics: [] } }); // seq 1, older than every chat
      const first = h.append(chat("first")).frame; // seq 2
      h.append({ type: "react", messageId: first.id, kind: "like", userId: from.id }); // seq 3
      for (let i = 1; i <= 300; i++) h.append(chat(`c${i}`)); // seq 4…303
      const left = rec.sql.exec<{ n: number; lo: number }>("SELECT count(*) AS n, min(seq) AS lo FROM history").one();
      expect(left).toEqual({ n: 200, lo: 104 }); // the 200 latest chats, and nothing older: no hole
      for (const cursor of ["1", "5", "102"]) {
        const resumed = h.since(cursor);
        expect(resumed.stale, `cursor ${cursor}`).toBe(true);
        expect(seqs(resumed.backlog)).toEqual(Array.from({ length: 50 }, (_, i) => 254 + i));
      }
      expect(h.since("103")).toMatchObject({ stale: false });
      expect(seqs(h.since("103").backlog)).toEqual(Array.from({ length: 200 }, (_, i) => 104 + i));
    }));

  it("write-behind: hands out seq and text at once, stores on a later turn or before any read, reserving seqs durably", () =>
    inFreshRoom(async (_sql, rec) => {
      const WB = { ...COFFEE, writeBehind: 3 };
      const stored = () => rec.sql.exec<{ n: number }>("SELECT count(*) AS n FROM history").one().n;
      const reserved = () => rec.sql.exec<{ seq: number }>("SELECT seq FROM history_reserved").one().seq;
      const h = new RoomHistory(rec.sql, WB);
      rec.reset();
      // The first append reserves 1…3 (the only write of its turn: the output gate holds its broadcast until stored).
      expect(h.append(chat("a")).frame.seq).toBe(1);
      expect(rec.writes().map((w) => w.query.split(" ").slice(0, 3).join(" "))).toEqual(["INSERT INTO history_reserved"]);
      expect(reserved()).toBe(3);
      rec.reset();
      expect(h.append(chat("b")).frame.seq).toBe(2);
      expect(h.append(chat("c")).frame.seq).toBe(3);
      expect(rec.writes()).toHaveLength(0); // within the reservation: nothing written before the broadcast
      expect(h.append(chat("d")).frame.seq).toBe(4);
      expect(reserved()).toBe(6);
      expect(stored()).toBe(0);
      // A read stores what is pending first: a joiner's backlog has every frame broadcast before it.
      expect(seqs(h.since(null).backlog)).toEqual([1, 2, 3, 4]);
      expect(stored()).toBe(4);
      // Otherwise the next turn stores them, without any read.
      h.append(chat("e"));
      await new Promise((r) => setTimeout(r, 20));
      expect(stored()).toBe(5);
      expect(h.latest()).toBe(5);
    }));

  it("write-behind: the flush reserves the next seqs when half the reservation is used, so no broadcast's turn writes", () =>
    inFreshRoom(async (_sql, rec) => {
      const h = new RoomHistory(rec.sql, { ...COFFEE, writeBehind: 4 });
      const reserved = () => rec.sql.exec<{ seq: number }>("SELECT seq FROM history_reserved").one().seq;
      const turn = () => new Promise((r) => setTimeout(r, 20));
      h.append(chat("a")); // the room's first frame: reserved 1…4 in its own turn
      expect(reserved()).toBe(4);
      await turn(); // stored; 3 seqs left: no reservation yet
      expect(reserved()).toBe(4);
      rec.reset();
      h.append(chat("b"));
      expect(rec.writes()).toEqual([]);
      await turn(); // stored; 2 left (half): the flush reserves 3…6 → up to 2 + 4
      expect(reserved()).toBe(6);
      rec.reset();
      // Seqs 3…6, each broadcast on a turn of its own, then stored: none of the broadcasts' turns writes anything.
      for (const t of ["c", "d", "e", "f"]) {
        h.append(chat(t));
        expect(rec.writes(), t).toEqual([]);
        await turn();
        rec.reset();
      }
      expect(h.latest()).toBe(6);
      expect(reserved()).toBe(10); // reserved again by the flushes (of 4 at 4 + 4 = 8, then of 6 at 6 + 4 = 10)
      // A burst within one turn beyond the reservation still reserves in its own turn before its send.
      for (const t of ["g", "h", "i", "j"]) h.append(chat(t));
      expect(rec.writes()).toEqual([]);
      h.append(chat("k"));
      expect(h.latest()).toBe(11);
      expect(rec.writes().map((w) => w.query.split(" ").slice(0, 3).join(" "))).toEqual(["INSERT INTO history_reserved"]);
      expect(reserved()).toBe(14);
    }));

  it("write-behind: after a crash that lost frames clients saw, no seq is handed out twice and a resuming cursor stays exact", () =>
    inFreshRoom((sql) => {
      const WB = { ...COFFEE, writeBehind: 3 };
      const h = new RoomHistory(sql, WB);
      for (const t of ["a", "b", "c", "d"]) h.append(chat(t)); // seq 1…4, reserved up to 6
      h.flush();
      expect(h.append(chat("seen, then lost")).frame.seq).toBe(5); // broadcast, not stored yet
      // The room restarts before the next turn (a crash: the pending frame is gone; the history object is new).
      const after = new RoomHistory(sql, WB);
      expect(after.latest()).toBe(6); // the reservation, not the last stored frame (4)
      expect(after.append(chat("next")).frame.seq).toBe(7);
      expect(sql.exec<{ seq: number }>("SELECT seq FROM history_reserved").one().seq).toBe(9);
      // A client that saw 5 gets exactly what came after; one that saw 4 too (5 and 6 were never stored).
      expect(after.since("5")).toMatchObject({ stale: false, cursor: 7 });
      expect(seqs(after.since("5").backlog)).toEqual([7]);
      expect(seqs(after.since("4").backlog)).toEqual([7]);
      // Without write-behind nothing is reserved: the room that stores first reads the last seq from the log, as before.
      expect(new RoomHistory(sql, COFFEE).latest()).toBe(7);
    }));

  it("builds the welcome text around the stored frames, as the typed frame would serialise", () => {
    const backlog = [JSON.stringify({ type: "chat", id: "c1", from, text: "hi", at: 1, seq: 7 })];
    const text = welcomeJson({ you: from, presence: [from], cursor: 7, title: "T" }, backlog);
    expect(JSON.parse(text)).toEqual({ type: "welcome", you: from, presence: [from], backlog: [JSON.parse(backlog[0])], cursor: 7, title: "T" });
    expect(JSON.parse(welcomeJson({ you: from, presence: [], cursor: 0 }, []))).toEqual({ type: "welcome", you: from, presence: [], backlog: [], cursor: 0 });
  });
});
