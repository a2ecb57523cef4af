import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptCharterIfAsked, DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The member's own data in the browser (issue 12): a new member downloads their data from Settings → Your data, then
// deletes their account with their password; their post then shows "Deleted member" and they cannot sign in again.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("downloads my data, deletes my account; my post shows Deleted member and I cannot sign in", { timeout: 120_000 }, async () => {
  const stamp = Date.now().toString(36);
  const email = `leaving.${stamp}@privacy.test`;
  const password = "a long enough password";
  const name = `Léa Leaving ${stamp}`;

  // The administrator invites them; they accept (through the API: the invitation screens have their own test).
  const admin = await newContext(browser);
  await signInByApi(admin.context, DEMO_ADMIN);
  const invitation = await admin.context.request.post("/api/v1/admin/invitations", { data: { email, role: "member" } });
  expect(invitation.status()).toBe(201);
  const token = decodeURIComponent(new URL(((await invitation.json()) as { url: string }).url).pathname.split("/invite/")[1]);

  const { context, problems } = await newContext(browser, { acceptDownloads: true });
  // The current charter's version, read by someone signed in (the newcomer accepts it with the invitation).
  const charter = (await (await admin.context.request.get("/api/v1/charter")).json()) as { version: number } | null;
  const joined = await context.request.post("/api/v1/auth/accept-invitation", { data: { token, name, password, charterVersion: charter?.version ?? null } });
  expect(joined.status(), await joined.text()).toBe(200);
  await acceptCharterIfAsked(context.request);
  const me = (await (await context.request.get("/api/v1/me")).json()) as { user: { id: string } };
  const group = (await (await context.request.post("/api/v1/groups", { data: { name: `Farewell ${stamp}`, visibility: "open", kind: "community" } })).json()) as { id: string };
  const post = (await (await context.request.post(`/api/v1/groups/${group.id}/posts`, { data: { body: `Thanks for everything, ${stamp}` } })).json()) as { id: string };

  // Settings → Your data: the download (read with its progress, then saved) is a JSON file naming me.
  const page = await context.newPage();
  await page.goto("/settings", { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { level: 2, name: "Your data" }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my data" }).click()]);
  await page.getByText(/^Your data was downloaded \(.+\)\. Look for it in your downloads folder\.$/).first().waitFor();
  expect(download.suggestedFilename()).toMatch(/^comptoir-data-\d{4}-\d{2}-\d{2}\.json$/);
  const archive = JSON.parse(readFileSync((await download.path())!, "utf8")) as { memberId: string; tables: Record<string, { id: string; email?: string }[]> };
  expect(archive.memberId).toBe(me.user.id);
  expect(archive.tables.users[0].email).toBe(email);
  expect(archive.tables.posts.map((p) => p.id)).toContain(post.id);

  // A wrong password is refused on the field; the right one, confirmed, deletes the account and signs me out.
  await page.getByLabel("Your password").fill("not my password at all");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await page.getByRole("dialog", { name: "Delete your account for good?" }).getByRole("button", { name: "Delete my account" }).click();
  await page.getByText("That is not your password").waitFor();
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await page.getByRole("dialog", { name: "Delete your account for good?" }).getByRole("button", { name: "Delete my account" }).click();
  await expect.poll(async () => (await context.request.get("/api/v1/me")).status(), { timeout: 10_000 }).toBe(401);

  // Their post stays, under "Deleted member"; their name is nowhere on it.
  const adminPage = await admin.context.newPage();
  await adminPage.goto(`/posts/${post.id}`, { waitUntil: "domcontentloaded" });
  await adminPage.locator(".post-author").getByText("Deleted member", { exact: true }).waitFor();
  expect(await adminPage.content()).not.toContain(name);

  // They cannot sign in again.
  const again = await context.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(again.status()).toBe(401);
  expect(problems).toEqual([]);
  expect(admin.problems).toEqual([]);
  await context.close();
  await admin.context.close();
});
