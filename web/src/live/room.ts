import { signal, type Signal } from "@preact/signals";
import PartySocket from "partysocket";
import type { MemberSummary } from "../../../contract/common";
import type { EventData } from "../../../contract/events";
import type { ClientFrameOf, FrameOf, RoomEventName, ServerFrameOf } from "../../../contract/rooms";

/**
 * One live room (API.md "Live rooms"): a partysocket that reconnects with backoff and resumes from the last `seq` it
 * saw, so a reconnect delivers exactly the history frames missed meanwhile (`welcome.backlog`), none twice. The frames
 * are contract/rooms.ts's, imported as types only; they are JSON parsed and checked by hand (the client ships no zod):
 * anything of an unknown shape, or an event this room does not carry, is dropped.
 *
 * Rooms are shared: every screen that asks for the same room gets the same socket, closed a little after the last one
 * lets go (moving from a group to one of its posts keeps the connection).
 */

export type Member = MemberSummary;
export type RoomParty = "user-room" | "group-room";

/** What a screen hears from a room of kind `P`: its events and `reload`, and a group room's `typing`. History frames arrive once each, in `seq` order. */
export type LiveFrame<P extends RoomParty = RoomParty> = FrameOf<ServerFrameOf<P>, "event" | "reload" | (P extends "group-room" ? "typing" : never)>;

type Listener<P extends RoomParty> = (frame: LiveFrame<P>) => void;
/**
 * The events of a first connection's backlog: the room's recent past, which a screen usually loaded through the API just
 * before. Usually: a screen that loaded before the socket first connected (a slow connection, a busy server) did not see
 * what happened in between, and only it can tell which of these it has (by id, by time).
 */
type ReplayListener<P extends RoomParty> = (frame: FrameOf<ServerFrameOf<P>, "event">) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isString = (v: unknown) => typeof v === "string";
const isStringOrNull = (v: unknown) => v === null || typeof v === "string";
const isBoolean = (v: unknown) => typeof v === "boolean";

/**
 * A check of every field of every event each room carries: the table is typed by the contract, so an event or a field
 * the catalogue gains is a compile error here until it is checked. Kinds are checked as strings.
 */
type FieldChecks<N extends RoomEventName<RoomParty>> = { [K in N]: { [F in keyof EventData<K>]-?: (v: unknown) => boolean } };
const EVENT_CHECKS: { [P in RoomParty]: FieldChecks<RoomEventName<P>> } = {
  "group-room": {
    "post.created": { postId: isString, groupId: isString, authorId: isString, kind: isString },
    "comment.created": { postId: isString, commentId: isString, parentId: isStringOrNull, authorId: isString },
    "reaction.changed": { targetType: (v) => v === "post" || v === "comment", targetId: isString, postId: isString, userId: isString, kind: isString, on: isBoolean },
  },
  "user-room": {
    "notification.created": { id: isString, kind: isString },
    "feed.new": { postId: isString, groupId: isString },
  },
};

/** Whether a history frame is an event of the room's, with every field of its data as the contract has it. */
function isEventOf(party: RoomParty, frame: Record<string, unknown>): boolean {
  if (frame.type !== "event" || !isSeq(frame.seq) || typeof frame.name !== "string" || !isObject(frame.data)) return false;
  const checks: Record<string, Record<string, (v: unknown) => boolean>> = EVENT_CHECKS[party];
  const fields = Object.hasOwn(checks, frame.name) ? checks[frame.name] : null;
  const data = frame.data;
  return fields !== null && Object.entries(fields).every(([field, check]) => check(data[field]));
}

export function asMember(v: unknown): Member | null {
  if (!isObject(v)) return null;
  const { id, handle, name, location, timezone, avatarUrl } = v;
  if (typeof id !== "string" || typeof handle !== "string" || typeof name !== "string") return null;
  return {
    id,
    handle,
    name,
    location: typeof location === "string" ? location : "",
    timezone: typeof timezone === "string" ? timezone : "UTC",
    avatarUrl: typeof avatarUrl === "string" && avatarUrl.startsWith("/") ? avatarUrl : null,
  };
}

