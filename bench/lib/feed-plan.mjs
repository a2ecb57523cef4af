// Where a feed page's D1 rows go: runs the Worker's own homeFeed() (bundled from worker/services/feed/feed.ts with
// esbuild, so it is the code under test, not a copy) against the bench database through Miniflare's D1, records every
// statement with its `meta.rows_read`, and asks SQLite for the query plan of each.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT, openD1 } from "./common.mjs";

export async function loadFeedModule() {
  const out = await build({
    entryPoints: [join(ROOT, "worker/services/feed/feed.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  const dir = mkdtempSync(join(tmpdir(), "comptoir-bench-"));
  const file = join(dir, "feed.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wraps a D1 binding so every statement run through `batch`, `all`, `first`, `run` or `raw` is recorded with its rows read. */
function recordingD1(db, log) {
  const wrapStatement = (stmt, sql, binds = []) => ({
    __inner: stmt,
    __sql: sql,
    __binds: binds,
    bind: (...b) => wrapStatement(stmt.bind(...b), sql, b),
    async all() { const r = await stmt.all(); log.push({ sql, binds, rowsRead: r.meta.rows_read, rows: r.results.length }); return r; },
    async run() { const r = await stmt.run(); log.push({ sql, binds, rowsRead: r.meta.rows_read, rows: r.results?.length ?? 0 }); return r; },
    async raw(o) { const r = await stmt.raw(o); log.push({ sql, binds, rowsRead: null, rows: r.length }); return r; },
    async first(c) { const r = await stmt.all(); log.push({ sql, binds, rowsRead: r.meta.rows_read, rows: r.results.length }); const row = r.results[0] ?? null; return c ? row?.[c] ?? null : row; },
  });
  return {
    prepare: (sql) => wrapStatement(db.prepare(sql), sql),
    async batch(stmts) {
      const results = await db.batch(stmts.map((s) => s.__inner));
      results.forEach((r, i) => log.push({ sql: stmts[i].__sql, binds: stmts[i].__binds, rowsRead: r.meta.rows_read, rows: r.results.length }));
      return results;
    },
    exec: (sql) => db.exec(sql),
    dump: () => db.dump(),
    withSession: () => { throw new Error("not recorded"); },
  };
}

const short = (sql) => sql.replace(/\s+/g, " ").trim();

/**
 * Runs the first feed page and `deep` pages further for `member`, and returns per page the statements, their rows
 * read and their query plans.
 */
export async function explainFeed({ persistTo, member, limit = 20, deep = 10 }) {
  const feed = await loadFeedModule();
  const { mf, db } = await openD1(persistTo);
  try {
    const charter = (await db.prepare("SELECT max(version) AS v FROM charter_versions").all()).results[0].v;
    const actor = { id: member.id, role: "member", handle: member.handle, name: "Bench Member", locale: "en", charterVersion: charter, currentCharter: charter, via: "session" };
    const pages = [];
    let cursor;
    for (let page = 1; page <= deep + 1; page++) {
      const log = [];
      const ctx = { env: { DB: recordingD1(db, log) }, stats: { rowsRead: 0 }, requestId: "bench", origin: "http://bench" };
      const result = await feed.homeFeed(ctx, actor, limit, cursor);
      if (page === 1 || page === deep + 1) {
        for (const s of log) {
          const plan = await db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).bind(...s.binds).all();
          s.plan = plan.results.map((r) => r.detail);
        }
        pages.push({ page, rowsRead: ctx.stats.rowsRead, items: result.items.length, statements: log.map((s) => ({ sql: short(s.sql), rowsRead: s.rowsRead, rows: s.rows, plan: s.plan })) });
      }
      if (!result.next) break;
      cursor = result.next;
    }
    return pages;
  } finally {
    await mf.dispose();
  }
}

/** Prints the breakdown: statement, rows returned, rows read, and its plan. */
export function printExplain(pages, log = console.log) {
  for (const p of pages) {
    log(`\nFeed page ${p.page}: ${p.rowsRead} rows read for ${p.items} items (Miniflare D1, same code and data)`);
    p.statements.forEach((s, i) => {
      log(`  [${i + 1}] rows read ${String(s.rowsRead).padStart(5)}, returned ${String(s.rows).padStart(3)}: ${s.sql.slice(0, 150)}${s.sql.length > 150 ? "…" : ""}`);
      for (const d of s.plan ?? []) log(`        ${d}`);
    });
  }
}
