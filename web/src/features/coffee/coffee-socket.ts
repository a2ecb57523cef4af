import PartySocket from "partysocket";
import type { CoffeeRoomTicket } from "../../../../contract/coffee";
import { api, inlinedRead } from "../../api";
import { readServerFrame, type ClientMessage, type CoffeeParty, type ServerMessage } from "./frames";

/**
 * `connecting` until the first welcome; `live` after each welcome; `reconnecting` when a live connection dropped;
 * `closed` once stopped (by the screen, or after too many refusals before any welcome).
 */
export type SocketStatus = "connecting" | "live" | "reconnecting" | "closed";

export type RoomSocketOptions<P extends CoffeeParty> = {
  party: P;
  room: string;
  /** The last `seq` seen, read at each (re)connection: the room then sends exactly what was missed. */
  cursor: () => number | null;
  onFrame: (frame: ServerMessage<P>) => void;
  onStatus: (status: SocketStatus) => void;
  /**
   * After each attempt that ended before a welcome: how many in a row, and whether this socket was ever welcomed.
   * A room refuses before the upgrade (401, 403, 404), which a browser cannot tell from a network failure.
   */
  onFailure?: (failuresInARow: number, everWelcomed: boolean) => void;
  /** A coffee room's ticket for the next (re)connection, or null (worker/services/coffee/tickets.ts). */
  ticket?: () => string | null;
};

export type RoomSocket<P extends CoffeeParty> = {
  /** False when the frame could not go out now (not connected): the caller says so rather than queueing it. */
  send(message: ClientMessage<P>): boolean;
  /** Starts again after `close()` or a refusal, from the current cursor. */
  retry(): void;
  close(): void;
};

/**
 * One live room over partysocket (reconnects with backoff), resuming from the caller's cursor through `query` so a
 * reconnect gets exactly the history frames it missed, or a `reload` frame when they are too old.
 */
export function openRoomSocket<P extends CoffeeParty>(options: RoomSocketOptions<P>): RoomSocket<P> {
  return openFramedSocket<ServerMessage<P>, ClientMessage<P>>({ ...options, read: (raw) => readServerFrame(raw, options.party) });
}

/** The same socket for any room whose frames `read` checks (the office hours' room reads its own). */
export type FramedSocketOptions<S extends { type: string }> = Omit<RoomSocketOptions<CoffeeParty>, "party" | "onFrame"> & {
  party: string;
  /** The frame a message carries, or null when it is not one of the room's (dropped). */
  read: (raw: unknown) => S | null;
  onFrame: (frame: S) => void;
};

export type FramedSocket<C> = Omit<RoomSocket<CoffeeParty>, "send"> & { send(message: C): boolean };

export function openFramedSocket<S extends { type: string }, C>(options: FramedSocketOptions<S>): FramedSocket<C> {
  const socket = new PartySocket({
    host: location.host,
    protocol: location.protocol === "https:" ? "wss" : "ws",
    party: options.party,
    room: options.room,
    query: () => {
      const cursor = options.cursor();
      return { cursor: cursor === null ? null : String(cursor), ticket: options.ticket?.() ?? null };
    },
    // Jittered, so that a room restarting does not bring everyone back in the same instant.
    minReconnectionDelay: 500 + Math.random() * 1500,
    maxReconnectionDelay: 10_000,
    // Frames the screen could not send now are refused by `send` instead.
    maxEnqueuedMessages: 0,
  });

  let stopped = false;
  let welcomedThisAttempt = false;
  let everWelcomed = false;
  let failures = 0;

  socket.addEventListener("open", () => {
    welcomedThisAttempt = false;
  });
  socket.addEventListener("message", (event: MessageEvent) => {
    const frame = options.read(event.data);
    if (!frame) return;
    if (frame.type === "welcome") {
      welcomedThisAttempt = true;
      everWelcomed = true;
      failures = 0;
      options.onStatus("live");
    }
    options.onFrame(frame);
  });
  socket.addEventListener("close", () => {
    if (stopped) return;
    if (!welcomedThisAttempt) {
      failures += 1;
      options.onFailure?.(failures, everWelcomed);
    }
    welcomedThisAttempt = false;
    if (!stopped) options.onStatus(everWelcomed ? "reconnecting" : "connecting");
  });

  // Back online or back to the tab: try now rather than after the backoff.
  const wake = () => {
    if (!stopped && socket.readyState !== socket.OPEN) socket.reconnect();
  };
  const onVisible = () => document.visibilityState === "visible" && wake();
  const listen = (on: boolean) => {
    const method = on ? "addEventListener" : "removeEventListener";
    window[method]("online", wake);
    document[method]("visibilitychange", onVisible);
  };
  listen(true);

  options.onStatus("connecting");
  return {
    send(message) {
      if (stopped || socket.readyState !== socket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    retry() {
      if (stopped) listen(true);
      stopped = false;
      failures = 0;
      options.onStatus(everWelcomed ? "reconnecting" : "connecting");
      socket.reconnect();
    },
    close() {
      if (stopped) return;
      stopped = true;
      listen(false);
      options.onStatus("closed");
      socket.close();
    },
  };
}

/**
 * Coffee room tickets on the client (worker/services/coffee/tickets.ts; beside the socket, so as to add no chunk):
 * with a fresh one, the room's upgrade skips the Worker's D1 check. A room opened from its address gets it in the page (its first reads); a room joined from the
 * lobby (a navigation in the page: no first reads) asks for it as the member presses its link, so that it is usually
 * at hand when the room connects. Never waited for: without one at hand the room connects with the cookie alone.
 */
const ahead = new Map<string, CoffeeRoomTicket>();
const asking = new Set<string>();

const path = (roomId: string) => `/coffee/rooms/${encodeURIComponent(roomId)}/ticket`;

function fresh(t: CoffeeRoomTicket | undefined, minMs: number): t is CoffeeRoomTicket {
  return t !== undefined && Date.parse(t.expiresAt) - Date.now() >= minMs;
}

/** Asks for a room's ticket ahead of its join (a refusal or failure: nothing, the join takes the usual check). */
export function askTicket(roomId: string) {
  if (asking.has(roomId) || fresh(ahead.get(roomId), 20_000)) return;
  asking.add(roomId);
  api<CoffeeRoomTicket>(path(roomId))
    .then((t) => ahead.set(roomId, t), () => undefined)
    .finally(() => asking.delete(roomId));
}

/** The room's ticket at hand now (carried by the page, or asked ahead and answered), taken once; else undefined. */
export function takeTicket(roomId: string): CoffeeRoomTicket | undefined {
  const inPage = inlinedRead<CoffeeRoomTicket>(path(roomId));
  const asked = ahead.get(roomId);
  ahead.delete(roomId);
  return inPage ?? asked;
}

/** A ticket's text while it has 5 s left (the room store asks at each (re)connection). */
export function ticketText(t: CoffeeRoomTicket | undefined): string | null {
  return fresh(t, 5_000) ? t.ticket : null;
}
