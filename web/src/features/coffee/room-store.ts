import { batch, signal } from "@preact/signals";
import type { CoffeeRoomTicket } from "../../../../contract/coffee";
import { api, ApiError } from "../../api";
import { openRoomSocket, takeTicket, ticketText, type RoomSocket, type SocketStatus } from "./coffee-socket";
import { REACTION_KINDS, type ChatFrame, type Frame, type LiveChatFrame, type Member, type ReactFrame, type ReactionKind, type ServerMessage } from "./frames";
import type { Icebreaker } from "./icebreaker";

/** What the stream shows: messages (from the room's history, by `seq`) and notices (presence, seen live). */
export type StreamItem =
  | { kind: "chat"; key: string; frame: ChatFrame }
  | { kind: "joined" | "left"; key: string; name: string; at: number }
  | { kind: "caught-up"; key: string; at: number }
  /** A pair room opens with its icebreaker (an `event` frame). */
  | { kind: "icebreaker"; key: string; data: Icebreaker };

/** Who reacted how to each message: messageId → kind → userIds. */
export type Reactions = Record<string, Partial<Record<ReactionKind, string[]>>>;

/** Why the room could not be entered: a guest, or a room that refuses (closed, someone else's pairing) or is unreachable. */
export type Refusal = "members-only" | "unavailable";

/** A typing indicator lasts this long after the last `typing` frame. */
const TYPING_MS = 5000;
/** Attempts before any welcome after which the room is said to be out of reach (a refusal looks like a network error). */
const ATTEMPTS_BEFORE_GIVING_UP = 3;

let noticeCounter = 0;
const noticeKey = () => `n${++noticeCounter}`;

/**
 * One coffee room, live: the stream, reactions, presence and typing, kept in signals for the room screen. History
 * frames are deduplicated by `seq` and a reconnect resumes from the last one seen; a `reload` frame (the gap is too
 * old) replaces the stream with the latest messages.
 */
export class CoffeeRoomStore {
  readonly status = signal<SocketStatus>("connecting");
  readonly refusal = signal<Refusal | null>(null);
  readonly welcomed = signal(false);
  readonly title = signal("");
  readonly you = signal<Member | null>(null);
  readonly presence = signal<Member[]>([]);
  readonly items = signal<StreamItem[]>([]);
  readonly reactions = signal<Reactions>({});
  /** userId → until when they count as typing. */
  readonly typing = signal<Record<string, number>>({});
  /** The last error frame, for the screen to show; `at` makes two equal errors distinct. */
  readonly error = signal<{ code: Frame<"error">["code"]; at: number } | null>(null);
  /** A message the room refused, handed back to the composer so it is not lost. */
  readonly refusedDraft = signal<string | null>(null);

