import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiAs, launchBrowser, newContext } from "./browser";

// The acceptance test of identity: invitation → charter → account → profile → found in the directory → a new charter
// version brings the charter back. Three people, three browser contexts, each with its own cookies.

const ADMIN = { email: "admin@demo.test", password: "comptoir-demo" };
const DEMO_PASSWORD = "comptoir-demo";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

it("invites a member who accepts the charter, fills a profile, is found by colleagues, and re-accepts a new charter", { timeout: 180_000 }, async () => {
  const stamp = Date.now().toString(36);
  const newcomer = { email: `lou.e2e.${stamp}@example.test`, name: `Lou Marchand ${stamp}`, password: "a-long-passphrase-2026" };
  const skill = `Kubernetes-e2e-${stamp}`;

  // The demo seed gives the administrator French; this test switches them to English below, so a second attempt starts
  // from the seed's state again.
  const seeded = await apiAs(browser, ADMIN.email, ADMIN.password);
  expect((await seeded.request.patch("/api/v1/me/profile", { data: { locale: "fr" } })).status()).toBe(200);
  await seeded.close();

  // --- The administrator signs in through the form (a wrong password first: the error is shown, in words).
  const admin = await newContext(browser);
  const adminPage = await admin.context.newPage();
  await signIn(adminPage, ADMIN.email, "not-the-password");
  await expect.poll(() => adminPage.getByRole("alert").textContent()).toContain("do not match an active account");
  await adminPage.getByLabel("Password").fill(ADMIN.password);
  await adminPage.getByRole("button", { name: "Sign in" }).click();
  await adminPage.waitForURL((url) => url.pathname === "/");

  // The demo administrator's profile says French: the app follows it, then the account menu switches to English.
  await expect.poll(() => htmlLang(adminPage)).toBe("fr");
  await adminPage.getByRole("heading", { level: 1, name: /^Bienvenue, / }).waitFor();
  await adminPage.getByRole("button", { name: /^Menu du compte de / }).click();
  await adminPage.getByRole("menuitemradio", { name: "English" }).click();
  await expect.poll(() => htmlLang(adminPage)).toBe("en");
  await adminPage.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
  await adminPage.keyboard.press("Escape");

  // A seeded colleague who reads English, to search the directory later.
  const listing = await adminPage.request.get("/api/v1/users?limit=100");
  expect(listing.status()).toBe(200);
  const { items } = (await listing.json()) as { items: { email: string; role: string; locale: string; deactivated: boolean }[] };
  const colleague = items.find((u) => u.role === "member" && u.locale === "en" && !u.deactivated && u.email !== ADMIN.email);
  expect(colleague, "the demo seed has English-speaking members").toBeDefined();

  // --- A single invitation; the link is read from the page.
  await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await adminPage.getByRole("heading", { name: "Invite a colleague" }).waitFor();
  await adminPage.getByLabel("Email").fill(newcomer.email);
  await adminPage.getByLabel("Role").selectOption("member");
  await adminPage.getByRole("button", { name: "Create invitation" }).click();
  const linkBox = adminPage.getByLabel("Invitation link");
  await linkBox.waitFor();
  const inviteUrl = await linkBox.inputValue();
  expect(inviteUrl).toMatch(/\/invite\/[^/]+$/);
  await expect.poll(() => adminPage.getByRole("table").first().textContent()).toContain(newcomer.email);

  // --- The newcomer, on a French browser: the charter comes first, then name and password.
  const member = await newContext(browser, { locale: "fr-FR" });
  const memberPage = await member.context.newPage();
  await memberPage.goto(new URL(inviteUrl).pathname, { waitUntil: "domcontentloaded" });
  await expect.poll(() => htmlLang(memberPage)).toBe("fr");
  await memberPage.getByRole("heading", { name: "Charte éthique" }).waitFor();
  expect(await memberPage.locator(".charter-body").textContent()).toMatch(/\S/);
  const next = memberPage.getByRole("button", { name: "Continuer" });
  expect(await next.isDisabled()).toBe(true);
  await memberPage.getByLabel("J'ai lu la charte et je l'accepte").check();
  await next.click();
  await memberPage.getByLabel("Votre nom").fill(newcomer.name);
  await memberPage.getByLabel("Mot de passe", { exact: true }).fill("too-short");
  await memberPage.getByLabel("Confirmer le mot de passe").fill("too-short");
  await memberPage.getByRole("button", { name: "Créer mon compte" }).click();
  await memberPage.getByText("Le mot de passe doit comporter au moins 10 caractères.").waitFor();
  await memberPage.getByLabel("Mot de passe", { exact: true }).fill(newcomer.password);
  await memberPage.getByLabel("Confirmer le mot de passe").fill(newcomer.password);
  await memberPage.getByRole("button", { name: "Créer mon compte" }).click();

  // --- Signed in, welcomed on the profile editor; the profile is filled in.
  await memberPage.waitForURL((url) => url.pathname === "/me/edit");
  await memberPage.getByText(`Bienvenue sur Comptoir, ${newcomer.name}`).waitFor();
  await memberPage.getByLabel("Fonction").fill("Ingénieure plateforme");
  await memberPage.getByLabel("Service", { exact: true }).fill("IT");
  await memberPage.getByLabel("Ville", { exact: true }).fill("Lyon");
  const skills = memberPage.getByLabel("Compétences", { exact: true });
  await skills.fill(skill);
  await skills.press("Enter");
  await skills.fill("Terraform");
  await skills.press("Enter");
  await memberPage.getByRole("button", { name: `Retirer ${skill}` }).waitFor();
  await memberPage.getByRole("button", { name: "Enregistrer mon profil" }).click();
  await memberPage.waitForURL((url) => url.pathname.startsWith("/people/usr_"));
  await memberPage.getByRole("heading", { level: 1, name: newcomer.name }).waitFor();
  await memberPage.getByText(/ à Lyon$/).first().waitFor();
  expect(await htmlLang(memberPage)).toBe("fr");

  // --- A seeded colleague finds the newcomer in the directory, by skill and by city.
  const peer = await newContext(browser);
  const peerPage = await peer.context.newPage();
  await signIn(peerPage, colleague!.email, DEMO_PASSWORD);
  await peerPage.waitForURL((url) => url.pathname === "/");
  await peerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await peerPage.getByRole("heading", { level: 1, name: "People" }).waitFor();
  const results = peerPage.getByRole("list", { name: "Members" });
  await results.waitFor();

  await peerPage.getByRole("combobox", { name: "Skill" }).selectOption(skill);
  await peerPage.waitForURL((url) => url.searchParams.get("skill") === skill);
  await expect.poll(() => results.getByRole("link").allTextContents()).toEqual(expect.arrayContaining([newcomer.name]));
  await expect.poll(() => peerPage.locator(".person-card").count()).toBe(1);

  await peerPage.getByRole("button", { name: "Clear filters" }).first().click();
  await peerPage.waitForURL((url) => url.search === "");
  await peerPage.getByRole("combobox", { name: "Location" }).selectOption("Lyon");
  await peerPage.waitForURL((url) => url.searchParams.get("location") === "Lyon");
  await expect.poll(() => results.getByRole("link", { name: newcomer.name }).count()).toBe(1);
  for (const city of await peerPage.locator(".person-card .local-time").allTextContents()) expect(city).toMatch(/ in Lyon$/);

  // The search box of the top bar finds people too (the search's "People" filter), and the query lands in the URL.
  await peerPage.getByRole("searchbox", { name: "Search Comptoir" }).fill(skill);
  await peerPage.keyboard.press("Enter");
  await peerPage.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === skill);
  await peerPage.getByRole("navigation", { name: "Kinds of results" }).getByRole("link", { name: "People" }).click();
  await peerPage.waitForURL((url) => url.searchParams.get("type") === "user");
  await expect.poll(() => peerPage.getByRole("list", { name: "Results" }).getByRole("link", { name: newcomer.name }).count()).toBe(1);

  // --- The administrator publishes a new charter version, after confirming.
  await adminPage.getByRole("link", { name: "Charter" }).click();
  const versions = adminPage.getByRole("table").locator("tbody tr");
  await versions.first().waitFor();
  const versionsBefore = await versions.count();
  const body = adminPage.getByLabel("Charter text");
  await expect.poll(() => body.inputValue()).toMatch(/\S/);
  await body.fill(`${await body.inputValue()}\n\n## Version ${stamp}\n\nWe answer every question within two working days.`);
  await adminPage.getByRole("button", { name: "Publish new version" }).click();
  const dialog = adminPage.getByRole("dialog", { name: "Publish a new version of the charter?" });
  await dialog.getByRole("button", { name: "Publish new version" }).click();
  await adminPage.getByText(/^Version \d+ of the charter is published$/).waitFor();
  await expect.poll(() => versions.count()).toBe(versionsBefore + 1);

  // --- The newcomer reloads: the new version must be accepted before anything else.
  await memberPage.reload({ waitUntil: "domcontentloaded" });
  await memberPage.getByRole("heading", { level: 1, name: "Une nouvelle version de la charte" }).waitFor();
  expect(await memberPage.locator(".charter-body").textContent()).toContain("two working days");
  expect(await memberPage.getByRole("navigation", { name: "Navigation principale" }).count()).toBe(0);
  await memberPage.getByLabel("J'ai lu la charte et je l'accepte").check();
  await memberPage.getByRole("button", { name: "Accepter et continuer" }).click();
  await memberPage.getByRole("heading", { level: 1, name: newcomer.name }).waitFor();
  await memberPage.getByRole("navigation", { name: "Navigation principale" }).waitFor();

  // --- On a 375-px phone: the bottom tabs, no horizontal scroll.
  await memberPage.setViewportSize({ width: 375, height: 760 });
  await memberPage.goto("/people", { waitUntil: "domcontentloaded" });
  await memberPage.getByRole("list", { name: "Membres" }).waitFor();
  await memberPage.getByRole("navigation", { name: "Rubriques" }).getByRole("link", { name: "Moi" }).waitFor();
  expect(await memberPage.getByRole("navigation", { name: "Navigation principale" }).isVisible()).toBe(false);
  expect(await memberPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  expect(admin.problems).toEqual([]);
  expect(member.problems).toEqual([]);
  expect(peer.problems).toEqual([]);
  await Promise.all([admin.context.close(), member.context.close(), peer.context.close()]);
});
