import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("serves the client under its Content-Security-Policy without a violation", async () => {
  const { context, problems } = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto("/");
  expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect.poll(() => page.locator("h1").textContent()).toContain("Comptoir");
  expect(problems).toEqual([]);
  await context.close();
});
