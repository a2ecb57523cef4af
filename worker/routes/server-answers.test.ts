import { describe, expect, it } from "vitest";
import { PNG } from "../test/images";
import { api, createGroup, createMember, expectError, newCharterVersion, ORIGIN, send, tableCounts, workerFetch } from "../test/factories";

/**
 * Issue 15, "Server answers": what a member or a browser gets back beyond the body. A must-read asked by someone who may
 * not announce is refused, not dropped; a group's moderation lists refuse a plain member before reading the query; API
 * answers are never cached; hashed assets are cached for good; an over-long address is answered 414 at once.
 */

async function ownedGroup() {
  const owner = await createMember();
  const res = await api("/api/v1/groups", { as: owner, body: { name: `Announcing ${owner.handle}`, description: "News", visibility: "open", kind: "community" } });
  expect(res.status, res.text).toBe(201);
  return { owner, gid: res.json.id as string };
}

describe("must-read posts", () => {
  it("refuses mustRead: true from a plain member with 403 and writes nothing", async () => {
    const member = await createMember();
    const gid = await createGroup([{ user: member }]);
    const before = await tableCounts();
    const err = await expectError(await api(`/api/v1/groups/${gid}/posts`, { as: member, body: { body: "Everyone read this", mustRead: true } }), 403, "forbidden");
    expect(err.message).toBe("Only animators and administrators make announcements and must-read posts");
    expect(await tableCounts()).toEqual(before);
    // The same post without the flag (or with it false) is an ordinary post.
    const plain = await api(`/api/v1/groups/${gid}/posts`, { as: member, body: { body: "Everyone read this", mustRead: false } });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.json.receipts).toBe(null);
  });

  it("gives the flag to an announcement by the group's owner, and refuses it on a discussion with 400", async () => {
    const { owner, gid } = await ownedGroup();
    const ann = await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "Read me", kind: "announcement", mustRead: true } });
    expect(ann.status, ann.text).toBe(201);
    expect(ann.json.receipts).toEqual({ mustRead: true, read: false, readCount: 0, audience: 1 });
    const err = await expectError(await api(`/api/v1/groups/${gid}/posts`, { as: owner, body: { body: "Read me too", kind: "discussion", mustRead: true } }), 400, "validation_failed");
    expect(err.details).toEqual([{ path: "mustRead", message: "Only an announcement is a must-read" }]);
  });
});

describe("permission before validation", () => {
  it("answers a plain member 403 on a group's moderation lists whatever the query says", async () => {
    const { owner, gid } = await ownedGroup();
    const member = await createMember();
    expect((await api(`/api/v1/groups/${gid}/join`, { as: member, method: "POST" })).status).toBe(200);
    for (const path of [`/api/v1/groups/${gid}/reports?state=zz&limit=abc`, `/api/v1/groups/${gid}/audit?limit=0&bogus=1`, `/api/v1/groups/${gid}/reports`]) {
      await expectError(await send(path, { as: member }), 403, "forbidden");
    }
    // The group's owner gets the validation answer for the same bad query, and the list for a good one.
    await expectError(await send(`/api/v1/groups/${gid}/reports?state=zz`, { as: owner }), 400, "validation_failed");
    expect((await send(`/api/v1/groups/${gid}/audit?limit=5`, { as: owner })).status).toBe(200);
  });
});

