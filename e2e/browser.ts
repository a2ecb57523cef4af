import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("chromiumPath"),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A context that records every Content-Security-Policy violation and page error, so tests can assert there were none. */
export async function newContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context: BrowserContext = await browser.newContext({ baseURL: baseUrl(), locale: "en-US", ...options });
  const problems: string[] = [];
  context.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  context.on("weberror", (err) => problems.push(String(err.error())));
  return { context, problems };
}
