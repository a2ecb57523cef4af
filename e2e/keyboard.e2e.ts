import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { acceptCharterIfAsked, baseUrl, DEMO_ADMIN, DEMO_PASSWORD, launchBrowser, newContext } from "./browser";

// Everything with the keyboard alone (issue 14, item 3): a new member signs in, skips to the content, posts, comments,
// reacts, opens a dialog (focus stays inside it and comes back to what opened it), opens a coffee room, chats and
// leaves — with `page.keyboard` only, never a click. Addresses are typed (page.goto) only to start and after a reload.
// The member is a new one, invited through the API, so this file runs in the second lane.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 60, back = false } = {}) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${max} presses of Tab never reached ${target}; the focus is on ${at}`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? "");

it("lets a member sign in, post, comment, react, use a dialog, open a coffee room, chat and leave with the keyboard alone", { timeout: 120_000 }, async () => {
  const stamp = Date.now().toString(36);
  const email = `keyboard-${stamp}@demo.test`;

  // --- Two new people, invited by the demo administrator (through the API: the setup, not the test): a colleague (an
  // administrator, who opens a group of their own for the two of them, so that nothing here reaches the demo members'
  // feeds) and the member at the keyboard, whom the colleague mentions while they work.
  const admin = await browser.newContext({ baseURL: baseUrl() });
  expect((await admin.request.post("/api/v1/auth/login", { data: { email: DEMO_ADMIN, password: DEMO_PASSWORD } })).status()).toBe(200);
  await acceptCharterIfAsked(admin.request);
  const version = ((await (await admin.request.get("/api/v1/charter")).json()) as { version: number | null }).version ?? null;
  const join = async (address: string, name: string, role: "member" | "admin", groupIds: string[]) => {
    const invited = await admin.request.post("/api/v1/admin/invitations", { data: { email: address, role, groupIds } });
    expect(invited.status(), await invited.text()).toBeLessThan(300);
    const token = decodeURIComponent(new URL(((await invited.json()) as { url: string }).url).pathname.split("/invite/")[1]);
    const joining = await browser.newContext({ baseURL: baseUrl() });
    const accepted = await joining.request.post("/api/v1/auth/accept-invitation", { data: { token, name, password: DEMO_PASSWORD, charterVersion: version } });
    expect(accepted.status(), await accepted.text()).toBe(200);
    await acceptCharterIfAsked(joining.request);
    expect((await joining.request.patch("/api/v1/me/profile", { data: { locale: "en" } })).status()).toBeLessThan(300);
    return joining;
  };
  const colleague = await join(`keyboard-colleague-${stamp}@demo.test`, `Colleague ${stamp}`, "admin", []);
  const created = await colleague.request.post("/api/v1/groups", { data: { name: `Keyboard ${stamp}`, visibility: "open", kind: "community" } });
  expect(created.status(), await created.text()).toBe(201);
  const group = (await created.json()) as { id: string };
  const keys = await join(email, `Keys ${stamp}`, "member", [group.id]);
  const handle = ((await (await keys.request.get("/api/v1/me")).json()) as { handle: string }).handle;
  await keys.close();
  await admin.close();

  // A desktop window, animations reduced as the member asked their system.
  const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  // Where the page and the focus were when a step failed (and a screenshot to KEYBOARD_SCREENSHOT, a path, if given).
  onTestFailed(async () => {
    console.log("keyboard test failed at", page.url(), "with the focus on", await focused(page).catch(() => "?"));
    if (process.env.KEYBOARD_SCREENSHOT) await page.screenshot({ path: process.env.KEYBOARD_SCREENSHOT }).catch(() => {});
  });

  // --- Sign in: Tab to the address, type, Tab to the password, type, Enter.
  await page.goto("/login", { waitUntil: "domcontentloaded" });
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  expect(await focused(page)).toContain('type="password"');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  // The signed-in frame (the sign-in page has a <main> of its own: waiting for that would race the sign-in).
  await page.locator(".shell main#main").waitFor();

  // Reduced motion: transitions and animations are neutralised everywhere.
  const motion = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.className = "btn";
    probe.style.transition = "opacity 300ms";
    probe.style.animation = "spin 1s infinite";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const out = { transition: style.transitionDuration, animation: style.animationDuration, iterations: style.animationIterationCount };
    probe.remove();
    return out;
  });
  expect(Number.parseFloat(motion.transition) * (motion.transition.endsWith("ms") ? 1 : 1000)).toBeLessThanOrEqual(1);
  expect(Number.parseFloat(motion.animation) * (motion.animation.endsWith("ms") ? 1 : 1000)).toBeLessThanOrEqual(1);
  expect(motion.iterations).toBe("1");

  // --- The first Tab of a page reaches the skip link, shown when focused; Enter moves the focus to the content.
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.locator(".shell main#main").waitFor();
  const skip = page.locator("a.skip-link");
  expect(await skip.textContent()).toBe("Skip to content");
  await page.keyboard.press("Tab");
  expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 10).toBe(true);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");

  // --- Post from the home feed's composer.
  const words = `Typed without a mouse ${stamp}`;
  const composer = page.getByRole("form", { name: "New post" });
  await tabTo(page, composer.getByRole("textbox", { name: "Message" }));
  await page.keyboard.type(words);
  await tabTo(page, composer.getByRole("button", { name: "Post", exact: true }));
  await page.keyboard.press("Enter");
  const mine = page.getByRole("list", { name: "Your feed" }).getByRole("article").filter({ hasText: words }).first();
  const timeLink = mine.locator("a.post-time");
  await timeLink.waitFor();

  // --- Open it (its time is the link to its page) and comment.
  await tabTo(page, timeLink);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname.startsWith("/posts/"));
  const reply = `A comment from the keys ${stamp}`;
  await tabTo(page, page.getByRole("textbox", { name: "Write a comment" }));
  await page.keyboard.type(reply);
  await tabTo(page, page.getByRole("button", { name: "Comment", exact: true }));
  await page.keyboard.press("Enter");
  await page.getByRole("list", { name: "Comments" }).getByText(reply).waitFor();

  // --- A colleague mentions them meanwhile: the bell's polite live region says so, and the focus stays where it was.
  const before = await focused(page);
  const postId = new URL(page.url()).pathname.split("/").pop()!;
  const mention = await colleague.request.post(`/api/v1/posts/${postId}/comments`, { data: { body: `@${handle} seen, thanks ${stamp}` } });
  expect(mention.status(), await mention.text()).toBe(201);
  const bellLive = page.getByTestId("bell-live");
  expect(await bellLive.getAttribute("aria-live")).toBe("polite");
  await expect.poll(() => bellLive.textContent(), { timeout: 20_000 }).toMatch(/^Notifications, \d+ unread$/);
  expect(await focused(page)).toBe(before);
  await colleague.close();

  // --- React to the post (its reactions come before the comments'): Shift+Tab back up to its "Thanks", Space.
  await tabTo(page, page.getByRole("button", { name: /^Thanks, 0 people$/ }).first(), { back: true });
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: /^Thanks, 1 person$/ }).first().waitFor();

  // --- A dialog: the post's menu, Delete, and its confirmation. The focus is inside the dialog and stays there as Tab
  // goes round; Escape closes it, deletes nothing, and gives the focus back to the menu's button.
  const menuButton = page.getByRole("button", { name: "Post actions" });
  await tabTo(page, menuButton, { back: true });
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Post actions" });
  await menu.waitFor();
  for (let i = 0; i < 5 && !(await menu.getByRole("menuitem", { name: "Delete" }).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `focus in the dialog once open: ${await focused(page)}`).toBe(true);
  for (const key of ["Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `focus in the dialog after ${key}: ${await focused(page)}`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await expect.poll(() => menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.getByRole("list", { name: "Comments" }).getByText(reply).waitFor();

  // --- The coffee machine: to it through the main navigation, a room opened with its title and Enter.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Coffee/ }), { back: true, max: 120 });
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/coffee");
  const title = `Keyboard coffee ${stamp}`;
  await tabTo(page, page.getByLabel("Room title"));
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname.startsWith("/coffee/cof_"));
  await page.getByRole("heading", { level: 1, name: title }).waitFor();

  // --- Chat: type, Enter. The message is in the log (a polite live region), and the focus stays in the box.
  const log = page.getByRole("log", { name: "Messages" });
  expect(await log.getAttribute("aria-live")).toBe("polite");
  const message = page.getByRole("textbox", { name: "Message" });
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  await tabTo(page, message);
  const said = `Hello from the keyboard ${stamp}`;
  await page.keyboard.type(said);
  await page.keyboard.press("Enter");
  await log.getByText(said, { exact: true }).waitFor();
  expect(await message.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await message.inputValue()).toBe("");

  // --- Leave: back to the lobby.
  await tabTo(page, page.getByRole("link", { name: "Leave", exact: true }), { back: true });
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/coffee");

  expect(problems).toEqual([]);
  await context.close();
});
