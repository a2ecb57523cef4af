#!/usr/bin/env node
// `npm run bench`: seeds the large bench network if its database is missing (or with --reseed), then runs the feed
// benchmark. Arguments are passed on (see seed-large.mjs and feed.mjs); the exit code is 0 unless something broke —
// a missed aim is reported, not failed.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { DEFAULT_DIR, ROOT, parseArgs, seedReportPath } from "./lib/common.mjs";
import { seedLarge } from "./seed-large.mjs";
import { feedBench } from "./feed.mjs";

const a = parseArgs();
const dir = a.dir ?? DEFAULT_DIR;

// wrangler dev needs the client's build directory (the static assets binding).
execFileSync(process.execPath, [join(ROOT, "scripts/ensure-dist.mjs")], { stdio: "inherit", cwd: ROOT });

if (a.reseed || !existsSync(seedReportPath(dir))) {
  await seedLarge({ dir, scale: Number(a.scale ?? 1), chunk: Number(a.chunk ?? 100_000), days: Number(a.days ?? 365) });
  console.log("");
} else {
  console.log(`Using the bench database in ${dir} (seeded before; --reseed to re-create it)\n`);
}

// Both servers by default: wrangler dev is what developers run; Miniflare serving the deploy bundle has fewer proxy
// layers in front of the Worker, so the cost of the D1 work weighs more in its ratios (closer to production).
const engines = String(a.engine ?? "wrangler,miniflare").split(",");
const results = [];
for (const [i, engine] of engines.entries()) {
  if (i > 0) console.log(`\n${"=".repeat(100)}\n`);
  results.push(await feedBench({
    engine,
    dir,
    runs: Number(a.runs ?? 5),
    duration: Number(a.duration ?? 10),
    connections: Number(a.connections ?? 10),
    warmup: Number(a.warmup ?? 3),
    deep: Number(a.deep ?? 10),
    explain: !a["no-explain"] && i === engines.length - 1,
  }));
}

if (results.length > 1) {
  console.log(`\nSummary (medians of ${a.runs ?? 5} alternating runs; ratios against GET /api/v1/me in the same run):`);
  for (const r of results) {
    console.log(`  ${r.engine.padEnd(9)} ` + r.aims.filter((x) => x.ok !== null).map((x) => `${x.ok ? "PASS" : "MISS"} ${x.what} ${x.value}`).join(" | "));
  }
}
