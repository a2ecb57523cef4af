import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, newMember, signInByApi } from "./browser";

// Issue 13, part 5: the home feed's must-read announcements as a compact stack (a phone's first draw of the home was
// five announcements in full, most of its layout). A member of a group with three unread announcements sees, on a
// phone, the newest two as a line each (the title or first line, without its Markdown marks; not the body), then
// "1 more announcement to read", which shows the third and takes the keyboard to it; each is marked read on its own
// and leaves the stack, for good (a reload agrees). A French member sees the same in French. The members and the
// group are the test's own.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 412, height: 823 };

it("stacks unread must-read announcements: two, then the others behind 'n more', each read on its own", { timeout: 120_000 }, async () => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const writer = await newMember(browser, { name: `Writer ${stamp}`, email: `writer.${stamp}@must-read.test` });
  const reader = await newMember(browser, { name: `Reader ${stamp}`, email: `reader.${stamp}@must-read.test` });
  const lecteur = await newMember(browser, { name: `Lecteur ${stamp}`, email: `lecteur.${stamp}@must-read.test`, locale: "fr" });

  const w = await newContext(browser);
  await signInByApi(w.context, writer.email);
  const made = await w.context.request.post("/api/v1/groups", { data: { name: `Notices ${stamp}`, visibility: "open", kind: "community" } });
  expect(made.status(), await made.text()).toBe(201);
  const group = (await made.json()) as { id: string };

  const r = await newContext(browser, { viewport: PHONE });
  await signInByApi(r.context, reader.email);
  const f = await newContext(browser, { viewport: PHONE, locale: "fr-FR" });
  await signInByApi(f.context, lecteur.email);
  for (const c of [r, f]) expect((await c.context.request.post(`/api/v1/groups/${group.id}/join`)).status()).toBe(200);

  // Oldest first: the stack shows the newest first.
  const bodies = [
    `Canteen closed on Friday ${stamp}`,
    `## Badge renewal ${stamp}\n\nBring your old badge to the front desk.`,
    `**Office move** on [Monday](https://example.com/move) ${stamp}\n\n${"Boxes are in the hall. ".repeat(60)}`,
  ];
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await w.context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body, kind: "announcement" } });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }

  const page = await r.context.newPage();
  await page.goto("/", { waitUntil: "domcontentloaded" });
  const stack = page.getByRole("region", { name: "Announcements to read" });
  const cards = stack.locator("article.announcement");
  const lines = () => cards.locator(".announcement-line").allTextContents();
  await expect.poll(() => cards.count()).toBe(2);
  expect(await lines()).toEqual([`Office move on Monday ${stamp}`, `Badge renewal ${stamp}`]);
  expect(await cards.first().locator(".announcement-head").textContent()).toBe(`Must read · Notices ${stamp} · Writer ${stamp}Open`);
  expect(await cards.first().getByRole("link", { name: "Open" }).getAttribute("href")).toBe(`/posts/${ids[2]}`);
  // Not the bodies: the whole post is on its page.
  expect(await stack.getByText("Boxes are in the hall.").count()).toBe(0);
  expect(await stack.getByText("Bring your old badge").count()).toBe(0);

  await stack.getByRole("button", { name: "1 more announcement to read" }).click();
  await expect.poll(() => cards.count()).toBe(3);
  expect(await lines()).toEqual([`Office move on Monday ${stamp}`, `Badge renewal ${stamp}`, `Canteen closed on Friday ${stamp}`]);
  expect(await stack.getByRole("button", { name: /more announcement/ }).count()).toBe(0);
  // The keyboard goes on to the announcement the button showed.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("href") ?? null)).toBe(`/posts/${ids[0]}`);

  // Each is marked read on its own, and leaves the stack.
  await cards.first().getByRole("button", { name: "Mark as read" }).click();
  await expect.poll(() => cards.count()).toBe(2);
  expect(await lines()).toEqual([`Badge renewal ${stamp}`, `Canteen closed on Friday ${stamp}`]);
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect.poll(() => cards.count()).toBe(2);
  expect(await lines()).toEqual([`Badge renewal ${stamp}`, `Canteen closed on Friday ${stamp}`]);
  expect(await stack.getByRole("button", { name: /more announcement/ }).count()).toBe(0);
  expect(await cards.first().locator(".receipts").textContent()).toBe("Read by 0 of 3Mark as read");

  // In French.
  const fr = await f.context.newPage();
  await fr.goto("/", { waitUntil: "domcontentloaded" });
  const pile = fr.getByRole("region", { name: "Annonces à lire" });
  await expect.poll(() => pile.locator("article.announcement").count()).toBe(2);
  expect(await pile.locator(".announcement-head").first().textContent()).toBe(`À lire · Notices ${stamp} · Writer ${stamp}Ouvrir`);
  await pile.getByRole("button", { name: "1 autre annonce à lire" }).click();
  await expect.poll(() => pile.locator("article.announcement").count()).toBe(3);

  expect(r.problems).toEqual([]);
  expect(f.problems).toEqual([]);
  await Promise.all([w.context.close(), r.context.close(), f.context.close()]);
});
