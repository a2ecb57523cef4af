import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, signInByApi } from "./browser";
import { XSS_CORPUS, XSS_SHORT } from "./xss-corpus";

// Every payload of the corpus goes in through the API — post bodies, comment bodies, profile bios, link titles, a group
// name and a display name — and is then rendered by the real pages in Chromium, under the app's Content-Security-Policy.
// Nothing may run (alert/confirm/prompt are counted, payloads bump window.__xss), no CSP violation may fire, no page
// error may happen, and no live dangerous element or attribute may reach the page.

const ADMIN = { email: "admin@demo.test", password: "comptoir-demo" };
const DEMO_PASSWORD = "comptoir-demo";
const BATCH = 20;

type Person = { id: string; email: string; name: string; handle: string; role: string; locale: string; deactivated: boolean; bio: string };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function session(email: string, password = DEMO_PASSWORD, withPage = false) {
  const opened = withPage ? await newContext(browser) : { context: await browser.newContext({ baseURL: baseUrl() }), problems: [] as string[] };
  await signInByApi(opened.context, email, password);
  return opened;
}

async function ok<T>(request: APIRequestContext, method: "post" | "patch", path: string, data: unknown, status = method === "post" ? 201 : 200): Promise<T> {
  const res = await request[method](path, { data });
  expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** Counters installed before any page script: dialogs, payload hits and CSP violations. */
async function arm(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __xss: number; __csp: string[]; alert: unknown; confirm: unknown; prompt: unknown };
    w.__xss = 0;
    w.__csp = [];
    w.alert = () => {
      w.__xss += 1;
    };
    w.confirm = () => {
      w.__xss += 1;
      return false;
    };
    w.prompt = () => {
      w.__xss += 1;
      return null;
    };
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
}

/** Live dangerous markup in the main column: elements that run or navigate, event handlers, script-bearing URLs. */
function dangerousMarkup(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const inProse = (el: Element) => !!el.closest(".prose");
    const forbidden = new Set(["script", "iframe", "object", "embed", "frame", "frameset", "applet", "form", "meta", "base", "link", "style", "template", "math", "noscript", "xmp", "plaintext", "marquee", "video", "audio", "source", "details", "input", "textarea", "select", "button", "keygen", "isindex"]);
    for (const el of document.querySelectorAll("main *")) {
      const tag = el.tagName.toLowerCase();
      if (forbidden.has(tag) && inProse(el)) found.push(`<${tag}>`);
      if (tag === "svg" && !el.classList.contains("icon")) found.push("<svg>");
      for (const attr of el.attributes) {
        const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
        if (/^(href|src|action|formaction|xlink:href|srcdoc|data|background|poster)$/i.test(attr.name) && /^(javascript|vbscript|data):/.test(value)) found.push(`${tag}[${attr.name}=${attr.value}]`);
        if (attr.name === "style" && inProse(el)) found.push(`${tag}[style]`);
      }
    }
    return found;
  });
}

async function verdict(page: Page, where: string, dialogs: string[]) {
  // Handlers of broken images and the like fire a moment after insertion.
  await page.waitForTimeout(250);
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xss: number; __csp: string[] };
    return { hits: w.__xss, csp: w.__csp };
  });
  expect(state.hits, `payload ran on ${where}`).toBe(0);
  expect(state.csp, `CSP violation on ${where}`).toEqual([]);
  expect(dialogs, `dialog on ${where}`).toEqual([]);
  expect(await dangerousMarkup(page), `live dangerous markup on ${where}`).toEqual([]);
}

