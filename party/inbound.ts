import type { z } from "zod";
import { MAX_FRAME_BYTES, type ErrorFrame } from "../contract/rooms";

export type Inbound<M> = { ok: true; message: M } | { ok: false; code: ErrorFrame["code"]; message: string };

/**
 * Per-connection frame budget: `perSecond` frames in any one-second window. Kept in memory: after the room
 * hibernates the window starts afresh, which only ever lets a client send less.
 */
export class FrameBudget {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly perSecond: number) {}

  take(connectionId: string, now = Date.now()): boolean {
    const w = this.windows.get(connectionId);
    if (!w || now - w.start >= 1000) {
      this.windows.set(connectionId, { start: now, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.perSecond;
  }

  forget(connectionId: string) {
    this.windows.delete(connectionId);
  }
}

const encoder = new TextEncoder();

/**
 * Whether a frame is over the byte limit. A UTF-16 code unit is at most 3 bytes in UTF-8 (a surrogate pair, two units,
 * is 4), and at least 1: most frames are decided by their length alone, without encoding them.
 */
export function oversize(raw: string | ArrayBuffer | ArrayBufferView): boolean {
  if (typeof raw !== "string") return raw.byteLength > MAX_FRAME_BYTES;
  if (raw.length * 3 <= MAX_FRAME_BYTES) return false;
  if (raw.length > MAX_FRAME_BYTES) return true;
  return encoder.encode(raw).byteLength > MAX_FRAME_BYTES;
}

/**
 * Size, then rate, then shape: every client frame is parsed with zod, with the room's own client union (contract/rooms.ts),
 * never trusted by a cast.
 */
export function readFrame<S extends z.ZodType>(raw: string | ArrayBuffer | ArrayBufferView, frames: S, budget: FrameBudget, connectionId: string): Inbound<z.infer<S>> {
  if (oversize(raw)) return { ok: false, code: "too_large", message: `Frames are limited to ${MAX_FRAME_BYTES} bytes` };
  if (!budget.take(connectionId)) return { ok: false, code: "rate_limited", message: "Too many frames; slow down" };
  if (typeof raw !== "string") return { ok: false, code: "bad_frame", message: "Frames are JSON text" };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: "bad_frame", message: "Frames are JSON objects" };
  }
  const parsed = frames.safeParse(value);
  if (!parsed.success) return { ok: false, code: "bad_frame", message: parsed.error.issues[0]?.message ?? "Unknown frame" };
  return { ok: true, message: parsed.data };
}
