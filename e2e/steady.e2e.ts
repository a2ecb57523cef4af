import type { APIRequestContext, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, newMember, signInByApi } from "./browser";

// Issue 14, part 5 ("no layout shift when live updates arrive; lists keep their scroll position when returning from a
// post") and part 1's outbox for reactions. Two members of the test's own (invited by the demo administrator through
// the API; nothing here touches the administrator's screens): a writer with an open group of 25 posts, a reader in it.
// (a) The reader's feed, scrolled past "Load more", a post opened and Back: the same 25 posts, the same post at the
// same place. (b) Live news on the feed, a comment and reactions arriving on a post page: the page's layout shifts
// (without recent input) add up to at most 0.01. (c) Reactions made offline: marked as waiting, sent once when the
// network is back; one toggled on and off offline sends nothing. A new visit to the feed starts at the top.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Shift = { t: number; value: number; input: boolean; sources: string[] };

/** The layout shifts seen by the page since `since` (performance.now()), those right after an input left out. */
async function shiftsSince(page: Page, since: number): Promise<{ sum: number; shifts: Shift[] }> {
  const shifts = (await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts)).filter((s) => s.t >= since && !s.input);
  return { sum: shifts.reduce((n, s) => n + s.value, 0), shifts };
}

async function reactionsOf(request: APIRequestContext, postId: string): Promise<Record<string, number>> {
  const res = await request.get(`/api/v1/posts/${postId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { reactions: Record<string, number> }).reactions;
}

it("keeps a list's items and place for Back, moves nothing on live updates, and sends reactions made offline once", { timeout: 240_000 }, async () => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const writer = await newMember(browser, { name: `Writer ${stamp}`, email: `writer.${stamp}@steady.test` });
  const reader = await newMember(browser, { name: `Reader ${stamp}`, email: `reader.${stamp}@steady.test` });

  const w = await newContext(browser);
  await signInByApi(w.context, writer.email);
  const made = await w.context.request.post("/api/v1/groups", { data: { name: `Steady ${stamp}`, visibility: "open", kind: "community" } });
  expect(made.status(), await made.text()).toBe(201);
  const group = (await made.json()) as { id: string };
  const ids: string[] = [];
  // Three long notes above the one the reader opens: folded in the list ("Show more", measured after the layout), so
  // the place kept for Back is a place among folded posts, and so must the restored one be.
  const LONG = new Set([10, 15, 20]);
  const longBody = (i: number) =>
    [`Steady note ${i} of ${stamp}`, ...Array.from({ length: 40 }, (_, k) => `Paragraph ${k + 1} of a long steady note, long enough to be folded in a list.`)].join("\n\n");
  for (let i = 1; i <= 25; i++) {
    const res = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: LONG.has(i) ? longBody(i) : `Steady note ${i} of ${stamp}` } });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }

  const r = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  await signInByApi(r.context, reader.email);
  expect((await r.context.request.post(`/api/v1/groups/${group.id}/join`)).status()).toBe(200);
  await r.context.addInitScript(() => {
    const shifts: Shift[] = [];
    (window as unknown as { __shifts: Shift[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
        const sources = (e.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName)));
        shifts.push({ t: e.startTime, value: e.value, input: e.hadRecentInput, sources });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await r.context.newPage();
  await page.goto("/", { waitUntil: "domcontentloaded" });
  const feed = page.getByRole("list", { name: "Your feed" });
  const cards = feed.locator(":scope > li > article");
  await expect.poll(() => cards.count()).toBe(20);

  // (a) Down to "Load more" (it loads as it comes into view), then to a post of the second page; opened, and Back.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => cards.count()).toBe(25);
  // The feed is newest first: note 4 is the 22nd card, on the second page.
  const target = feed.locator(`article[data-post-id="${ids[3]}"]`);
  await target.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.scrollY);
  const topBefore = await target.evaluate((el) => el.getBoundingClientRect().top);
  expect(before).toBeGreaterThan(2000);
  const folded = () => Promise.all([...LONG].map((i) => feed.locator(`article[data-post-id="${ids[i - 1]}"]`).getByRole("button", { name: "Show more" }).count()));
  expect(await folded()).toEqual([1, 1, 1]);
  await target.locator(".post-time").click();
  await page.waitForURL(`**/posts/${ids[3]}`);
  await page.locator("#comments").waitFor();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await page.waitForURL((url) => url.pathname === "/");
  await target.waitFor();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 3);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThanOrEqual(2);
  expect(Math.abs((await target.evaluate((el) => el.getBoundingClientRect().top)) - topBefore)).toBeLessThanOrEqual(2);
  expect(await folded()).toEqual([1, 1, 1]);
  expect(await cards.count()).toBe(25);
  expect(await cards.first().getAttribute("data-post-id")).toBe(ids[24]);
  expect(await cards.last().getAttribute("data-post-id")).toBe(ids[0]);

  // (b) Live news while the reader is down the feed: the pill shows, nothing moves.
  await page.waitForTimeout(1_500);
  let since = await page.evaluate(() => performance.now());
  const news = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: `Fresh steady note of ${stamp}` } });
  expect(news.status()).toBe(201);
  await page.getByRole("button", { name: "1 new post" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const onFeed = await shiftsSince(page, since);
  expect(onFeed.sum, JSON.stringify(onFeed.shifts)).toBeLessThanOrEqual(0.01);

  // On a post page: a comment and reactions arrive live, nothing moves either.
  const postId = ids[3];
  await target.locator(".post-time").click();
  await page.waitForURL(`**/posts/${postId}`);
  await page.locator("#comments").waitFor();
  await page.waitForTimeout(2_000);
  since = await page.evaluate(() => performance.now());
  const commented = await w.context.request.post(`/api/v1/posts/${postId}/comments`, { data: { body: `A steady comment of ${stamp}` } });
  expect(commented.status(), await commented.text()).toBe(201);
  const commentId = ((await commented.json()) as { id: string }).id;
  await page.locator(".comment", { hasText: `A steady comment of ${stamp}` }).waitFor({ timeout: 30_000 });
  expect((await w.context.request.put(`/api/v1/posts/${postId}/reactions/like`)).status()).toBe(204);
  expect((await w.context.request.put(`/api/v1/posts/${postId}/reactions/celebrate`)).status()).toBe(204);
  expect((await w.context.request.put(`/api/v1/comments/${commentId}/reactions/thanks`)).status()).toBe(204);
  const postBar = page.locator(".post-footer").first().getByRole("group", { name: "Reactions" });
  await postBar.getByRole("button", { name: "Like, 1 person" }).waitFor({ timeout: 30_000 });
  await postBar.getByRole("button", { name: "Celebrate, 1 person" }).waitFor({ timeout: 30_000 });
  await page.locator(".comment", { hasText: `A steady comment of ${stamp}` }).getByRole("button", { name: "Thanks, 1 person" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const onPost = await shiftsSince(page, since);
  expect(onPost.sum, JSON.stringify(onPost.shifts)).toBeLessThanOrEqual(0.01);

  // (c) Offline: "Thanks" on the post waits, marked; "Support" on and off again is nothing to send.
  await r.context.setOffline(true);
  await postBar.getByRole("button", { name: "Thanks, 0 people" }).click();
  const waiting = postBar.getByRole("button", { name: "Thanks, 1 person — Offline — it will be sent when the network is back." });
  await waiting.waitFor();
  expect(await waiting.getAttribute("aria-pressed")).toBe("true");
  expect(await waiting.getAttribute("class")).toBe("reaction is-waiting");
  await postBar.getByRole("button", { name: "Support, 0 people" }).click();
  await postBar.getByRole("button", { name: /^Support, 1 person — Offline/ }).click();
  await postBar.getByRole("button", { name: "Support, 0 people", exact: true }).waitFor();
  expect(await page.evaluate((id) => JSON.parse(localStorage.getItem(`comptoir.outbox.${id}`) ?? "[]").map((i: { method: string; path: string }) => `${i.method} ${i.path}`), reader.id)).toEqual([
    `PUT /posts/${postId}/reactions/thanks`,
  ]);
  expect(await reactionsOf(w.context.request, postId)).toEqual({ like: 1, celebrate: 1 });

  await r.context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await postBar.getByRole("button", { name: "Thanks, 1 person", exact: true }).waitFor({ timeout: 20_000 });
  await expect.poll(() => reactionsOf(w.context.request, postId)).toEqual({ like: 1, celebrate: 1, thanks: 1 });
  expect(await page.evaluate((id) => localStorage.getItem(`comptoir.outbox.${id}`), reader.id)).toBe("[]");
  // Sent once: a flush again (the 15-second timer, another `online`) finds nothing more to send.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(1_000);
  expect(await reactionsOf(w.context.request, postId)).toEqual({ like: 1, celebrate: 1, thanks: 1 });

  // A new visit to the feed (not Back) starts at the top, from its first page.
  await page.locator("a.brand:visible").first().click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect.poll(() => cards.count()).toBe(20);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  expect(r.problems).toEqual([]);
  await Promise.all([w.context.close(), r.context.close()]);
});

it("offers no news on a fresh load when nothing new was posted, and its button covers no link", { timeout: 180_000 }, async () => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const writer = await newMember(browser, { name: `Poster ${stamp}`, email: `poster.${stamp}@steady.test` });
  const reader = await newMember(browser, { name: `Phone ${stamp}`, email: `phone.${stamp}@steady.test` });
  const w = await newContext(browser);
  await signInByApi(w.context, writer.email);
  const made = await w.context.request.post("/api/v1/groups", { data: { name: `News ${stamp}`, visibility: "open", kind: "community" } });
  expect(made.status(), await made.text()).toBe(201);
  const group = (await made.json()) as { id: string };
  const r = await newContext(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await signInByApi(r.context, reader.email);
  expect((await r.context.request.post(`/api/v1/groups/${group.id}/join`)).status()).toBe(200);
  const first = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: `First note of ${stamp}, see [the notes](https://example.com/${stamp})` } });
  expect(first.status(), await first.text()).toBe(201);

  // Each load's user room: resolved at its welcome (a first connection's backlog comes with it).
  const page = await r.context.newPage();
  let welcomes = 0;
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/parties/user-room/")) return;
    ws.on("framereceived", (f) => {
      if (String(f.payload).startsWith('{"type":"welcome"')) welcomes += 1;
    });
  });
  const news = page.getByRole("button", { name: /new posts?$/ });
  await page.goto("/", { waitUntil: "domcontentloaded" });
  const feed = page.getByRole("list", { name: "Your feed" });
  await expect.poll(() => feed.getByRole("article").count()).toBe(1);
  await expect.poll(() => welcomes).toBe(1);

  // A post written now is news: its button, at the top of the list, covers none of the screen's links and buttons.
  const second = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: `Second note of ${stamp}` } });
  expect(second.status(), await second.text()).toBe(201);
  const secondId = ((await second.json()) as { id: string }).id;
  await page.getByRole("button", { name: "1 new post" }).waitFor({ timeout: 30_000 });
  const covered = await page.evaluate(() => {
    const pill = document.querySelector(".news-button")!.getBoundingClientRect();
    return [...document.querySelectorAll("main a, main button, main input, main select, main textarea, main [tabindex]")]
      .filter((el) => !el.classList.contains("news-button") && !el.closest(".news-banner"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.left < pill.right && box.right > pill.left && box.top < pill.bottom && box.bottom > pill.top)
      .map(({ el }) => `${el.tagName}.${el.className} ${el.textContent?.trim().slice(0, 40)}`);
  });
  expect(covered).toEqual([]);

  // Its writer deletes it. A fresh load: the feed is as it was, and the room's backlog (which still names the deleted
  // post) brings no news: nothing was posted after the feed was read.
  expect((await w.context.request.delete(`/api/v1/posts/${secondId}`)).status()).toBe(204);
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect.poll(() => feed.getByRole("article").count()).toBe(1);
  await expect.poll(() => welcomes).toBe(2);
  await page.waitForTimeout(2_000);
  expect(await news.count()).toBe(0);
  expect(r.problems).toEqual([]);
  await Promise.all([w.context.close(), r.context.close()]);
});
