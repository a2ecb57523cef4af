// The `Env` type in worker-configuration.d.ts is generated from wrangler.toml (`wrangler types --include-runtime=false`;
// the runtime types come from @cloudflare/workers-types, see tsconfig.json). This script regenerates it and either
// checks that the committed file is identical (default; part of `npm test`) or rewrites it (`--write`, `npm run types`).
//
// Wrangler runs in a scratch directory holding a copy of wrangler.toml and links to the rest of the project, never in the
// project itself: there it would also read the secret names of a local .dev.vars or .env (both ignored by git) into
// `Env`, and the committed file would depend on whoever last ran it. The scratch file sits at the same depth as the real
// one, so the import paths and the header line (which records wrangler's arguments) come out as in a plain
// `wrangler types --include-runtime=false` run from a clean checkout. Offline: no banner, so no update check; no telemetry.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONFIG = "wrangler.toml";
const OUTPUT = "worker-configuration.d.ts";
const WRANGLER_ARGS = ["types", "--include-runtime=false"];
const RERUN = "npm run types";
/** Never visible to wrangler in the scratch directory: local secrets, wrangler's state, the file being checked. */
const HIDDEN = /^(\.dev\.vars.*|\.env.*|\.wrangler|\.git|wrangler\.(toml|json|jsonc)|worker-configuration\.d\.ts)$/;

const write = process.argv.includes("--write");

function generate() {
  const scratch = mkdtempSync(path.join(tmpdir(), "comptoir-env-types-"));
  try {
    copyFileSync(path.join(ROOT, CONFIG), path.join(scratch, CONFIG));
    for (const name of readdirSync(ROOT)) {
      if (!HIDDEN.test(name)) symlinkSync(path.join(ROOT, name), path.join(scratch, name), "junction");
    }
    const wrangler = path.join(path.dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");
    const env = {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      NO_COLOR: "1",
    };
    // Variables that would make the output depend on the caller's shell rather than on wrangler.toml.
    for (const name of ["CLOUDFLARE_ENV", "CLOUDFLARE_INCLUDE_PROCESS_ENV", "WRANGLER_LOG"]) delete env[name];
    const run = spawnSync(process.execPath, [wrangler, ...WRANGLER_ARGS], { cwd: scratch, env, encoding: "utf8" });
    if (run.status === 0) return readFileSync(path.join(scratch, OUTPUT), "utf8");
    process.stderr.write(`${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? `${run.error}\n` : ""}`);
    return undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** A short line diff (longest common subsequence), enough to see which binding or variable changed. */
function diff(before, after, limit = 40) {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length * b.length > 4e7) return [`  (${a.length} lines committed, ${b.length} generated)`];
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`  - ${a[i++]}`);
    } else {
      out.push(`  + ${b[j++]}`);
    }
  }
  return out.length > limit ? [...out.slice(0, limit), `  … ${out.length - limit} more changed lines`] : out;
}

const generated = generate();
if (generated === undefined) fail(`\`wrangler ${WRANGLER_ARGS.join(" ")}\` failed: see its output above.`);
const target = path.join(ROOT, OUTPUT);

if (write) {
  writeFileSync(target, generated);
  console.log(`✓ ${OUTPUT} written from ${CONFIG} (${generated.split("\n").length} lines).`);
} else {
  let committed;
  try {
    committed = readFileSync(target, "utf8");
  } catch {
    fail(`${OUTPUT} is missing. Run \`${RERUN}\` and commit the result.`);
  }
  if (committed !== generated) {
    console.error(diff(committed, generated).join("\n"));
    fail(`${OUTPUT} is out of date with ${CONFIG} (above: - committed, + generated). Run \`${RERUN}\` and commit the result.`);
  }
  console.log(`✓ ${OUTPUT} is current with ${CONFIG}.`);
}
