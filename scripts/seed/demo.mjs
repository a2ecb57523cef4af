// The demo network, seeded through the public API so that it goes through the same rules as real use.
import { ADMIN, CHARTER, MEMBERS } from "./demo-data.mjs";
import { FILLER, FOLLOWS, GROUPS, HOOK, POSTS, REPORT } from "./demo-conversations.mjs";
import { seedIdeas } from "./demo-ideas.mjs";
import { seedKnowledge } from "./demo-knowledge.mjs";
import { seedQuestions } from "./demo-questions.mjs";
import { fetchRetrying } from "../lib/http.mjs";

export const DEMO_PASSWORD = "comptoir-demo";
export const DEMO_ADMIN = ADMIN.email;
/** The demo's outgoing webhook endpoint: registered, then disabled (example.com answers nothing useful). */
export const DEMO_WEBHOOK = {
  url: "https://hr.example.com/comptoir/webhooks",
  description: "HR system: arrivals and departures (not live yet)",
  events: ["member.joined", "member.left"],
};

const SESSION_COOKIE = "comptoir_session";
/** Accepting an invitation hashes a password (PBKDF2): a few at a time is quick without starving the server. */
const CONCURRENCY = 4;
/** The conversation layer: a few requests at a time keeps the local server responsive and the seed quick. */
const CONVERSATION_CONCURRENCY = 6;
/** Totals the seed aims at: the written threads, topped up with filler comments; reactions spread over the posts. */
const TARGET_COMMENTS = 600;
const TARGET_REACTIONS = 1200;
/** The share of reactors who add a second kind (say "like" and "thanks"). */
const SECOND_REACTION = 0.08;
/** The PRNG seed: the same choices on every machine and every start. */
const PRNG_SEED = 0xc0ff33;

/**
 * A minimal API client. Node's fetch keeps no cookies, so the session cookie is read from `Set-Cookie` and sent back
 * by hand. Any answer other than `expect` throws with the method, path, status and body. A request the local proxy lost
 * is sent again (`fetchRetrying`), a member's POST with an `Idempotency-Key` so that it is never done twice.
 */
function apiClient(baseUrl) {
  return async function call(method, path, { json, csv, cookie, expect }) {
    const headers = {};
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (csv !== undefined) {
      headers["Content-Type"] = "text/csv";
      body = csv;
    }
    if (cookie) headers.Cookie = cookie;
    if (cookie && method === "POST") headers["Idempotency-Key"] = crypto.randomUUID();
    const { res, text } = await fetchRetrying(`${baseUrl}${path}`, { method, headers, body }, { what: `Demo seed: ${method} ${path}` });
    if (res.status !== expect) {
      throw new Error(`Demo seed: ${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 2000)}`);
    }
    const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return { data: text ? JSON.parse(text) : null, cookie: session?.split(";")[0] };
  };
}

function requireCookie(cookie, what) {
  if (!cookie) throw new Error(`Demo seed: ${what} answered without a ${SESSION_COOKIE} cookie`);
  return cookie;
}

/** `email,role,name` with the header row; fields are quoted only when CSV needs it. */
function invitationCsv(members) {
  const field = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return ["email,role,name", ...members.map((m) => [m.email, m.role, m.name].map(field).join(","))].join("\n") + "\n";
}

