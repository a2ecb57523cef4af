import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptCharterIfAsked, apiAs, bellCount, DEMO_PASSWORD, launchBrowser, newContext, newMember } from "./browser";

// The acceptance test of conversations: a member joins an open group and posts in it with an attachment and a mention;
// the mentioned colleague's bell lights up live, they open the notification and reply; the reply appears live on the
// first member's page; a private group's animator approves a join request; the search finds the post. Everything it
// needs (groups, who is in them) it creates itself, as the right people.


// A 1×1 PNG, and a small text file: one attachment shown inline, one offered as a download.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects Content-Security-Policy violations as the page sees them (not only what the console says). */
async function watchCsp(context: BrowserContext) {
  await context.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

async function signIn(page: Page, email: string) {
  await page.goto("/login", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.locator(".shell, .charter-body").first().waitFor();
  if (await page.locator(".charter-body").count()) {
    await acceptCharterIfAsked(page.request);
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.locator(".shell").waitFor();
  }
}

it("joins, posts with a file and a mention, gets a live notification and a live reply, approves a request, finds the post", { timeout: 240_000 }, async () => {
  const stamp = Date.now().toString(36);
  const word = `zanzibar${stamp}`;

  // --- Three English-speaking members of the test's own: the poster, the colleague they mention, and an animator. Seeded
  // members would share their bells and feeds with the tests of the other lane.
  const [poster, mentioned, animator] = await Promise.all(
    (["Noor", "Tobias", "Ines"] as const).map((first) => newMember(browser, { name: `${first} Talk${stamp}`, email: `${first.toLowerCase()}.${stamp}@conversations.test` })),
  );

  // The animator opens an open group and a private one (set-up, through the API).
  const anim = await apiAs(browser, animator.email);
  const openRes = await anim.request.post("/api/v1/groups", { data: { name: `Field notes ${stamp}`, description: `Notes from the field, ${stamp}.`, visibility: "open", kind: "community" } });
  expect(openRes.status()).toBe(201);
  const openGroup = (await openRes.json()) as { id: string; name: string };
  const privRes = await anim.request.post("/api/v1/groups", { data: { name: `Pricing board ${stamp}`, description: "Decisions on client pricing.", visibility: "private", kind: "project" } });
  expect(privRes.status()).toBe(201);
  const privateGroup = (await privRes.json()) as { id: string; name: string };

  // --- The mentioned colleague has read everything, and has Comptoir open on their home page, on a phone-sized
  // screen. From now on their bell can only change through their live room.
  const mentionedApi = await apiAs(browser, mentioned.email);
  expect((await mentionedApi.request.post("/api/v1/notifications/read", { data: {} })).status()).toBe(204);
  await mentionedApi.close();
  const b = await newContext(browser, { viewport: { width: 375, height: 800 } });
  await watchCsp(b.context);
  const bPage = await b.context.newPage();
  await signIn(bPage, mentioned.email);
  await bPage.getByText("No posts yet").waitFor(); // a newcomer in no group yet
  await bPage.locator("a.bell").waitFor();
  await bPage.waitForTimeout(500);
  expect(await bellCount(bPage)).toBe(0);
  await bPage.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // --- The animator reads their home feed (they are in the open group they opened).
  const c = await newContext(browser);
  await watchCsp(c.context);
  const cPage = await c.context.newPage();
  await signIn(cPage, animator.email);
  const feed = cPage.getByRole("list", { name: "Your feed" });
  await cPage.getByText("No posts yet").waitFor(); // their two groups are new and empty

  // --- The poster finds the open group in the directory and joins it.
  const a = await newContext(browser);
  await watchCsp(a.context);
  const aPage = await a.context.newPage();
  await signIn(aPage, poster.email);
  await aPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
  await aPage.getByRole("heading", { level: 1, name: "Groups" }).waitFor();
  await aPage.getByLabel("Search groups").fill(`Field notes ${stamp}`);
  await aPage.waitForURL((url) => url.searchParams.get("q") === `Field notes ${stamp}`);
  const groupList = aPage.getByRole("list", { name: "Groups" });
  await groupList.getByRole("link", { name: openGroup.name }).waitFor();
  await groupList.getByRole("button", { name: `Join ${openGroup.name}` }).click();
  await groupList.getByText("Member", { exact: true }).waitFor();
  await groupList.getByRole("link", { name: openGroup.name }).click();
  await aPage.getByRole("heading", { level: 1, name: openGroup.name }).waitFor();
  await aPage.getByRole("button", { name: "Leave" }).waitFor();

  // --- The poster writes: a mention completed from the list, a text with a unique word, two attachments.
  const composer = aPage.getByRole("form", { name: "New post" });
  const body = composer.getByRole("textbox");
  await body.click();
  await body.pressSequentially(`Hello @${mentioned.handle.slice(0, 8)}`);
  const suggestions = aPage.getByRole("listbox", { name: "Colleagues to mention" });
  await suggestions.getByRole("option", { name: new RegExp(mentioned.name) }).click();
  await expect.poll(() => body.inputValue()).toBe(`Hello @${mentioned.handle} `);
  await body.pressSequentially(`the ${word} checklist is attached. #fieldnotes`);
  await composer.locator("input[type=file]").setInputFiles([
    { name: `map-${word}.png`, mimeType: "image/png", buffer: PNG },
    { name: `checklist-${word}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Checklist ${word}\n- passport\n- adapter\n`) },
  ]);
  await expect.poll(() => composer.getByText("Ready").count()).toBe(2);
  await composer.getByRole("button", { name: "Post", exact: true }).click();

  // Optimistic: the post shows at once, then the server's copy replaces it, with its attachments.
  const posts = aPage.getByRole("list", { name: "Posts" });
  const myPost = posts.getByRole("article").filter({ hasText: word }).first();
  await myPost.waitFor();
  await myPost.locator(`img[alt="map-${word}.png"]`).waitFor();
  await myPost.getByRole("link", { name: new RegExp(`checklist-${word}\\.txt`) }).waitFor();
  await myPost.getByRole("link", { name: mentioned.name }).or(myPost.getByText(`@${mentioned.handle}`)).first().waitFor();
  expect(await aPage.getByText("Sending…").count()).toBe(0);
  const postHref = await myPost.locator("a.post-time").getAttribute("href");
  expect(postHref).toMatch(/^\/posts\/pst_/);

  // The poster opens the post and stays there, waiting for answers.
  await myPost.locator("a.post-time").click();
  await aPage.waitForURL((url) => url.pathname === postHref);
  await aPage.getByRole("heading", { name: /comment/i }).first().waitFor();
  await aPage.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // --- The animator's feed offers the new post live; taking it puts it on top.
  const banner = cPage.getByRole("button", { name: "1 new post" });
  await banner.waitFor({ timeout: 20_000 });
  await banner.click();
  await expect.poll(() => feed.getByRole("article").first().textContent()).toContain(word);
  expect(await cPage.getByRole("button", { name: /new posts?$/ }).count()).toBe(0);

  // --- The mentioned colleague's bell counts one more, without a reload.
  await expect.poll(() => bellCount(bPage), { timeout: 20_000 }).toBe(1);
  expect(await bPage.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await bPage.locator("a.bell").click();
  await bPage.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  const mention = bPage.getByRole("link", { name: `${poster.name} mentioned you in ${openGroup.name}` });
  await mention.first().click();
  await bPage.waitForURL((url) => url.pathname === postHref);
  await bPage.getByText(word).first().waitFor();
  await bPage.locator(`img[alt="map-${word}.png"]`).waitFor();

  // On the phone: the bottom tabs, no horizontal scroll, big enough touch targets.
  expect(await bPage.getByRole("navigation", { name: "Sections" }).isVisible()).toBe(true);
  expect(await bPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const smallest = await bPage.evaluate(() =>
    Math.min(...[...document.querySelectorAll<HTMLElement>(".tabbar a, .post-footer button, .comment-form button")].map((el) => Math.min(el.getBoundingClientRect().height, el.getBoundingClientRect().width))),
  );
  expect(smallest).toBeGreaterThanOrEqual(44);

  // --- The colleague replies; while they type, the poster sees it; then the reply appears live.
  const reply = bPage.getByRole("textbox", { name: "Write a comment" });
  await reply.click();
  await reply.pressSequentially(`Thanks, I will bring the ${word} checklist.`, { delay: 15 });
  await aPage.getByText(`${mentioned.name} is typing…`).waitFor({ timeout: 15_000 });
  await bPage.getByRole("button", { name: "Comment", exact: true }).click();
  await bPage.getByRole("list", { name: "Comments" }).getByText(`Thanks, I will bring the ${word} checklist.`).waitFor();
  await aPage.getByRole("list", { name: "Comments" }).getByText(`Thanks, I will bring the ${word} checklist.`).waitFor({ timeout: 20_000 });
  expect(await aPage.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // A reaction from the colleague reaches the poster's page live too.
  await bPage.getByRole("button", { name: /^Thanks, 0 people$/ }).first().click();
  await aPage.getByRole("button", { name: /^Thanks, 1 person$/ }).first().waitFor({ timeout: 20_000 });

  // --- The poster asks to join the private group; its animator approves the request in the group's page.
  await aPage.goto(`/groups/${privateGroup.id}`, { waitUntil: "domcontentloaded" });
  await aPage.getByRole("heading", { level: 1, name: privateGroup.name }).waitFor();
  await aPage.getByText("This group is private").waitFor();
  await aPage.getByRole("button", { name: `Request to join ${privateGroup.name}` }).first().click();
  await aPage.getByText("Request sent", { exact: true }).first().waitFor();

  await cPage.goto(`/groups/${privateGroup.id}`, { waitUntil: "domcontentloaded" });
  await cPage.getByRole("heading", { level: 1, name: privateGroup.name }).waitFor();
  await cPage.getByRole("navigation", { name: "Group sections" }).getByRole("link", { name: "Requests" }).click();
  await cPage.getByRole("list", { name: "Requests" }).getByText(poster.name).waitFor();
  await cPage.getByRole("button", { name: `Approve ${poster.name}` }).click();
  await cPage.getByText(`${poster.name} is now a member`).waitFor();
  await cPage.getByText("No requests waiting").waitFor();

  // --- The animator gives the private group its rules and a cover image, from its About section.
  await cPage.getByRole("navigation", { name: "Group sections" }).getByRole("link", { name: "About" }).click();
  await cPage.getByRole("button", { name: "Edit the group" }).click();
  const edit = cPage.getByRole("dialog", { name: "Edit the group" });
  await edit.locator('input[type=file][aria-describedby="edit-group-cover-hint"]').setInputFiles({ name: `cover-${word}.png`, mimeType: "image/png", buffer: PNG });
  await cPage.getByText("Cover image updated").waitFor();
  await edit.getByLabel("Rules").fill(`No client names outside **${word}**.`);
  await edit.getByRole("checkbox", { name: "Idea box" }).check();
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await cPage.getByText("Group saved").waitFor();
  expect(((await (await cPage.request.get(`/api/v1/groups/${privateGroup.id}`)).json()) as { ideaBox: boolean }).ideaBox).toBe(true);
  await cPage.locator(".group-about strong").getByText(word).waitFor();
  const cover = await cPage.locator(".group-header .group-cover").evaluate((el) => getComputedStyle(el).backgroundImage);
  const coverPath = /url\("?[^"]*?(\/api\/v1\/files\/covers\/[^")]+)"?\)/.exec(cover)?.[1];
  expect(coverPath, cover).toBeTruthy();
  expect((await cPage.request.get(coverPath!)).headers()["content-type"]).toBe("image/png");

  await aPage.reload({ waitUntil: "domcontentloaded" });
  await aPage.getByRole("heading", { level: 1, name: privateGroup.name }).waitFor();
  await aPage.getByRole("navigation", { name: "Group sections" }).waitFor();
  await aPage.getByRole("form", { name: "New post" }).waitFor();

  // --- The search finds the post by its unique word, and leads to it.
  await aPage.getByRole("searchbox", { name: "Search Comptoir" }).fill(word);
  await aPage.keyboard.press("Enter");
  await aPage.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === word);
  const results = aPage.getByRole("list", { name: "Results" });
  await results.locator(`a[href="${postHref}"]`).first().waitFor();
  expect(await results.locator("mark").first().textContent()).toMatch(new RegExp(word, "i"));
  await aPage.getByRole("navigation", { name: "Kinds of results" }).getByRole("link", { name: "Files" }).click();
  await results.getByRole("link", { name: `checklist-${word}.txt` }).waitFor();
  await results.getByRole("link", { name: `checklist-${word}.txt` }).click();
  await aPage.waitForURL((url) => url.pathname === postHref);

  // --- No Content-Security-Policy violation and no page error anywhere.
  for (const page of [aPage, bPage, cPage]) expect(await cspViolations(page)).toEqual([]);
  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  expect(c.problems).toEqual([]);
  await Promise.all([a.context.close(), b.context.close(), c.context.close(), anim.close()]);
});
