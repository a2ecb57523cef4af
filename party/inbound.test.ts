import { describe, expect, it } from "vitest";
import { CoffeeRoomClientFrame, GroupRoomClientFrame } from "../contract/rooms";
import { FrameBudget, oversize, readFrame } from "./inbound";
import { MAX_FRAME_BYTES } from "./protocol";

const bytes = (s: string) => new TextEncoder().encode(s).byteLength;

describe("inbound frames", () => {
  it("decides the byte limit as encoding would, without encoding short frames", () => {
    const cases = [
      "a".repeat(MAX_FRAME_BYTES), "a".repeat(MAX_FRAME_BYTES + 1),
      "€".repeat(Math.floor(MAX_FRAME_BYTES / 3)), "€".repeat(Math.floor(MAX_FRAME_BYTES / 3) + 1), // 3 bytes each
      "😀".repeat(MAX_FRAME_BYTES / 4), "😀".repeat(MAX_FRAME_BYTES / 4 + 1), // 2 UTF-16 units, 4 bytes
      "\ud800".repeat(Math.floor(MAX_FRAME_BYTES / 3)), "\ud800".repeat(Math.floor(MAX_FRAME_BYTES / 3) + 1), // lone surrogates: 3 bytes
      "é".repeat(MAX_FRAME_BYTES / 2), "é".repeat(MAX_FRAME_BYTES / 2) + "a", "",
    ];
    for (const s of cases) expect(oversize(s), `${s.length} units, ${bytes(s)} bytes`).toBe(bytes(s) > MAX_FRAME_BYTES);
    expect(oversize(new ArrayBuffer(MAX_FRAME_BYTES))).toBe(false);
    expect(oversize(new Uint8Array(MAX_FRAME_BYTES + 1))).toBe(true);
  });

  it("answers too_large, rate_limited and bad_frame in that order, and parses the rest with zod", () => {
    const budget = new FrameBudget(2);
    expect(readFrame("x".repeat(MAX_FRAME_BYTES + 1), CoffeeRoomClientFrame, budget, "c")).toMatchObject({ ok: false, code: "too_large" });
    expect(readFrame('{"type":"chat","text":"hi"}', CoffeeRoomClientFrame, budget, "c")).toEqual({ ok: true, message: { type: "chat", text: "hi" } });
    expect(readFrame('{"type":"chat","text":""}', CoffeeRoomClientFrame, budget, "c")).toMatchObject({ ok: false, code: "bad_frame" });
    expect(readFrame('{"type":"typing"}', CoffeeRoomClientFrame, budget, "c")).toMatchObject({ ok: false, code: "rate_limited" });
    expect(readFrame("not json", CoffeeRoomClientFrame, new FrameBudget(5), "d")).toMatchObject({ ok: false, code: "bad_frame" });
    expect(readFrame('{"type":"chat","text":"hi","extra":1}', CoffeeRoomClientFrame, new FrameBudget(5), "d")).toMatchObject({ ok: false, code: "bad_frame" });
  });

  it("parses with the room's own client union: a frame another room takes is refused", () => {
    const budget = new FrameBudget(10);
    expect(readFrame('{"type":"typing","postId":"pst_1"}', GroupRoomClientFrame, budget, "g")).toEqual({ ok: true, message: { type: "typing", postId: "pst_1" } });
    expect(readFrame('{"type":"chat","text":"hi"}', GroupRoomClientFrame, budget, "g")).toMatchObject({ ok: false, code: "bad_frame" });
    expect(readFrame('{"type":"typing","postId":"pst_1"}', CoffeeRoomClientFrame, budget, "g")).toMatchObject({ ok: false, code: "bad_frame" });
  });
});
