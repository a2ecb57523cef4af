import { batch, signal } from "@preact/signals";
import { api } from "../api";
import type { LiveFrame, LiveRoom } from "./room";

/**
 * The signed-in member's own room (`/parties/user-room/<my id>`): the bell's unread count and the home feed's
 * "N new posts" come from here, live, without polling. The count itself is read from the API when a notification
 * arrives (the frame carries ids only). The socket code loads after the first screen (it is not needed to draw it).
 */

/** Unread notifications (null until first known). */
export const unreadNotifications = signal<number | null>(null);
/**
 * Posts announced by `feed.new` since the home feed last took them in, each with `n`, its rank of arrival (see
 * `feedNewsMark`). `replayed`: from the backlog of the room's first connection, which may be older than the feed on
 * screen (the screen keeps those newer than its newest post: ids sort by time).
 */
export type FeedNews = { postId: string; groupId: string; n: number; replayed?: true };
export const feedNews = signal<FeedNews[]>([]);
let newsArrived = 0;
/**
 * The rank of the last news so far. A first page asked for now answers every news up to this mark (the posts were
 * written before it was asked) but not necessarily the later ones: only those may be dropped when it arrives.
 */
export const feedNewsMark = () => newsArrived;

function addNews(postId: string, groupId: string, replayed: boolean) {
  if (feedNews.value.some((n) => n.postId === postId)) return;
  newsArrived += 1;
  feedNews.value = [...feedNews.value, { postId, groupId, n: newsArrived, ...(replayed ? { replayed: true as const } : {}) }];
}
/** Bumps on each new notification, so an open notifications screen can refetch. */
export const notificationPulse = signal(0);
/** Bumps when the room says our cursor is too old: screens fed by this room reload their data. */
export const userRoomReload = signal(0);

let current: { userId: string; stop: () => void } | null = null;
let counting: Promise<void> | null = null;
let countAgain = false;

/** Reads the bell's count; calls made while one is under way coalesce into one more read. */
export function refreshUnread(): Promise<void> {
  if (counting) {
    countAgain = true;
    return counting;
  }
  counting = (async () => {
    do {
      countAgain = false;
      try {
        const { unread } = await api<{ unread: number }>("/notifications/unread");
        unreadNotifications.value = typeof unread === "number" ? unread : unreadNotifications.value;
      } catch {
        // The bell keeps its last count; the next notification or screen visit reads it again.
      }
    } while (countAgain);
    counting = null;
  })();
  return counting;
}

function onFrame(frame: LiveFrame<"user-room">) {
  if (frame.type === "reload") {
    batch(() => {
      feedNews.value = [];
      userRoomReload.value += 1;
    });
    void refreshUnread();
    return;
  }
  if (frame.name === "notification.created") {
    notificationPulse.value += 1;
    void refreshUnread();
  } else if (frame.name === "feed.new") {
    addNews(frame.data.postId, frame.data.groupId, false);
  }
}

/** The first connection's backlog: its `feed.new` may be posts the home feed loaded before the socket connected, or not. */
function onReplayed(frame: Parameters<Parameters<LiveRoom<"user-room">["listenReplayed"]>[0]>[0]) {
  if (frame.name === "feed.new") addNews(frame.data.postId, frame.data.groupId, true);
}

export function startUserLive(userId: string) {
  if (current?.userId === userId) return;
  stopUserLive();
  let stopped = false;
  let stop = () => {};
  current = { userId, stop: () => stop() };
  void refreshUnread();
  // The socket waits for the first screen to be drawn (idle, or 2 s at most): the screen does not need it, and what it
  // missed meanwhile comes in the welcome's backlog (feed.new there is judged by the feed, see onReplayed).
  const idle = typeof requestIdleCallback === "function";
  const connect = () => import("./room").then(({ openRoom }) => {
    if (stopped) return;
    const { room, release } = openRoom("user-room", userId);
    const unlisten = room.listen(onFrame);
    const unlistenReplayed = room.listenReplayed(onReplayed);
    stop = () => {
      unlisten();
      unlistenReplayed();
      release();
    };
  }, () => {
    // Without the socket code (offline, or a new deployment) the bell keeps its count until the next page load.
  });
  const handle = idle ? requestIdleCallback(connect, { timeout: 2_000 }) : window.setTimeout(connect, 500);
  stop = () => {
    stopped = true;
    if (idle) cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}

export function stopUserLive() {
  current?.stop();
  current = null;
  batch(() => {
    unreadNotifications.value = null;
    feedNews.value = [];
  });
}