/** Runs `fn` over `items`, at most `limit` at once; the first failure is thrown once the running ones settle. */
async function eachLimited(items, limit, fn) {
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/**
 * Seeds only when the network has no administrator yet; true when it seeded. `log`, when given, receives a one-line
 * summary of what was written and how long it took; `progress`, a line as each step ends (what `npm start` shows);
 * `persistTo`, the local database's directory when it is not wrangler's default (the questions' past is written there).
 */
export async function seedDemoIfEmpty(baseUrl, setupToken, { log, progress, persistTo } = {}) {
  const started = Date.now();
  const call = apiClient(baseUrl);

  const { data: setup } = await call("GET", "/api/v1/setup", { expect: 200 });
  if (!setup.needed) return false;

  // The conversation layer is checked and planned from the data alone, before the first write: a mistake in the
  // data fails here rather than leaving a half-seeded network (which the next start would not seed again).
  const roster = new Map([ADMIN, ...MEMBERS].map((m) => [personKey(m.email), { role: m.role, locale: m.profile.locale, location: m.profile.location }]));
  checkConversationData(roster);
  const planned = planConversations(roster);
  progress?.(`Preparing the demo network (first start only): ${roster.size} people, ${GROUPS.length} groups, ${planned.plan.length} posts and their conversations, through the API…`);

  // The first administrator, then the charter every invitee accepts with their invitation.
  const created = await call("POST", "/api/v1/setup", {
    json: { token: setupToken, email: ADMIN.email, name: ADMIN.name, password: DEMO_PASSWORD },
    expect: 201,
  });
  const admin = requireCookie(created.cookie, "POST /api/v1/setup");
  const { data: charter } = await call("POST", "/api/v1/admin/charter", { json: { body: CHARTER }, cookie: admin, expect: 201 });
  await call("POST", "/api/v1/charter/accept", { json: { version: charter.version }, cookie: admin, expect: 204 });
  const { data: adminProfile } = await call("PATCH", "/api/v1/me/profile", { json: ADMIN.profile, cookie: admin, expect: 200 });
  /** Everyone, by the local part of their email: id, handle, role and the session cookie to act as them. */
  const people = new Map([[personKey(ADMIN.email), { ...personOf(adminProfile, ADMIN), cookie: admin }]]);

  const { data: bulk } = await call("POST", "/api/v1/admin/invitations/bulk", { csv: invitationCsv(MEMBERS), cookie: admin, expect: 200 });
  if (bulk.rejected.length > 0) throw new Error(`Demo seed: invitations rejected: ${JSON.stringify(bulk.rejected)}`);
  const byEmail = new Map(MEMBERS.map((m) => [m.email, m]));
  const missing = MEMBERS.filter((m) => !bulk.created.some((c) => c.email === m.email));
  if (missing.length > 0) throw new Error(`Demo seed: no invitation created for ${missing.map((m) => m.email).join(", ")}`);

  await eachLimited(bulk.created, CONCURRENCY, async (invitation) => {
    const member = byEmail.get(invitation.email);
    const token = new URL(invitation.url).pathname.match(/\/invite\/([^/]+)$/)?.[1];
    if (!member || !token) throw new Error(`Demo seed: unexpected invitation ${JSON.stringify(invitation)}`);
    const accepted = await call("POST", "/api/v1/auth/accept-invitation", {
      json: { token: decodeURIComponent(token), name: member.name, password: DEMO_PASSWORD, charterVersion: charter.version },
      expect: 200,
    });
    const cookie = requireCookie(accepted.cookie, `accept-invitation for ${member.email}`);
    const { data: profile } = await call("PATCH", "/api/v1/me/profile", { json: member.profile, cookie, expect: 200 });
    people.set(personKey(member.email), { ...personOf(profile, member), cookie });
  });
  const membersDone = Date.now();
  progress?.(`  ${people.size} people invited, signed in and described (${((membersDone - started) / 1000).toFixed(1)} s)`);

  const { counts, phases } = await seedConversations(call, people, planned, progress);

  // ——— Further layers, after the conversations (their posts come later in the feeds), one after the other, each timed.
  // A layer is `[name, () => Promise<counts>]`; its seed file gets what it needs from here (`call`, `people`, `MEMBERS`,
  // `admin`, a `prng(seed)` of its own). New seed files add ONE line at the END of this list. ———
  const layers = [
    // Ideas (issue 10): the campaigns, their ideas and supports, and an idea box.
    ["ideas", () => seedIdeas(call, people, MEMBERS, prng(2027), admin)],
    // FAQ and library (issue 11): the onboarding group's FAQ and guides, the well-being group's FAQ.
    ["knowledge", async () => { const c = {}; await seedKnowledge(call, people, c, baseUrl); return c; }],
    // Questions (issue 11): the CRM onboarding group's promise, support members and questions (past ones moved to their day).
    ["questions", () => seedQuestions(call, people, { persistTo })],
  ];
  for (const [name, seed] of layers) {
    const layerStarted = Date.now();
    Object.assign(counts, await seed());
    const took = `${((Date.now() - layerStarted) / 1000).toFixed(1)} s`;
    phases.push(`${name} ${took}`);
    progress?.(`  ${name} (${took})`);
  }

  // An outgoing webhook endpoint (issue 9) the way an administrator leaves one they are not using yet: registered for
  // the HR system's events at an example address, then turned off (it sends nothing, and the Integrations tab shows it).
  const { data: endpoint } = await call("POST", "/api/v1/admin/webhooks", {
    json: { url: DEMO_WEBHOOK.url, description: DEMO_WEBHOOK.description, events: DEMO_WEBHOOK.events },
    cookie: admin,
    expect: 201,
  });
  await call("PATCH", `/api/v1/admin/webhooks/${endpoint.id}`, { json: { enabled: false }, cookie: admin, expect: 200 });
  counts["webhook endpoints (disabled)"] = 1;
  log?.(
    `Demo seed: ${people.size} people in ${((membersDone - started) / 1000).toFixed(1)} s; ` +
      Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ") +
      ` in ${((Date.now() - membersDone) / 1000).toFixed(1)} s (${phases.join(", ")})`,
  );
  return true;
}

// ——— The conversation layer: groups, memberships, posts, comments, reactions, ratings, follows, a report ———

const personKey = (email) => email.split("@")[0];
const personOf = (profile, member) => ({ id: profile.id, handle: profile.handle, role: member.role });

/** mulberry32: a small seeded PRNG, so the "random" choices are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  /** A value from `{value: weight}`. */
  const weighted = (table) => {
    const entries = Object.entries(table);
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries.at(-1)[0];
  };
  /** `n` distinct items of `list`, in a shuffled order. */
  const sample = (list, n) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, weighted, sample };
}

