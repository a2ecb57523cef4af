import { getServerByName, Server, type Connection, type ConnectionContext } from "partyserver";
import type { EventData } from "../contract/events";
import { CoffeeRoomClientFrame, type CoffeeChatFrame, type CoffeeRoomEventName, type CoffeeRoomHistoryFrame, type CoffeeRoomServerFrame, type FrameOf } from "../contract/rooms";
import type { CoffeeLobby } from "./coffee-lobby";
import { RoomHistory, type NewFrame } from "./history";
import { FrameBudget, readFrame } from "./inbound";
import { ConnectingMembers, readJsonHeader, Roster, type Member, ROOM_HEADER } from "./protocol";

type ConnState = { member: Member };

/** Coffee rooms keep the last 200 messages, each for 24 hours. */
const KEEP_MESSAGES = 200;
const MESSAGE_TTL_MS = 24 * 3600 * 1000;
const SWEEP_EVERY_MS = 3600 * 1000;
/** Seqs reserved durably at a time (history.ts, `writeBehind`), the next ones by the flush once half are used. */
const SEQS_RESERVED = 100;
/** A chat id's characters (32: five bits a character). */
const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A virtual coffee-machine room: live chat with a short backlog, typing, reactions and presence. Access was decided by
 * the Worker (members, never guests); the room trusts the identity header only the Worker sets. Presence changes are
 * one small frame to each member present and one call to the lobby, never the whole roster.
 *
 * The hot paths stay short: a chat is one broadcast, its INSERT on the next turn (write-behind, history.ts); a join
 * reads the backlog and sends the welcome, and everything else (the `join` frame to the others, the lobby, the sweep
 * alarm) happens after the upgrade has been answered (partyserver answers it only once `onConnect` returns).
 *
 * Frames: contract/rooms.ts (`CoffeeRoom…Frame`).
 */
export class CoffeeRoom extends Server<Env> {
  static options = { hibernate: true };
  private history!: RoomHistory<CoffeeRoomHistoryFrame>;
  private budget = new FrameBudget(20);
  /** The `meta` table (title, kind), read once per wake and written only when the Worker's record differs. */
  private metaCache: Map<string, string> | null = null;
  /** Whether the sweep alarm is known to be set. In memory: after a wake it is checked once more. */
  private sweepArmed = false;
  /** Arrivals and departures told to the lobby one after the other, in order, off the connect and close paths. */
  private lobbyQueue: Promise<void> = Promise.resolve();
  /** Members who arrived and whose `join` frame is not sent yet (it follows their welcome). */
  private unannounced = new Set<string>();
  private members = new ConnectingMembers();
  /** Who is here, in memory (rebuilt once per wake): a join reads it instead of decoding every socket's attachment. */
  private roster = new Roster(() => this.getConnections<ConnState>());
  /** Seqs reserved at a time with write-behind (undefined: each frame stored before its broadcast, as before). */
  protected writeBehind: number | undefined = SEQS_RESERVED;
  /** Whether the history's flush reserves the next seqs (history.ts; false in a bench variant: as before session 14). */
  protected reserveAhead = true;
  /** How long after a chat's broadcast its frame is stored (0: the next turn; a bench variant waits longer). */
  protected flushAfterMs = 0;
  /** How long after the welcome the others and the lobby hear of an arrival (0: the next turn; a bench variant waits). */
  protected announceAfterMs = 0;