  private socket: RoomSocket<"coffee-room"> | null = null;
  private lastSeq: number | null = null;
  private resetOnWelcome = false;
  private pendingText: string | null = null;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * The room's ticket (coffee-socket.ts `takeTicket`), taken at the first connection (as late as can be: one asked
   * from the lobby may just have arrived), then used while it has 5 s left.
   */
  private ticket: CoffeeRoomTicket | undefined;
  private ticketTaken = false;

  constructor(readonly roomId: string) {}

  private freshTicket(): string | null {
    if (!this.ticketTaken) {
      this.ticketTaken = true;
      this.ticket = takeTicket(this.roomId);
    }
    const text = ticketText(this.ticket);
    if (text === null) this.ticket = undefined;
    return text;
  }

  connect() {
    this.socket = openRoomSocket({
      party: "coffee-room",
      room: this.roomId,
      cursor: () => this.lastSeq,
      ticket: () => this.freshTicket(),
      onStatus: (status) => {
        this.status.value = status;
      },
      onFailure: (failures, everWelcomed) => {
        if (everWelcomed) return;
        if (failures === 1) void this.askWhy();
        if (failures >= ATTEMPTS_BEFORE_GIVING_UP && !this.refusal.value) this.giveUp("unavailable");
      },
      onFrame: (frame) => this.onFrame(frame),
    });
  }

  /** A refused upgrade says nothing to a browser: the API tells a guest (404) or an ended session (401, handled app-wide). */
  private async askWhy() {
    try {
      await api("/coffee/rooms");
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.giveUp("members-only");
    }
  }

  private giveUp(refusal: Refusal) {
    this.refusal.value = refusal;
    this.socket?.close();
  }

  retry() {
    this.refusal.value = null;
    if (this.socket) this.socket.retry();
    else this.connect();
  }

  dispose() {
    this.socket?.close();
    this.socket = null;
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
  }

  /** Sends a message; false when not connected (the composer keeps the text). */
  sendChat(text: string): boolean {
    const sent = this.socket?.send({ type: "chat", text }) ?? false;
    if (sent) this.pendingText = text;
    return sent;
  }

  sendTyping() {
    this.socket?.send({ type: "typing" });
  }

  /** Reacts to a message (once per kind: the rooms keep no "un-react"); false when not connected. */
  react(messageId: string, kind: ReactionKind): boolean {
    const mine = this.you.value?.id;
    if (mine && this.reactions.value[messageId]?.[kind]?.includes(mine)) return true;
    return this.socket?.send({ type: "react", messageId, kind }) ?? false;
  }

  nameOf(userId: string): string | null {
    const present = this.presence.value.find((m) => m.id === userId);
    if (present) return present.name;
    for (let i = this.items.value.length - 1; i >= 0; i--) {
      const item = this.items.value[i];
      if (item.kind === "chat" && item.frame.from.id === userId) return item.frame.from.name;
    }
    return null;
  }

  private onFrame(frame: ServerMessage) {
    switch (frame.type) {
      case "welcome":
        return this.onWelcome(frame);
      case "chat":
        return this.onHistory(this.withAuthor(frame));
      case "react":
      case "event":
        return this.onHistory(frame);
      case "join":
        return this.onJoin(frame.member);
      case "leave":
        return this.onLeave(frame.userId);
      case "typing":
        return this.onTyping(frame.userId);
      case "error":
        return this.onError(frame.code);
      case "reload":
        this.resetOnWelcome = true;
        return;
      default:
        return;
    }
  }

  /**
   * A live chat with its author's summary, from who is here (a sender's `join` always comes before their chat), kept
   * in the stream so that their name stays once they leave. Not found (never expected): their name from an earlier
   * message, or none (the screen says "Someone").
   */
  private withAuthor({ fromId, ...chat }: LiveChatFrame): ChatFrame {
    const from = this.presence.value.find((m) => m.id === fromId) ?? (this.you.value?.id === fromId ? this.you.value : null);
    return { ...chat, from: from ?? { id: fromId, handle: "", name: this.nameOf(fromId) ?? "", location: "", timezone: "", avatarUrl: null } };
  }

  private onWelcome(frame: Frame<"welcome">) {
    const reconnect = this.welcomed.value;
    // A cursor that went backwards means the room started afresh: what we hold no longer matches its seq.
    const reset = this.resetOnWelcome || (this.lastSeq !== null && frame.cursor < this.lastSeq);
    this.resetOnWelcome = false;
    batch(() => {
      const before = this.presence.value;
      this.you.value = frame.you;
      this.title.value = frame.title;
      this.presence.value = frame.presence;
      if (reset) {
        this.lastSeq = null;
        this.items.value = [{ kind: "caught-up", key: noticeKey(), at: Date.now() }];
        this.reactions.value = {};
      } else if (reconnect) {
        // Arrivals and departures missed while away, told once, like live ones.
        const now = Date.now();
        const notices: StreamItem[] = [
          ...before.filter((m) => !frame.presence.some((p) => p.id === m.id)).map((m) => ({ kind: "left" as const, key: noticeKey(), name: m.name, at: now })),
          ...frame.presence.filter((m) => m.id !== frame.you.id && !before.some((p) => p.id === m.id)).map((m) => ({ kind: "joined" as const, key: noticeKey(), name: m.name, at: now })),
        ];
        if (notices.length) this.items.value = [...this.items.value, ...notices];
      }
      for (const history of frame.backlog) this.onHistory(history);
      this.lastSeq = this.lastSeq === null ? frame.cursor : Math.max(this.lastSeq, frame.cursor);
      this.welcomed.value = true;
      this.refusal.value = null;
    });
  }

  private onHistory(frame: ChatFrame | ReactFrame | Frame<"event">) {
    if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
    this.lastSeq = frame.seq;
    if (frame.type === "event") {
      if (frame.name === "pairing.icebreaker") {
        this.items.value = [...this.items.value, { kind: "icebreaker", key: `e${frame.seq}`, data: frame.data }];
      }
      return;
    }
    if (frame.type === "chat") {
      this.items.value = [...this.items.value, { kind: "chat", key: frame.id, frame }];
      this.stopTyping(frame.from.id);
      if (this.pendingText !== null && frame.from.id === this.you.value?.id && frame.text === this.pendingText) this.pendingText = null;
      return;
    }
    const kind = REACTION_KINDS.find((k) => k === frame.kind);
    if (!kind) return;
    const forMessage = this.reactions.value[frame.messageId] ?? {};
    const who = forMessage[kind] ?? [];
    if (who.includes(frame.userId)) return;
    this.reactions.value = { ...this.reactions.value, [frame.messageId]: { ...forMessage, [kind]: [...who, frame.userId] } };
  }

  private onJoin(member: Member) {
    batch(() => {
      this.presence.value = [...this.presence.value.filter((m) => m.id !== member.id), member];
      if (member.id !== this.you.value?.id) this.items.value = [...this.items.value, { kind: "joined", key: noticeKey(), name: member.name, at: Date.now() }];
    });
  }

  private onLeave(userId: string) {
    const name = this.nameOf(userId);
    batch(() => {
      this.presence.value = this.presence.value.filter((m) => m.id !== userId);
      if (name) this.items.value = [...this.items.value, { kind: "left", key: noticeKey(), name, at: Date.now() }];
      this.stopTyping(userId);
    });
  }

  private onTyping(userId: string) {
    if (userId === this.you.value?.id) return;
    clearTimeout(this.typingTimers.get(userId));
    this.typingTimers.set(
      userId,
      setTimeout(() => this.stopTyping(userId), TYPING_MS),
    );
    this.typing.value = { ...this.typing.value, [userId]: Date.now() + TYPING_MS };
  }

  private stopTyping(userId: string) {
    clearTimeout(this.typingTimers.get(userId));
    this.typingTimers.delete(userId);
    if (!(userId in this.typing.value)) return;
    const next = { ...this.typing.value };
    delete next[userId];
    this.typing.value = next;
  }

  private onError(code: Frame<"error">["code"]) {
    batch(() => {
      this.error.value = { code, at: Date.now() };
      // The room answers a refused message with an error and no echo: hand the text back.
      if (this.pendingText !== null) {
        this.refusedDraft.value = this.pendingText;
        this.pendingText = null;
      }
    });
  }
}