/**
 * Rough language detection for the filler replies: French typography (a space before "?", ":", "!", "»") or French
 * function words, case-sensitive so that "La Défense" in an English post does not count.
 */
const FRENCH_WORDS = /(?<![\p{L}])(le|la|les|de|des|et|est|pour|par|avec|une|dans|qui|vous|nous|pas|sur|du|au|aux|je|on)(?![\p{L}])/gu;
const isFrench = (text) => /[\p{L}\p{N}*)»] [?:!;»]/u.test(text) || (text.match(FRENCH_WORDS) ?? []).length >= 4;

/** The four sites, for filler replies that name one. */
const SITES = ["Paris", "New York", "Singapore", "São Paulo"];

/** Reaction kinds by the tone of what is reacted to. */
const REACTION_MIX = {
  wellbeing: { support: 45, thanks: 35, like: 20 },
  announcement: { thanks: 45, like: 45, celebrate: 10 },
  running: { celebrate: 40, like: 40, support: 20 },
  client: { like: 60, thanks: 30, celebrate: 10 },
  default: { like: 55, thanks: 25, celebrate: 10, support: 10 },
};

/** Throws on data that could only fail half-way through the seed: unknown people, authors outside their group. */
function checkConversationData(people) {
  const known = (key, where) => {
    if (!people.has(key)) throw new Error(`Demo seed: unknown person "${key}" in ${where}`);
  };
  const groups = new Map();
  for (const g of GROUPS) {
    const everyone = [g.owner, ...g.animators, ...g.members];
    everyone.forEach((k) => known(k, `group ${g.key}`));
    if (new Set(everyone).size !== everyone.length) throw new Error(`Demo seed: someone is listed twice in group ${g.key}`);
    if (people.get(g.owner).role === "guest") throw new Error(`Demo seed: a guest cannot own group ${g.key}`);
    if (g.visibility !== "secret" && everyone.some((k) => people.get(k).role === "guest")) throw new Error(`Demo seed: guests join secret groups only (${g.key})`);
    if (everyone.length < 5 || everyone.length > 30) throw new Error(`Demo seed: group ${g.key} has ${everyone.length} members (5–30)`);
    groups.set(g.key, new Set(everyone));
  }
  const mentions = (text, where) => {
    for (const [, k] of text.matchAll(/\{@([^}]+)\}/g)) known(k, where);
  };
  for (const p of POSTS) {
    const members = groups.get(p.group);
    if (!members) throw new Error(`Demo seed: unknown group "${p.group}"`);
    const where = `a post of ${p.group} by ${p.author}`;
    if (!members.has(p.author)) throw new Error(`Demo seed: ${where}, who is not in the group`);
    mentions(p.body, where);
    for (const [author, body, replies = []] of p.comments) {
      for (const [a, b] of [[author, body], ...replies]) {
        if (!members.has(a)) throw new Error(`Demo seed: a comment by ${a} on ${where}, who is not in the group`);
        mentions(b, where);
      }
    }
  }
  if (!POSTS.some((p) => p.opts.ref === REPORT.post)) throw new Error(`Demo seed: no post named "${REPORT.post}" to report`);
  for (const [follower, tag] of FOLLOWS.tags) known(follower, `the follow of #${tag}`);
  for (const pair of FOLLOWS.members) pair.forEach((k) => known(k, "member follows"));
}

