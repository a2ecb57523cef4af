import { describe, expect, it } from "vitest";
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
    expect(readFrame("x".repeat(MAX_FRAME_BYTES + 1), budget, "c")).toMatchObject({ ok: false, code: "too_large" });
    expect(readFrame('{"type":"chat","text":"hi"}', budget, "c")).toEqual({ ok: true, message: { type: "chat", text: "hi" } });
    expect(readFrame('{"type":"chat","text":""}', budget, "c")).toMatchObject({ ok: false, code: "bad_frame" });
    expect(readFrame('{"type":"typing"}', budget, "c")).toMatchObject({ ok: false, code: "rate_limited" });
    expect(readFrame("not json", new FrameBudget(5), "d")).toMatchObject({ ok: false, code: "bad_frame" });
    expect(readFrame('{"type":"chat","text":"hi","extra":1}', new FrameBudget(5), "d")).toMatchObject({ ok: false, code: "bad_frame" });
  });
});
