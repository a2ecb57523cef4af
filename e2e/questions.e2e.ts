import type { APIRequestContext, Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiAs as apiFor, bellCount, launchBrowser, newContext, signInByApi } from "./browser";

// The acceptance test of questions answered on time (issue 11, "What must show"): a member asks, on a phone, in a group
// whose promise is under a minute; at 75% of it an online colleague whose skills match the question's tag is notified
// live (the bell), opens the question from the notification and answers; the asker sees the answer arrive and accepts
// it; the owner's "answered within the promise" figure goes from 0% to 50%; a second question, asked under a shorter
// promise, runs out unanswered and reaches the group's support member, before the first one's 75% nudge. The cron is
// run by calling the server's scheduled handler (`/__scheduled`, wrangler dev's --test-scheduled) instead of waiting
// for the minute. Everything else it needs (the group, the promise, the support member, the skill) it sets up itself.

type Notification = { id: string; kind: string; post: { id: string } | null; group: { id: string; name: string } | null };

const OWNER = "rachel.goldberg@demo.test";
const ASKER = "marcus.johnson@demo.test";
const EXPERT = "arjun.nair@demo.test";
const SUPPORT = "daniel.kim@demo.test";
/** The first question's promise: 54 s (75% at 40.5 s); the second one's: 14.4 s. */
const FIRST_HOURS = 0.015;
const SECOND_HOURS = 0.004;
const PHONE = { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const apiAs = (email: string) => apiFor(browser, email);

/** The scheduled handler, as the minute's cron would run it. */
async function runCron(request: APIRequestContext) {
  const res = await request.get("/__scheduled?cron=*+*+*+*+*", { timeout: 90_000 });
  expect(res.status()).toBeLessThan(500);
}

async function notifications(request: APIRequestContext): Promise<Notification[]> {
  const res = await request.get("/api/v1/notifications?limit=50");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Notification[] }).items;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("asks under a short promise, nudges an online expert at 75%, takes the answer, accepts it, counts it in time, and escalates a question that ran out to support", { timeout: 180_000 }, async () => {
  const stamp = Date.now().toString(36);
  const tag = `renewals-${stamp}`;
  const groupName = `CRM help ${stamp}`;

  // --- Set-up through the API: the owner's group, its members, its support member, the expert's skill, the promise.
  const owner = await apiAs(OWNER);
  const created = await owner.request.post("/api/v1/groups", { data: { name: groupName, visibility: "open", kind: "project" } });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { id: string }).id;
  const people: Record<string, { request: APIRequestContext; close: () => Promise<void>; id: string }> = {};
  for (const email of [ASKER, EXPERT, SUPPORT]) {
    const session = await apiAs(email);
    expect((await session.request.post(`/api/v1/groups/${groupId}/join`)).status()).toBe(200);
    const { user } = (await (await session.request.get("/api/v1/me")).json()) as { user: { id: string; skills: string[] } };
    people[email] = { ...session, id: user.id };
    if (email === EXPERT) {
      const res = await session.request.patch("/api/v1/me/profile", { data: { skills: [...user.skills.slice(0, 5), tag] } });
      expect(res.status(), await res.text()).toBe(200);
    }
  }
  const support = await owner.request.put(`/api/v1/groups/${groupId}/support-members`, { data: { userIds: [people[SUPPORT].id] } });
  expect(support.status(), await support.text()).toBe(200);
  const setPromise = async (hours: number) => {
    const res = await owner.request.put(`/api/v1/groups/${groupId}/promise`, { data: { mode: "calendar", hours } });
    expect(res.status(), await res.text()).toBe(200);
  };
  await setPromise(FIRST_HOURS);
  // The first sweep after the seed has the most to do (the seeded network's own due work): it runs before the clock starts.
  await runCron(owner.request);

  // --- The expert is online (a page open, connected to their room), and the owner looks at the group's figures.
  const expert = await newContext(browser);
  await signInByApi(expert.context, EXPERT);
  // Everything read before: the bell shows no count, and the nudge makes it 1.
  expect((await expert.context.request.post("/api/v1/notifications/read", { data: {} })).status()).toBeLessThan(300);
  const ePage = await expert.context.newPage();
  await ePage.goto("/", { waitUntil: "domcontentloaded" });
  await ePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questions" }).waitFor();
  await ePage.getByRole("link", { name: "Notifications", exact: true }).waitFor();
  const expertBell = 0;

  // --- The asker, on a phone: Questions in the tab bar, the group's Questions tab, "Ask a question".
  const asker = await newContext(browser, PHONE);
  await signInByApi(asker.context, ASKER);
  const aPage = await asker.context.newPage();
  await aPage.goto(`/groups/${groupId}/questions`, { waitUntil: "domcontentloaded" });
  await aPage.getByText("Answers within 54 seconds, day and night.").waitFor();
  await aPage.getByRole("link", { name: "Ask a question" }).first().click();
  await aPage.getByRole("heading", { level: 1, name: "Ask a question" }).waitFor();
  expect(await aPage.getByLabel("Group", { exact: true }).inputValue()).toBe(groupId);
  const title = `How do I renew a contract early? ${stamp}`;
  await aPage.getByLabel("Your question").fill(title);
  await aPage.getByLabel("Details").fill("A client wants to renew three months before the end. Which date goes in the CRM?");
  await aPage.getByLabel("Tags", { exact: true }).fill(tag);
  await aPage.getByLabel("Tags", { exact: true }).press("Enter");
  await aPage.getByRole("button", { name: "Ask", exact: true }).click();
  await aPage.waitForURL(/\/questions\/pst_/);
  const askedAt = Date.now();
  const firstId = new URL(aPage.url()).pathname.split("/").pop()!;
  await aPage.getByText(title).first().waitFor();
  // The countdown, in seconds, live.
  await aPage.locator(".question-facts .countdown-running").getByText(/Answer due in \d+ seconds/).waitFor();
  const tabs = aPage.getByRole("navigation", { name: "Sections" });
  expect(await tabs.getByRole("link", { name: "Questions" }).getAttribute("aria-current")).toBe("page");

  // --- A second question under a much shorter promise, which nobody will answer.
  await setPromise(SECOND_HOURS);
  const second = await people[ASKER].request.post(`/api/v1/groups/${groupId}/posts`, { data: { kind: "question", title: `Second question ${stamp}`, body: "Nobody knows this one.", tags: [`nobody-${stamp}`] } });
  expect(second.status(), await second.text()).toBe(201);
  const secondId = ((await second.json()) as { id: string }).id;
  await setPromise(FIRST_HOURS);

  const ownerView = await newContext(browser);
  await signInByApi(ownerView.context, OWNER);
  const oPage = await ownerView.context.newPage();
  await oPage.goto(`/groups/${groupId}/questions`, { waitUntil: "domcontentloaded" });
  const inTime = oPage.locator('[data-figure="inTime"]');
  await inTime.waitFor();
  expect(await oPage.locator('[data-figure="asked"]').textContent()).toBe("2");
  expect((await inTime.textContent())?.startsWith("0%")).toBe(true);

  // --- The second question runs out: the cron reaches the support member (and not yet the expert: 75% of the first
  // question has not come).
  await sleep(Math.max(0, SECOND_HOURS * 3_600_000 + 1_000 - (Date.now() - askedAt)));
  let overdue: Notification | undefined;
  for (let i = 0; i < 10 && !overdue; i++) {
    await runCron(owner.request);
    overdue = (await notifications(people[SUPPORT].request)).find((n) => n.kind === "question_overdue" && n.post?.id === secondId);
    if (!overdue) await sleep(500);
  }
  expect(overdue, "the support member is told of the overdue question").toBeTruthy();
  expect(Date.now() - askedAt).toBeLessThan(0.75 * FIRST_HOURS * 3_600_000);
  expect((await notifications(people[EXPERT].request)).some((n) => n.kind === "question_nudge" && n.post?.id === firstId)).toBe(false);
  // Each step once: another sweep sends nothing more.
  await runCron(owner.request);
  expect((await notifications(people[SUPPORT].request)).filter((n) => n.kind === "question_overdue" && n.post?.id === secondId)).toHaveLength(1);

  // --- At 75% of the first promise, the online expert's bell rings live.
  await sleep(Math.max(0, 0.75 * FIRST_HOURS * 3_600_000 + 300 - (Date.now() - askedAt)));
  for (let i = 0; i < 20 && (await bellCount(ePage)) <= expertBell; i++) {
    await runCron(owner.request);
    await sleep(400);
  }
  // Live, without a reload. The count is at least the nudge: the other lane's tests, running beside this one, may have
  // notified this demo member too.
  await ePage.getByRole("link", { name: /^Notifications, \d+ unread$/ }).waitFor({ timeout: 15_000 });
  await ePage.locator("a.bell").click();
  const nudge = ePage.getByRole("link", { name: new RegExp(`A question in ${groupName} matches your skills`) }).first();
  await nudge.click();
  await ePage.waitForURL(new RegExp(`/questions/${firstId}`));
  await ePage.getByRole("textbox", { name: "Write a comment" }).fill("Put the new start date in the renewal opportunity, and close the old contract on the day before.");
  await ePage.getByRole("button", { name: "Comment", exact: true }).click();
  await ePage.getByText("Put the new start date").waitFor();
  expect(Date.now() - askedAt, "answered within the promise").toBeLessThan(FIRST_HOURS * 3_600_000);

  // --- The asker sees the answer arrive live, marked a peer answer, and accepts it.
  const answer = aPage.locator(".comment").filter({ hasText: "Put the new start date" });
  await answer.waitFor({ timeout: 15_000 });
  await answer.getByText("Peer answer").waitFor();
  // One vote, shown at once.
  await answer.getByRole("button", { name: /Vote up/ }).click();
  await answer.locator(".vote-count").getByText("1").waitFor();
  await answer.getByRole("button", { name: "Accept this answer" }).click();
  await answer.getByText("Accepted", { exact: true }).waitFor();
  await aPage.locator(".question-facts").getByText("Answered", { exact: true }).waitFor();
  // The expert may not vote for their own answer.
  await ePage.reload({ waitUntil: "domcontentloaded" });
  const own = ePage.locator(".comment").filter({ hasText: "Put the new start date" }).getByRole("button", { name: /Vote up/ });
  await own.waitFor();
  expect(await own.isDisabled()).toBe(true);

  // --- The owner's figure: one of the two questions answered within its promise.
  await oPage.reload({ waitUntil: "domcontentloaded" });
  await inTime.waitFor();
  expect((await inTime.textContent())?.startsWith("50%")).toBe(true);
  expect(await oPage.locator('[data-figure="overdueNow"]').textContent()).toBe("1");

  // The phone shows nothing wider than the screen.
  expect(await aPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  for (const c of [expert, asker, ownerView]) expect(c.problems).toEqual([]);
  await Promise.all([expert.context.close(), asker.context.close(), ownerView.context.close(), owner.close(), ...Object.values(people).map((p) => p.close())]);
});
