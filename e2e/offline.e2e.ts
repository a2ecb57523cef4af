import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, signInByApi as signIn } from "./browser";

// Issue 14 ("everyday experience"), first slice: the client is installable (a manifest, a service worker that
// controls the page), what a member saw stays readable offline with a banner saying when it was fetched, and their
// kept reads are gone once they sign out.

const MEMBER = "julien.moreau@demo.test";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("installs, reads the feed and a post offline with a banner, sends a comment written offline once, and forgets the member's reads on sign-out", async () => {
  const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  await signIn(context, MEMBER);
  await context.request.patch("/api/v1/me/profile", { data: { locale: "en" } });
  const page = await context.newPage();
  await page.goto("/", { waitUntil: "domcontentloaded" });

  // Installable: the manifest with its icons, and a service worker that controls the page.
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const manifest = (await (await context.request.get(href!)).json()) as { name: string; display: string; start_url: string; icons: { sizes: string; purpose?: string }[] };
  expect({ name: manifest.name, display: manifest.display, start: manifest.start_url, icons: manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ""}`) }).toEqual({
    name: "Comptoir",
    display: "standalone",
    start: "/",
    icons: ["192x192", "512x512", "512x512 maskable"],
  });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The page that registered the worker loaded without it: once more, through it, so its reads are kept.
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);
  const authors = page.locator(".post-header .post-author");
  await authors.first().waitFor();
  // The feed draws its first cards, then the rest a few at a time (aria-busy until the last).
  const whole = page.locator('ul.feed-list:not([aria-busy="true"])');
  await whole.waitFor();
  const seen = await authors.allTextContents();
  // A post page, not a question's (a question has its own page, which this test does not read offline).
  const links = await page.locator(".post-header .post-time").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  let postLink: string | undefined;
  for (const href of links) {
    const post = (await (await page.request.get(`/api/v1${href}`)).json()) as { kind?: string };
    if (post.kind !== "question") {
      postLink = href;
      break;
    }
  }
  expect(postLink).toMatch(/^\/posts\/pst_/);
  await page.goto(postLink!, { waitUntil: "domcontentloaded" });
  await page.locator(".post-header .post-author").first().waitFor();
  const postAuthor = await page.locator(".post-header .post-author").first().textContent();
  await page.waitForLoadState("networkidle");

  // Offline: the shell comes from the precache, the feed and the post from the kept reads, with the banner.
  await context.setOffline(true);
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await authors.first().waitFor();
  await whole.waitFor();
  expect(await authors.allTextContents()).toEqual(seen);
  await expect.poll(() => page.locator(".offline-banner").textContent()).toMatch(/^Offline — showing what you saw at \d{1,2}:\d{2}/);
  await page.goto(postLink!, { waitUntil: "domcontentloaded" });
  await page.locator(".post-header .post-author").first().waitFor();
  expect(await page.locator(".post-header .post-author").first().textContent()).toBe(postAuthor);

  // A comment written offline waits in the outbox, then goes out once when the network is back.
  const postId = postLink!.slice("/posts/".length);
  const text = `Written on the train ${Date.now()}`;
  await page.locator(`#comment-${postId}`).fill(text);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect.poll(() => page.locator(".outbox-item").textContent()).toContain("Offline — it will be sent when the network is back.");
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.locator(".comment-list .comment", { hasText: text }).waitFor();
  await expect.poll(() => page.locator(".outbox-item").count()).toBe(0);
  const comments = (await (await context.request.get(`/api/v1/posts/${postId}/comments?limit=100`)).json()) as { items: { body: string }[] };
  expect(comments.items.filter((c) => c.body === text).length).toBe(1);

  // Online again: the banner goes with the first fresh answer. Signing out leaves no kept read behind.
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await authors.first().waitFor();
  await expect.poll(() => page.locator(".offline-banner").count()).toBe(0);
  expect(await page.evaluate(async () => (await (await caches.open("comptoir-reads")).keys()).length)).toBeGreaterThan(0);
  await page.locator(".avatar-button").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("button", { name: /sign in/i }).waitFor();
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k === "comptoir-reads").length)).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