/**
 * What the seed writes beyond the groups and memberships, decided from the data and a seeded PRNG: the posts in the
 * order they are written, each with its thread (written comments and replies, plus filler comments), who reacts with
 * what, the link ratings, and which comments their post's author thanks. `people` maps each person to their `locale`
 * and `location` (for the filler replies). Exported so the plan can be inspected without a server.
 */
export function planConversations(people) {
  const rand = prng(PRNG_SEED);
  // The plan: posts interleaved across groups (each group's own order kept, its links spread among its other
  // posts), so the home feed mixes them.
  const groupOf = new Map(GROUPS.map((g) => [g.key, g]));
  const membersOf = (g) => [g.owner, ...g.animators, ...g.members];
  const streams = new Map();
  const plan = POSTS.map((p, i) => {
    const stream = `${p.group}/${p.opts.kind === "link" ? "link" : "post"}`;
    const index = streams.get(stream) ?? 0;
    streams.set(stream, index + 1);
    return { ...p, order: i, stream, index };
  });
  for (const p of plan) p.position = (p.index + 0.5) / streams.get(p.stream);
  plan.sort((a, b) => a.position - b.position || a.order - b.order);

  for (const p of plan) {
    const g = groupOf.get(p.group);
    p.french = isFrench(p.body);
    p.tone = g.kind === "wellbeing" ? "wellbeing" : g.key === "running" ? "running" : p.opts.kind === "announcement" ? "announcement" : "any";
    // A question: tagged so, or a "?" in a post that does not open with a title (announcements and guides ask rhetorically).
    p.question = p.body.includes("#question") || (/\?/.test(p.body) && !/^(#|\*\*)/.test(p.body));
    p.thread = p.comments.map(([author, body, replies = []]) => ({ author, body, replies: replies.map(([a, b]) => ({ author: a, body: b })) }));
  }

  // Filler comments on top of the written threads, up to TARGET_COMMENTS: internal groups only (client spaces and
  // the leadership circle keep their written threads), never on the reported post, at most six per post, each by
  // someone not yet in the thread. "Me too" on a question comes before the written answers, and not from the
  // animators (who answer); everything else after them.
  const written = plan.reduce((n, p) => n + p.thread.reduce((m, c) => m + 1 + c.replies.length, 0), 0);
  const fillable = plan.filter((p) => groupOf.get(p.group).kind !== "client" && p.group !== "leadership" && p.opts.ref !== REPORT.post);
  const weights = fillable.map((p) => membersOf(groupOf.get(p.group)).length * (0.5 + rand.next()) * (p.question ? 1.4 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  for (let n = written, tries = 0; n < TARGET_COMMENTS && tries < 100 * TARGET_COMMENTS; tries++) {
    let r = rand.next() * totalWeight;
    let i = 0;
    while ((r -= weights[i]) > 0 && i < fillable.length - 1) i++;
    const p = fillable[i];
    const g = groupOf.get(p.group);
    p.filler ??= [];
    if (p.filler.length >= 6) continue;
    const asking = p.tone === "any" && p.question && p.filler.filter((c) => c.asking).length < 2 && rand.next() < 0.5;
    const answerers = new Set([g.owner, ...g.animators]);
    const taken = new Set([p.author, ...p.thread.flatMap((c) => [c.author, ...c.replies.map((r) => r.author)]), ...p.filler.map((c) => c.author)]);
    const candidates = membersOf(g).filter((k) => !taken.has(k) && !(asking && answerers.has(k)));
    if (candidates.length === 0) continue;
    const author = rand.pick(candidates);
    const lang = p.french && people.get(author).locale === "fr" ? "fr" : "en";
    const pools = FILLER[lang];
    const pool = asking ? pools.question : pools[p.tone];
    const used = new Set(p.filler.map((c) => c.template));
    const fresh = pool.filter((t) => !used.has(t));
    const template = rand.pick(fresh.length ? fresh : pools.any.filter((t) => !used.has(t)));
    let body = template;
    if (body.includes("{@animator}")) {
      const helpers = [...answerers].filter((k) => k !== p.author);
      body = helpers.length ? body.replace("{@animator}", `{@${rand.pick(helpers)}}`) : pools.question[0];
    }
    const here = people.get(author).location;
    body = body.replace("{here}", here).replace("{elsewhere}", () => rand.pick(SITES.filter((s) => s !== here)));
    p.filler.push({ author, body, template, replies: [], asking });
    n++;
  }
  for (const p of plan) {
    const filler = p.filler ?? [];
    p.thread = [...filler.filter((c) => c.asking), ...p.thread, ...filler.filter((c) => !c.asking)];
  }

  // Reactions: about TARGET_REACTIONS, more on announcements and in bigger groups, fewer on links (they get ratings).
  const reactWeights = plan.map((p) => {
    const size = membersOf(groupOf.get(p.group)).length;
    return size * (0.3 + rand.next()) * (p.opts.kind === "announcement" ? 1.8 : p.opts.kind === "link" ? 0.5 : 1);
  });
  const reactors = plan.map((p) => membersOf(groupOf.get(p.group)).length - 1);
  const reactorCount = (i, scale) => Math.min(reactors[i], Math.max(1, Math.round(reactWeights[i] * scale)));
  const firstReactions = TARGET_REACTIONS / (1 + SECOND_REACTION);
  let scale = firstReactions / reactWeights.reduce((a, b) => a + b, 0);
  for (let pass = 0; pass < 5; pass++) scale *= firstReactions / plan.reduce((n, _, i) => n + reactorCount(i, scale), 0); // small groups cap
  const reactions = [];
  plan.forEach((p, i) => {
    const g = groupOf.get(p.group);
    const others = membersOf(g).filter((k) => k !== p.author);
    const n = reactorCount(i, scale);
    const mix = REACTION_MIX[g.kind === "client" ? "client" : p.tone === "any" ? "default" : p.tone];
    for (const k of rand.sample(others, n)) {
      const kind = rand.weighted(mix);
      reactions.push({ p, k, kind });
      if (rand.next() < SECOND_REACTION) {
        const { [kind]: _, ...rest } = mix;
        reactions.push({ p, k, kind: rand.weighted(rest) });
      }
    }
  });
  // Link ratings: two to five members of the group each, mostly good links.
  const ratings = plan
    .filter((p) => p.opts.kind === "link")
    .flatMap((p) => {
      const others = membersOf(groupOf.get(p.group)).filter((k) => k !== p.author);
      return rand.sample(others, 2 + rand.int(4)).map((k) => ({ p, k, rating: Number(rand.weighted({ 5: 35, 4: 35, 3: 20, 2: 8, 1: 2 })) }));
    });
  // Post authors thank a few of the comments they received.
  for (const p of plan) {
    for (const c of p.thread) {
      c.thanked = c.author !== p.author && rand.next() < 0.1 ? rand.weighted({ thanks: 60, like: 40 }) : null;
    }
  }
  return { plan, reactions, ratings };
}

/**
 * Writes the conversation layer through the API, acting as each person with their cookie, following the plan of
 * planConversations (made before the first request, so the result does not depend on the order in which concurrent
 * requests land). Answers the counts of what was written and the time each phase took.
 */
async function seedConversations(call, people, { plan, reactions, ratings }, progress) {
  const as = (key) => people.get(key).cookie;
  const idOf = (key) => people.get(key).id;
  const withMentions = (text) => text.replace(/\{@([^}]+)\}/g, (_, k) => `@${people.get(k).handle}`);
  const counts = { groups: 0, memberships: 0, posts: 0, comments: 0, reactions: 0, "comment reactions": 0, ratings: 0, follows: 0, reports: 0 };
  const phases = [];
  let phaseStart = Date.now();
  let shown = {};
  const phase = (name) => {
    const now = Date.now();
    phases.push(`${name} ${((now - phaseStart) / 1000).toFixed(1)} s`);
    const made = Object.entries(counts).filter(([k, v]) => v !== (shown[k] ?? 0)).map(([k, v]) => `${v - (shown[k] ?? 0)} ${k}`);
    progress?.(`  ${name}: ${made.join(", ") || "nothing new"} (${((now - phaseStart) / 1000).toFixed(1)} s)`);
    shown = { ...counts };
    phaseStart = now;
  };

  // Groups, each opened by its owner.
  const groupIds = new Map();
  await eachLimited(GROUPS, CONVERSATION_CONCURRENCY, async (g) => {
    const json = { name: g.name, description: g.description, visibility: g.visibility, kind: g.kind, ...(g.rules && { rules: g.rules }) };
    const { data } = await call("POST", "/api/v1/groups", { json, cookie: as(g.owner), expect: 201 });
    if (data.membership?.role !== "owner") throw new Error(`Demo seed: the creator of ${g.name} is not its owner: ${JSON.stringify(data.membership)}`);
    groupIds.set(g.key, data.id);
    counts.groups++;
  });

  // Memberships. Open: join at once. Private: ask, then the owner approves. Secret: the owner adds. Animators are
  // then named by the owner (for private and secret groups, in the same call that lets them in).
  const joins = GROUPS.filter((g) => g.visibility !== "secret").flatMap((g) => [...g.animators, ...g.members].map((k) => ({ g, k })));
  await eachLimited(joins, CONVERSATION_CONCURRENCY, async ({ g, k }) => {
    const open = g.visibility === "open";
    const { data } = await call("POST", `/api/v1/groups/${groupIds.get(g.key)}/join`, { cookie: as(k), expect: open ? 200 : 202 });
    if (data.state !== (open ? "member" : "pending")) throw new Error(`Demo seed: ${k} joining ${g.name} got ${JSON.stringify(data)}`);
    if (open) counts.memberships++;
  });
  const adds = GROUPS.flatMap((g) => [
    ...g.animators.map((k) => ({ g, k, role: "animator" })),
    ...(g.visibility === "open" ? [] : g.members.map((k) => ({ g, k, role: "member" }))),
  ]);
  await eachLimited(adds, CONVERSATION_CONCURRENCY, async ({ g, k, role }) => {
    const { data } = await call("POST", `/api/v1/groups/${groupIds.get(g.key)}/members`, { json: { userId: idOf(k), role }, cookie: as(g.owner), expect: 201 });
    if (data.state !== "member" || data.role !== role) throw new Error(`Demo seed: adding ${k} to ${g.name} as ${role} got ${JSON.stringify(data)}`);
    if (g.visibility !== "open") counts.memberships++;
  });
  counts.memberships += GROUPS.length; // the owners
  phase("groups and memberships");

  // Posts.
  await eachLimited(plan, CONVERSATION_CONCURRENCY, async (p) => {
    const { kind, title, url, tags, mustRead } = p.opts;
    const json = { body: withMentions(p.body), ...(kind && { kind }), ...(title && { title }), ...(url && { url }), ...(tags && { tags }), ...(mustRead !== undefined && { mustRead }) };
    const { data } = await call("POST", `/api/v1/groups/${groupIds.get(p.group)}/posts`, { json, cookie: as(p.author), expect: 201 });
    if (data.groupId !== groupIds.get(p.group) || data.kind !== (kind ?? "discussion")) throw new Error(`Demo seed: unexpected post ${JSON.stringify(data).slice(0, 500)}`);
    p.id = data.id;
    counts.posts++;
  });
  phase("posts");

  // Comments: one post's thread in order (replies need their parent's id), several posts at a time.
  await eachLimited(plan, CONVERSATION_CONCURRENCY, async (p) => {
    for (const c of p.thread) {
      const { data } = await call("POST", `/api/v1/posts/${p.id}/comments`, { json: { body: withMentions(c.body) }, cookie: as(c.author), expect: 201 });
      c.id = data.id;
      counts.comments++;
      for (const r of c.replies) {
        const { data: reply } = await call("POST", `/api/v1/posts/${p.id}/comments`, { json: { body: withMentions(r.body), parentId: c.id }, cookie: as(r.author), expect: 201 });
        if (reply.parentId !== c.id) throw new Error(`Demo seed: a reply on ${p.id} is attached to ${reply.parentId}, not ${c.id}`);
        counts.comments++;
      }
    }
  });
  phase("comments");

  // An incoming hook of the IT group (issue 9): its owner makes it; the build server posts two notices through its URL,
  // a plain POST without any session.
  const { data: hook } = await call("POST", `/api/v1/groups/${groupIds.get(HOOK.group)}/hooks`, { json: { name: HOOK.name }, cookie: as(HOOK.owner), expect: 201 });
  for (const text of HOOK.posts) {
    await call("POST", new URL(hook.url).pathname, { json: { text }, expect: 201 });
    counts["hook posts"] = (counts["hook posts"] ?? 0) + 1;
  }
  phase("incoming hook");

  // Reactions, ratings, thanks on comments, follows and the report: independent of each other.
  const post = plan.find((p) => p.opts.ref === REPORT.post);
  const tasks = [
    ...reactions.map(({ p, k, kind }) => async () => {
      await call("PUT", `/api/v1/posts/${p.id}/reactions/${kind}`, { cookie: as(k), expect: 204 });
      counts.reactions++;
    }),
    ...ratings.map(({ p, k, rating }) => async () => {
      await call("PUT", `/api/v1/posts/${p.id}/rating`, { json: { rating }, cookie: as(k), expect: 200 });
      counts.ratings++;
    }),
    ...plan.flatMap((p) =>
      p.thread.filter((c) => c.thanked).map((c) => async () => {
        await call("PUT", `/api/v1/comments/${c.id}/reactions/${c.thanked}`, { cookie: as(p.author), expect: 204 });
        counts["comment reactions"]++;
      }),
    ),
    ...FOLLOWS.tags.map(([k, tag]) => async () => {
      await call("PUT", `/api/v1/me/follows/tags/${encodeURIComponent(tag)}`, { cookie: as(k), expect: 200 });
      counts.follows++;
    }),
    ...FOLLOWS.members.map(([k, followee]) => async () => {
      await call("PUT", `/api/v1/me/follows/members/${idOf(followee)}`, { cookie: as(k), expect: 200 });
      counts.follows++;
    }),
    async () => {
      await call("POST", `/api/v1/posts/${post.id}/report`, { json: { reason: REPORT.reason }, cookie: as(REPORT.reporter), expect: 201 });
      counts.reports++;
    },
  ];
  await eachLimited(tasks, CONVERSATION_CONCURRENCY, (task) => task());
  phase("reactions, ratings, follows, report");

  // Cross-silo coffee pairing: two members in three opt in, with the hours they are free on weekdays in their own time
  // zone (a morning slot and an afternoon one); the Monday cron pairs them (or an administrator, from the admin page).
  const { next: random, pick } = prng(0xc0ffee);
  const weekdays = [1, 2, 3, 4, 5];
  const optIns = [...people.entries()].filter(([k, p]) => p.role !== "guest" && (k === personKey(ADMIN.email) || random() < 2 / 3));
  await eachLimited(optIns, CONVERSATION_CONCURRENCY, async ([k]) => {
    const morning = pick(["08:30", "09:00", "10:00"]);
    const hours = weekdays.flatMap((day) => [
      { day, from: morning, to: `${String(Number(morning.slice(0, 2)) + 1).padStart(2, "0")}:${morning.slice(3)}` },
      { day, from: "14:00", to: "16:00" },
    ]);
    const { data } = await call("PUT", "/api/v1/me/coffee-pairing", { json: { optIn: true, hours }, cookie: as(k), expect: 200 });
    if (!data.optIn) throw new Error(`Demo seed: ${k} is not opted in to coffee pairing: ${JSON.stringify(data)}`);
    counts["coffee opt-ins"] = (counts["coffee opt-ins"] ?? 0) + 1;
  });
  phase("coffee pairing opt-ins");
  return { counts, phases };
}
