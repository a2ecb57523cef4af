import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseUrl, DEMO_ADMIN as ADMIN_EMAIL, launchBrowser, newContext, signInByApi as signIn } from "./browser";

// The acceptance test of the coffee machine (issue 4): A opens a coffee room; B, already in the lobby, sees A in it
// without reloading, joins, and they exchange messages both see; B reloads and gets the backlog; A leaves and B sees
// it. A is on a desktop, B on a phone (375 px wide). Two browser contexts, each with its own session.

type Person = { id: string; email: string; name: string };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Listed = Person & { role: string; locale: string; deactivated: boolean; department: string };

/** The seeded members who read English (the assertions below read English words). */
async function englishMembers(): Promise<Listed[]> {
  const admin = await browser.newContext({ baseURL: baseUrl() });
  await signIn(admin, ADMIN_EMAIL);
  const res = await admin.request.get("/api/v1/users?limit=100");
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Listed[] };
  await admin.close();
  const english = items.filter((u) => u.role === "member" && u.locale === "en" && !u.deactivated && u.email !== ADMIN_EMAIL);
  expect(english.length, "the demo seed has English-speaking members").toBeGreaterThanOrEqual(6);
  return english;
}

async function twoColleagues(): Promise<[Person, Person]> {
  const [a, b] = (await englishMembers()).slice(-2);
  return [a, b];
}

