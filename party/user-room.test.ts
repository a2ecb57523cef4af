import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createMember, ORIGIN } from "../worker/test/factories";

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) => {
    ws.addEventListener("message", (e) => {
      resolve(JSON.parse(e.data as string));
    }, { once: true });
  });
}

describe("user room", () => {
  it("welcomes a signed-in member in their own room", async () => {
    const me = await createMember({ name: "Room Owner" });
    const res = await SELF.fetch(`${ORIGIN}/parties/user-room/${me.id}`, { headers: { Upgrade: "websocket", Cookie: me.cookie } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const first = nextMessage(ws);
    ws.accept();
    const welcome = await first;
    expect(welcome.type).toBe("welcome");
    expect(welcome.you).toMatchObject({ id: me.id, name: "Room Owner" });
    expect(welcome.backlog).toEqual([]);
    ws.close();
  });

  it("refuses another member's room with 404 before any upgrade", async () => {
    const me = await createMember();
    const other = await createMember();
    const res = await SELF.fetch(`${ORIGIN}/parties/user-room/${other.id}`, { headers: { Upgrade: "websocket", Cookie: me.cookie } });
    expect(res.status).toBe(404);
    expect(res.webSocket).toBeNull();
    expect((await res.json<any>()).error.code).toBe("not_found");
  });

  it("ignores an identity header forged by the client", async () => {
    const me = await createMember({ name: "Real Me" });
    const res = await SELF.fetch(`${ORIGIN}/parties/user-room/${me.id}`, {
      headers: { Upgrade: "websocket", Cookie: me.cookie, "x-comptoir-member": JSON.stringify({ id: "usr_evil", handle: "evil", name: "Evil", location: "", timezone: "UTC", avatarUrl: null }) },
    });
    const ws = res.webSocket!;
    const first = nextMessage(ws);
    ws.accept();
    expect((await first).you.name).toBe("Real Me");
    ws.close();
  });
});
