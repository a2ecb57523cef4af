import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseUrl, DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The incoming-hook acceptance test (issue 9): an animator makes a hook for their group (set-up, through the API) and
// keeps the group's page open; an integration posts `{text: "Build 42 passed"}` to the hook's URL with a plain fetch —
// no cookie, no Origin; the post comes in live on the open page without a reload, marked as an integration (its badge,
// its name not a profile link).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("a hook posts and the group's open page shows the post live, marked as an integration", { timeout: 120_000 }, async () => {
  const stamp = Date.now().toString(36);
  const { context, problems } = await newContext(browser);
  await signInByApi(context, DEMO_ADMIN);

  // The animator (the demo administrator, owner of a group they open) makes the group and its hook.
  const group = await context.request.post("/api/v1/groups", { data: { name: `Builds ${stamp}`, description: "Where CI reports", visibility: "private", kind: "project" } });
  expect(group.status()).toBe(201);
  const groupId = ((await group.json()) as { id: string }).id;
  const hook = await context.request.post(`/api/v1/groups/${groupId}/hooks`, { data: { name: `CI ${stamp}` } });
  expect(hook.status()).toBe(201);
  const { url } = (await hook.json()) as { url: string };
  expect(url.startsWith(`${baseUrl()}/api/v1/hooks/`), url).toBe(true);

  const page = await context.newPage();
  await page.goto(`/groups/${groupId}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { name: `Builds ${stamp}` }).waitFor();
  // The group's room is connected before the integration posts (the page shows who is online through it).
  await page.waitForFunction(() => document.querySelector(".group-page") !== null);
  await page.waitForTimeout(1000);

  // The integration: a plain HTTP client, no cookie, no Origin.
  const posted = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "Build 42 passed", username: "ignored-by-comptoir" }) });
  expect(posted.status).toBe(201);
  const { postId } = (await posted.json()) as { postId: string };

  // Live, without a reload: the page offers the new post, then shows it.
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await page.locator(".news-button").click({ timeout: 15_000 });
  const card = page.locator(`[data-post-id="${postId}"]`);
  await card.waitFor({ timeout: 15_000 });
  expect(await card.getByText("Build 42 passed").count()).toBeGreaterThan(0);
  // Marked as an integration: the badge, its name without a profile link, no member avatar.
  // (The demo administrator reads French: "Intégration".)
  expect(await card.locator(".badge", { hasText: /^(Integration|Intégration)$/ }).count()).toBe(1);
  expect(await card.locator(".post-author", { hasText: `CI ${stamp}` }).evaluate((el) => el.tagName)).toBe("SPAN");
  expect(await card.locator('a[href^="/people/"]').count()).toBe(0);
  expect(await card.locator(".avatar-integration").count()).toBe(1);
  expect(navigations, "no reload").toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

it("the demo seed's IT help group holds two build notices posted by its incoming hook", async () => {
  const { context } = await newContext(browser);
  await signInByApi(context, DEMO_ADMIN);
  const groups = (await (await context.request.get("/api/v1/groups?q=IT%20help&limit=10")).json()) as { items: { id: string; name: string }[] };
  const ithelp = groups.items.find((g) => g.name === "IT help");
  expect(ithelp, "the IT help group").toBeTruthy();
  const posts = (await (await context.request.get(`/api/v1/groups/${ithelp!.id}/posts?limit=100`)).json()) as { items: { body: string; author: { name: string; integration?: boolean } }[] };
  const notices = posts.items.filter((p) => p.author.integration === true);
  expect(notices.map((p) => [p.author.name, p.body.slice(0, 18)]).sort()).toEqual([
    ["Build server", "**Build 1841 passe"],
    ["Build server", "**Build 1842 faile"],
  ]);
  const hooks = await context.request.get(`/api/v1/groups/${ithelp!.id}/hooks`);
  expect(hooks.status()).toBe(200);
  expect(((await hooks.json()) as { items: { name: string; url: string | null }[] }).items.map((h) => [h.name, h.url])).toEqual([["Build server", null]]);
  await context.close();
});
