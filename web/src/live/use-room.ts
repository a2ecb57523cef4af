import { useEffect, useRef, useState } from "preact/hooks";
import { openRoom, type LiveFrame, type LiveRoom, type RoomParty } from "./room";

/**
 * The screen's connection to a room (shared with other screens on the same room), and its frames passed to `onFrame`
 * (always the latest callback, so it may read the screen's current state). `id` null: no room.
 */
export function useRoom<P extends RoomParty>(party: P, id: string | null, onFrame: (frame: LiveFrame<P>, room: LiveRoom<P>) => void): LiveRoom<P> | null {
  const [room, setRoom] = useState<LiveRoom<P> | null>(null);
  const handler = useRef(onFrame);
  handler.current = onFrame;
  useEffect(() => {
    if (!id) {
      setRoom(null);
      return;
    }
    const { room: r, release } = openRoom(party, id);
    const unlisten = r.listen((frame) => handler.current(frame, r));
    setRoom(r);
    return () => {
      unlisten();
      release();
    };
  }, [party, id]);
  return room;
}
