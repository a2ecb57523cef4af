import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiAs, launchBrowser, newContext, newMember, signInByApi, throttleUploads } from "./browser";

// Issue 14, items 4 and 5: progress and Cancel on every upload. A member of the test's own, on a slowed-down line
// (Chromium's network emulation through the DevTools protocol), sees the progress of their photo move, cancels it
// half-way (their photo stays as it was), then uploads it to the end. In a private group of their own (its post
// reaches no other test's feed), a post attachment's
// progress moves too; the one they cancel is gone from the composer and from the post they then send, which carries
// only the file that went through.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records every percentage a progress bar shows (a MutationObserver in the page), between two reads. */
async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seenProgress: number[] }).seenProgress = seen;
    const note = () => {
      for (const bar of document.querySelectorAll<HTMLProgressElement>(".op-progress progress")) {
        if (bar.hasAttribute("value") && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["value"] });
  });
}
const seenProgress = (page: Page) => page.evaluate(() => (window as unknown as { seenProgress: number[] }).seenProgress.splice(0));

/** A PNG (a 1×1 image) followed by `size` bytes of padding: the server sniffs the signature, the size makes it slow. */
function bigPng(size: number) {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  return Buffer.concat([png, Buffer.alloc(size - png.length, 0)]);
}

it("shows upload progress moving on the photo and a post attachment, cancels one of each leaving nothing, then uploads", { timeout: 240_000 }, async () => {
  const stamp = Date.now().toString(36);
  const member = await newMember(browser, { name: `Paz Upload${stamp}`, email: `paz.${stamp}@uploads.test` });
  const api = await apiAs(browser, member.email);
  const created = await api.request.post("/api/v1/groups", { data: { name: `Site photos ${stamp}`, description: `Photos from client sites, ${stamp}.`, visibility: "private", kind: "project" } });
  expect(created.status(), await created.text()).toBe(201);
  const group = (await created.json()) as { id: string; name: string };
  const avatarNow = async () => ((await (await api.request.get("/api/v1/me")).json()) as { user: { avatarUrl: string | null } }).user.avatarUrl;
  expect(await avatarNow()).toBeNull();

  const { context, problems } = await newContext(browser);
  await signInByApi(context, member.email);
  const page = await context.newPage();

  // --- The photo, at 100 kB/s: 1.2 MB takes about 12 s. The bar moves; Cancel half-way; the photo stays as it was.
  await page.goto("/me/edit");
  const photoInput = page.locator(".avatar-upload input[type=file]");
  await photoInput.waitFor({ state: "attached" });
  await watchProgress(page);
  await throttleUploads(page, 100 * 1024);
  await photoInput.setInputFiles({ name: `site-${stamp}.png`, mimeType: "image/png", buffer: bigPng(1_200_000) });
  const photoBar = page.getByRole("progressbar", { name: "Uploading your photo" });
  await photoBar.waitFor();
  await expect.poll(async () => Number(await photoBar.getAttribute("value")), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
  const moving = await seenProgress(page);
  expect(moving.filter((v) => v > 0 && v < 100).length, `the bar moved: ${moving.join(", ")}`).toBeGreaterThanOrEqual(2);
  await page.getByRole("button", { name: `Cancel the upload of site-${stamp}.png` }).click();
  await photoBar.waitFor({ state: "detached" });
  await page.getByText("Upload cancelled: nothing was saved.").first().waitFor();
  await page.waitForTimeout(1500);
  expect(await avatarNow(), "a cancelled photo is not saved").toBeNull();

  // The same photo, at 400 kB/s, to the end: the bar moves, then the photo is saved.
  await throttleUploads(page, 400 * 1024);
  await photoInput.setInputFiles({ name: `site-${stamp}.png`, mimeType: "image/png", buffer: bigPng(1_200_000) });
  await page.getByText("Photo updated").first().waitFor({ timeout: 30_000 });
  const whole = await seenProgress(page);
  expect(whole.filter((v) => v > 0 && v < 100).length, `the bar moved: ${whole.join(", ")}`).toBeGreaterThanOrEqual(2);
  expect(await avatarNow(), "the photo went through").toMatch(/^\//);

  // --- A post attachment in their own group, at 150 kB/s: 1.5 MB takes about 10 s. The bar moves; Cancel.
  await page.goto(`/groups/${group.id}`);
  const composer = page.getByRole("form", { name: "New post" });
  await composer.waitFor();
  await watchProgress(page);
  await throttleUploads(page, 150 * 1024);
  const fileInput = composer.locator("input[type=file]");
  await fileInput.setInputFiles({ name: `survey-${stamp}.txt`, mimeType: "text/plain", buffer: Buffer.alloc(1_500_000, "survey line\n") });
  const fileBar = composer.getByRole("progressbar", { name: `Uploading survey-${stamp}.txt` });
  await fileBar.waitFor();
  await expect.poll(async () => Number(await fileBar.getAttribute("value")), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
  const attaching = await seenProgress(page);
  expect(attaching.filter((v) => v > 0 && v < 100).length, `the bar moved: ${attaching.join(", ")}`).toBeGreaterThanOrEqual(2);
  await composer.getByRole("button", { name: `Cancel the upload of survey-${stamp}.txt` }).click();
  await fileBar.waitFor({ state: "detached" });
  expect(await composer.getByText(`survey-${stamp}.txt`).count(), "nothing of the cancelled file stays in the composer").toBe(0);
  await expect.poll(() => composer.getByRole("button", { name: "Post", exact: true }).isEnabled()).toBe(true);

  // A small file goes through, and the post carries it alone.
  await throttleUploads(page, -1);
  await fileInput.setInputFiles({ name: `notes-${stamp}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Notes ${stamp}\n`) });
  await composer.getByText("Ready").waitFor();
  await composer.getByRole("textbox").fill(`Site survey ${stamp}, notes attached.`);
  await composer.getByRole("button", { name: "Post", exact: true }).click();
  const post = page.getByRole("article").filter({ hasText: `Site survey ${stamp}` }).first();
  await post.getByRole("link", { name: new RegExp(`notes-${stamp}\\.txt`) }).waitFor();
  expect(await post.getByText(`survey-${stamp}.txt`).count()).toBe(0);
  await expect
    .poll(async () => {
      const posts = (await (await api.request.get(`/api/v1/groups/${group.id}/posts`)).json()) as { items: { body: string; attachments: { name: string }[] }[] };
      return posts.items.map((p) => p.attachments.map((a) => a.name));
    })
    .toEqual([[`notes-${stamp}.txt`]]);

  expect(problems).toEqual([]);
  await context.close();
  await api.close();
});
