import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createMember, ORIGIN } from "../worker/test/factories";
import { confirmOnline } from "../worker/services/questions/escalation";
import { testContext } from "../worker/test/factories";

/** Presence (questions' escalation asks who is online): the user room writes a row at the first connection, deletes it at the last close. */

async function open(cookie: string, id: string) {
  const res = await SELF.fetch(`${ORIGIN}/parties/user-room/${id}`, { headers: { Upgrade: "websocket", Cookie: cookie } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const welcome = new Promise((resolve) => ws.addEventListener("message", resolve, { once: true }));
  ws.accept();
  await welcome;
  return ws;
}

const row = (id: string) => env.DB.prepare("SELECT user_id FROM presence WHERE user_id = ?").bind(id).first();

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("presence", () => {
  it("is written by the first connection and removed with the last", async () => {
    const me = await createMember();
    const a = await open(me.cookie, me.id);
    expect(await row(me.id)).toEqual({ user_id: me.id });
    const b = await open(me.cookie, me.id);
    a.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await row(me.id), "a tab is still open").toEqual({ user_id: me.id });
    // The room says who is connected when a row was not confirmed lately.
    const stale = Date.now() - 60 * 60_000;
    expect([...(await confirmOnline(testContext(), [{ userId: me.id, seenAt: stale }], Date.now()))]).toEqual([me.id]);
    b.close();
    expect(await until(async () => (await row(me.id)) === null)).toBe(true);
  });

  it("drops a stale row whose room has nobody connected", async () => {
    const me = await createMember();
    const stale = Date.now() - 60 * 60_000;
    await env.DB.prepare("INSERT INTO presence (user_id, since, seen_at) VALUES (?, ?, ?)").bind(me.id, stale, stale).run();
    expect([...(await confirmOnline(testContext(), [{ userId: me.id, seenAt: stale }], Date.now()))]).toEqual([]);
    expect(await row(me.id)).toBeNull();
  });
});
