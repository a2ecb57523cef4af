import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiAs as apiFor, bellCount, DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The acceptance test of ideas (issue 10, "What must show"): a member posts an idea in an open campaign (the composer
// shows a colleague's similar idea first), three others support it (one in the browser, two through the API), the
// administrator who runs the network-wide campaign moves it to "retained" with a reason, the author's bell counts the
// notification, the author's campaign page shows the idea climbing to first place live, and the statistics page shows
// the department's share of the ideas and its figure per 100 members. Everything it needs (the campaign, the other
// ideas, the earlier supports) it sets up itself, through the API; it relies on no seeded campaign.

type Person = { id: string; email: string; name: string; role: string; locale: string; department: string; deactivated: boolean };
type Idea = { id: string; title: string; supportCount: number; status: string };

/** The words the administrator's screens show, in either language (literal, from the catalogues). */
const EN = {
  changeStatus: "Change the status",
  studied: "Under study",
  retained: "Retained",
  implemented: "Implemented",
  declined: "Declined",
  reason: /^Reason/,
  done: (status: string) => `The idea is now ${status}.`,
  history: "Where it stands",
  reasonRequired: "Say why the idea is declined.",
  cancel: "Cancel",
  statsTitle: "Who the ideas come from",
  other: "Other",
  otherWhy: /no one can be singled out/,
  csv: "Download CSV",
  edit: "Edit",
  editTitle: "Edit the campaign",
  name: "Title",
  save: "Save",
};
const FR: typeof EN = {
  changeStatus: "Changer le statut",
  studied: "Étudiée",
  retained: "Retenue",
  implemented: "Mise en œuvre",
  declined: "Refusée",
  reason: /^Motif/,
  done: (status: string) => `Nouveau statut de l'idée : ${status}.`,
  history: "Où en est l'idée",
  reasonRequired: "Dites pourquoi l'idée est refusée.",
  cancel: "Annuler",
  statsTitle: "D'où viennent les idées",
  other: "Autres",
  otherWhy: /personne ne puisse être identifié/,
  csv: "Télécharger le CSV",
  edit: "Modifier",
  editTitle: "Modifier la campagne",
  name: "Titre",
  save: "Enregistrer",
};

const PHONE = { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** An API session for someone, for the set-up steps the test is not about. */
const apiAs = (email: string) => apiFor(browser, email);

/** The titles of the campaign page's ranked list, top first. */
const rankedTitles = (page: Page) => page.locator(".idea-list > li .idea-row-title").allTextContents();

it("posts an idea, gathers three supports live, is retained with a reason, notifies its author, and shows in the statistics per department", { timeout: 300_000 }, async () => {
  const stamp = Date.now().toString(36);
  const word = `shuttle${stamp}`;

  // --- Who takes part: a department with at least 6 active members, one of them English-speaking (the author).
  const admin = await apiAs(DEMO_ADMIN);
  const listing = await admin.request.get("/api/v1/users?limit=100");
  expect(listing.status()).toBe(200);
  const everyone = ((await listing.json()) as { items: Person[] }).items.filter((u) => !u.deactivated);
  const members = everyone.filter((u) => u.role === "member");
  const byDepartment = new Map<string, Person[]>();
  for (const u of members) if (u.department) byDepartment.set(u.department, [...(byDepartment.get(u.department) ?? []), u]);
  const [department, colleagues] = [...byDepartment.entries()]
    .filter(([, people]) => people.length >= 6 && people.some((p) => p.locale === "en"))
    .sort((a, b) => b[1].length - a[1].length)[0] ?? ["", []];
  expect(department, "the demo seed has a department of 6 or more members with an English speaker").not.toBe("");
  const author = colleagues.find((p) => p.locale === "en")!;
  const others = colleagues.filter((p) => p.id !== author.id);
  // Four colleagues post an idea each, so that the department has 5 authors and is shown by name (under 5: "Other").
  const coAuthors = others.slice(0, 4);
  // Someone from elsewhere posts one idea: alone in their department, they are folded into "Other".
  const outsider = members.find((p) => p.department && p.department !== department)!;
  expect(outsider).toBeTruthy();
  // The one who supports in the browser: English-speaking, not the author.
  const watcher = members.find((p) => p.locale === "en" && p.id !== author.id && p.id !== outsider.id)!;
  expect(watcher).toBeTruthy();
  // Two more supporters through the API, and two who support a colleague's idea first (so the author's starts lower).
  const apiSupporters = members.filter((p) => p.id !== author.id && p.id !== watcher.id).slice(0, 2);
  const earlySupporters = members.filter((p) => p.id !== coAuthors[0].id && p.id !== author.id).slice(-2);
  // Headcount of the department as the statistics count it: its active members (guests never take part).
  const headcount = everyone.filter((u) => u.department === department && u.role !== "guest").length;

  // --- The administrator opens a network-wide campaign, open now for an hour.
  const now = Date.now();
  const created = await admin.request.post("/api/v1/campaigns", {
    data: { title: `Transformation ${stamp}`, brief: `Ideas to **reinvent** our jobs, ${stamp}.`, startsAt: now - 60_000, endsAt: now + 3_600_000, groupId: null, supportLimit: null },
  });
  expect(created.status(), await created.text()).toBe(201);
  const campaign = (await created.json()) as { id: string; title: string; state: string };
  expect(campaign.state).toBe("open");

  const colleagueIdeas: Idea[] = [];
  for (const [index, person] of [...coAuthors, outsider].entries()) {
    const session = await apiAs(person.email);
    const title = index === 0 ? `${word} between the two sites` : `Idea ${index} of ${stamp}`;
    const res = await session.request.post(`/api/v1/campaigns/${campaign.id}/ideas`, { data: { title, body: `Why: ${title}.` } });
    expect(res.status(), await res.text()).toBe(201);
    colleagueIdeas.push((await res.json()) as Idea);
    await session.close();
  }
  for (const person of earlySupporters) {
    const session = await apiAs(person.email);
    expect((await session.request.put(`/api/v1/ideas/${colleagueIdeas[0].id}/support`)).status()).toBe(204);
    await session.close();
  }

  // --- The author, on a phone, has read every notification, then goes to Ideas through the tab bar.
  const a = await newContext(browser, PHONE);
  await signInByApi(a.context, author.email);
  expect((await a.context.request.post("/api/v1/notifications/read", { data: {} })).status()).toBe(204);
  const aPage = await a.context.newPage();
  await aPage.goto("/", { waitUntil: "domcontentloaded" });
  // The home rail (under the feed on a phone) lists it among the campaigns closing soon: it ends in an hour.
  await aPage.getByRole("region", { name: "Campaigns closing soon" }).getByRole("link", { name: new RegExp(campaign.title) }).waitFor();
  await aPage.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Ideas" }).click();
  await aPage.getByRole("heading", { level: 1, name: "Ideas" }).waitFor();
  await aPage.getByRole("link", { name: campaign.title }).click();
  await aPage.getByRole("heading", { level: 1, name: campaign.title }).waitFor();
  await aPage.getByText("reinvent").first().waitFor();

  // While the title is typed, the colleague's similar idea is offered.
  const title = `${word} for the late shifts`;
  // (The server matches every word typed so far: the suggestion shows while the title shares its words.)
  await aPage.locator("#idea-title").pressSequentially(`${word} `, { delay: 10 });
  const similar = aPage.getByRole("region", { name: "Similar ideas" });
  await similar.getByRole("link", { name: colleagueIdeas[0].title }).waitFor({ timeout: 15_000 });
  await aPage.locator("#idea-title").pressSequentially("for the late shifts", { delay: 10 });
  await aPage.locator("#idea-body").fill(`A shuttle at 22:00 from the ${department} site, ${stamp}.`);
  await aPage.getByRole("button", { name: "Post the idea" }).click();
  await aPage.getByText("Your idea is posted.").waitFor();
  await expect.poll(() => rankedTitles(aPage)).toContain(title);
  // Below the colleague's idea, which has 2 supports; the author's own button says why it cannot be pressed.
  expect((await rankedTitles(aPage)).indexOf(title)).toBeGreaterThan(0);
  const mine = aPage.locator(".idea-list > li").filter({ hasText: title });
  expect(await mine.getByRole("button", { name: new RegExp(`^Support “${title}”`) }).isDisabled()).toBe(true);
  await mine.getByText("Your own idea").waitFor();
  const ideaHref = await mine.locator("a.idea-row-title").getAttribute("href");
  const ideaId = decodeURIComponent(ideaHref!.split("/").pop()!);
  await aPage.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // --- A colleague supports it in their browser (optimistic: pressed at once, counted 1).
  const b = await newContext(browser);
  await signInByApi(b.context, watcher.email);
  const bPage = await b.context.newPage();
  await bPage.goto(`/campaigns/${campaign.id}`, { waitUntil: "domcontentloaded" });
  const support = bPage.getByRole("button", { name: new RegExp(`^Support “${title}” \\(0 supports\\)`) });
  await support.click();
  await bPage.getByRole("button", { name: new RegExp(`^Supported: you support “${title}” \\(1 support\\)`) }).waitFor();
  expect(await bPage.getByRole("button", { name: new RegExp(`^Supported: you support “${title}”`) }).getAttribute("aria-pressed")).toBe("true");

  // Two more through the API: the author's page, never reloaded, shows it climbing to first place with 3 supports.
  for (const person of apiSupporters) {
    const session = await apiAs(person.email);
    expect((await session.request.put(`/api/v1/ideas/${ideaId}/support`)).status()).toBe(204);
    await session.close();
  }
  await expect.poll(async () => (await rankedTitles(aPage))[0], { timeout: 20_000 }).toBe(title);
  await expect.poll(() => mine.locator(".support-count").getAttribute("data-text"), { timeout: 20_000 }).toBe("3");
  await expect.poll(() => bPage.locator(".idea-list > li").filter({ hasText: title }).locator(".support-count").getAttribute("data-text"), { timeout: 20_000 }).toBe("3");
  expect(await aPage.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // --- The administrator (who runs network-wide campaigns) studies it, then retains it with a reason. The demo's
  // administrator reads Comptoir in French: the words below are the French catalogue's (the English ones otherwise).
  const c = await newContext(browser);
  await signInByApi(c.context, DEMO_ADMIN);
  const adminLocale = ((await (await c.context.request.get("/api/v1/me")).json()) as { user: { locale: string } }).user.locale;
  const W = adminLocale === "fr" ? FR : EN;
  const cPage = await c.context.newPage();
  await cPage.goto(`/ideas/${ideaId}`, { waitUntil: "domcontentloaded" });
  await cPage.getByRole("heading", { level: 1, name: title }).waitFor();
  for (const [status, reason] of [
    [W.studied, "The transport team looks at the costs."],
    [W.retained, `Piloted from March, ${stamp}.`],
  ] as const) {
    await cPage.locator(".idea-manage").getByRole("button", { name: W.changeStatus }).click();
    const dialog = cPage.getByRole("dialog", { name: W.changeStatus });
    await dialog.getByRole("radio", { name: status }).check();
    await dialog.getByLabel(W.reason).fill(reason);
    await dialog.getByRole("button", { name: W.changeStatus }).click();
    await cPage.getByText(W.done(status)).waitFor();
  }
  const history = cPage.getByRole("region", { name: W.history });
  await history.getByText(`Piloted from March, ${stamp}.`).waitFor();
  await history.getByText(W.retained, { exact: true }).waitFor();
  // Retained: nothing but "implemented" or "declined" is offered next, and declining needs a reason.
  await cPage.locator(".idea-manage").getByRole("button", { name: W.changeStatus }).click();
  const next = cPage.getByRole("dialog", { name: W.changeStatus });
  expect((await next.locator("label.check").allTextContents()).map((s) => s.trim())).toEqual([W.implemented, W.declined]);
  await next.getByRole("radio", { name: W.declined }).check();
  await next.getByRole("button", { name: W.changeStatus }).click();
  await next.getByText(W.reasonRequired).waitFor();
  await next.getByRole("button", { name: W.cancel }).click();

  // --- The author's bell counts the news without a reload; the notification leads to the idea.
  await expect.poll(() => bellCount(aPage), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  expect(await aPage.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await aPage.locator("a.bell").click();
  await aPage.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await aPage.locator(`a[href*="${ideaId}"]`).first().waitFor();

  // --- The statistics: the department by name, its share of the 6 ideas and its ideas per 100 members; the lone
  // outsider folded into "Other", with why.
  await cPage.goto(`/ideas/stats?campaignId=${campaign.id}`, { waitUntil: "domcontentloaded" });
  await cPage.getByRole("heading", { level: 1, name: W.statsTitle }).waitFor();
  const row = cPage.locator(`.stats-table tbody tr[data-key="${department}"]`);
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  // Ideas, authors, supporters, retained, members, share of ideas, share of members, per 100 members.
  expect(cells[0]).toBe("5");
  expect(cells[1]).toBe("5");
  expect(cells[3]).toBe("1");
  expect(cells[4]).toBe(String(headcount));
  // 5 of the 6 ideas; 5 ideas for the department's headcount, per 100 (written in the reader's language).
  expect(cells[5]).toBe(new Intl.NumberFormat(adminLocale, { style: "percent", maximumFractionDigits: 1 }).format(5 / 6));
  expect(cells[7]).toBe(new Intl.NumberFormat(adminLocale, { maximumFractionDigits: 1 }).format((5 / headcount) * 100));
  await cPage.locator('.stats-table tbody tr[data-key="other"]').getByText(W.other).waitFor();
  await cPage.getByText(W.otherWhy).waitFor();
  await cPage.locator(".idea-chart canvas").first().waitFor();
  const csv = await cPage.getByRole("link", { name: W.csv }).getAttribute("href");
  expect(csv).toContain(`campaignId=${campaign.id}`);
  expect(csv).toContain("format=csv");
  expect((await cPage.request.get(csv!)).status()).toBe(200);

  // --- The administrator renames the campaign from its page; the page shows the new title at once.
  await cPage.goto(`/campaigns/${campaign.id}`, { waitUntil: "domcontentloaded" });
  await cPage.getByRole("heading", { level: 1, name: campaign.title }).waitFor();
  await cPage.getByRole("button", { name: W.edit, exact: true }).click();
  const editDialog = cPage.getByRole("dialog", { name: W.editTitle });
  await editDialog.getByLabel(W.name, { exact: true }).fill(`${campaign.title} (renamed)`);
  await editDialog.getByRole("button", { name: W.save }).click();
  await cPage.getByRole("heading", { level: 1, name: `${campaign.title} (renamed)` }).waitFor();

  // On the phone: no horizontal scroll on the campaign page, touch targets of 44 px.
  await aPage.goto(`/campaigns/${campaign.id}`, { waitUntil: "domcontentloaded" });
  await aPage.locator(".idea-list").waitFor();
  expect(await aPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const smallest = await aPage.evaluate(() =>
    Math.min(...[...document.querySelectorAll<HTMLElement>(".tabbar a, .support-button")].map((el) => Math.min(el.getBoundingClientRect().height, el.getBoundingClientRect().width))),
  );
  expect(smallest).toBeGreaterThanOrEqual(44);

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  expect(c.problems).toEqual([]);
  await Promise.all([a.context.close(), b.context.close(), c.context.close(), admin.close()]);
});
