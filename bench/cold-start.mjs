#!/usr/bin/env node
// The Worker's cold start (issue 13, item 7): the deployed bundle (`wrangler deploy --dry-run --outdir`), its gzipped
// size against the aim (under 1 MB), the packages that weigh most in it (from esbuild's metafile), and the time
// workerd takes to load it and answer a first request, against an empty Worker loaded the same way in the same run
// (medians of --runs alternating starts). A miss is printed, never an exit code: this is a measurement.
//
// Usage: node bench/cold-start.mjs [--runs 5]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { wrangler } from "../scripts/lib/server.mjs";
import { parseArgs, ROOT } from "./lib/common.mjs";

export const AIMS = { gzipBytes: 1024 * 1024 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Starts workerd on one module and times it until its first answer; the state lives in a scratch directory. */
async function firstAnswer(modulePath, workerOptions, path) {
  const state = mkdtempSync(join(tmpdir(), "comptoir-bench-cold-"));
  const started = performance.now();
  const mf = new Miniflare({
    ...workerOptions,
    name: "comptoir",
    modules: [{ type: "ESModule", path: modulePath }],
    modulesRoot: join(modulePath, ".."),
    d1Persist: join(state, "d1"),
    durableObjectsPersist: join(state, "do"),
    r2Persist: join(state, "r2"),
    kvPersist: join(state, "kv"),
    cachePersist: join(state, "cache"),
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  const res = await mf.dispatchFetch(`http://localhost${path}`);
  await res.arrayBuffer();
  const ms = performance.now() - started;
  await mf.dispose();
  rmSync(state, { recursive: true, force: true });
  if (!res.ok) throw new Error(`bench: ${path} answered ${res.status} on a cold start`);
  return ms;
}

export async function coldStartBench({ runs = 5, log = console.log } = {}) {
  const out = mkdtempSync(join(tmpdir(), "comptoir-bench-bundle-"));
  try {
    wrangler(["deploy", "--dry-run", "--outdir", out, "--metafile", join(out, "meta.json"), "--config", join(ROOT, "wrangler.toml")], { stdio: "pipe" });
    const files = readdirSync(out).filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(out, f)).isFile());
    const sizes = files.map((f) => ({ file: f, bytes: statSync(join(out, f)).size, gzip: gzipSync(readFileSync(join(out, f))).length }));
    const gzip = sizes.reduce((n, s) => n + s.gzip, 0);
    log("The deployed bundle (wrangler deploy --dry-run):");
    for (const s of sizes) log(`    ${s.file.padEnd(24)} ${kb(s.bytes).padStart(10)}  ${kb(s.gzip).padStart(10)} gzipped`);
    log(`    total gzipped: ${kb(gzip)}  (aim < ${kb(AIMS.gzipBytes)}) ${gzip < AIMS.gzipBytes ? "ok" : "MISS"}`);

    // What weighs most: esbuild's bytes in the output, per package (or per folder of ours).
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8"));
    const byPackage = new Map();
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        const key = m ? m[1] : input.split("/").slice(0, 2).join("/");
        byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
      }
    }
    log("\nThe heaviest parts (bytes in the bundle, before gzip):");
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) log(`    ${name.padEnd(40)} ${kb(bytes).padStart(10)}`);

    // Cold start: workerd loads the module and answers GET /api/health, against an empty Worker, alternating.
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
    const empty = join(out, "empty", "index.js");
    mkdirSync(join(out, "empty"));
    writeFileSync(empty, "export default { fetch() { return new Response('{\"ok\":true}'); } };\n");
    const emptyOptions = { compatibilityDate: workerOptions.compatibilityDate, compatibilityFlags: workerOptions.compatibilityFlags };
    const samples = { bundle: [], empty: [] };
    for (let r = 0; r < runs; r++) {
      for (const which of r % 2 ? ["empty", "bundle"] : ["bundle", "empty"]) {
        samples[which].push(which === "bundle" ? await firstAnswer(join(out, "index.js"), workerOptions, "/api/health") : await firstAnswer(empty, emptyOptions, "/"));
      }
    }
    const result = { gzipBytes: gzip, coldMs: median(samples.bundle), emptyColdMs: median(samples.empty) };
    log(`\nCold start to the first answer, medians of ${runs} alternating starts: the bundle ${result.coldMs.toFixed(0)} ms, an empty Worker ${result.emptyColdMs.toFixed(0)} ms (${(result.coldMs / result.emptyColdMs).toFixed(2)}x; the difference, ${(result.coldMs - result.emptyColdMs).toFixed(0)} ms, is loading the bundle and its bindings)`);
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const result = await coldStartBench({ runs: Number(args.runs ?? 5) });
  console.log(`\n${JSON.stringify(result)}`);
}
