import type { APIRequestContext, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ADMIN, launchBrowser, newContext, signInByApi, signUpInto } from "./browser";

// Issue 14, item 4 ("the missing everyday controls"), and its "What must show": following a member and a tag brings
// their posts to the home feed. A newcomer of its own (invited here, in no group) follows a colleague on their profile:
// the colleague's post in an open group the newcomer never joined appears in their home feed, and goes once they
// unfollow. The same for a tag, followed on its page and unfollowed from Settings. Then a thread: followed on the post
// page (a comment notifies), muted (the next one does not). And a draft of a comment and of a post survives a reload,
// is gone once sent, and every draft is gone after signing out. Everything is set up through the API.

const PASSWORD = "a long enough password";
/** The home feed's empty state (web/src/i18n/en.ts "home.empty"). */
const HOME_EMPTY = "No posts yet — join a group to start the conversation";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Invites a newcomer (into `groupIds`), who accepts in `request`'s context: its cookie is then theirs. */
async function newcomer(admin: APIRequestContext, request: APIRequestContext, name: string, stamp: string, groupIds: string[] = []) {
  return signUpInto(admin, request, { name: `${name} ${stamp}`, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${stamp}@follows.test`, groupIds, password: PASSWORD });
}

async function post(request: APIRequestContext, groupId: string, body: string): Promise<string> {
  const res = await request.post(`/api/v1/groups/${groupId}/posts`, { data: { body } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function comment(request: APIRequestContext, postId: string, body: string) {
  const res = await request.post(`/api/v1/posts/${postId}/comments`, { data: { body } });
  expect(res.status(), await res.text()).toBe(201);
}

/** The kinds of the caller's notifications about one post. */
async function bell(request: APIRequestContext, postId: string): Promise<string[]> {
  const page = (await (await request.get("/api/v1/notifications?limit=50")).json()) as { items: { kind: string; post: { id: string } | null }[] };
  return page.items.filter((n) => n.post?.id === postId).map((n) => n.kind);
}

/** Opens the home feed afresh and waits for the post holding `text` in it. */
async function feedShows(page: Page, text: string) {
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await page.locator(".post", { hasText: text }).first().waitFor({ timeout: 15_000 });
}

/** Opens the home feed afresh: it is empty (the newcomer is in no group and follows nothing now). */
async function feedIsEmpty(page: Page, text: string) {
  await page.goto("/", { waitUntil: "domcontentloaded" });
  await page.getByText(HOME_EMPTY).waitFor({ timeout: 15_000 });
  expect(await page.locator(".post", { hasText: text }).count()).toBe(0);
}

it("follows a member and a tag into the home feed, unfollows them, follows and mutes a thread, and keeps drafts across a reload", { timeout: 180_000 }, async () => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const tag = `fieldnotes${stamp}`;

  // The administrator only invites: the group, the posts and the comments are the test's own members', so that nothing
  // here reaches the demo administrator's feed or bell (the other lane's tests read them).
  const admin = await newContext(browser);
  await signInByApi(admin.context, DEMO_ADMIN);
  const adminApi = admin.context.request;

  // The colleague opens an open group and writes in it; the newcomer is in no group at all.
  const colleagueContext = (await newContext(browser)).context;
  const colleagueApi = colleagueContext.request;
  const colleague = await newcomer(adminApi, colleagueApi, "Colette Colleague", stamp);
  const created = await colleagueApi.post("/api/v1/groups", { data: { name: `Field notes ${stamp}`, description: "Notes from the road", visibility: "open", kind: "community" } });
  expect(created.status(), await created.text()).toBe(201);
  const group = (await created.json()) as { id: string };
  const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const me = await newcomer(adminApi, context.request, "Noah Newcomer", stamp);
  const page = await context.newPage();

  // A member: followed on their profile, their post (in a group I never joined) comes to my home feed.
  await page.goto(`/people/${colleague.id}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await page.getByText(`You follow ${colleague.name}`).first().waitFor();
  await page.getByRole("button", { name: "Unfollow", exact: true }).waitFor();
  const memberPostText = `Road report from Lyon ${stamp}`;
  await post(colleagueApi, group.id, memberPostText);
  await feedShows(page, memberPostText);

  // Unfollowed on the profile: gone from the feed.
  await page.goto(`/people/${colleague.id}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("button", { name: "Unfollow", exact: true }).click();
  await page.getByRole("button", { name: "Follow", exact: true }).waitFor();
  await feedIsEmpty(page, memberPostText);

  // A tag: followed on its page; a post carrying it (by the colleague, whom I no longer follow) comes to my feed.
  const tagPostText = `Client visit in Porto #${tag}`;
  const tagPost = await post(colleagueApi, group.id, tagPostText);
  await page.goto(`/search?tag=${tag}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { level: 1, name: `#${tag}` }).waitFor();
  await page.getByRole("button", { name: `Follow #${tag}` }).click();
  await page.getByRole("button", { name: `Unfollow #${tag}` }).waitFor();
  await feedShows(page, "Client visit in Porto");

  // Settings lists it, with its unfollow; unfollowed there, gone from the feed.
  await page.goto("/settings", { waitUntil: "domcontentloaded" });
  const following = page.getByRole("region", { name: "Following" });
  await following.getByRole("link", { name: `#${tag}` }).waitFor();
  await following.getByRole("button", { name: `Unfollow #${tag}` }).click();
  await following.getByText("You follow no member and no tag yet", { exact: false }).waitFor();
  await feedIsEmpty(page, "Client visit in Porto");

  // A thread: followed on the post page, a comment notifies me; muted, the next one does not.
  await page.goto(`/posts/${tagPost}`, { waitUntil: "domcontentloaded" });
  const thread = page.getByRole("region", { name: "This thread's notifications" });
  await thread.getByRole("button", { name: "Follow this thread" }).click();
  await thread.getByText("You follow this thread: a notification for every comment.").waitFor();
  await comment(colleagueApi, tagPost, "First comment, heard");
  await expect.poll(() => bell(context.request, tagPost)).toEqual(["comment"]);
  await thread.getByRole("button", { name: "Mute" }).click();
  await thread.getByText(/^Muted: no notification/).waitFor();
  await comment(colleagueApi, tagPost, "Second comment, muted");
  expect(await bell(context.request, tagPost)).toEqual(["comment"]);
  // The post's own answer says the same after a reload.
  await page.reload({ waitUntil: "domcontentloaded" });
  await thread.getByRole("button", { name: "Unmute" }).waitFor();
  expect(await bell(context.request, tagPost)).toEqual(["comment"]);

  // Drafts: join the group, write a comment and a post without sending, reload: both are still there.
  expect((await context.request.post(`/api/v1/groups/${group.id}/join`)).status()).toBe(200);
  await page.reload({ waitUntil: "domcontentloaded" });
  const commentBox = page.getByRole("textbox", { name: "Write a comment" });
  await commentBox.fill("A comment I will finish later");
  await page.goto(`/groups/${group.id}`, { waitUntil: "domcontentloaded" });
  const postBox = page.locator(`#composer-${group.id}-body`);
  await postBox.fill("A post I will finish later");
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect.poll(() => postBox.inputValue()).toBe("A post I will finish later");
  await page.goto(`/posts/${tagPost}`, { waitUntil: "domcontentloaded" });
  await expect.poll(() => commentBox.inputValue()).toBe("A comment I will finish later");

  // Sent, the comment's draft goes: an empty box after a reload.
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await page.locator(".comment", { hasText: "A comment I will finish later" }).first().waitFor();
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.locator(".comment", { hasText: "A comment I will finish later" }).first().waitFor();
  expect(await commentBox.inputValue()).toBe("");

  // Signing out leaves no draft behind (the post's was never sent).
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("comptoir.draft.")));
  expect(await drafts()).toEqual([`comptoir.draft.${me.id}.group.${group.id}`]);
  await page.locator(".avatar-button").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("button", { name: /sign in/i }).waitFor();
  expect(await drafts()).toEqual([]);

  expect(problems).toEqual([]);
  await Promise.all([context.close(), admin.context.close(), colleagueContext.close()]);
});
