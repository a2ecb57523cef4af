import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext } from "./browser";

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

// Through the real local server (wrangler dev serves /assets/* itself, without the Worker, as Cloudflare does): what
// the workerd route tests cannot see. Plain requests, no browser.
it("serves hashed assets immutable with nosniff, the page revalidated, and answers an over-long address 414 at once", async () => {
  const page = await fetch(`${baseUrl()}/`);
  expect(page.headers.get("cache-control") ?? "").not.toContain("immutable");
  const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(await page.text())?.[1];
  expect(script, "the page's entry script").toBeTruthy();
  const asset = await fetch(`${baseUrl()}${script}`);
  await asset.arrayBuffer();
  expect(asset.status).toBe(200);
  expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  expect(asset.headers.get("x-content-type-options")).toBe("nosniff");

  const started = Date.now();
  const long = await fetch(`${baseUrl()}/search?q=${"a".repeat(20_000)}`);
  expect(long.status).toBe(414);
  expect(((await long.json()) as { error: { code: string } }).error.code).toBe("uri_too_long");
  expect(Date.now() - started).toBeLessThan(5000);
  // Past about 64 KB of request head, the local server itself answers a plain-text 431 before the Worker sees it.
  const huge = await fetch(`${baseUrl()}/search?q=${"a".repeat(70_000)}`);
  expect(huge.status).toBe(431);
  await huge.arrayBuffer();
});