describe("caching", () => {
  it("answers API JSON private, no-store: a member's own data, a list, an error; the lists with an ETag private, no-cache", async () => {
    const member = await createMember();
    for (const [path, as, status, cache] of [
      ["/api/v1/me", member, 200, "private, no-store"],
      ["/api/v1/me/tokens", member, 200, "private, no-store"],
      // A list with an ETag (issue 13): kept, and asked for again each time (routes/etag.test.ts).
      ["/api/v1/notifications", member, 200, "private, no-cache"],
      ["/api/v1/me", null, 401, "private, no-store"],
      ["/api/v1/no-such-route", member, 404, "private, no-store"],
    ] as const) {
      const res = await send(path, { as });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("Cache-Control"), path).toBe(cache);
    }
  });

  it("says when each API answer's request began (X-Request-Time, ms): after what came before it, before a post written after it", async () => {
    const member = await createMember();
    const before = Date.now();
    const feed = await send("/api/v1/feed", { as: member });
    expect(feed.status).toBe(200);
    const readAt = Number(feed.headers.get("X-Request-Time"));
    expect(readAt).toBeGreaterThanOrEqual(before);
    const group = await api("/api/v1/groups", { as: member, body: { name: `Clock ${member.handle}`, visibility: "open", kind: "community" } });
    expect(group.status, group.text).toBe(201);
    const post = await api(`/api/v1/groups/${group.json.id}/posts`, { as: member, body: { body: "After the read" } });
    expect(post.status, post.text).toBe(201);
    // A post id's first 10 characters after "pst_" are its time (worker/lib/ids.ts), on the same clock.
    const idTime = [...(post.json.id as string).slice(4, 14)].reduce((ms, c) => ms * 32 + "0123456789abcdefghjkmnpqrstvwxyz".indexOf(c), 0);
    expect(idTime).toBeGreaterThanOrEqual(readAt);
    const error = await send("/api/v1/me", { as: null });
    expect(error.status).toBe(401);
    expect(Number(error.headers.get("X-Request-Time"))).toBeGreaterThanOrEqual(readAt);
  });

  it("serves hashed /assets/* public, immutable for a year with nosniff, and never the page itself", async () => {
    const page = await workerFetch(`${ORIGIN}/`);
    const html = await page.text();
    expect(page.headers.get("Cache-Control") ?? "").not.toContain("immutable");
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script, "the page's entry script").toBeTruthy();
    const res = await workerFetch(`${ORIGIN}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    // The SPA fallback (an address the client routes) is the page again: not cached for good either.
    const route = await workerFetch(`${ORIGIN}/groups/anything`);
    await route.text();
    expect(route.headers.get("Cache-Control") ?? "").not.toContain("immutable");
  });

  it("asks the browser to revalidate the page and the service worker on every visit", async () => {
    for (const path of ["/", "/groups/anything", "/sw.js"]) {
      const res = await workerFetch(`${ORIGIN}${path}`);
      await res.text();
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("no-cache");
    }
  });

  it("serves avatars at an address that names their bytes, private and immutable for a year", async () => {
    const member = await createMember();
    // A new upload is a new file id, so the address changes with the content.
    const first = await send("/api/v1/me/avatar", { as: member, method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    const second = await send("/api/v1/me/avatar", { as: member, method: "PUT", raw: PNG.slice(), headers: { "Content-Type": "image/png" } });
    expect(first.status, first.text).toBe(200);
    expect(second.status, second.text).toBe(200);
    const a = first.json.avatarUrl as string;
    const b = second.json.avatarUrl as string;
    expect(a).toMatch(new RegExp(`^/api/v1/files/avatars/${member.id}/fil_[0-9a-z]{26}$`));
    expect(b).not.toBe(a);
    const res = await send(b, { as: member });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
  });
});

describe("first reads preloaded with the page", () => {
  it("names the screen's first API reads in a Link header, then the frame's, with the member's cookie; only /me without one", async () => {
    const member = await createMember();
    const post = "pst_0000000000aaaaaaaaaaaaaaaa";
    const group = "grp_0000000000bbbbbbbbbbbbbbbb";
    const cases: [string, boolean, string][] = [
      ["/", true, "</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/feed?limit=20>; rel=preload; as=fetch; crossorigin, </api/v1/groups?mine=1&limit=100>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin"],
      ["/", false, "</api/v1/me>; rel=preload; as=fetch; crossorigin"],
      [`/groups/${group}`, true, `</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/groups/${group}>; rel=preload; as=fetch; crossorigin, </api/v1/groups/${group}/posts?sort=new&limit=20>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin`],
      [`/groups/${group}?sort=rating`, true, `</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/groups/${group}>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin`],
      [`/posts/${post}`, true, `</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/posts/${post}>; rel=preload; as=fetch; crossorigin, </api/v1/posts/${post}/comments?limit=50>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin`],
      ["/posts/not-an-id", true, "</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin"],
      ["/groups/<script>", true, "</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin"],
      ["/coffee", true, "</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/office-hours?state=live&limit=50>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin"],
      ["/coffee/pairing", true, "</api/v1/me>; rel=preload; as=fetch; crossorigin, </api/v1/network>; rel=preload; as=fetch; crossorigin, </api/v1/notifications/unread>; rel=preload; as=fetch; crossorigin"],
    ];
    for (const [path, signedIn, link] of cases) {
      const res = await workerFetch(`${ORIGIN}${path}`, { headers: signedIn ? { Cookie: member.cookie } : {} });
      await res.text();
      expect(res.status, path).toBe(200);
      // The API reads come first; the screen's code after them (the next test).
      const reads = (res.headers.get("Link") ?? "").split(", ").filter((l) => l.includes("as=fetch")).join(", ");
      expect(reads, `${path} ${signedIn}`).toBe(link);
      expect(res.headers.get("Vary") ?? "", path).toContain("Cookie");
    }
    // Files and API answers name nothing.
    const asset = await workerFetch(`${ORIGIN}/manifest.webmanifest`, { headers: { Cookie: member.cookie } });
    await asset.text();
    expect(asset.headers.get("Link")).toBe(null);
    const api = await send("/api/v1/me", { as: member });
    expect(api.headers.get("Link")).toBe(null);
  });
});

describe("first reads inside the page", () => {
  /** A browser's navigation to `path` (`Sec-Fetch-Dest: document`), with `cookie` when given. */
  async function navigate(path: string, cookie?: string) {
    const res = await workerFetch(`${ORIGIN}${path}`, { headers: { "Sec-Fetch-Dest": "document", ...(cookie ? { Cookie: cookie } : {}) } });
    const html = await res.text();
    expect(res.status, path).toBe(200);
    const block = /<script type="application\/json" id="first-reads">([^<]*)<\/script>/.exec(html)?.[1];
    const reads = block === undefined ? null : (JSON.parse(block) as Record<string, { t: string | null; b: any }>);
    const preloads = (res.headers.get("Link") ?? "").split(", ").filter((l) => l.includes("as=fetch")).map((l) => /^<([^>]+)>/.exec(l)![1]);
    return { res, html, reads, preloads };
  }

  it("carries a member's own first reads (no request left for them), privately, and another member's page carries theirs", async () => {
    const ann = await createMember({ name: "Ann Inline" });
    const bob = await createMember({ name: "Bob Inline" });
    const page = await navigate("/", ann.cookie);
    expect(Object.keys(page.reads ?? {})).toEqual(["/api/v1/me", "/api/v1/feed?limit=20", "/api/v1/groups?mine=1&limit=100", "/api/v1/network", "/api/v1/notifications/unread"]);
    expect(page.reads!["/api/v1/me"]!.b.user.id).toBe(ann.id);
    expect(page.reads!["/api/v1/me"]!.b.user.name).toBe("Ann Inline");
    expect(page.reads!["/api/v1/feed?limit=20"]!.b.items).toEqual([]);
    expect(page.reads!["/api/v1/notifications/unread"]!.b).toEqual({ unread: 0 });
    // When the read began on the server's clock, as the API's own answer says it (the home feed needs it).
    expect(page.reads!["/api/v1/feed?limit=20"]!.t).toMatch(/^\d{13}$/);
    expect(page.preloads).toEqual([]);
    expect(page.res.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(page.res.headers.get("Vary")).toContain("Cookie");
    expect(page.res.headers.get("ETag")).toBe(null);
    // Bob's page, right after: his own, nothing of Ann's.
    const his = await navigate("/", bob.cookie);
    expect(his.reads!["/api/v1/me"]!.b.user.id).toBe(bob.id);
    expect(his.html).not.toContain(ann.id);
    expect(his.html).not.toContain("Ann Inline");
    // A validator from Ann's page brings a whole page back, never a 304 to a copy with older answers.
    const again = await workerFetch(`${ORIGIN}/`, { headers: { "Sec-Fetch-Dest": "document", Cookie: ann.cookie, "If-None-Match": "*" } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('id="first-reads"');
  });

  it("carries nothing without a session, nor for a fetch that is not a navigation (the service worker's shell)", async () => {
    const member = await createMember();
    const signedOut = await navigate("/");
    expect(signedOut.reads).toBe(null);
    expect(signedOut.preloads).toEqual(["/api/v1/me"]);
    expect(signedOut.res.headers.get("Cache-Control")).toBe("no-cache");
    for (const path of ["/", "/index.html"]) {
      const res = await workerFetch(`${ORIGIN}${path}`, { headers: { Cookie: member.cookie } });
      expect(await res.text(), path).not.toContain("first-reads");
    }
    const shell = await workerFetch(`${ORIGIN}/index.html`, { headers: { Cookie: member.cookie, "Sec-Fetch-Dest": "document" } });
    expect(await shell.text()).not.toContain("first-reads");
  });

  it("neither carries nor preloads a read refused to the member: their code asks again when it needs it", async () => {
    const member = await createMember();
    const group = "grp_0000000000bbbbbbbbbbbbbbbb";
    const page = await navigate(`/groups/${group}`, member.cookie);
    expect(Object.keys(page.reads ?? {})).toEqual(["/api/v1/me", "/api/v1/network", "/api/v1/notifications/unread"]);
    expect(page.preloads).toEqual([]);
  });

  it("does not preload a charter_required refusal, which would outlive the member's acceptance", async () => {
    await newCharterVersion(await createMember({ role: "admin" }), "# Charter\n\nBe kind.");
    const member = await createMember({ charterAccepted: false });
    const page = await navigate("/", member.cookie);
    expect(page.reads!["/api/v1/me"]!.b.charterAccepted).toBe(false);
    expect(Object.keys(page.reads ?? {})).not.toContain("/api/v1/feed?limit=20");
    expect(page.preloads).toEqual([]);
  });

  it("writes no markup a name could close the script with", async () => {
    const member = await createMember({ name: "Eve </script><script>alert(1)</script> <!--" });
    const page = await navigate("/", member.cookie);
    expect(page.html).not.toContain("alert(1)</script>");
    // The entry script's element and the data's, no other.
    expect(page.html.match(/<\/script>/g)?.length).toBe(2);
    expect(page.reads!["/api/v1/me"]!.b.user.name).toBe("Eve </script><script>alert(1)</script> <!--");
  });

  it("names only the member's language's word parts", async () => {
    const member = await createMember({ profile: { locale: "fr" } });
    const page = await navigate("/", member.cookie);
    const link = page.res.headers.get("Link") ?? "";
    expect(link).toMatch(/words-fr-posts_composer-/);
    expect(link).not.toMatch(/words-en-/);
    expect(page.html).toMatch(/words-fr-core-/);
    expect(page.html).not.toMatch(/words-en-core-/);
  });
});

describe("the screen's code preloaded with the page", () => {
  /** A chunk's or stylesheet's stem (`/assets/group-page-AbC12_x.js` → `group-page`; hashes are 8 characters and may
   *  hold "-"), or a word part's (`words-fr-groups_group_page`). */
  const stem = (file: string) => /^\/assets\/(words-\w+-\w+)-/.exec(file)?.[1] ?? /^\/assets\/(.+)-[\w-]{8}\.(js|css)$/.exec(file)![1]!;

  /** The page's code links: the files index.html names (named first), then the route's scripts and stylesheets. */
  async function codeOf(path: string, cookie?: string) {
    const res = await workerFetch(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
    const html = await res.text();
    expect(res.status, path).toBe(200);
    const inPage = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!));
    const links = (res.headers.get("Link") ?? "").split(", ").filter((l) => !l.includes("as=fetch"));
    const files = links.map((l) => {
      const m = /^<(\/assets\/[\w.-]+\.(js|css))>; (rel=modulepreload|rel=preload; as=style; crossorigin)$/.exec(l);
      expect(m, `${path}: ${l}`).not.toBe(null);
      expect(m![3], l).toBe(m![2] === "js" ? "rel=modulepreload" : "rel=preload; as=style; crossorigin");
      return m![1]!;
    });
    const firstOwn = files.findIndex((f) => !inPage.has(f));
    const entry = firstOwn === -1 ? files : files.slice(0, firstOwn);
    const own = firstOwn === -1 ? [] : files.slice(firstOwn);
    expect(own.filter((f) => inPage.has(f)), `${path}: the page's files come first, once`).toEqual([]);
    return { entry: entry.map(stem), scripts: own.filter((f) => f.endsWith(".js")).map(stem), styles: own.filter((f) => f.endsWith(".css")).map(stem) };
  }

  it("names the page's files, then the route's own chunk, its imports, stylesheets and word parts in both languages", async () => {
    const member = await createMember();
    const group = await codeOf("/groups/grp_0000000000bbbbbbbbbbbbbbbb", member.cookie);
    expect(group.entry[0]).toBe("index");
    expect(group.entry).toContain("signals.module");
    expect(group.scripts[0]).toBe("group-page");
    expect(group.scripts).toEqual(expect.arrayContaining(["tabs", "forms", "words-en-groups_group_page", "words-fr-groups_group_page", "words-en-posts_composer", "words-fr-posts_composer"]));
    // One word file a screen and language: not one per prefix its labels name (ten before).
    expect(group.scripts.filter((s) => s.startsWith("words-en-"))).toEqual(["words-en-groups_group_page", "words-en-posts_composer"]);
    // The group page's styles come with the module its header and posts share with the other group screens.
    expect(group.styles).toContain("groups");
    expect(group.scripts.some((s) => s.startsWith("words-en-core") || s === "index")).toBe(false);
    const post = await codeOf("/posts/pst_0000000000aaaaaaaaaaaaaaaa", member.cookie);
    expect(post.scripts[0]).toBe("post-page");
    expect(post.scripts).toContain("comments");
    expect((await codeOf("/groups/grp_0000000000bbbbbbbbbbbbbbbb/members", member.cookie)).scripts[0]).toBe("group-page");
    expect((await codeOf("/coffee", member.cookie)).scripts[0]).toBe("lobby");
    expect((await codeOf("/coffee/pairing", member.cookie)).scripts[0]).toBe("pairing");
    const home = await codeOf("/", member.cookie);
    expect(home.scripts[0]).toBe("composer");
    expect(home.scripts).toContain("closing-soon");
    // No address that is not a route: nothing at all.
    expect(await codeOf("/no/such/screen", member.cookie)).toEqual({ entry: [], scripts: [], styles: [] });
  });

  it("names only files the build wrote: no script of a stylesheet-only chunk, which Vite drops (a 404 before the first paint)", async () => {
    const member = await createMember();
    for (const [path, cookie] of [["/", member.cookie], ["/groups/grp_0000000000bbbbbbbbbbbbbbbb", member.cookie], ["/posts/pst_0000000000aaaaaaaaaaaaaaaa", member.cookie], ["/coffee", member.cookie], ["/people", member.cookie], ["/login", undefined]] as const) {
      const res = await workerFetch(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
      await res.text();
      const files = [...(res.headers.get("Link") ?? "").matchAll(/<(\/assets\/[^>]+)>/g)].map((m) => m[1]!);
      expect(files.length, path).toBeGreaterThan(5);
      for (const file of files) {
        const asset = await workerFetch(`${ORIGIN}${file}`);
        await asset.arrayBuffer();
        expect(asset.status, `${path}: ${file}`).toBe(200);
        expect(asset.headers.get("Content-Type") ?? "", `${path}: ${file}`).toMatch(file.endsWith(".css") ? /^text\/css/ : /javascript/);
      }
    }
  });

  it("names the sign-in page's code to who has no session, whatever the address, and nothing on an invitation's", async () => {
    for (const path of ["/", "/login", "/groups/grp_0000000000bbbbbbbbbbbbbbbb"]) {
      const code = await codeOf(path);
      expect(code.entry[0], path).toBe("index");
      expect(code.scripts[0], path).toBe("login");
      expect(code.scripts, path).toEqual(expect.arrayContaining(["words-en-auth_login", "words-fr-auth_login"]));
    }
    expect(await codeOf("/invite/abc")).toEqual({ entry: [], scripts: [], styles: [] });
  });
});

describe("over-long addresses", () => {
  const search = (n: number) => `/api/v1/search?q=${"a".repeat(n)}`;

  it("answers 414 uri_too_long past 8,192 characters of URL, at once, with or without a session", async () => {
    const member = await createMember();
    // ORIGIN is "http://example.test" (19 characters) and "/api/v1/search?q=" 17: 8,156 + 36 = 8,192 exactly.
    expect(`${ORIGIN}${search(8156)}`.length).toBe(8192);
    const atLimit = await expectError(await send(search(8156), { as: member }), 400, "validation_failed");
    expect(atLimit.details.map((d: any) => d.path)).toEqual(["q"]);
    for (const n of [8157, 20_000, 100_000]) {
      const started = Date.now();
      const err = await expectError(await send(search(n), { as: member }), 414, "uri_too_long");
      expect(err.message).toBe("This address is longer than 8,192 characters");
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await expectError(await send(search(20_000)), 414, "uri_too_long");
    // Outside the API too: the client's own addresses.
    const page = await workerFetch(`${ORIGIN}/search?q=${"a".repeat(20_000)}`);
    expect(page.status).toBe(414);
    expect(((await page.json()) as { error: { code: string } }).error.code).toBe("uri_too_long");
  });
});
