import type { APIRequestContext, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptCharterIfAsked, baseUrl, DEMO_PASSWORD, launchBrowser, newContext, signInByApi, throttleUploads } from "./browser";

// The acceptance test of a group's knowledge (issue 11, item 6): in the seeded CRM onboarding group, an animator adds an
// FAQ entry in the browser and a member finds it by search, then opens it; the member uploads a file to the library
// and a new version of it (on a throttled connection, so that the progress bar and its percentage show), downloads it,
// and its download count moves. It relies on the demo's groups and people, not on the seeded FAQ or library.

const ANIMATOR = "nurul.aziz@demo.test"; // owner of "Onboarding: new CRM"
const MEMBER = "marcus.johnson@demo.test"; // a member of it
const GROUP = "Onboarding: new CRM";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function apiAs(email: string): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const res = await context.request.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(res.status(), `sign-in of ${email}`).toBe(200);
  await acceptCharterIfAsked(context.request);
  return { request: context.request, close: () => context.close() };
}

/**
 * Records every percentage an upload's progress shows (a MutationObserver in the page), so that a fast upload that
 * finishes between two polls is still seen to have shown its bar.
 */
async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll(".upload-progress")) {
        const bar = el.querySelector("progress");
        const percent = el.querySelector(".upload-progress-percent")?.textContent ?? "";
        if (bar) seen.push(percent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const seenProgress = (page: Page) => page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress.splice(0));

/** A text file of `size` bytes, a line of `word` repeated. */
function textFile(word: string, size: number) {
  const line = `${word} — guide line\n`;
  return Buffer.from(line.repeat(Math.ceil(size / Buffer.byteLength(line)))).subarray(0, size);
}

it("adds an FAQ entry that a member finds by search, and keeps a library file's versions with upload progress and download counts", { timeout: 300_000 }, async () => {
  const stamp = Date.now().toString(36);
  const word = `headset${stamp}`;

  const admin = await apiAs(ANIMATOR);
  const found = (await (await admin.request.get(`/api/v1/groups?q=${encodeURIComponent("Onboarding")}&limit=20`)).json()) as { items: { id: string; name: string }[] };
  const group = found.items.find((g) => g.name === GROUP)!;
  expect(group, "the demo seed's onboarding group").toBeTruthy();
  await admin.close();

  // --- The animator adds an FAQ entry in the browser.
  const animator = await newContext(browser);
  await signInByApi(animator.context, ANIMATOR);
  const a = await animator.context.newPage();
  await a.goto(`/groups/${group.id}/faq`);
  await a.getByRole("button", { name: "Add an entry" }).click();
  await a.getByLabel("Question", { exact: true }).fill(`Which ${word} works with the CRM phone?`);
  await a.getByLabel("Answer", { exact: true }).fill(`Any USB **${word}** from the IT catalogue.`);
  await a.getByLabel("Section", { exact: true }).fill("Equipment");
  await a.getByRole("button", { name: "Save the entry" }).click();
  await a.getByText(`Which ${word} works with the CRM phone?`).waitFor();
  await a.getByRole("heading", { name: "Equipment" }).waitFor();

  // --- A member finds it by search and opens it: the entry is expanded on the group's FAQ.
  const member = await newContext(browser);
  await signInByApi(member.context, MEMBER);
  const m = await member.context.newPage();
  await m.goto(`/search?q=${word}`);
  const hit = m.locator(".search-hit", { hasText: `Which ${word} works with the CRM phone?` });
  await hit.waitFor();
  expect(await hit.locator(".badge").textContent()).toBe("FAQ");
  await hit.getByRole("link").click();
  await m.waitForURL(new RegExp(`/groups/${group.id}/faq#faq-faq_`));
  const opened = m.locator("details[open]", { hasText: `Which ${word} works with the CRM phone?` });
  await opened.waitFor();
  expect(await opened.locator(".faq-answer strong").textContent()).toBe(word);

  // --- The member uploads a file to the library on a slow line: the progress bar and its percentage show.
  await m.goto(`/groups/${group.id}/library`);
  await m.getByRole("heading", { name: "Add a file" }).waitFor();
  await throttleUploads(m, 512 * 1024);
  await watchProgress(m);
  await m.getByLabel("File (25 MB at most)").setInputFiles({ name: `${word}-guide.txt`, mimeType: "text/plain", buffer: textFile(word, 1_500_000) });
  await m.getByLabel("Name", { exact: true }).fill(`Headset guide ${stamp}`);
  await m.getByLabel("Folder", { exact: true }).fill("Cheat sheets");
  await m.getByRole("button", { name: "Upload", exact: true }).click();
  const item = m.locator(".library-item", { hasText: `Headset guide ${stamp}` });
  await item.waitFor({ timeout: 60_000 });
  const first = await seenProgress(m);
  expect(first.length, "the progress bar showed").toBeGreaterThan(0);
  expect(first.every((p) => /^\d{1,3}%$/.test(p)), first.join(" ")).toBe(true);
  expect(await item.locator(".library-item-title .muted").textContent()).toContain("v1");
  expect(await item.locator(".library-downloads").textContent()).toBe("0 downloads");

  // --- A new version, uploaded the same way: the history keeps both, the newest is the default.
  await item.getByLabel(`New version of Headset guide ${stamp}`).setInputFiles({ name: `${word}-guide-v2.txt`, mimeType: "text/plain", buffer: textFile(`${word} v2`, 1_200_000) });
  await item.getByRole("button", { name: "2 versions" }).waitFor({ timeout: 60_000 });
  expect((await seenProgress(m)).length, "the progress bar showed for the new version").toBeGreaterThan(0);
  await throttleUploads(m, -1);
  // A new version opens the history by itself; the button would close it.
  const versions = item.getByRole("button", { name: "2 versions" });
  if ((await versions.getAttribute("aria-expanded")) !== "true") await versions.click();
  const history = item.getByRole("list", { name: `Versions of Headset guide ${stamp}` });
  // Each version: its file (a download link), then who uploaded it (a profile link).
  const files = history.locator("li a[download]");
  await files.nth(1).waitFor();
  expect(await files.allTextContents()).toEqual([`${word}-guide-v2.txt`, `${word}-guide.txt`]);

  // --- The member downloads it (the newest version), and the count moves, in the page and on the server.
  const [download] = await Promise.all([m.waitForEvent("download"), item.getByRole("link", { name: "Download", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`${word}-guide-v2.txt`);
  await item.locator(".library-downloads", { hasText: "1 download" }).waitFor();
  const id = await item.getAttribute("data-item");
  let counted = 0;
  for (let i = 0; i < 20 && counted === 0; i++) {
    const res = await member.context.request.get(`/api/v1/library/${id}`);
    counted = ((await res.json()) as { downloads: number }).downloads;
    if (counted === 0) await m.waitForTimeout(250);
  }
  expect(counted).toBe(1);
  expect(animator.problems).toEqual([]);
  expect(member.problems).toEqual([]);
  await animator.context.close();
  await member.context.close();
});
