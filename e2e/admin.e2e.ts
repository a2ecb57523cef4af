import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ADMIN, launchBrowser, newContext, signInByApi } from "./browser";

// The admin console as an administrator uses it (issue 12): a member's role changed from the members tab, the
// network's name changed in the settings (the shell shows it at once), both found in the audit log, and a SCIM token
// created (shown once, then listed without it).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("changes a member's role and the network's name, finds both in the audit log, creates a SCIM token shown once", { timeout: 120_000 }, async () => {
  const stamp = Date.now().toString(36);
  const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  await signInByApi(context, DEMO_ADMIN);
  const request = context.request;
  const me = (await (await request.get("/api/v1/me")).json()) as { user: { locale: string } };
  expect((await request.patch("/api/v1/me/profile", { data: { locale: "en" } })).status()).toBe(200);
  const settings = (await (await request.get("/api/v1/admin/settings")).json()) as Record<string, unknown>;

  // A fresh member, invited and accepted through the API in a context of their own.
  const email = `role.${stamp}@example.test`;
  const invited = (await (await request.post("/api/v1/admin/invitations", { data: { email, role: "member" } })).json()) as { url: string };
  const charter = (await (await request.get("/api/v1/charter")).json()) as { version: number };
  const other = await newContext(browser);
  const accepted = await other.context.request.post("/api/v1/auth/accept-invitation", {
    data: { token: decodeURIComponent(invited.url.split("/invite/")[1]), name: `Rolf Quartz ${stamp}`, password: "a long enough password", charterVersion: charter.version },
  });
  expect(accepted.status()).toBe(200);
  const memberId = ((await accepted.json()) as { user: { id: string } }).user.id;
  await other.context.close();

  let tokenId: string | undefined;
  try {
    // --- Members: find them, make them a guest.
    const page = await context.newPage();
    await page.goto("/admin/members", { waitUntil: "domcontentloaded" });
    await page.getByRole("heading", { level: 2, name: "Members" }).waitFor();
    await page.getByLabel("Search", { exact: true }).fill(`Quartz ${stamp}`);
    await page.getByRole("button", { name: "Apply" }).click();
    const role = page.getByLabel(`Role of Rolf Quartz ${stamp}`);
    await role.waitFor();
    await role.selectOption("guest");
    await page.getByText(`Rolf Quartz ${stamp} is now Guest`).waitFor();
    const member = (await (await request.get(`/api/v1/admin/members?q=${encodeURIComponent(`Quartz ${stamp}`)}`)).json()) as { items: { role: string }[] };
    expect(member.items.map((m) => m.role)).toEqual(["guest"]);

    // --- Settings: a new name; the shell shows it without a reload.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 2, name: "Settings" }).waitFor();
    const name = `Banque ${stamp}`;
    await page.getByLabel("Network name").fill(name);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Settings saved").waitFor();
    await page.locator(".sidebar .brand-name", { hasText: name }).waitFor();
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.locator(".sidebar .brand-name", { hasText: name }).waitFor();

    // --- The audit log: both actions, by this administrator.
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 2, name: "Audit log" }).waitFor();
    await page.getByLabel("Target id").fill(memberId);
    await page.getByRole("button", { name: "Apply" }).click();
    const roleRow = page.locator("tbody tr", { hasText: "member.role" });
    await roleRow.waitFor();
    expect(await roleRow.textContent()).toContain('role: "member" → "guest"');
    await page.getByLabel("Target id").fill("");
    await page.getByLabel("Action", { exact: true }).fill("settings.update");
    await page.getByRole("button", { name: "Apply" }).click();
    const settingsRow = page.locator("tbody tr", { hasText: name }).first();
    await settingsRow.waitFor();
    expect(await settingsRow.textContent()).toContain("settings.update");
    const csv = page.getByRole("link", { name: "Download CSV" });
    expect(await csv.getAttribute("href")).toContain("format=csv");

    // --- SCIM: a token, shown once; after a reload it is listed by name only.
    await page.getByRole("link", { name: "SCIM provisioning" }).click();
    await page.getByLabel("Token name").fill(`Entra ${stamp}`);
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("SCIM token", { exact: true }).inputValue();
    expect(token).toMatch(/^scim_[\w-]{43}$/);
    await page.reload({ waitUntil: "domcontentloaded" });
    const row = page.locator("tbody tr", { hasText: `Entra ${stamp}` });
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
    const tokens = (await (await request.get("/api/v1/admin/scim-tokens")).json()) as { items: { id: string; name: string }[] };
    tokenId = tokens.items.find((t) => t.name === `Entra ${stamp}`)?.id;
    // The token works against SCIM.
    const scim = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(scim.status()).toBe(200);
    expect(((await scim.json()) as { totalResults: number }).totalResults).toBe(1);

    // --- A group's part of the log, for its animators: the group's "Audit log" tab (here its owner, this administrator).
    const group = (await (await request.post("/api/v1/groups", { data: { name: `Audited ${stamp}`, visibility: "secret", kind: "community" } })).json()) as { id: string };
    expect((await request.post(`/api/v1/groups/${group.id}/members`, { data: { userId: memberId } })).status()).toBe(201);
    await page.goto(`/groups/${group.id}/audit`, { waitUntil: "domcontentloaded" });
    await page.getByRole("heading", { level: 2, name: "The group's audit log" }).waitFor();
    await page.locator("tbody tr", { hasText: "group.member_add" }).waitFor();

    // Phone layout: every tab of the console fits 390 px without a page-wide horizontal scroll, and every tab of the
    // console's tab list can be scrolled into view (the list scrolls sideways by itself).
    await page.setViewportSize({ width: 390, height: 844 });
    const tabs = ["invitations", "charter", "integrations", "members", "groups", "moderation", "settings", "sso", "scim", "audit"];
    const phone: Record<string, { overflow: number; unreachable: string[] }> = {};
    for (const tab of tabs) {
      await page.goto(`/admin/${tab}`, { waitUntil: "domcontentloaded" });
      await page.locator(".page h2").first().waitFor();
      await page.waitForFunction(() => !document.querySelector(".skeleton"));
      phone[tab] = await page.evaluate(() => {
        const unreachable: string[] = [];
        for (const link of document.querySelectorAll<HTMLAnchorElement>("nav.tabs .tab-link")) {
          link.scrollIntoView({ block: "nearest", inline: "nearest" });
          const box = link.getBoundingClientRect();
          if (box.left < -1 || box.right > window.innerWidth + 1 || box.width === 0) unreachable.push(link.textContent ?? "");
        }
        return { overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), unreachable };
      });
    }
    expect(phone).toEqual(Object.fromEntries(tabs.map((tab) => [tab, { overflow: 0, unreachable: [] }])));
    expect(problems).toEqual([]);
  } finally {
    if (tokenId) await request.delete(`/api/v1/admin/scim-tokens/${tokenId}`);
    const { updatedAt: _u, updatedBy: _b, logoUrl: _l, ...body } = settings;
    await request.put("/api/v1/admin/settings", { data: body });
    await request.patch("/api/v1/me/profile", { data: { locale: me.user.locale } });
    await context.close();
  }
});
