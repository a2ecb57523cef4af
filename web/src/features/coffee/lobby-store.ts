import { batch, computed, signal } from "@preact/signals";
import { api, ApiError } from "../../api";
import type { Page } from "../../api-types";
import { openRoomSocket, type RoomSocket, type SocketStatus } from "./coffee-socket";
import { isLobbyRoom, type LobbyFrame, type LobbyRoom } from "./frames";

/**
 * The coffee machine's lobby, live: the open rooms and who is in each, from `/parties/coffee-lobby/main`. One socket
 * for the whole tab, opened while someone holds it (the lobby page, the nav's count) and closed when nobody does.
 */

/** The open rooms, newest first, as the lobby lists them. */
export const lobbyRooms = signal<LobbyRoom[]>([]);
/** True once the rooms are known (a welcome, or the API's list). */
export const lobbyLoaded = signal(false);
export const lobbyStatus = signal<SocketStatus>("closed");
/** Why the lobby could not be shown (the API's refusal), or null. */
export const lobbyError = signal<unknown>(null);
/** How many people are in coffee rooms right now (someone in two rooms counts once). */
export const peopleInRooms = computed(() => new Set(lobbyRooms.value.flatMap((r) => r.members.map((m) => m.id))).size);

let socket: RoomSocket<"coffee-lobby"> | null = null;
let holders = 0;
let lastSeq: number | null = null;
/** While the list is being fetched again, the events that arrive meanwhile, to replay on top of it. */
let replay: LobbyFrame<"event">[] | null = null;

/** One lobby event applied to the list; null when it names a room we never heard of (the list is then fetched again). */
function applyEvent(rooms: LobbyRoom[], event: LobbyFrame<"event">): LobbyRoom[] | null {
  switch (event.name) {
    case "room.opened": {
      const { id, title } = event.data;
      if (rooms.some((r) => r.id === id)) return rooms;
      return [{ id, title, members: [] }, ...rooms];
    }
    case "room.joined": {
      const { roomId, member } = event.data;
      if (!rooms.some((r) => r.id === roomId)) return null;
      return rooms.map((r) => (r.id === roomId ? { ...r, members: [...r.members.filter((m) => m.id !== member.id), member] } : r));
    }
    case "room.left": {
      const { roomId, userId } = event.data;
      return rooms.map((r) => (r.id === roomId ? { ...r, members: r.members.filter((m) => m.id !== userId) } : r));
    }
    case "room.closed": {
      const { roomId } = event.data;
      return rooms.filter((r) => r.id !== roomId);
    }
    default:
      return rooms;
  }
}

/**
 * Fetches the list from the API (after a `reload` frame, an unknown room, or a connection that keeps failing). Events
 * heard meanwhile are replayed on top of the answer: each one sets a room's or a member's state, so the last one wins.
 */
async function refetch(): Promise<void> {
  if (replay) return;
  replay = [];
  try {
    const page = await api<Page<LobbyRoom>>("/coffee/rooms");
    let rooms = page.items.filter(isLobbyRoom);
    for (const event of replay) rooms = applyEvent(rooms, event) ?? rooms;
    batch(() => {
      lobbyRooms.value = rooms;
      lobbyLoaded.value = true;
      lobbyError.value = null;
    });
  } catch (err) {
    // A guest (404) never gets in: stop knocking. Other failures leave the socket trying.
    if (err instanceof ApiError && err.status === 404) socket?.close();
    if (!lobbyLoaded.value) lobbyError.value = err;
  } finally {
    replay = null;
  }
}

function onEvent(event: LobbyFrame<"event">) {
  if (lastSeq !== null && event.seq <= lastSeq) return;
  lastSeq = event.seq;
  replay?.push(event);
  const next = applyEvent(lobbyRooms.value, event);
  if (next) lobbyRooms.value = next;
  else void refetch();
}

function connect() {
  socket = openRoomSocket({
    party: "coffee-lobby",
    room: "main",
    cursor: () => lastSeq,
    onStatus: (status) => {
      lobbyStatus.value = status;
    },
    onFailure: (failures, everWelcomed) => {
      // The first failure asks the API why: a guest is told, an ended session goes back to sign-in.
      if (failures === 1 && !everWelcomed) void refetch();
    },
    onFrame: (frame) => {
      switch (frame.type) {
        case "welcome":
          // The welcome's rooms are the whole picture as of its cursor: the backlog is already in them.
          batch(() => {
            lobbyRooms.value = frame.rooms;
            lobbyLoaded.value = true;
            lobbyError.value = null;
          });
          lastSeq = frame.cursor;
          break;
        case "event":
          onEvent(frame);
          break;
        case "reload":
          void refetch();
          break;
        default:
          break;
      }
    },
  });
}

/** Keeps the lobby live while held; call the returned function to let go. */
export function holdLobby(): () => void {
  holders += 1;
  if (!socket) connect();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    holders -= 1;
    if (holders === 0 && socket) {
      socket.close();
      socket = null;
      lastSeq = null;
      batch(() => {
        lobbyRooms.value = [];
        lobbyLoaded.value = false;
        lobbyError.value = null;
      });
    }
  };
}

/** Tries again now (after an error was shown). */
export function retryLobby() {
  lobbyError.value = null;
  if (socket) socket.retry();
  else connect();
  void refetch();
}