it(`renders ${XSS_CORPUS.length} payloads inertly in posts, comments, bios, titles and names`, { timeout: 240_000 }, async () => {
  expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(200);
  const stamp = Date.now().toString(36);
  const marker = `xssmark${stamp}`;

  // --- Two English-speaking seeded members (not the ones the other tests lean on): an author and a commenter.
  const admin = await session(ADMIN.email, ADMIN.password);
  const listing = await admin.context.request.get("/api/v1/users?limit=100");
  const people = ((await listing.json()) as { items: Person[] }).items.filter((u) => u.role === "member" && u.locale === "en" && !u.deactivated);
  await admin.context.close();
  const [authorInfo, commenterInfo] = people.slice(1, 3);

  const author = await session(authorInfo.email, DEMO_PASSWORD, true);
  const commenter = await session(commenterInfo.email);
  const a = author.context.request;
  const c = commenter.context.request;

  // --- The content: a group whose name is a payload, posts and comments carrying the corpus in batches, link posts
  // whose titles are payloads, the commenter's display name as a payload.
  const group = await ok<{ id: string }>(a, "post", "/api/v1/groups", { name: `XSS ${XSS_SHORT[0]} ${stamp}`, description: XSS_SHORT.join(" "), visibility: "open", kind: "community" });
  await ok(c, "post", `/api/v1/groups/${group.id}/join`, undefined, 200);
  const originalName = commenterInfo.name;
  await ok(c, "patch", "/api/v1/me/profile", { name: XSS_SHORT[1] });

  // A lone surrogate in front of a payload (half a character, once a way around naive filters) is refused outright.
  const halfCharacter = await a.post(`/api/v1/groups/${group.id}/posts`, { data: { body: "\ud800<script>alert(0)</script>" } });
  expect(halfCharacter.status()).toBe(400);

  const postIds: string[] = [];
  const commented = new Set<string>();
  for (let i = 0; i < XSS_CORPUS.length; i += BATCH) {
    const batch = XSS_CORPUS.slice(i, i + BATCH);
    const body = `${marker} batch ${i / BATCH}\n\n${batch.join("\n\n")}`;
    const post = await ok<{ id: string }>(a, "post", `/api/v1/groups/${group.id}/posts`, { body });
    await ok(c, "post", `/api/v1/posts/${post.id}/comments`, { body });
    postIds.push(post.id);
    commented.add(post.id);
  }
  for (const [i, title] of XSS_SHORT.entries()) {
    const post = await ok<{ id: string }>(a, "post", `/api/v1/groups/${group.id}/posts`, { kind: "link", title, url: `https://ok.example/${i}?q=${encodeURIComponent(title)}`, body: `${marker} link ${title}` });
    postIds.push(post.id);
  }

  // --- Rendering, as the author: every post page (post, its comment by the payload-named commenter).
  await arm(author.context);
  const page = await author.context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const id of postIds) {
    await page.goto(`/posts/${id}`);
    await page.locator(".post-body").first().waitFor();
    await page.getByText(marker).first().waitFor();
    if (commented.has(id)) await page.locator(".comment-body").first().waitFor();
    await verdict(page, `post ${id}`, dialogs);
  }

  // The lists that show the same posts: the group, the home feed, the search results (snippets), the notifications
  // (excerpts of what was commented).
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("list", { name: "Posts" }).getByText(marker).first().waitFor();
  await verdict(page, "group page", dialogs);
  await page.goto("/");
  await page.getByRole("list", { name: "Your feed" }).getByText(marker).first().waitFor();
  await verdict(page, "home feed", dialogs);
  await page.goto(`/search?q=${marker}`);
  await page.getByRole("list", { name: "Results" }).locator("mark").first().waitFor();
  await verdict(page, "search", dialogs);
  await page.goto("/notifications");
  await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await page.locator(".notif-list, .empty-state").first().waitFor();
  await verdict(page, "notifications", dialogs);

  // --- Bios: the corpus in as few bios as fit (20,000 characters each), each shown on the profile page.
  const bios: string[] = [];
  let current = "";
  for (const payload of XSS_CORPUS) {
    const next = `${current}\n\n${payload}`;
    if (next.length > 19_000) {
      bios.push(current);
      current = payload;
    } else current = next;
  }
  bios.push(current);
  for (const [i, bio] of bios.entries()) {
    await ok(a, "patch", "/api/v1/me/profile", { bio: `${marker} bio ${i}\n\n${bio}` });
    await page.goto(`/people/${authorInfo.id}`);
    await page.getByText(`${marker} bio ${i}`).waitFor();
    await verdict(page, `bio ${i}`, dialogs);
  }
  // The commenter's profile, whose name is a payload.
  await page.goto(`/people/${commenterInfo.id}`);
  await page.getByRole("heading", { level: 1, name: XSS_SHORT[1] }).waitFor();
  await verdict(page, "payload-named profile", dialogs);

  expect(author.problems).toEqual([]);

  // Leave the seeded people as they were.
  await ok(a, "patch", "/api/v1/me/profile", { bio: authorInfo.bio });
  await ok(c, "patch", "/api/v1/me/profile", { name: originalName });
  await Promise.all([author.context.close(), commenter.context.close()]);
});