export class LiveRoom<P extends RoomParty = RoomParty> {
  /** Who is in the room now (welcome, then join/leave). */
  readonly presence: Signal<Member[]> = signal([]);
  readonly connected = signal(false);
  private lastSeq: number | null = null;
  private reloading = false;
  private readonly socket: PartySocket;
  private readonly listeners = new Set<Listener<P>>();
  private readonly replayListeners = new Set<ReplayListener<P>>();
  refs = 0;
  closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly party: P, readonly room: string) {
    this.socket = new PartySocket({
      host: location.host,
      protocol: location.protocol === "https:" ? "wss" : "ws",
      party,
      room,
      // The cursor goes with every (re)connection, so the room sends only what was missed.
      query: () => (this.lastSeq === null ? {} : { cursor: String(this.lastSeq) }),
      minReconnectionDelay: 1_000 + Math.random() * 2_000,
      maxReconnectionDelay: 60_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 8_000,
    });
    this.socket.addEventListener("message", (e: MessageEvent) => {
      if (typeof e.data === "string") this.receive(e.data);
    });
    this.socket.addEventListener("close", () => {
      this.connected.value = false;
    });
  }

  listen(listener: Listener<P>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears the events of the first connection's backlog (see ReplayListener), which `listen` does not deliver. */
  listenReplayed(listener: ReplayListener<P>): () => void {
    this.replayListeners.add(listener);
    return () => this.replayListeners.delete(listener);
  }

  /** Sends a client frame when connected (true), or drops it (typing is not worth queueing). */
  send(frame: ClientFrameOf<P>): boolean {
    if (this.socket.readyState !== PartySocket.OPEN || !this.connected.value) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close() {
    this.socket.close();
    this.listeners.clear();
    this.replayListeners.clear();
  }

  private emit(frame: LiveFrame<P>) {
    for (const listener of [...this.listeners]) {
      try {
        listener(frame);
      } catch (err) {
        console.error(err);
      }
    }
  }

  /**
   * A history frame: delivered once, in order; anything at or below the last seen seq is a repeat. `replayed`: a first
   * connection's backlog, given only to the replay listeners.
   */
  private history(frame: Record<string, unknown>, deliver: boolean, replayed = false) {
    const seq = frame.seq;
    if (!isSeq(seq)) return;
    if (this.lastSeq !== null && seq <= this.lastSeq) return;
    this.lastSeq = seq;
    if (!isEventOf(this.party, frame)) return;
    if (deliver) this.emit(frame as LiveFrame<P>);
    else if (replayed) {
      for (const listener of [...this.replayListeners]) {
        try {
          listener(frame as FrameOf<ServerFrameOf<P>, "event">);
        } catch (err) {
          console.error(err);
        }
      }
    }
  }

  private receive(raw: string) {
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    if (!isObject(frame) || typeof frame.type !== "string") return;
    switch (frame.type) {
      case "welcome": {
        this.connected.value = true;
        const members = Array.isArray(frame.presence) ? frame.presence.map(asMember).filter((m): m is Member => m !== null) : [];
        this.presence.value = members;
        const first = this.lastSeq === null;
        // On a first connection the backlog is the room's recent past, which the screen has just loaded through the
        // API; after a reconnection it is exactly what was missed. After `reload` the screen refetches everything.
        const deliver = !first && !this.reloading;
        this.reloading = false;
        if (Array.isArray(frame.backlog)) for (const f of frame.backlog) if (isObject(f)) this.history(f, deliver, first);
        if (isSeq(frame.cursor) && (this.lastSeq === null || frame.cursor > this.lastSeq)) this.lastSeq = frame.cursor;
        if (this.lastSeq === null) this.lastSeq = 0;
        return;
      }
      case "chat":
      case "react":
      case "event":
        this.history(frame, true);
        return;
      case "join": {
        const member = asMember(frame.member);
        if (member) this.presence.value = [...this.presence.value.filter((m) => m.id !== member.id), member];
        return;
      }
      case "leave":
        if (typeof frame.userId === "string") this.presence.value = this.presence.value.filter((m) => m.id !== frame.userId);
        return;
      case "typing":
        if (this.party === "group-room" && typeof frame.userId === "string") {
          this.emit({ type: "typing", userId: frame.userId, postId: typeof frame.postId === "string" ? frame.postId : undefined } as LiveFrame<P>);
        }
        return;
      case "reload":
        // The cursor fell out of the room's log: what was missed cannot be replayed, the screen reloads its data.
        this.reloading = true;
        this.emit({ type: "reload" } as LiveFrame<P>);
        return;
      case "error":
        console.warn("room error", frame.code, frame.message);
        return;
    }
  }
}

const rooms = new Map<string, LiveRoom<RoomParty>>();
const LINGER_MS = 15_000;

/** The shared connection to a room; call the returned `release` when the screen no longer needs it. */
export function openRoom<P extends RoomParty>(party: P, id: string): { room: LiveRoom<P>; release: () => void } {
  const key = `${party}/${id}`;
  let room = rooms.get(key) as LiveRoom<P> | undefined;
  if (!room) {
    room = new LiveRoom(party, id);
    rooms.set(key, room as LiveRoom<RoomParty>);
  }
  const r = room;
  clearTimeout(r.closeTimer);
  r.refs += 1;
  let released = false;
  return {
    room: r,
    release: () => {
      if (released) return;
      released = true;
      r.refs -= 1;
      if (r.refs > 0) return;
      r.closeTimer = setTimeout(() => {
        if (r.refs > 0) return;
        rooms.delete(key);
        r.close();
      }, LINGER_MS);
    },
  };
}

/** Closes every room at once (sign-out). */
export function closeAllRooms() {
  for (const room of rooms.values()) {
    clearTimeout(room.closeTimer);
    room.close();
  }
  rooms.clear();
}
