import type { Browser, WebSocket } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, newMember, signInByApi } from "./browser";

// A coffee room's page carries the room's ticket (worker/routes/first-reads.ts, worker/services/coffee/tickets.ts):
// opening /coffee/<id> connects with `?ticket=` and the room is live.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("opens a coffee room from its address with the page's ticket, and the room is live", { timeout: 60_000 }, async () => {
  const stamp = Date.now().toString(36);
  const who = await newMember(browser, { name: `Tia Ticket ${stamp}`, email: `tia.ticket.${stamp}@demo.test` });

  const { context, problems } = await newContext(browser);
  await signInByApi(context, who.email);
  const opened = await context.request.post("/api/v1/coffee/rooms", { data: { title: `Ticket e2e ${stamp}` } });
  expect(opened.status()).toBe(201);
  const { id } = (await opened.json()) as { id: string };

  const page = await context.newPage();
  const sockets: WebSocket[] = [];
  page.on("websocket", (ws) => sockets.push(ws));
  await page.goto(`/coffee/${id}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { level: 1, name: `Ticket e2e ${stamp}` }).waitFor();
  await page.getByRole("complementary", { name: /^Who is here/ }).getByRole("link", { name: who.name }).waitFor();

  const room = sockets.map((s) => new URL(s.url())).filter((u) => u.pathname === `/parties/coffee-room/${id}`);
  expect(room.length).toBeGreaterThanOrEqual(1);
  expect(room[0].searchParams.get("ticket")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

  // A chat goes through the ticketed connection.
  await page.getByRole("textbox", { name: "Message" }).fill(`Ticketed hello ${stamp}`);
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
  await page.getByRole("log", { name: "Messages" }).getByText(`Ticketed hello ${stamp}`, { exact: true }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});

it("asks for a room's ticket as the member presses Join in the lobby, and joins with it", { timeout: 60_000 }, async () => {
  const stamp = Date.now().toString(36);
  const who = await newMember(browser, { name: `Lou Lobby ${stamp}`, email: `lou.lobby.${stamp}@demo.test` });
  const { context, problems } = await newContext(browser);
  await signInByApi(context, who.email);
  const title = `Lobby ticket ${stamp}`;
  const opened = await context.request.post("/api/v1/coffee/rooms", { data: { title } });
  expect(opened.status()).toBe(201);
  const { id } = (await opened.json()) as { id: string };

  const page = await context.newPage();
  const sockets: WebSocket[] = [];
  page.on("websocket", (ws) => sockets.push(ws));
  await page.goto("/coffee", { waitUntil: "domcontentloaded" });
  const join = page.getByRole("link", { name: `Join ${title}` });
  await join.waitFor();
  // The press asks for the ticket; the release (the click) navigates once it has arrived.
  await join.hover();
  const asked = page.waitForResponse((res) => new URL(res.url()).pathname === `/api/v1/coffee/rooms/${id}/ticket`);
  await page.mouse.down();
  expect((await asked).status()).toBe(200);
  await page.mouse.up();
  await page.waitForURL((url) => url.pathname === `/coffee/${id}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("complementary", { name: /^Who is here/ }).getByRole("link", { name: who.name }).waitFor();
  const room = sockets.map((s) => new URL(s.url())).filter((u) => u.pathname === `/parties/coffee-room/${id}`);
  expect(room.length).toBeGreaterThanOrEqual(1);
  expect(room[0].searchParams.get("ticket")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(problems).toEqual([]);
  await context.close();
});