  onStart() {
    // Write-behind: a chat's broadcast does not wait for its storage commit (bench/README.md, "Session 12").
    this.history = new RoomHistory(this.ctx.storage.sql, { frames: KEEP_MESSAGES * 5, chats: KEEP_MESSAGES, maxAgeMs: MESSAGE_TTL_MS, writeBehind: this.writeBehind, reserveAhead: this.reserveAhead, flushAfterMs: this.flushAfterMs });
    this.budget = new FrameBudget(Number(this.env.ROOM_FRAMES_PER_SECOND) || 20);
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  getConnectionTags(_conn: Connection, { request }: ConnectionContext) {
    return [this.members.of(request).id];
  }

  private meta(): Map<string, string> {
    this.metaCache ??= new Map(this.ctx.storage.sql.exec<{ key: string; value: string }>("SELECT key, value FROM meta").toArray().map((r) => [r.key, r.value]));
    return this.metaCache;
  }

  /** Stores the room's D1 record (handed over by the Worker) when it differs from what the room knows. */
  private remember(room: { title?: string; kind?: string }) {
    const meta = this.meta();
    for (const [key, value] of [["title", room.title], ["kind", room.kind]] as const) {
      if (value && meta.get(key) !== value) {
        this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
        meta.set(key, value);
      }
    }
  }

  private title(): string {
    return this.meta().get("title") ?? "";
  }

  /** Pair rooms are private to their pairing: the lobby never hears of them. */
  private listed(): boolean {
    return this.meta().get("kind") === "open";
  }

  /** Tells the lobby, after whatever it was told before (a leave never overtakes its join); never holds the caller. */
  private tellLobby(call: (lobby: DurableObjectStub<CoffeeLobby>) => Promise<unknown>) {
    if (!this.listed()) return;
    const next = this.lobbyQueue
      .then(async () => {
        await call(await getServerByName(this.env.CoffeeLobby, "main"));
      })
      .catch((e) => console.error(`coffee room ${this.name}: the lobby was not told`, e));
    this.lobbyQueue = next;
    this.ctx.waitUntil(next);
  }

  onConnect(conn: Connection<ConnState>, { request }: ConnectionContext) {
    const member = this.members.of(request);
    this.remember((readJsonHeader(request, ROOM_HEADER) ?? {}) as { title?: string; kind?: string });
    this.roster.arrive(member, () => conn.setState({ member }));
    const { backlog, cursor, stale } = this.history.since(new URL(request.url).searchParams.get("cursor"));
    if (stale) this.send(conn, { type: "reload" });
    conn.send(this.welcome(member, cursor, backlog));
    if ([...this.getConnections(member.id)].length === 1) {
      // The others and the lobby hear of the arrival once the upgrade is answered: the joiner's welcome does not wait
      // for N sends nor share its turn with the lobby's call.
      this.unannounced.add(member.id);
      setTimeout(() => this.announceJoin(member), this.announceAfterMs);
    }
    this.armSweep();
  }

  /**
   * The welcome (contract/rooms.ts, `WelcomeOf<"coffee-room">`): the same text `welcomeJson` writes, its presence list
   * from the roster's JSON (each member serialised once per stay, not once per join).
   */
  private welcome(you: Member, cursor: number, backlog: string[]): string {
    return `{"type":"welcome","backlog":[${backlog.join(",")}],"you":${JSON.stringify(you)},"presence":${this.roster.membersJson()},"cursor":${cursor},"title":${JSON.stringify(this.title())}}`;
  }

  /**
   * One `join` frame to everyone else and the lobby told, once per stay (a member who left before it went out is never
   * announced, to either).
   */
  private announceJoin(member: Member) {
    if (!this.unannounced.delete(member.id)) return;
    this.tellLobby((lobby) => lobby.roomJoined(this.name, this.title(), member));
    const own = [...this.getConnections(member.id)].map((c) => c.id);
    if (own.length > 0) this.broadcast(JSON.stringify({ type: "join", member } satisfies CoffeeRoomServerFrame), own);
  }

  /**
   * Sends a frame to every open connection of the room. partyserver's `broadcast()` decodes each socket's attachment
   * (a structured clone, uncached) to tell its own sockets from others; every socket of this room was accepted through
   * partyserver, so the frames that go to everyone (chat, react, event) skip that: 500 decodes per message at 500.
   */
  protected toEveryone(json: string) {
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState !== WebSocket.READY_STATE_OPEN) continue;
      try {
        ws.send(json);
      } catch {
        ws.close(1011, "Unexpected error");
      }
    }
  }

  /** A chat's id: 12 random characters (60 bits; unique within a room's 200 chats by far). */
  protected chatId(): string {
    let id = "";
    for (const byte of crypto.getRandomValues(new Uint8Array(12))) id += ID_ALPHABET[byte & 31];
    return id;
  }

  /**
   * The chat as it goes out live (contract/rooms.ts `CoffeeChatFrame`): its author by id. The stored frame (`json`, the
   * welcome's backlog, the export) keeps the whole summary.
   */
  protected liveChat(frame: FrameOf<CoffeeRoomHistoryFrame, "chat">, _json: string): string {
    return JSON.stringify({ type: "chat", id: frame.id, seq: frame.seq, fromId: frame.from.id, text: frame.text, at: frame.at } satisfies CoffeeChatFrame);
  }

  onMessage(conn: Connection<ConnState>, raw: string | ArrayBuffer) {
    const member = conn.state?.member;
    if (!member) return;
    const frame = readFrame(raw, CoffeeRoomClientFrame, this.budget, conn.id);
    if (!frame.ok) return this.send(conn, { type: "error", code: frame.code, message: frame.message });
    const msg = frame.message;
    switch (msg.type) {
      case "chat": {
        // The others name a live chat's author from its `join` frame: a sender not announced yet is announced first.
        if (this.unannounced.has(member.id)) this.announceJoin(member);
        const { frame, json } = this.history.append({ type: "chat", id: this.chatId(), from: member, text: msg.text, at: Date.now() });
        this.toEveryone(this.liveChat(frame, json));
        this.armSweep();
        break;
      }
      case "typing":
        this.broadcast(JSON.stringify({ type: "typing", userId: member.id } satisfies CoffeeRoomServerFrame), [conn.id]);
        break;
      case "react": {
        if (!this.history.hasChat(msg.messageId)) return this.send(conn, { type: "error", code: "bad_frame", message: "No such message" });
        const { json } = this.history.append({ type: "react", messageId: msg.messageId, kind: msg.kind, userId: member.id });
        this.toEveryone(json);
        this.armSweep();
        break;
      }
    }
  }

  onClose(conn: Connection<ConnState>) {
    this.budget.forget(conn.id);
    const member = conn.state?.member;
    if (!member) return;
    this.roster.depart(conn.id, member.id);
    const stillHere = [...this.getConnections(member.id)].some((c) => c.id !== conn.id);
    if (!stillHere) {
      // Left before the others and the lobby heard of the arrival: they hear of neither.
      if (!this.unannounced.delete(member.id)) {
        this.broadcast(JSON.stringify({ type: "leave", userId: member.id } satisfies CoffeeRoomServerFrame), [conn.id]);
        this.tellLobby((lobby) => lobby.roomLeft(this.name, member.id));
      }
    }
  }

  onError(conn: Connection<ConnState>, error: unknown) {
    // A socket's error may come without its close: presence is rebuilt from the open sockets at the next read.
    this.roster.forget();
    console.error(`coffee room ${this.name}: socket error`, error);
  }

  /** RPC: the first frame of a pair room (the icebreaker drawn from both profiles), kept like any history frame. */
  async openWith<N extends CoffeeRoomEventName>(name: N, data: EventData<N>): Promise<number> {
    const { frame, json } = this.history.append({ type: "event", name, data } as NewFrame<FrameOf<CoffeeRoomHistoryFrame, "event">>);
    this.toEveryone(json);
    await this.scheduleSweep();
    return frame.seq;
  }

  /** RPC (export, GDPR article 15): a member's chat messages still stored here. */
  async memberChats(memberId: string): Promise<string[]> {
    return this.history.chatsOf(memberId);
  }

  /** RPC (erasure): the member's messages and reactions go; their id and name leave every other frame. */
  async eraseMember(memberId: string, replacements: [string, string][]): Promise<number> {
    return this.history.eraseMember(memberId, replacements);
  }

  /** RPC (retention, the network's `chatDays`): messages older than `before` go. */
  async pruneBefore(before: number): Promise<number> {
    return this.history.pruneBefore(before);
  }

  /** Messages expire after 24 hours even when nobody writes: an alarm sweeps while there is history. */
  private armSweep() {
    if (!this.sweepArmed) this.ctx.waitUntil(this.scheduleSweep().catch((e) => console.error(`coffee room ${this.name}: sweep alarm not set`, e)));
  }

  private async scheduleSweep() {
    if (this.sweepArmed) return;
    this.sweepArmed = true;
    try {
      if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    } catch (e) {
      this.sweepArmed = false;
      throw e;
    }
  }

  async onAlarm() {
    this.history.prune();
    if (this.history.isEmpty()) {
      this.sweepArmed = false;
      return;
    }
    await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    this.sweepArmed = true;
  }

  private send(conn: Connection, message: CoffeeRoomServerFrame) {
    conn.send(JSON.stringify(message));
  }
}
