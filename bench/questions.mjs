#!/usr/bin/env node
// Questions (issue 11), through the real HTTP stack (`wrangler dev` on a scratch database of its own): --questions
// questions (100,000) over --groups open groups (100), written straight into D1 before the server starts: a third
// answered, most unanswered within their promise, some overdue and already escalated, some without a promise, and
// --due (2,000) whose 75% mark and deadline have both passed and that nobody escalated yet. --online members with the
// skill "crm" (200) are online (presence rows), one owner per group.
//   (a) the unanswered queue (GET /questions?state=unanswered, 20 questions), network-wide and of one group: D1 rows
//       read (aim: <= 200) and its throughput against GET /api/v1/me in the same run (aim: >= 0.5x);
//   (b) the escalation sweep (the cron, through /__scheduled): with --due questions due (both steps for each), then
//       again with nothing due; each run must end within one cron minute (aim: <= 60 s).
// A miss is printed as MISS, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/questions.mjs [--questions 100000] [--groups 100] [--due 2000] [--online 200] [--duration 8] [--connections 8] [--keep]
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, freePort, startWrangler } from "../scripts/lib/server.mjs";
import { openD1, parseArgs } from "./lib/common.mjs";

/**
 * The cron, through `/__scheduled`, on a connection of its own that closes after the answer: fetch would reuse a
 * kept-alive connection, and one the local server dropped during the first, minute-long run hung the second call.
 */
function scheduled(url) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/__scheduled?cron=*+*+*+*+*`, { agent: false, headers: { Connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`/__scheduled answered ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

export const AIMS = { rowsRead: 200, pageRatio: 0.5, sweepMs: 60_000 };
const HOUR = 3_600_000;

/** Groups, members, presence, and the questions (posts of kind question with their rows), generated inside SQLite. */
async function seed(persistTo, { questions, groups, due, online }) {
  const { mf, db } = await openD1(persistTo);
  const now = Date.now();
  // Half of the skilled members online; expert j is in group j mod groups + 1 and asks that group's questions
  // (expert `groups + k` asks in group k + 1), so there are at least two experts per group.
  const members = Math.max(online * 2, groups * 2);
  try {
    await db.batch([
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at)
        SELECT printf('grp_benchquestions%012d', i), 'Onboarding ' || i, '', 'open', 'community', printf('usr_benchowner%016d', i), ?2, ?2 FROM n`).bind(groups, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO users (id, email, handle, name, role, skills, password_hash, created_at, updated_at)
        SELECT printf('usr_benchowner%016d', i), 'owner' || i || '@questions.bench', 'owner' || i, 'Owner ' || i, 'member', '[]', 'x', ?2, ?2 FROM n`).bind(groups, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO users (id, email, handle, name, role, skills, password_hash, created_at, updated_at)
        SELECT printf('usr_benchexpert%015d', i), 'expert' || i || '@questions.bench', 'expert' || i, 'Expert ' || i, 'member', '["CRM"]', 'x', ?2, ?2 FROM n`).bind(members, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO group_members (group_id, user_id, role, state, created_at)
        SELECT printf('grp_benchquestions%012d', i), printf('usr_benchowner%016d', i), 'owner', 'member', ?2 FROM n`).bind(groups, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO group_members (group_id, user_id, role, state, created_at)
        SELECT printf('grp_benchquestions%012d', i % ?2 + 1), printf('usr_benchexpert%015d', i), 'member', 'member', ?3 FROM n`).bind(members, groups, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO presence (user_id, since, seen_at) SELECT printf('usr_benchexpert%015d', i * 2), ?2, ?2 FROM n`).bind(online, now),
      // Question i, asked i minutes ago: kind k = i mod 20 — 0..5 answered, 6 without a promise, 7 overdue and
      // already escalated, the others unanswered with a deadline ahead. The first `due` are due for both steps.
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO posts (id, group_id, author_id, kind, title, body, html, tags, created_at, updated_at)
        SELECT printf('pst_%010dbenchq%010d', i, i), printf('grp_benchquestions%012d', i % ?2 + 1), printf('usr_benchexpert%015d', i % ?2 + ?2),
          'question', 'Question ' || i, 'How do I do thing ' || i || '?', '<p>How?</p>', '["crm"]', ?3 - i * 60000, ?3 - i * 60000 FROM n`).bind(questions, groups, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO questions (post_id, group_id, author_id, deadline_at, nudge_at, answered_at, first_answer_by_support, nudged_at, overdue_sent_at, created_at)
        SELECT printf('pst_%010dbenchq%010d', i, i), printf('grp_benchquestions%012d', i % ?2 + 1), printf('usr_benchexpert%015d', i % ?2 + ?2),
          CASE WHEN i <= ?4 THEN ?3 - 60000 WHEN i % 20 = 6 THEN NULL WHEN i % 20 = 7 THEN ?3 - 3600000 ELSE ?3 + 400 * 86400000 END,
          CASE WHEN i <= ?4 THEN ?3 - 120000 WHEN i % 20 = 6 THEN NULL WHEN i % 20 = 7 THEN ?3 - 7200000 ELSE ?3 + 300 * 86400000 END,
          CASE WHEN i > ?4 AND i % 20 < 6 THEN ?3 - i * 60000 + 1800000 END,
          CASE WHEN i > ?4 AND i % 20 < 6 THEN i % 2 END,
          CASE WHEN i > ?4 AND i % 20 = 7 THEN ?3 - 7200000 END,
          CASE WHEN i > ?4 AND i % 20 = 7 THEN ?3 - 3600000 END,
          ?3 - i * 60000 FROM n`).bind(questions, groups, now, due),
    ]);
    return await db.prepare("SELECT (SELECT count(*) FROM questions) AS questions, (SELECT count(*) FROM questions WHERE answered_at IS NULL) AS open, (SELECT count(*) FROM presence) AS online").first();
  } finally {
    await mf.dispose();
  }
}

