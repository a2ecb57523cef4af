import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { feedQuery } from "./feed/feed";
import { groupListQuery } from "./groups/groups";
import { threadRecipientsQuery } from "./notifications/notify";
import { erasureStatements } from "./privacy/erase";
import { exportPlan } from "./privacy/export";
import { searchQuery, SEARCH_TYPES } from "./search/search";

/** Every step of the plan (`EXPLAIN QUERY PLAN`'s details). */
async function plan(sql: string, binds: readonly unknown[]) {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...binds).all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/**
 * The full scans of a plan: every `SCAN` of a table, by its name or its alias (`SCAN u`), but the plan's own CTEs and
 * subqueries (named by a `CO-ROUTINE` or `MATERIALIZE` step), virtual tables (FTS), a constant row, and a walk of an
 * index in its order (`USING INDEX`: a keyset page, stopped by its LIMIT).
 */
function fullScans(details: string[]) {
  const own = new Set(details.flatMap((d) => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/.exec(d)?.[1] ?? []));
  return details.filter((d) => {
    const name = /^SCAN (\w+)/.exec(d)?.[1];
    return name !== undefined && !own.has(name) && name !== "CONSTANT" && !d.includes("VIRTUAL TABLE") && !/USING (COVERING )?INDEX/.test(d);
  });
}

const actors: Actor[] = (["member", "guest", "admin"] as const).map((role) => ({
  id: "usr_01m8000000000000000000000a",
  role,
  handle: "x",
  name: "X",
  locale: "en",
  charterVersion: null,
  currentCharter: null,
  via: "session",
}));

describe("query plans use indexes (no full scan)", () => {
  it("recognises a full scan when there is one", async () => {
    expect(fullScans(await plan("SELECT id FROM posts WHERE body = ?", ["x"]))).toEqual(["SCAN posts"]);
    expect(fullScans(await plan("SELECT u.id FROM users u WHERE u.locale = ?", ["x"]))).toEqual(["SCAN u"]);
    expect(fullScans(await plan("WITH c AS (SELECT id FROM users WHERE id = ? LIMIT 1) SELECT id FROM c", ["x"]))).toEqual([]);
  });

  it.each(actors.map((a) => [a.role, a] as const))("home feed page for a %s", async (_role, actor) => {
    const q = feedQuery(actor, 21, undefined, true);
    const details = await plan(q.sql, q.binds);
    expect(fullScans(details), details.join("\n")).toEqual([]);
  });

  it.each(actors.flatMap((a) => [[a.role, "alphabetical", a], [a.role, "search", a]] as const))("group list for a %s (%s)", async (_role, mode, actor) => {
    const q = groupListQuery(actor, { q: mode === "search" ? "toolbox" : undefined, limit: 20 }, mode === "search" ? { r: -1, i: "grp_x" } : { n: "M", i: "grp_x" });
    const details = await plan(q.sql, q.binds);
    expect(fullScans(details), details.join("\n")).toEqual([]);
  });

  it.each(actors.flatMap((a) => [undefined, ...SEARCH_TYPES].map((type) => [a.role, type ?? "all", a, type] as const)))("search for a %s over %s", async (_role, _label, actor, type) => {
    const q = searchQuery(actor, { q: "salesforce migration", type, limit: 20 })!;
    const details = await plan(q.sql, q.binds);
    expect(fullScans(details), details.join("\n")).toEqual([]);
  });

  // A member's export and erasure look them up in every table that names members: through an index each time, never a
  // scan of the table (at 200,000 members, a scan of reactions or notifications per table would be the whole database).
  // Exempt: the one-row tables (the network's settings, its SSO configuration), and erasure's scrub of free JSON text
  // (audit before/after, webhook payloads), which must read the text itself.
  const ONE_ROW = new Set(["network_settings", "sso_config"]);
  const scansOf = (details: string[]) =>
    details.filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && !d.includes("VIRTUAL TABLE") && !ONE_ROW.has(m[1]) && m[1] !== "CONSTANT";
    });
  const MEMBER = "usr_01m8000000000000000000000a";

  // Who hears of a new comment: found by key (the post's author, its followers, the members named), never by reading
  // every member (a join on an OR of the three scanned users: several ms a comment at 4,000 members).
  it.each(actors.flatMap((a) => [[a.role, "no mention", a, []], [a.role, "mentions", a, ["alice", "bob"]]] as const))("a comment's recipients for a %s (%s)", async (_role, _label, actor, handles) => {
    const q = threadRecipientsQuery(actor, "pst_01m8000000000000000000000a", [...handles], 1_000);
    const details = await plan(q.sql, q.binds);
    expect(fullScans(details), details.join("\n")).toEqual([]);
  });

  it("finds a member's rows through an index in every table of the export", async () => {
    const statements = exportPlan(MEMBER, "someone@example.test");
    expect(statements.length).toBeGreaterThan(30);
    const scans: string[] = [];
    for (const st of statements) for (const d of scansOf(await plan(st.sql, st.args))) scans.push(`${st.table}: ${d} — ${st.sql}`);
    expect(scans).toEqual([]);
  });

  it.each(["anonymise", "delete"] as const)("finds a member's rows through an index in every statement of an erasure (%s)", async (mode) => {
    const statements = erasureStatements({ oldId: MEMBER, oldEmail: "someone@example.test", oldName: "Someone", newId: "usr_01m8000000000000000000000b", newName: "Deleted member", now: 1, mode });
    const scans: string[] = [];
    for (const st of statements) {
      if (st.sql.includes("instr(") || st.sql.includes("'optimize'")) continue;
      for (const d of scansOf(await plan(st.sql, st.args))) scans.push(`${d} — ${st.sql}`);
    }
    expect(scans).toEqual([]);
  });
});
