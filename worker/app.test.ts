import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("the app shell", () => {
  it("answers health", async () => {
    const res = await SELF.fetch("http://example.test/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("X-Request-Id")).toMatch(/^req_/);
  });

  it("answers an unknown API route with the error shape", async () => {
    const res = await SELF.fetch("http://example.test/api/v1/nothing-here");
    expect(res.status).toBe(404);
    const body = await res.json<{ error: { code: string; requestId: string } }>();
    expect(body.error.code).toBe("not_found");
    expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
  });

  it("serves HTML with the strict security headers", async () => {
    const res = await SELF.fetch("http://example.test/people");
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
  });

  it("refuses a room without a session before any upgrade", async () => {
    const res = await SELF.fetch("http://example.test/parties/user-room/usr_x", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(401);
    expect(res.webSocket).toBeNull();
  });
});
