#!/usr/bin/env node
// Seeds the large benchmark network into its own local D1 database:
//   200,000 members, 2,000 groups (20% private, 1% secret), ~2,000,000 memberships (10 groups each), 1,000,000 posts,
//   3,000,000 reactions, one charter version accepted by everyone, and a bench member with a session.
//
// Usage: node bench/seed-large.mjs [--dir .wrangler/bench] [--scale 1] [--chunk 100000] [--days 365]
//
// The database is re-created from scratch each run (the directory is wiped, the migrations applied with wrangler), then
// filled by generating rows inside SQLite: recursive CTEs, one INSERT … SELECT per chunk, sent through Miniflare's D1
// (the same SQLite file `wrangler dev --persist-to <dir>/state` serves). Everything is deterministic but the session
// token and the password salt. The FTS triggers of the migrations stay in place and index every row as it is inserted.
import { existsSync, mkdirSync, rmSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createHash, randomBytes, webcrypto } from "node:crypto";
import { applyMigrations } from "../scripts/lib/server.mjs";
import { DEFAULT_DIR, fmtInt, fmtMs, openD1, parseArgs, seedReportPath, stateDir } from "./lib/common.mjs";
import * as W from "./lib/words.mjs";

export const BENCH_PASSWORD = "comptoir-bench-password";
const SESSION_COOKIE = "comptoir_session";
const PBKDF2_ITERATIONS = 100_000;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // worker/lib/ids.ts

// ---------- SQL building blocks (all evaluated inside SQLite) ----------

/**
 * A deterministic hash of an integer SQL expression: two rounds of a product of two affine maps modulo 2^31 − 1
 * (degree 4 in x). A single affine map would make every "random" field a linear function of the row number, so that
 * fields drawn with different salts would be correlated (e.g. some groups would never get an announcement).
 * Every product stays below 2^62: SQLite integers never overflow into floats here.
 */
const P31 = 2147483647;
const mulA = (s) => ((1103515245 + s * 2654435) % P31) | 1;
const mulB = (s) => ((69069 + s * 1013904223) % P31) | 1;
const Q = (x, s) => `((((${x}) + ${s * 7919 + 13}) * ${mulA(s)} % ${P31}) * (((${x}) + ${s * 104729 + 7}) * ${mulB(s)} % ${P31}) % ${P31})`;
const H = (x, salt) => Q(Q(x, salt), salt + 500);
/** The 10 time characters of an id (Crockford base32 of the milliseconds), as in newId(). */
const idTime = (t) => Array.from({ length: 10 }, (_, k) => `substr('${ALPHABET}', ((${t}) >> ${5 * (9 - k)}) % 32 + 1, 1)`).join(" || ");
/** The 16 "random" characters of an id, from four hashes of the row number. */
const idRandom = (i, salt) =>
  Array.from({ length: 4 }, (_, a) => {
    const h = H(i, salt + a);
    return Array.from({ length: 4 }, (_, c) => `substr('${ALPHABET}', (${h} >> ${5 * c}) % 32 + 1, 1)`).join(" || ");
  }).join(" || ");
const newIdSql = (prefix, t, i, salt) => `'${prefix}_' || ${idTime(t)} || ${idRandom(i, salt)}`;

/**
 * `list[idx % list.length]` inside SQLite: the list is packed into one blob of fixed-width UTF-8 entries, so that
 * substr() works on byte offsets (on text it would walk the characters from the start on every call).
 */
function pick(list, idx) {
  const w = Math.max(...list.map((s) => Buffer.byteLength(s)));
  const packed = Buffer.concat(list.map((s) => Buffer.concat([Buffer.from(s), Buffer.alloc(w - Buffer.byteLength(s), " ")])));
  return `rtrim(CAST(substr(X'${packed.toString("hex")}', ((${idx}) % ${list.length}) * ${w} + 1, ${w}) AS TEXT))`;
}

const numbers = (from, to) => `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})`;

// ---------- the seed ----------

