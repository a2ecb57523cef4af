#!/usr/bin/env node
// Ideas (issue 10), through the real HTTP stack (`wrangler dev` on a scratch database of its own): a network-wide
// campaign of --ideas ideas (5,000) and --supports supports (50,000), written straight into D1 before the server starts.
//   (a) the ranked page (GET /campaigns/:id/ideas?sort=supports, 20 ideas): D1 rows read (aim: <= 200) and its
//       throughput against GET /api/v1/me in the same run (aim: >= 0.5x);
//   (b) supporting (PUT /ideas/:id/support, a different idea each time: one D1 batch): throughput against GET /me
//       (aim: >= 0.3x).
// Each measure: --connections clients in a loop for --duration seconds, after a warm-up. A miss is printed as MISS,
// never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/ideas.mjs [--ideas 5000] [--supports 50000] [--duration 8] [--connections 8] [--keep]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, freePort, startWrangler } from "../scripts/lib/server.mjs";
import { openD1, parseArgs } from "./lib/common.mjs";

export const AIMS = { rowsRead: 200, pageRatio: 0.5, supportRatio: 0.3 };
const NETWORK_IDEAS_GROUP_ID = "grp_0000000000networkwideideas"; // worker/db/ideas.ts
const CAMPAIGN = "cmp_0000000000benchcampaign0";

/** The campaign, its ideas (posts of kind idea) and supports, generated inside SQLite. */
async function seed(persistTo, ideas, supports) {
  const { mf, db } = await openD1(persistTo);
  const now = Date.now();
  const perIdea = Math.max(1, Math.round(supports / ideas));
  try {
    await db.batch([
      db.prepare("INSERT INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, 'Network ideas', '', 'open', 'community', 'usr_bench', ?, ?)").bind(NETWORK_IDEAS_GROUP_ID, now, now),
      db.prepare("INSERT INTO campaigns (id, group_id, title, brief, brief_html, starts_at, ends_at, support_limit, created_by, created_at, updated_at) VALUES (?, NULL, 'Bench campaign', '', '', ?, ?, NULL, 'usr_bench', ?, ?)").bind(CAMPAIGN, now - 86400000, now + 30 * 86400000, now, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO posts (id, group_id, author_id, kind, title, body, html, tags, created_at, updated_at)
        SELECT printf('pst_%010dbenchidea%07d', i, i), ?2, printf('usr_benchauthor%011d', i % 500), 'idea', 'Idea number ' || i, 'An idea to bench, number ' || i, '<p>An idea to bench</p>', '[]', ?3 - i * 1000, ?3 - i * 1000 FROM n`).bind(ideas, NETWORK_IDEAS_GROUP_ID, now),
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
        INSERT INTO ideas (post_id, campaign_id, box_group_id, group_id, author_id, status, support_count, created_at)
        SELECT printf('pst_%010dbenchidea%07d', i, i), ?2, NULL, ?3, printf('usr_benchauthor%011d', i % 500), 'submitted', 0, ?4 - i * 1000 FROM n`).bind(ideas, CAMPAIGN, NETWORK_IDEAS_GROUP_ID, now),
      // A skewed spread: idea i gets (perIdea * 2 * (i mod 100) / 99) supports, about `perIdea` on average.
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ?2 * 2)
        INSERT INTO idea_supports (idea_id, user_id, campaign_id, created_at)
        SELECT printf('pst_%010dbenchidea%07d', i, i), printf('usr_benchsupporter%08d', j), ?3, ?4 FROM n, k WHERE j < (?2 * 2 * (i % 100)) / 99`).bind(ideas, perIdea, CAMPAIGN, now),
      db.prepare("UPDATE ideas SET support_count = (SELECT count(*) FROM idea_supports s WHERE s.idea_id = ideas.post_id) WHERE campaign_id = ?").bind(CAMPAIGN),
    ]);
    const counts = await db.prepare("SELECT (SELECT count(*) FROM ideas) AS ideas, (SELECT count(*) FROM idea_supports) AS supports").first();
    return counts;
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

export async function ideasBench({ ideas = 5000, supports = 50000, duration = 8, connections = 8, keep = false, log = console.log } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), "comptoir-bench-ideas-"));
  applyMigrations(persistTo);
  const t = Date.now();
  const counts = await seed(persistTo, ideas, supports);
  log(`Seeded ${counts.ideas} ideas and ${counts.supports} supports in ${((Date.now() - t) / 1000).toFixed(1)} s (${persistTo})`);
  const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true });
  const stop = () => {
    server.stop();
    if (!keep) rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    const setup = await fetch(`${server.url}/api/v1/setup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: server.setupToken, email: "bench@ideas.test", name: "Bench Admin", password: "a long enough password" }) });
    if (setup.status !== 201) throw new Error(`bench: setup answered ${setup.status}`);
    const cookie = setup.headers.getSetCookie().find((c) => c.startsWith("comptoir_session=")).split(";")[0];
    const get = (path) => fetch(server.url + path, { headers: { Cookie: cookie } });
    const page = `/api/v1/campaigns/${CAMPAIGN}/ideas?sort=supports&limit=20`;
    const first = await get(page);
    const rows = Number(/d1-rows;[^,]*dur=(\d+)/.exec(first.headers.get("Server-Timing") ?? "")?.[1] ?? NaN);
    const body = await first.json();
    const ids = Array.from({ length: ideas }, (_, i) => `pst_${String(i + 1).padStart(10, "0")}benchidea${String(i + 1).padStart(7, "0")}`);
    const opts = { seconds: duration, connections };
    await throughput(() => get("/api/v1/me"), { seconds: 2, connections }); // warm-up
    await throughput(() => get(page), { seconds: 2, connections });
    const me = await throughput(() => get("/api/v1/me"), opts);
    const ranked = await throughput(() => get(page), opts);
    const support = await throughput((n) => fetch(`${server.url}/api/v1/ideas/${ids[n % ids.length]}/support`, { method: "PUT", headers: { Cookie: cookie } }), opts);
    const result = { rowsRead: rows, pageItems: body.items.length, topSupportCount: body.items[0]?.supportCount, me, ranked, support, pageRatio: ranked / me, supportRatio: support / me };
    const mark = (ok) => (ok ? "ok" : "MISS");
    log(`ranked page: ${rows} D1 rows read for ${body.items.length} ideas (aim <= ${AIMS.rowsRead}) ${mark(rows <= AIMS.rowsRead)}`);
    log(`GET /me ${me.toFixed(1)}/s · ranked page ${ranked.toFixed(1)}/s = ${result.pageRatio.toFixed(2)}x (aim >= ${AIMS.pageRatio}) ${mark(result.pageRatio >= AIMS.pageRatio)}`);
    log(`PUT support ${support.toFixed(1)}/s = ${result.supportRatio.toFixed(2)}x of GET /me (aim >= ${AIMS.supportRatio}) ${mark(result.supportRatio >= AIMS.supportRatio)}`);
    return result;
  } finally {
    stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = parseArgs();
  await ideasBench({ ideas: Number(a.ideas ?? 5000), supports: Number(a.supports ?? 50000), duration: Number(a.duration ?? 8), connections: Number(a.connections ?? 8), keep: Boolean(a.keep) });
}
