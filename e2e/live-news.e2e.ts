import type { Browser, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The home feed's "N new posts" when the member's live room connects late. A post written after the feed was loaded
// but before the room's socket first connected reaches the page only in the welcome's backlog, which a first
// connection used to treat as "already loaded through the API": the banner never came (conversations.e2e.ts waited
// 20 s for it on a loaded machine). Here the socket is held back on purpose until the post's `feed.new` is in the room.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Person = { id: string; email: string; role: string; locale: string; deactivated: boolean };

it("offers a post written before the live room first connected, and nothing older", { timeout: 90_000 }, async () => {
  const stamp = Date.now().toString(36);
  const admin = await newContext(browser);
  await signInByApi(admin.context, DEMO_ADMIN);
  const people = ((await (await admin.context.request.get("/api/v1/users?limit=100")).json()) as { items: Person[] }).items.filter(
    (u) => u.role === "member" && u.locale === "en" && !u.deactivated,
  );
  await admin.context.close();
  const [writer, reader] = people.slice(0, 2);

  // The writer opens a group; the reader joins it.
  const w = await newContext(browser);
  await signInByApi(w.context, writer.email);
  const made = await w.context.request.post("/api/v1/groups", { data: { name: `Late sockets ${stamp}`, visibility: "open", kind: "community" } });
  expect(made.status()).toBe(201);
  const group = (await made.json()) as { id: string };
  const r = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  await signInByApi(r.context, reader.email);
  expect((await r.context.request.post(`/api/v1/groups/${group.id}/join`)).status()).toBe(200);

  // Tab 1: the reader's home feed, its live room held back (the socket opens only when released).
  const held: WebSocketRoute[] = [];
  await r.context.routeWebSocket((url) => url.pathname.startsWith("/parties/user-room/"), (route) => {
    held.push(route);
  });
  const late = await r.context.newPage();
  await late.goto("/", { waitUntil: "domcontentloaded" });
  await late.getByRole("list", { name: "Your feed" }).waitFor();
  await expect.poll(() => held.length).toBeGreaterThan(0);

  // Tab 2 (another context, same member): connected at once, it shows when the post's feed.new is in the room.
  const live = await newContext(browser);
  await signInByApi(live.context, reader.email);
  const livePage = await live.context.newPage();
  await livePage.goto("/", { waitUntil: "domcontentloaded" });
  await livePage.getByRole("list", { name: "Your feed" }).waitFor();
  // Its room is open once the bell has its count; a little more for the socket's welcome.
  await livePage.locator("a.bell").waitFor();
  await livePage.waitForTimeout(1_500);

  const word = `latesocket${stamp}`;
  const posted = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: `The ${word} notes are up.` } });
  expect(posted.status()).toBe(201);
  await livePage.getByRole("button", { name: "1 new post" }).waitFor({ timeout: 30_000 });

  // Only now does tab 1's room connect: its first welcome carries the post in its backlog, with older events.
  for (const route of held) route.connectToServer();
  const banner = late.getByRole("button", { name: "1 new post" });
  await banner.waitFor({ timeout: 15_000 });
  await banner.click();
  const feed = late.getByRole("list", { name: "Your feed" });
  await expect.poll(() => feed.getByRole("article").first().textContent()).toContain(word);
  expect(await late.getByRole("button", { name: /new posts?$/ }).count()).toBe(0);
  expect(r.problems).toEqual([]);

  await Promise.all([w.context.close(), r.context.close(), live.context.close()]);
});