/** `connections` clients sending `request(n)` in a loop for `seconds`: answers per second (all must be 2xx). */
async function throughput(request, { seconds, connections }) {
  let n = 0;
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const res = await request(n++);
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`bench: answered ${res.status}`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const rowsOf = (res) => Number(/d1-rows;[^,]*dur=(\d+)/.exec(res.headers.get("Server-Timing") ?? "")?.[1] ?? NaN);

export async function questionsBench({ questions = 100_000, groups = 100, due = 2000, online = 200, duration = 8, connections = 8, keep = false, log = console.log } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), "comptoir-bench-questions-"));
  applyMigrations(persistTo);
  const t = Date.now();
  const counts = await seed(persistTo, { questions, groups, due, online });
  log(`Seeded ${counts.questions} questions (${counts.open} open, ${due} due), ${counts.online} members online, in ${((Date.now() - t) / 1000).toFixed(1)} s (${persistTo})`);
  const lines = [];
  const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true, onLine: (line) => lines.push(line) });
  const stop = () => {
    server.stop();
    if (!keep) rmSync(persistTo, { recursive: true, force: true });
  };
  const mark = (ok) => (ok ? "ok" : "MISS");
  try {
    const setup = await fetch(`${server.url}/api/v1/setup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: server.setupToken, email: "bench@questions.test", name: "Bench Admin", password: "a long enough password" }) });
    if (setup.status !== 201) throw new Error(`bench: setup answered ${setup.status}`);
    const cookie = setup.headers.getSetCookie().find((c) => c.startsWith("comptoir_session=")).split(";")[0];
    const get = (path) => fetch(server.url + path, { headers: { Cookie: cookie } });
    const network = "/api/v1/questions?state=unanswered&limit=20";
    const group = "/api/v1/questions?state=unanswered&groupId=grp_benchquestions000000000010&limit=20";
    const result = {};
    for (const [name, page] of [["network", network], ["group", group]]) {
      const first = await get(page);
      const body = await first.json();
      // A page further down the queue reads as few rows as the first.
      const third = await get(`${page}&cursor=${(await (await get(`${page}&cursor=${body.nextCursor}`)).json()).nextCursor}`);
      result[name] = { rows: rowsOf(first), rowsThird: rowsOf(third), items: body.items.length };
      log(`${name} queue: ${result[name].rows} D1 rows read for ${body.items.length} questions, ${result[name].rowsThird} on the third page (aim <= ${AIMS.rowsRead}) ${mark(Math.max(result[name].rows, result[name].rowsThird) <= AIMS.rowsRead)}`);
    }
    const opts = { seconds: duration, connections };
    await throughput(() => get("/api/v1/me"), { seconds: 2, connections }); // warm-up
    await throughput(() => get(network), { seconds: 2, connections });
    const me = await throughput(() => get("/api/v1/me"), opts);
    const queue = await throughput(() => get(network), opts);
    const groupQueue = await throughput(() => get(group), opts);
    Object.assign(result, { me, queue, groupQueue, queueRatio: queue / me, groupRatio: groupQueue / me });
    log(`GET /me ${me.toFixed(1)}/s · network queue ${queue.toFixed(1)}/s = ${result.queueRatio.toFixed(2)}x · group queue ${groupQueue.toFixed(1)}/s = ${result.groupRatio.toFixed(2)}x (aim >= ${AIMS.pageRatio}) ${mark(Math.min(result.queueRatio, result.groupRatio) >= AIMS.pageRatio)}`);
    // The sweep: the cron through /__scheduled, timed from the outside; its own log line says what it did.
    for (const label of ["with the due questions", "with nothing due"]) {
      const t0 = performance.now();
      await scheduled(server.url);
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300));
      const said = lines.filter((l) => l.includes('"questions":')).at(-1) ?? "";
      const q = /"questions":\{"nudged":(\d+),"overdue":(\d+),"ms":(\d+)\}/.exec(said);
      if (!q) log(`(the cron's last lines:\n${lines.slice(-8).join("\n")})`);
      result[label] = { ms, nudged: Number(q?.[1] ?? NaN), overdue: Number(q?.[2] ?? NaN), sweepMs: Number(q?.[3] ?? NaN) };
      log(`sweep ${label}: ${(ms / 1000).toFixed(2)} s for the whole cron run (the questions' sweep itself: ${(result[label].sweepMs / 1000).toFixed(2)} s), nudged ${result[label].nudged}, overdue ${result[label].overdue} (aim <= ${AIMS.sweepMs / 1000} s) ${mark(ms <= AIMS.sweepMs)}`);
    }
    return result;
  } finally {
    stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = parseArgs();
  await questionsBench({
    questions: Number(a.questions ?? 100_000),
    groups: Number(a.groups ?? 100),
    due: Number(a.due ?? 2000),
    online: Number(a.online ?? 200),
    duration: Number(a.duration ?? 8),
    connections: Number(a.connections ?? 8),
    keep: Boolean(a.keep),
  });
}
