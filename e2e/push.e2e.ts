import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext, signInByApi as signIn } from "./browser";

// Issue 14, item 2 (web push), the browser's side. The push itself, encrypted by the Worker and decrypted with the
// subscription's keys, is tested where the test can play the push service: worker/services/push/push.test.ts. Here:
// the settings switch says when the browser refuses permission, in English and French; and the service worker shows a
// push it receives (delivered through the DevTools protocol, as a push service would) with its title, body and page,
// which stays on this site whatever the message says.

const MEMBER = "thomas.girard@demo.test";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("says in the member's language when the browser refuses notifications", async () => {
  const { context, problems } = await newContext(browser, { viewport: { width: 390, height: 844 } });
  await signIn(context, MEMBER);
  await context.request.patch("/api/v1/me/profile", { data: { locale: "en" } });
  const page = await context.newPage();
  await page.goto("/settings", { waitUntil: "domcontentloaded" });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const toggle = page.getByRole("switch", { name: "Notifications on this device" });
  await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);
  expect(await toggle.isChecked()).toBe(false);
  // Headless Chromium refuses every permission it is asked for, as a member who clicked "Block" would.
  await page.evaluate(() => Notification.permission).then((p) => expect(p).not.toBe("granted"));
  await toggle.check({ force: true }).catch(() => undefined);
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Your browser blocks notifications from this site" }).count(), { timeout: 10_000 }).toBe(1);
  expect(await toggle.isChecked()).toBe(false);

  await context.request.patch("/api/v1/me/profile", { data: { locale: "fr" } });
  await page.reload({ waitUntil: "domcontentloaded" });
  const bascule = page.getByRole("switch", { name: "Notifications sur cet appareil" });
  await bascule.waitFor();
  await expect.poll(() => bascule.isEnabled(), { timeout: 10_000 }).toBe(true);
  await bascule.check({ force: true }).catch(() => undefined);
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Votre navigateur bloque les notifications de ce site" }).count(), { timeout: 10_000 }).toBe(1);
  await context.request.patch("/api/v1/me/profile", { data: { locale: "en" } });
  expect(problems).toEqual([]);
  await context.close();
});

it("shows a push with its title, body and page, tagged by the page, and keeps a foreign url on this site", async () => {
  const { context } = await newContext(browser);
  await context.grantPermissions(["notifications"]);
  await signIn(context, MEMBER);
  const page = await context.newPage();
  await page.goto("/settings", { waitUntil: "domcontentloaded" });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: { registrationId: string; scopeURL: string }[] }) => registrations.push(...e.registrations));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  const deliver = (data: unknown) => cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId: registrations[0].registrationId, data: JSON.stringify(data) });
  const shown = () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url })));

  await deliver({ title: "Alice Martin mentioned you in Sales", body: "The deck is ready", url: "/posts/pst_0000000000aaaaaaaaaaaaaaaa" });
  await expect.poll(shown, { timeout: 10_000 }).toEqual([
    { title: "Alice Martin mentioned you in Sales", body: "The deck is ready", tag: "/posts/pst_0000000000aaaaaaaaaaaaaaaa", url: "/posts/pst_0000000000aaaaaaaaaaaaaaaa" },
  ]);
  // A second push about the same page replaces the first; one that names another site opens this site's home.
  await deliver({ title: "Bob replied", body: "Thanks", url: "/posts/pst_0000000000aaaaaaaaaaaaaaaa" });
  await deliver({ title: "Elsewhere", body: "", url: "https://evil.example/phish" });
  await expect.poll(async () => (await shown()).map((n) => `${n.title} → ${n.url}`).sort(), { timeout: 10_000 }).toEqual(["Bob replied → /posts/pst_0000000000aaaaaaaaaaaaaaaa", "Elsewhere → /"]);
  await context.close();
});
