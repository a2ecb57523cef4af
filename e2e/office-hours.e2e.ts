import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, signInByApi } from "./browser";

// Expert office hours (issue 11, item 5), in two browsers: in a fresh open group, the expert schedules a session that
// starts now from the group's Office hours tab; a member on a phone finds it live there and in the coffee lobby, opens
// it and asks in the room; the expert sees the question arrive live and answers under it; the member sees the answer
// arrive live, and the question's thread shows it as the accepted answer, linked back to the session. A second
// question is left unanswered, then the expert ends the session: both pages say it ended, its threads are listed with
// their marks, and the unanswered one waits in the group's unanswered queue.

const EXPERT = "priya.raman@demo.test";
const MEMBER = "kevin.obrien@demo.test";
const PHONE = { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("schedules a session that starts now, takes a question live, answers it as the accepted answer, and ends with the unanswered one in the group's queue", { timeout: 90_000 }, async () => {
  const stamp = Date.now().toString(36);
  const topic = `Renewals clinic ${stamp}`;

  const expert = await newContext(browser);
  await signInByApi(expert.context, EXPERT);
  const member = await newContext(browser, PHONE);
  await signInByApi(member.context, MEMBER);

  // --- A fresh open group of the expert's, which the member joins.
  const created = await expert.context.request.post("/api/v1/groups", { data: { name: `Office hours ${stamp}`, visibility: "open", kind: "project" } });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { id: string }).id;
  expect((await member.context.request.post(`/api/v1/groups/${groupId}/join`)).status()).toBe(200);

  // --- Another session, starting in a few seconds (through the API): the member's page counts down to it, and
  // connects by itself when it comes (checked at the end).
  // Far enough ahead for the page to load and show the countdown on a loaded machine (12 s was not, once).
  const soonStart = Date.now() + 20_000;
  const soon = await expert.context.request.post("/api/v1/office-hours", { data: { groupId, topic: `Soon ${stamp}`, startsAt: soonStart, durationMinutes: 15 } });
  expect(soon.status(), await soon.text()).toBe(201);
  const soonId = ((await soon.json()) as { id: string }).id;
  const waiting = await member.context.newPage();
  // Meanwhile (in parallel, to keep the test short) the expert schedules the main session.
  const countingDown = (async () => {
    await waiting.goto(`/office-hours/${soonId}`, { waitUntil: "domcontentloaded" });
    await waiting.getByText("The room opens at the start.", { exact: false }).waitFor();
    await waiting.getByText(/^Starts in \d+ seconds$/).waitFor();
  })();

  // --- The expert schedules it from the group's Office hours tab: the start defaults to now, in their time zone.
  const ePage = await expert.context.newPage();
  await ePage.goto(`/groups/${groupId}/office-hours`, { waitUntil: "domcontentloaded" });
  await ePage.getByRole("heading", { level: 2, name: "Office hours" }).waitFor();
  await ePage.getByRole("button", { name: "Schedule an office hour" }).first().click();
  await ePage.getByLabel("Topic", { exact: true }).fill(topic);
  await ePage.getByLabel("Duration (minutes)").fill("15");
  await ePage.getByRole("button", { name: "Schedule", exact: true }).click();
  await ePage.waitForURL(/\/office-hours\/[^/]+$/);
  const officeHourId = new URL(ePage.url()).pathname.split("/").pop()!;
  await countingDown;
  await ePage.getByRole("heading", { level: 1, name: topic }).waitFor();
  // Live at once, the expert's own room: no "Ask" box for them, an empty list that says what comes.
  await ePage.getByText("Questions appear here as members ask them").waitFor();
  expect(await ePage.getByRole("button", { name: "Ask", exact: true }).count()).toBe(0);

  // --- The member, on a phone, finds it live on the group's tab, and in the coffee lobby (an open group's), and joins.
  const mPage = await member.context.newPage();
  await mPage.goto(`/groups/${groupId}/office-hours`, { waitUntil: "domcontentloaded" });
  await mPage.getByRole("region", { name: "Live now" }).getByRole("link", { name: `Join ${topic}` }).waitFor();
  await mPage.goto("/coffee", { waitUntil: "domcontentloaded" });
  await mPage.getByRole("region", { name: "Live office hours" }).getByRole("link", { name: `Join ${topic}` }).click();
  await mPage.waitForURL(new RegExp(`/office-hours/${officeHourId}$`));
  // Both are here now, as the expert's page counts live.
  await ePage.getByText(/^2 here/).waitFor({ timeout: 10_000 });
  const question = `Can a renewal start before the old contract ends? ${stamp}`;
  await mPage.getByRole("textbox", { name: "Your question" }).fill(question);
  await mPage.getByRole("button", { name: "Ask", exact: true }).click();
  await mPage.locator(".office-hour-question").filter({ hasText: question }).waitFor();

  // --- The expert sees it arrive live (and told to screen readers), and answers under it.
  const eQuestion = ePage.locator(".office-hour-question").filter({ hasText: question });
  await eQuestion.waitFor({ timeout: 10_000 });
  await ePage.getByRole("status").filter({ hasText: `New question from Kevin O'Brien: ${question}` }).waitFor();
  const answer = `Yes: enter the new start date on the renewal, and end the old contract the day before. ${stamp}`;
  await eQuestion.getByRole("textbox", { name: "Your answer to Kevin O'Brien" }).fill(answer);
  await eQuestion.getByRole("button", { name: "Answer", exact: true }).click();
  await eQuestion.locator(".office-hour-answer").filter({ hasText: answer }).waitFor();
  expect(await eQuestion.getByRole("textbox").count()).toBe(0);

  // --- The member sees the answer arrive live under the question.
  const mQuestion = mPage.locator(".office-hour-question").filter({ hasText: question });
  await mQuestion.locator(".office-hour-answer").filter({ hasText: answer }).waitFor({ timeout: 10_000 });
  await mQuestion.getByText("Priya Raman answered").waitFor();
  // The room on a phone: nothing wider than the screen.
  expect(await mPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // --- The first question's thread (read in parallel with what follows): a question post of the group, the expert's
  // answer accepted, linked back to the session.
  const threadHref = await mQuestion.getByRole("link", { name: "Open the thread" }).getAttribute("href");
  expect(threadHref).toMatch(/^\/questions\//);
  const threadPage = await member.context.newPage();
  const threadRead = (async () => {
    await threadPage.goto(threadHref!, { waitUntil: "domcontentloaded" });
    const accepted = threadPage.locator(".comment").filter({ hasText: answer });
    await accepted.getByText("Accepted", { exact: true }).waitFor();
    await threadPage.getByRole("link", { name: `Asked during the office hour «${topic}»` }).waitFor();
  })();

  // --- A second question, which the expert leaves unanswered.
  const unanswered = `Who signs a renewal when the account owner is away? ${stamp}`;
  await mPage.getByRole("textbox", { name: "Your question" }).fill(unanswered);
  await mPage.getByRole("button", { name: "Ask", exact: true }).click();
  await ePage.locator(".office-hour-question").filter({ hasText: unanswered }).waitFor({ timeout: 10_000 });
  await threadRead;
  await threadPage.close();

  // --- The expert ends the session: both pages say so at once, with the threads and their marks.
  await ePage.getByRole("button", { name: "End the office hour" }).click();
  await ePage.getByRole("dialog").getByRole("button", { name: "End the office hour" }).click();
  for (const page of [ePage, mPage]) {
    await page.getByRole("heading", { name: "This office hour has ended" }).waitFor({ timeout: 10_000 });
    const threads = page.getByRole("list", { name: "Questions asked" });
    await threads.locator('li[data-state="answered"]').filter({ hasText: question }).waitFor();
    await threads.locator('li[data-state="unanswered"]').filter({ hasText: unanswered }).getByText("Unanswered", { exact: true }).waitFor();
    // In the order asked.
    expect(await threads.locator("li > a").allTextContents()).toEqual([question, unanswered]);
  }
  expect(await mPage.getByRole("textbox", { name: "Your question" }).count()).toBe(0);

  // --- The unanswered question waits in the group's unanswered queue (the Questions tab opens on it).
  await mPage.goto(`/groups/${groupId}/questions`, { waitUntil: "domcontentloaded" });
  const queue = mPage.getByRole("list", { name: "Questions" });
  await queue.getByRole("listitem").first().waitFor();
  const rows = await queue.getByRole("listitem").allTextContents();
  expect(rows.some((r) => r.includes("Who signs a renewal"))).toBe(true);
  expect(rows.some((r) => r.includes("Can a renewal start"))).toBe(false);

  // --- The session that was still to come opened by itself at its start; cancelled, it ends on the page at once.
  await waiting.getByText("No questions yet").waitFor({ timeout: 20_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(soonStart);
  expect((await expert.context.request.delete(`/api/v1/office-hours/${soonId}`)).status()).toBe(204);
  await waiting.getByRole("heading", { name: "This office hour has ended" }).waitFor({ timeout: 10_000 });
  await waiting.getByText("No questions were asked.").waitFor();

  for (const c of [expert, member]) expect(c.problems).toEqual([]);
  await Promise.all([expert.context.close(), member.context.close()]);
});
