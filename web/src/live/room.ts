import { signal, type Signal } from "@preact/signals";
import PartySocket from "partysocket";
import type { Member } from "../../../party/protocol";

/**
 * One live room (API.md "Live rooms"): a partysocket that reconnects with backoff and resumes from the last `seq` it
 * saw, so a reconnect delivers exactly the history frames missed meanwhile (`welcome.backlog`), none twice. Frames are
 * JSON parsed by hand (the client ships no zod): anything of an unknown shape is dropped.
 *
 * Rooms are shared: every screen that asks for the same room gets the same socket, closed a little after the last one
 * lets go (moving from a group to one of its posts keeps the connection).
 */

export type { Member };
export type RoomParty = "user-room" | "group-room";

/** What a screen hears from a room. History frames arrive once each, in `seq` order. */
export type LiveFrame =
  | { type: "event"; seq: number; name: string; data: Record<string, unknown> }
  | { type: "typing"; userId: string; postId?: string }
  | { type: "reload" };

type Listener = (frame: LiveFrame) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

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

export class LiveRoom {
  /** Who is in the room now (welcome, then join/leave). */
  readonly presence: Signal<Member[]> = signal([]);
  readonly connected = signal(false);
  private lastSeq: number | null = null;
  private reloading = false;
  private readonly socket: PartySocket;
  private readonly listeners = new Set<Listener>();
  refs = 0;
  closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly party: RoomParty, readonly room: string) {
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

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a client frame when connected (true), or drops it (typing is not worth queueing). */
  send(frame: { type: "typing"; postId?: string }): boolean {
    if (this.socket.readyState !== PartySocket.OPEN || !this.connected.value) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close() {
    this.socket.close();
    this.listeners.clear();
  }

  private emit(frame: LiveFrame) {
    for (const listener of [...this.listeners]) {
      try {
        listener(frame);
      } catch (err) {
        console.error(err);
      }
    }
  }

  /** A history frame: delivered once, in order; anything at or below the last seen seq is a repeat. */
  private history(frame: Record<string, unknown>, deliver: boolean) {
    const seq = frame.seq;
    if (!isSeq(seq)) return;
    if (this.lastSeq !== null && seq <= this.lastSeq) return;
    this.lastSeq = seq;
    if (deliver && frame.type === "event" && typeof frame.name === "string") {
      this.emit({ type: "event", seq, name: frame.name, data: isObject(frame.data) ? frame.data : {} });
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
        if (Array.isArray(frame.backlog)) for (const f of frame.backlog) if (isObject(f)) this.history(f, deliver);
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
        if (typeof frame.userId === "string") this.emit({ type: "typing", userId: frame.userId, postId: typeof frame.postId === "string" ? frame.postId : undefined });
        return;
      case "reload":
        // The cursor fell out of the room's log: what was missed cannot be replayed, the screen reloads its data.
        this.reloading = true;
        this.emit({ type: "reload" });
        return;
      case "error":
        console.warn("room error", frame.code, frame.message);
        return;
    }
  }
}

const rooms = new Map<string, LiveRoom>();
const LINGER_MS = 15_000;

/** The shared connection to a room; call the returned `release` when the screen no longer needs it. */
export function openRoom(party: RoomParty, id: string): { room: LiveRoom; release: () => void } {
  const key = `${party}/${id}`;
  let room = rooms.get(key);
  if (!room) {
    room = new LiveRoom(party, id);
    rooms.set(key, room);
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
