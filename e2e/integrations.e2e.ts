import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseUrl, DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The integrations screens as an administrator uses them: an outgoing webhook endpoint (its secret shown once, a test
// event in its delivery log), an API token (shown once, listed without it, revoked), a group's incoming hook (its URL
// shown once), and the tab's title in French.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("adds a webhook endpoint and sends it a test event, makes and revokes an API token, makes an incoming hook, in English and French", { timeout: 90_000 }, async () => {
  const stamp = Date.now().toString(36);
  const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  await signInByApi(context, DEMO_ADMIN);
  const request = context.request;
  const me = (await (await request.get("/api/v1/me")).json()) as { user: { locale: string } };
  const locale = me.user.locale;
  expect((await request.patch("/api/v1/me/profile", { data: { locale: "en" } })).status()).toBe(200);

  try {
    // A private group the administrator runs: granted to the endpoint, and where the incoming hook goes.
    const made = await request.post("/api/v1/groups", { data: { name: `Integrations ${stamp}`, visibility: "private", kind: "project" } });
    expect(made.status()).toBe(201);
    const group = (await made.json()) as { id: string; name: string };

    // --- Admin → Integrations: add an endpoint with two events and the private group.
    const page = await context.newPage();
    await page.goto("/admin/integrations", { waitUntil: "domcontentloaded" });
    await page.getByRole("heading", { level: 2, name: "Webhook endpoints" }).waitFor();
    await page.getByRole("button", { name: "Add endpoint" }).first().click();
    const form = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    const url = `https://hooks.example.com/comptoir/${stamp}`;
    await form.getByLabel("URL", { exact: true }).fill(url);
    await form.getByLabel("Description", { exact: true }).fill("HR system, looked after by the IT team");
    await form.getByRole("checkbox", { name: /^member\.joined/ }).check();
    await form.getByRole("checkbox", { name: /^post\.created/ }).check();
    await form.getByRole("checkbox", { name: new RegExp(`^${group.name}`) }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    const secretDialog = page.getByRole("dialog", { name: "Endpoint added: its signing secret" });
    await secretDialog.getByText("you won't see it again").waitFor();
    const secret = await secretDialog.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: "I have copied it" }).click();
    await secretDialog.waitFor({ state: "detached" });

    const endpoints = page.getByRole("list", { name: "Webhook endpoints" });
    const link = endpoints.getByRole("link", { name: url });
    await link.waitFor();
    expect(await endpoints.locator("li", { has: page.getByRole("link", { name: url }) }).textContent()).toContain("2 events");

    // --- Its page: events and the granted group by name; the secret is not there any more. A test event → the log.
    await link.click();
    await page.waitForURL((u) => u.searchParams.has("endpoint"));
    await page.getByRole("heading", { level: 2, name: url }).waitFor();
    await page.locator(".integration-facts").getByText(group.name, { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole("button", { name: "Send test event" }).click();
    const log = page.getByRole("list", { name: "Delivery log" });
    // example.com is not reachable from here: the delivery may be pending or failed; it is the row that counts. The
    // endpoint also hears of posts other lanes write in open groups meanwhile, so the test event need not be the newest.
    const testRow = log.locator("li.delivery").filter({ hasText: "webhook.test" }).first();
    await expect.poll(() => testRow.textContent(), { timeout: 15_000 }).toMatch(/webhook\.test.*(Pending|Delivered|Failed)/s);

    // Rotation, confirmed: the new secret shown once; the previous one keeps signing for a day.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "The new signing secret" });
    await rotated.getByText("The previous secret keeps signing for 24 hours.").waitFor();
    const next = await rotated.getByLabel("Signing secret").inputValue();
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    await rotated.getByRole("button", { name: "I have copied it" }).click();

    // Turned off, the reason is said in words; then back on.
    await page.getByRole("button", { name: "Turn off" }).click();
    await page.getByText("Turned off by an administrator.").first().waitFor();
    await page.getByRole("button", { name: "Turn back on" }).click();
    await page.getByRole("button", { name: "Turn off" }).waitFor();

    // On a phone, the endpoint's page fits the screen.
    await page.setViewportSize({ width: 375, height: 760 });
    await page.getByRole("button", { name: "Send test event" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    // --- Settings → API tokens: a read token, shown once with its curl example, listed without it, revoked.
    const name = `Ideas export ${stamp}`;
    await page.goto("/settings", { waitUntil: "domcontentloaded" });
    await page.getByRole("heading", { level: 2, name: "API tokens" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(name);
    expect(await page.getByRole("checkbox", { name: /^Read/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenBox = page.getByLabel(`Token “${name}”`, { exact: true });
    await tokenBox.waitFor();
    const token = await tokenBox.inputValue();
    expect(token).toMatch(/^cpt_/);
    expect(await page.getByLabel("Try it", { exact: true }).inputValue()).toBe(`curl -H "Authorization: Bearer ${token}" ${baseUrl()}/api/v1/me`);
    expect((await fetch(`${baseUrl()}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    await page.getByRole("button", { name: "I have copied it" }).click();
    const tokens = page.getByRole("list", { name: "API tokens" });
    await tokens.getByText(name).waitFor();
    expect(await tokens.textContent()).not.toContain("cpt_");
    await page.reload({ waitUntil: "domcontentloaded" });
    await tokens.getByText(name).waitFor();
    expect(await page.content()).not.toContain(token);
    await tokens.getByRole("button", { name: `Revoke the token “${name}”` }).click();
    await page.getByRole("dialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke" }).click();
    await page.getByText(`Token “${name}” revoked`).waitFor();
    await expect.poll(() => page.getByText(name, { exact: true }).count()).toBe(0);
    expect((await fetch(`${baseUrl()}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);

    // --- The group's settings → Incoming hooks: the URL shown once, with its curl example.
    await page.goto(`/groups/${encodeURIComponent(group.id)}/about`, { waitUntil: "domcontentloaded" });
    await page.getByRole("button", { name: "Edit the group" }).click();
    const edit = page.getByRole("dialog", { name: "Edit the group" });
    await edit.getByRole("heading", { name: "Incoming hooks" }).waitFor();
    await edit.locator("#hook-name").fill("Build server");
    await edit.getByRole("button", { name: "Create hook" }).click();
    const hookBox = edit.getByLabel("URL of “Build server”", { exact: true });
    await hookBox.waitFor();
    const hookUrl = await hookBox.inputValue();
    expect(hookUrl).toMatch(/\/api\/v1\/hooks\/[^/]+$/);
    expect(await edit.getByLabel("Try it", { exact: true }).inputValue()).toBe(`curl -X POST -H 'Content-Type: application/json' -d '{"text":"Hello"}' ${hookUrl}`);
    await edit.getByRole("list", { name: "Incoming hooks" }).getByText("Build server").waitFor();
    await edit.getByRole("button", { name: "I have copied it" }).click();
    expect(await edit.textContent()).not.toContain(hookUrl);
    await page.keyboard.press("Escape");

    // --- In French, the tab is « Intégrations ».
    expect((await request.patch("/api/v1/me/profile", { data: { locale: "fr" } })).status()).toBe(200);
    await page.goto("/admin/integrations", { waitUntil: "domcontentloaded" });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await page.getByRole("link", { name: "Intégrations" }).and(page.locator("[aria-current=page]")).waitFor();
    await page.getByRole("heading", { level: 2, name: "Destinations des webhooks" }).waitFor();

    expect(problems).toEqual([]);
  } finally {
    await request.patch("/api/v1/me/profile", { data: { locale } });
    // The endpoint goes with the test: left enabled, it would queue deliveries (and their address checks) for every
    // later test's posts and arrivals.
    const list = (await (await request.get("/api/v1/admin/webhooks?limit=100")).json()) as { items?: { id: string; url: string }[] };
    for (const e of list.items ?? []) if (e.url.includes(`/comptoir/${stamp}`)) await request.delete(`/api/v1/admin/webhooks/${e.id}`);
    await context.close();
  }
});