it("shows a room opened by A live in B's lobby, carries their chat both ways, keeps it across a reload, and tells B when A leaves", { timeout: 90_000 }, async () => {
  const stamp = Date.now().toString(36);
  const title = `Coffee e2e ${stamp}`;
  const [alice, bob] = await twoColleagues();

  const a = await newContext(browser);
  const b = await newContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await signIn(a.context, alice.email);
  await signIn(b.context, bob.email);
  const pageA = await a.context.newPage();
  const pageB = await b.context.newPage();

  // --- B waits at the coffee machine, live.
  await pageB.goto("/coffee", { waitUntil: "domcontentloaded" });
  await pageB.getByRole("heading", { level: 1, name: "Coffee machine" }).waitFor();
  await pageB.getByRole("status").filter({ hasText: "Live" }).waitFor();

  // --- A opens a room and lands in it.
  await pageA.goto("/coffee", { waitUntil: "domcontentloaded" });
  await pageA.getByLabel("Room title").fill(title);
  await pageA.getByRole("button", { name: "Open", exact: true }).click();
  await pageA.waitForURL((url) => url.pathname.startsWith("/coffee/cof_"));
  const roomPath = new URL(pageA.url()).pathname;
  await pageA.getByRole("heading", { level: 1, name: title }).waitFor();
  const peopleA = pageA.getByRole("complementary", { name: /^Who is here/ });
  await peopleA.getByRole("link", { name: alice.name }).waitFor();

  // --- B sees the room and A in it without reloading, and the phone's Coffee tab counts people in rooms.
  const card = pageB.getByRole("list", { name: "Open rooms" }).getByRole("listitem").filter({ has: pageB.getByRole("heading", { name: title }) });
  await card.getByRole("link", { name: alice.name }).waitFor();
  await card.getByText(/^\d+ (person|people) here$/).waitFor();
  await expect.poll(() => pageB.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /Coffee/ }).textContent()).toMatch(/in (a )?coffee rooms? now/);

  // --- B joins; A sees B arrive.
  await card.getByRole("link", { name: `Join ${title}` }).click();
  await pageB.waitForURL((url) => url.pathname === roomPath);
  await pageB.getByRole("heading", { level: 1, name: title }).waitFor();
  const logA = pageA.getByRole("log", { name: "Messages" });
  const logB = pageB.getByRole("log", { name: "Messages" });
  await logA.getByText(`${bob.name} joined`).waitFor();
  await peopleA.getByRole("link", { name: bob.name }).waitFor();

  // --- They talk: B types (A sees it), sends with Enter; A answers with the button. Both see both.
  const fromB = `Hello from the phone ${stamp}`;
  const fromA = `Hi! Coffee from the desk ${stamp}`;
  const composerB = pageB.getByRole("textbox", { name: "Message" });
  await composerB.fill(fromB);
  await pageA.getByText(`${bob.name} is typing…`).waitFor();
  await composerB.press("Enter");
  await logA.getByText(fromB, { exact: true }).waitFor();
  await logB.getByText(fromB, { exact: true }).waitFor();
  expect(await composerB.inputValue()).toBe("");

  await pageA.getByRole("textbox", { name: "Message" }).fill(fromA);
  await pageA.getByRole("button", { name: "Send" }).click();
  await logB.getByText(fromA, { exact: true }).waitFor();
  await logA.getByText(fromA, { exact: true }).waitFor();

  // --- A thanks B for the message; B sees the reaction.
  const messageAtA = logA.getByRole("listitem").filter({ hasText: fromB });
  // A live chat names its author by id: the screen shows the name from who is here.
  await messageAtA.getByText(bob.name, { exact: true }).waitFor();
  await logB.getByRole("listitem").filter({ hasText: fromA }).getByText(alice.name, { exact: true }).waitFor();
  await messageAtA.getByRole("button", { name: "Add a reaction" }).click();
  await messageAtA.getByRole("button", { name: "Thanks", exact: true }).click();
  await logB.getByRole("listitem").filter({ hasText: fromB }).getByRole("button", { name: "Thanks, 1 person" }).waitFor();

  // --- B reloads: the backlog brings the conversation back, each message once, with its reaction.
  await pageB.reload({ waitUntil: "domcontentloaded" });
  await logB.getByText(fromA, { exact: true }).waitFor();
  expect(await logB.getByText(fromB, { exact: true }).count()).toBe(1);
  expect(await logB.getByText(fromA, { exact: true }).count()).toBe(1);
  await logB.getByRole("listitem").filter({ hasText: fromB }).getByRole("button", { name: "Thanks, 1 person" }).waitFor();

  // --- The phone layout: nothing wider than the screen; who is here folds away and opens on demand.
  expect(await pageB.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const peopleB = pageB.getByRole("complementary", { name: /^Who is here/ });
  expect(await peopleB.count()).toBe(0);
  await pageB.getByRole("button", { name: /^Who is here/ }).click();
  await peopleB.getByRole("link", { name: alice.name }).waitFor();
  const composerBox = await composerB.boundingBox();
  expect(composerBox && composerBox.y + composerBox.height).toBeGreaterThan(740 - 60 - 80);

  // --- A leaves; B is told in the stream and A is no longer among who is here.
  await pageA.getByRole("link", { name: "Leave" }).click();
  await pageA.waitForURL((url) => url.pathname === "/coffee");
  await logB.getByText(`${alice.name} left`).last().waitFor();
  await expect.poll(() => peopleB.getByRole("link", { name: alice.name }).count()).toBe(0);
  await peopleB.getByRole("link", { name: bob.name }).waitFor();

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});