async function pbkdf2Hash(password) {
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const key = await webcrypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await webcrypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: PBKDF2_ITERATIONS }, key, 256);
  const b64 = (b) => Buffer.from(b).toString("base64url");
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${b64(salt)}$${b64(new Uint8Array(bits))}`;
}

function dirSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

export async function seedLarge({ dir = DEFAULT_DIR, scale = 1, chunk = 100_000, days = 365, log = console.log } = {}) {
  dir = resolve(dir);
  const N = Math.round(200_000 * scale); // members
  const G = Math.max(20, Math.round(2_000 * scale)); // groups
  const P = Math.round((1_000_000 * scale) / 10) * 10; // posts (a multiple of 10: reactions are laid out per 10 posts)
  const R = P * 3; // reactions
  const GROUPS_PER_MEMBER = 10;
  const STEP = Math.floor(G / (GROUPS_PER_MEMBER + 1)); // member u is in groups base(u) + k·STEP (mod G), k = 0..9
  const BUSY = Math.floor(G / 10); // half the posts go to the busy tenth of the groups (rowid ≡ 1 mod 10)
  const BENCH = 2; // rowid of the bench member (1 is the administrator)
  const now = Date.now();
  const DAY = 86_400_000;
  const POSTS_T0 = now - days * DAY; // posts from `days` ago until a minute ago, evenly spaced, ids in time order
  const POST_STEP = Math.floor((days * DAY - 60_000) / P);
  const USERS_T0 = POSTS_T0 - 400 * DAY;
  const USER_STEP = Math.floor((400 * DAY) / N);

  const persistTo = stateDir(dir);
  let mf, db;
  let bulkDetail;
  const phases = [];
  const started = Date.now();
  /** Runs one phase; its row count is the growth of `table` (what `changes` says would include the FTS trigger rows). */
  const phase = async (name, fn, table) => {
    const count = async () => (table ? (await db.prepare(`SELECT count(*) AS n FROM ${table}`).all()).results[0].n : 0);
    const t = Date.now();
    const before = await count();
    let rows = await fn();
    if (table) rows = (await count()) - before;
    const ms = Date.now() - t;
    phases.push({ name, ms, rows, ...(bulkDetail ? { detail: bulkDetail } : {}) });
    bulkDetail = undefined;
    log(`  ${name.padEnd(34)} ${fmtMs(ms).padStart(9)}${rows ? `   ${fmtInt(rows)} rows` : ""}`);
  };

  log(`Seeding the bench network into ${dir}`);
  log(`  ${fmtInt(N)} members, ${fmtInt(G)} groups, ${fmtInt(P)} posts, ${fmtInt(R)} reactions; ${fmtInt(chunk)} rows per statement`);

  // Only ever wipe a directory this script made (it leaves a marker), never one that happens to be passed by mistake.
  const marker = join(dir, ".comptoir-bench");
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(marker)) {
    throw new Error(`bench seed: ${dir} exists and is not a bench directory (no ${marker}); pass another --dir`);
  }
  await phase("wipe + migrations (wrangler)", async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(persistTo, { recursive: true });
    writeFileSync(marker, "Made by bench/seed-large.mjs: re-created from scratch on every seed.\n");
    applyMigrations(persistTo);
  });

  ({ mf, db } = await openD1(persistTo));
  const run = async (sql) => (await db.prepare(sql).run()).meta.changes ?? 0;
  /**
   * Bulk load: drops the table's secondary indexes and triggers, runs `fn`, then recreates them from their own
   * sqlite_master text (so the schema ends up exactly as the migrations left it) and rebuilds the FTS tables the
   * triggers would have filled. One sort per index instead of millions of random B-tree inserts.
   */
  const bulk = async (table, fts, fn) => {
    const objects = (await db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`).bind(table).all()).results;
    for (const o of objects) await run(`DROP ${o.type.toUpperCase()} "${o.name}"`);
    const changes = await fn();
    const t = Date.now();
    for (const o of objects.filter((o) => o.type === "index")) await run(o.sql);
    const ti = Date.now();
    for (const f of fts) await run(`INSERT INTO ${f}(${f}) VALUES('rebuild')`);
    for (const o of objects.filter((o) => o.type === "trigger")) await run(o.sql);
    const detail = `${objects.filter((o) => o.type === "index").length} indexes rebuilt in ${fmtMs(ti - t)}${fts.length ? `, ${fts.join(", ")} rebuilt in ${fmtMs(Date.now() - ti)}` : ""}`;
    bulkDetail = detail;
    log(`    (${table}: ${detail})`);
    return changes;
  };
  const inChunks = async (total, per, fn) => {
    let changes = 0;
    for (let a = 0; a < total; a += per) changes += await run(fn(a, Math.min(total, a + per) - 1));
    return changes;
  };

  try {
    const passwordHash = await pbkdf2Hash(BENCH_PASSWORD);

    // Members: user 1 is the administrator, every 100th a guest, user 2 the bench member.
    await phase("members (+ users_fts)", () =>
      bulk("users", ["users_fts"], () => inChunks(N, chunk, (a, b) => `${numbers(a + 1, b + 1)},
        u AS MATERIALIZED (SELECT i, ${USERS_T0} + i * ${USER_STEP} + ${H("i", 8)} % ${Math.min(997, USER_STEP - 1)} AS t, ${H("i", 1)} AS h1, ${H("i", 2)} AS h2, ${H("i", 3)} AS h3,
                     ${H("i", 4)} AS h4, ${H("i", 5)} AS h5, ${H("i", 6)} AS h6, ${H("i", 7) } % ${W.LOCATIONS.length} AS loc FROM n)
        INSERT INTO users (id, email, handle, name, role, title, department, location, timezone, locale, languages, hobbies,
          hot_topics, skills, phone, bio, bio_html, password_hash, charter_version, created_at, updated_at)
        SELECT ${newIdSql("usr", "t", "i", 100)},
          CASE i WHEN ${BENCH} THEN 'bench@bench.comptoir.test' ELSE 'member' || i || '@bench.comptoir.test' END,
          CASE i WHEN ${BENCH} THEN 'bench.member' ELSE 'member' || i END,
          CASE i WHEN ${BENCH} THEN 'Bench Member' ELSE ${pick(W.FIRST_NAMES, "h1")} || ' ' || ${pick(W.LAST_NAMES, "h2")} END,
          CASE WHEN i = 1 THEN 'admin' WHEN i % 100 = 0 THEN 'guest' ELSE 'member' END,
          ${pick(W.TITLES, "h3")}, ${pick(W.DEPARTMENTS, "h4")}, ${pick(W.LOCATIONS, "loc")}, ${pick(W.TIMEZONES, "loc")},
          CASE WHEN loc < ${W.FRENCH_LOCATIONS} THEN 'fr' ELSE 'en' END,
          ${pick(W.LANGUAGE_SETS, "loc")},
          '["' || ${pick(W.HOBBIES, "h5")} || '","' || ${pick(W.HOBBIES, "h5 / 20")} || '"]',
          '[]',
          '["' || ${pick(W.SKILLS, "h6")} || '","' || ${pick(W.SKILLS, "h6 / 40")} || '","' || ${pick(W.SKILLS, "h6 / 1600")} || '"]',
          '', ${pick(W.BIOS, "h1 / 50")}, '<p>' || ${pick(W.BIOS, "h1 / 50")} || '</p>',
          '${passwordHash}', 1, t, t
        FROM u ORDER BY i`)),
    "users");

    // Groups: every 5th private, 1% secret (of the others), the rest open.
    await phase("groups", () =>
      run(`${numbers(1, G)},
        g AS MATERIALIZED (SELECT i, ${USERS_T0} + i * ${Math.floor((400 * DAY) / G)} + ${H("i", 23)} % 997 AS t, ${H("i", 21)} AS h1, ${H("i", 22)} AS h2 FROM n)
        INSERT INTO groups (id, name, description, visibility, kind, cover_color, created_by, created_at, updated_at)
        SELECT ${newIdSql("grp", "t", "i", 200)},
          ${pick(W.GROUP_ADJECTIVES, "h1")} || ' ' || ${pick(W.GROUP_NOUNS, "h1 / 20")} || ' ' || i,
          ${pick(W.SENTENCES, "h2")},
          CASE WHEN i % 5 = 0 THEN 'private' WHEN i % 100 = 7 THEN 'secret' ELSE 'open' END,
          ${pick(W.GROUP_KINDS, "h2 / 40")}, ${pick(W.COVER_COLORS, "h1 / 400")},
          (SELECT id FROM users WHERE rowid = 1), t, t
        FROM g ORDER BY i`),
    "groups");

    // Memberships: member u is in the 10 groups base(u) + k·STEP; the bench member's base is 0 (groups 1, 1+STEP, …).
    // A few animators; 1 member in 40 also waits on a join request to an 11th group when it is private.
    const base = (u) => `(CASE WHEN ${u} = ${BENCH} THEN 0 ELSE ${H(u, 31)} % ${G} END)`;
    await phase("memberships", () => bulk("group_members", [], async () => {
      const members = await inChunks(N * GROUPS_PER_MEMBER, chunk * 2, (a, b) => `${numbers(a, b)},
        m AS (SELECT i / ${GROUPS_PER_MEMBER} + 1 AS u, i % ${GROUPS_PER_MEMBER} AS k, ${H("i", 32)} AS h FROM n),
        x AS MATERIALIZED (SELECT u, k, h, (${base("u")} + k * ${STEP}) % ${G} + 1 AS g FROM m)
        INSERT INTO group_members (group_id, user_id, role, state, notify, last_read_at, created_at)
        SELECT gr.id, us.id,
          CASE WHEN x.u <> ${BENCH} AND h % 50 = 0 THEN 'animator' ELSE 'member' END, 'member',
          CASE h % 10 WHEN 0 THEN 'all' WHEN 1 THEN 'none' ELSE 'mentions' END,
          ${now} - (h / 10) % ${30 * DAY},
          max(gr.created_at, us.created_at) + 3600000
        FROM x JOIN users us ON us.rowid = x.u JOIN groups gr ON gr.rowid = x.g
        ORDER BY x.g, x.u`); // rowid order is id order (ids start with the creation time): primary-key order
      const pending = await run(`${numbers(1, Math.floor(N / 40))},
        x AS (SELECT i * 40 AS u FROM n)
        INSERT INTO group_members (group_id, user_id, role, state, notify, last_read_at, created_at)
        SELECT gr.id, us.id, 'member', 'pending', 'mentions', 0, ${now} - ${DAY}
        FROM x JOIN users us ON us.rowid = x.u JOIN groups gr ON gr.rowid = (${base("x.u")} + ${GROUPS_PER_MEMBER * STEP}) % ${G} + 1
        WHERE gr.visibility = 'private'`);
      return members + pending;
    }), "group_members");

    // Scratch tables (dropped at the end): each group's members numbered 0..cnt-1, to pick authors and reactors who
    // belong to the post's group with one primary-key lookup.
    await phase("scratch member index", async () => {
      await run(`CREATE TABLE _bench_gc (g INTEGER PRIMARY KEY, id TEXT NOT NULL, cnt INTEGER NOT NULL)`);
      await run(`INSERT INTO _bench_gc SELECT gr.rowid, gr.id,
        (SELECT count(*) FROM group_members m WHERE m.group_id = gr.id AND m.state = 'member') FROM groups gr`);
      await run(`CREATE TABLE _bench_gm (g INTEGER NOT NULL, n INTEGER NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (g, n)) WITHOUT ROWID`);
      return run(`INSERT INTO _bench_gm SELECT c.g, row_number() OVER (PARTITION BY c.g ORDER BY m.user_id) - 1, m.user_id
        FROM _bench_gc c JOIN group_members m ON m.group_id = c.id AND m.state = 'member'`);
    });

    // Owners: a group's creator is its first member (never the bench member, who stays a plain member everywhere).
    await phase("owners + member counts", async () => {
      await run(`UPDATE groups SET
          created_by = (SELECT user_id FROM _bench_gm WHERE g = groups.rowid AND user_id <> (SELECT id FROM users WHERE rowid = ${BENCH}) ORDER BY n LIMIT 1),
          member_count = (SELECT cnt FROM _bench_gc WHERE g = groups.rowid)`);
      return run(`UPDATE group_members SET role = 'owner' WHERE (group_id, user_id) IN (SELECT id, created_by FROM groups)`);
    });

    // Posts: post i at POSTS_T0 + i·POST_STEP; half in a uniformly chosen group, half in the busy tenth; 70% written by
    // the group's 25 most active members. Kinds, tags, links, must-read announcements, a few pinned, edited, hidden and
    // deleted ones. The group of post i is a pure function of i (postGroup), reused by the reactions.
    const postGroup = (i) => `(CASE WHEN ${H(i, 11)} % 2 = 0 THEN ${H(i, 12)} % ${G} + 1 ELSE (${H(i, 12)} % ${BUSY}) * 10 + 1 END)`;
    await phase("posts (+ posts_fts)", () =>
      bulk("posts", ["posts_fts"], () => inChunks(P, chunk, (a, b) => `${numbers(a + 1, b + 1)},
        p AS MATERIALIZED (SELECT i, ${POSTS_T0} + i * ${POST_STEP} + ${H("i", 10)} % ${Math.min(997, POST_STEP - 1)} AS t, ${postGroup("i")} AS g, ${H("i", 13)} AS h3, ${H("i", 14)} AS h4,
                     ${H("i", 15)} % 100 AS kr, ${H("i", 16)} AS h6, ${H("i", 17)} AS h7, ${H("i", 18)} AS h8, ${H("i", 19)} AS h9 FROM n),
        q AS MATERIALIZED (SELECT p.*, c.id AS gid, c.cnt AS cnt, h7 % 5 = 0 AS tagged, ${pick(W.TAGS, "h8 / 40")} AS tag,
                CASE WHEN kr < 80 THEN 'discussion' WHEN kr < 86 THEN 'question' WHEN kr < 91 THEN 'link' WHEN kr < 95 THEN 'idea'
                     WHEN kr < 98 THEN 'event' ELSE 'announcement' END AS kind,
                ${pick(W.SENTENCES, "h6")} || ' ' || ${pick(W.SENTENCES, "h8")} AS text
              FROM p JOIN _bench_gc c ON c.g = p.g)
        INSERT INTO posts (id, group_id, author_id, kind, title, url, body, html, tags, must_read, pinned_at, edited_at,
          hidden_at, deleted_at, created_at, updated_at)
        SELECT ${newIdSql("pst", "t", "i", 300)}, gid,
          (SELECT user_id FROM _bench_gm WHERE g = q.g AND n = CASE WHEN h3 % 10 < 7 THEN h4 % min(cnt, 25) ELSE h4 % cnt END),
          kind,
          CASE kind WHEN 'link' THEN ${pick(W.LINK_TITLES, "h9")} WHEN 'announcement' THEN ${pick(W.ANNOUNCEMENT_TITLES, "h9")}
                    WHEN 'event' THEN 'Meet-up ' || i ELSE '' END,
          CASE kind WHEN 'link' THEN 'https://intranet.example.com/watch/' || i END,
          text || CASE WHEN tagged THEN ' #' || tag ELSE '' END,
          '<p>' || text || CASE WHEN tagged THEN ' <a href="/tags/' || tag || '">#' || tag || '</a>' ELSE '' END || '</p>',
          CASE WHEN tagged THEN '["' || tag || '"]' ELSE '[]' END,
          kind = 'announcement' AND h9 % 2 = 0,
          CASE WHEN i % 4999 = 0 THEN t END,
          CASE WHEN h3 % 20 = 3 THEN t + 600000 END,
          CASE WHEN h9 % 500 = 7 THEN t + 3600000 END,
          CASE WHEN h9 % 300 = 11 THEN t + 7200000 END,
          t, t
        FROM q ORDER BY i`)),
    "posts");
    const [{ maxRowid, count }] = (await db.prepare("SELECT max(rowid) AS maxRowid, count(*) AS count FROM posts").all()).results;
    if (maxRowid !== P || count !== P) throw new Error(`bench seed: posts rowids are not 1..${P} (max ${maxRowid}, count ${count})`);

    await phase("post tags", () =>
      run(`INSERT INTO post_tags (tag, post_id, group_id, created_at)
        SELECT json_extract(tags, '$[0]'), id, group_id, created_at FROM posts WHERE tags <> '[]'`),
    "post_tags");

    // Reactions: per block of 10 posts, 30 reactions spread 10/6/4/3/3/2/1/1/0/0 (rotated per block), by distinct
    // members of the post's group; the kind follows the reactor's rank (mostly likes).
    const COUNTS = [10, 6, 4, 3, 3, 2, 1, 1, 0, 0];
    const starts = COUNTS.map((_, s) => COUNTS.slice(0, s).reduce((x, y) => x + y, 0));
    const slotOf = `CASE ${starts.map((st, s) => (COUNTS[s] ? `WHEN o < ${st + COUNTS[s]} THEN ${s}` : "")).join(" ")} END`;
    const startOf = (slot) => `CASE ${slot} ${starts.map((st, s) => `WHEN ${s} THEN ${st}`).join(" ")} END`;
    await phase("reactions", () =>
      bulk("reactions", [], () => inChunks(R, chunk * 2, (a, b) => `${numbers(a, b)},
        x AS (SELECT i / 30 AS blk, i % 30 AS o FROM n),
        y AS (SELECT blk, o, ${slotOf} AS slot FROM x),
        z AS (SELECT blk * 10 + (slot + blk) % 10 + 1 AS j, o - ${startOf("slot")} AS m FROM y),
        w AS MATERIALIZED (SELECT j, m, ${postGroup("j")} AS g FROM z)
        INSERT INTO reactions (target_id, user_id, kind, created_at)
        SELECT p.id, (SELECT user_id FROM _bench_gm WHERE g = w.g AND n = (${H("w.j", 41)} + m) % c.cnt),
          CASE m % 7 WHEN 4 THEN 'thanks' WHEN 5 THEN 'support' WHEN 6 THEN 'celebrate' ELSE 'like' END,
          p.created_at + (m + 1) * 90000
        FROM w JOIN posts p ON p.rowid = w.j JOIN _bench_gc c ON c.g = w.g`)),
    "reactions");

    await phase("posts.reaction_counts", () =>
      inChunks(P, chunk * 2, (a, b) => `UPDATE posts SET reaction_counts = coalesce((
          SELECT json_group_object(kind, n) FROM (SELECT kind, count(*) AS n FROM reactions WHERE target_id = posts.id GROUP BY kind)
        ), '{}') WHERE rowid BETWEEN ${a + 1} AND ${b + 1}`),
    );

    await phase("groups.last_post_at", () =>
      run(`UPDATE groups SET last_post_at = (SELECT max(created_at) FROM posts WHERE group_id = groups.id)`),
    );

    await phase("charter (accepted by everyone)", async () => {
      await run(`INSERT INTO charter_versions (version, body, html, published_by, published_at)
        SELECT 1, 'Be kind, be useful, keep client secrets secret.', '<p>Be kind, be useful, keep client secrets secret.</p>', id, ${USERS_T0}
        FROM users WHERE rowid = 1`);
      return run(`INSERT INTO charter_acceptances (user_id, version, accepted_at) SELECT id, 1, created_at FROM users`);
    });

    await phase("drop scratch tables", async () => {
      await run("DROP TABLE _bench_gm");
      await run("DROP TABLE _bench_gc");
    });

    // The bench member: a session row (the cookie token is kept in seed.json, the table stores its SHA-256) and the
    // password above, should a benchmark want to log in.
    const token = randomBytes(32).toString("base64url");
    const bench = (await db.prepare(`SELECT id, email, handle FROM users WHERE rowid = ${BENCH}`).all()).results[0];
    await run(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
      VALUES ('${createHash("sha256").update(token).digest("hex")}', '${bench.id}', ${now}, ${now + 365 * DAY})`);
    const benchGroups = (await db.prepare(`SELECT g.id, g.name, g.visibility, m.state, m.role,
        (SELECT count(*) FROM posts p WHERE p.group_id = g.id) AS posts
      FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.rowid`).bind(bench.id).all()).results;

    const counts = {};
    for (const t of ["users", "groups", "group_members", "posts", "post_tags", "reactions", "charter_acceptances", "sessions"]) {
      counts[t] = (await db.prepare(`SELECT count(*) AS n FROM ${t}`).all()).results[0].n;
    }
    const totalMs = Date.now() - started;
    const report = {
      seededAt: new Date(now).toISOString(),
      scale, chunk, days, totalMs, phases, counts,
      databaseBytes: dirSize(persistTo),
      bench: { ...bench, password: BENCH_PASSWORD, cookie: `${SESSION_COOKIE}=${token}`, groups: benchGroups },
    };
    writeFileSync(seedReportPath(dir), JSON.stringify(report, null, 2) + "\n");

    log(`  ${"total".padEnd(34)} ${fmtMs(totalMs).padStart(9)}`);
    log(`  rows: ${Object.entries(counts).map(([t, n]) => `${t} ${fmtInt(n)}`).join(", ")}`);
    log(`  database on disk: ${(report.databaseBytes / 1e9).toFixed(2)} GB`);
    log(`  bench member ${bench.email} (${bench.id}) in ${benchGroups.length} groups: ` +
      benchGroups.map((g) => `${g.visibility}/${g.posts} posts`).join(", "));
    return report;
  } finally {
    await mf.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs();
  await seedLarge({
    dir: args.dir ?? DEFAULT_DIR,
    scale: args.scale ? Number(args.scale) : 1,
    chunk: args.chunk ? Number(args.chunk) : 100_000,
    days: args.days ? Number(args.days) : 365,
  });
}
