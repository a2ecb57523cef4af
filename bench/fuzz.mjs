#!/usr/bin/env node
// The contract fuzz (worker/routes/fuzz.test.ts) at length: the same test file as `npm test`, with 10,000 requests per
// route instead of 200. The count and the seed reach the test as the FUZZ_RUNS and FUZZ_SEED bindings, which
// vitest.config.ts sets from the environment.
//
//   node bench/fuzz.mjs                               # 10,000 per route, the default seed (as CI's, 50 times longer)
//   node bench/fuzz.mjs --runs 2000 --seed 42         # another count, another seed
//   node bench/fuzz.mjs --route "PATCH /api/v1/me/profile"   # one route (a vitest -t pattern)
//   node bench/fuzz.mjs --random-seed                 # a new seed each time (printed; pass it back with --seed)
//
// The exit code is the test run's: a failure prints the route, the seed, the shrunk counterexample and the command to
// replay it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ROOT, parseArgs } from "./lib/common.mjs";

const a = parseArgs();
const runs = String(a.runs ?? 10_000);
const seed = a["random-seed"] ? String(Math.floor(Math.random() * 2 ** 31)) : String(a.seed ?? process.env.FUZZ_SEED ?? 20260702);
if (!/^[1-9]\d*$/.test(runs)) throw new Error(`--runs must be a positive integer, not ${runs}`);
if (!/^-?\d+$/.test(seed)) throw new Error(`--seed must be an integer, not ${seed}`);

// The test pool serves the client's build directory (the static assets binding): it must exist.
spawnSync(process.execPath, [join(ROOT, "scripts/ensure-dist.mjs")], { stdio: "inherit", cwd: ROOT });

const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const args = [vitest, "run", "worker/routes/fuzz.test.ts", ...(a.route ? ["-t", String(a.route)] : [])];
console.log(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}${a.route ? ` route ${a.route}` : ""} (per-route summary at the end)`);
const started = Date.now();
const run = spawnSync(process.execPath, args, { stdio: "inherit", cwd: ROOT, env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed } });
console.log(`fuzz: ${run.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s (FUZZ_RUNS=${runs} FUZZ_SEED=${seed})`);
process.exit(run.status ?? 1);