it("lets members opt in to cross-silo coffee pairing with their hours, then shows a pair its partner, icebreaker and room, and records that they met", { timeout: 90_000 }, async () => {
  // Six colleagues from six departments, all free all week: the weekly run has pairs to make.
  const seen = new Set<string>();
  const people = (await englishMembers()).filter((u) => u.department && !seen.has(u.department) && seen.add(u.department)).slice(0, 6);
  expect(people.length).toBe(6);
  const contexts = await Promise.all(people.map(() => newContext(browser)));
  await Promise.all(people.map((p, i) => signIn(contexts[i].context, p.email)));
  const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: "00:00", to: "23:59" }));
  for (let i = 1; i < people.length; i++) {
    const put = await contexts[i].context.request.put("/api/v1/me/coffee-pairing", { data: { optIn: true, hours: allWeek } });
    expect(put.status()).toBe(200);
  }

  // --- The first opts in through the page: Monday's hours typed in, the other days added with the same hours. (The
  // demo seed opts many members in: this one starts from nothing.)
  expect((await contexts[0].context.request.put("/api/v1/me/coffee-pairing", { data: { optIn: false, hours: [] } })).status()).toBe(200);
  const page = await contexts[0].context.newPage();
  await page.goto("/coffee/pairing", { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { level: 1, name: "Coffee pairing" }).waitFor();
  await page.getByLabel("Pair me with a colleague from another department each week").check();
  await page.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByLabel("Monday, from").fill("00:00");
  await page.getByLabel("Monday, to").fill("23:59");
  for (const day of ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) await page.getByRole("button", { name: `Add hours on ${day}` }).click();
  await page.getByLabel("Friday, to").fill("09:00");
  await page.getByLabel("Friday, from").fill("10:00");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("The end must be after the start.").waitFor();
  await page.getByLabel("Friday, from").fill("00:00");
  await page.getByLabel("Friday, to").fill("23:59");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Your coffee pairing settings are saved").waitFor();
  const saved = (await (await page.request.get("/api/v1/me/coffee-pairing")).json()) as { optIn: boolean; hours: unknown[] };
  expect(saved).toMatchObject({ optIn: true, hours: allWeek });
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect.poll(() => page.getByLabel("Pair me with a colleague from another department each week").isChecked()).toBe(true);
  expect(await page.getByLabel(/, from$/).count()).toBe(7);

  // --- The week's run (the cron's job, started here by an administrator).
  const admin = await browser.newContext({ baseURL: baseUrl() });
  await signIn(admin, ADMIN_EMAIL);
  const run = await admin.request.post("/api/v1/admin/coffee/pairing/run");
  expect(run.status()).toBe(200);
  expect(((await run.json()) as { paired: number }).paired).toBeGreaterThanOrEqual(2);
  await admin.close();

  // --- Someone who was paired sees their partner, the icebreaker and the way to their room, and says they met.
  type View = { current: { id: string; roomId: string; partners: { name: string }[]; outcome: string | null } | null; leftOut: { reason: string } | null };
  const views = await Promise.all(contexts.map(async (c) => (await (await c.context.request.get("/api/v1/me/coffee-pairing")).json()) as View));
  const index = views.findIndex((v) => v.current !== null);
  expect(index).toBeGreaterThanOrEqual(0);
  const current = views[index].current!;
  const paired = index === 0 ? page : await contexts[index].context.newPage();
  await paired.goto("/coffee/pairing", { waitUntil: "domcontentloaded" });
  await paired.getByRole("heading", { name: "Your coffee this week" }).waitFor();
  const partners = paired.getByRole("list", { name: "Your coffee partners" });
  for (const partner of current.partners) await partners.getByRole("link", { name: partner.name }).waitFor();
  await paired.getByRole("heading", { name: "To break the ice" }).waitFor();
  await paired.getByRole("button", { name: "We met" }).click();
  await expect.poll(() => paired.getByRole("button", { name: "We met" }).getAttribute("aria-pressed")).toBe("true");
  await paired.getByText("You said you met.").waitFor();
  const after = (await (await paired.request.get("/api/v1/me/coffee-pairing")).json()) as View;
  expect(after.current?.outcome).toBe("met");

  // Their private room opens with the icebreaker.
  await paired.getByRole("link", { name: "Go to our room" }).click();
  await paired.waitForURL((url) => url.pathname === `/coffee/${current.roomId}`);
  await paired.getByRole("log", { name: "Messages" }).getByText("To break the ice").waitFor();

  // Anyone left out is told why, in words.
  const leftOut = views.findIndex((v) => v.leftOut !== null);
  if (leftOut >= 0) {
    const other = await contexts[leftOut].context.newPage();
    await other.goto("/coffee/pairing", { waitUntil: "domcontentloaded" });
    await other.getByRole("heading", { name: "No coffee partner for you this week" }).waitFor();
  }

  for (const c of contexts) expect(c.problems).toEqual([]);
  await Promise.all(contexts.map((c) => c.context.close()));
});
