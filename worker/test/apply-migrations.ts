import { applyD1Migrations, env } from "cloudflare:test";

// Test files share a runtime, one file at a time per worker (`isolate: false` in vitest.config.ts: a runtime per file
// cost about 5 s each). Every file starts from the database the migrations make all the same: what the files before
// it left is dropped whole (triggers first, so no search index follows a deletion; the foreign keys checked at the end
// of the one transaction, when nothing is left), and the migrations run again.
const { results } = await env.DB.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')").all<{
  type: "table" | "view" | "trigger";
  name: string;
  sql: string | null;
}>();
const ours = results.filter((o) => !/^(sqlite_|_cf_)/.test(o.name));
if (ours.length > 0) {
  const virtual = ours.filter((o) => o.type === "table" && /^CREATE VIRTUAL TABLE/i.test(o.sql ?? "")).map((o) => o.name);
  // An FTS table's shadow tables go with it.
  const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  const drop = (kind: string, name: string) => env.DB.prepare(`DROP ${kind} IF EXISTS "${name}"`);
  await env.DB.batch([
    env.DB.prepare("PRAGMA defer_foreign_keys = ON"),
    ...ours.filter((o) => o.type === "trigger").map((o) => drop("TRIGGER", o.name)),
    ...ours.filter((o) => o.type === "view").map((o) => drop("VIEW", o.name)),
    ...virtual.map((name) => drop("TABLE", name)),
    ...ours.filter((o) => o.type === "table" && !virtual.includes(o.name) && !shadow(o.name)).map((o) => drop("TABLE", o.name)),
  ]);
}
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS ?? []);
