// The Worker served by Miniflare from Node, without wrangler dev's proxy layers (STACK-NOTES "Measuring": closer to
// production). The code is the `wrangler deploy --dry-run` bundle of worker/index.ts, the bindings are the ones
// wrangler derives from wrangler.toml, the state is the same `--persist-to` directory layout wrangler dev uses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { wrangler } from "../../scripts/lib/server.mjs";
import { ROOT } from "./common.mjs";

/**
 * `root`: the checkout whose wrangler.toml and Worker to serve (another commit's, for a benchmark comparing two), else
 * this one. `inspectorPort`: workerd's own inspector (CPU profiles), off unless given.
 */
export async function startMiniflare({ persistTo, port, vars = {}, root = ROOT, inspectorPort }) {
  const buildDir = mkdtempSync(join(tmpdir(), "comptoir-bench-build-"));
  try {
    wrangler(["deploy", "--dry-run", "--outdir", buildDir, "--config", join(root, "wrangler.toml")], { stdio: "pipe" });
  } catch (err) {
    rmSync(buildDir, { recursive: true, force: true });
    throw new Error(`bench: wrangler deploy --dry-run failed: ${err.stderr ?? err.message}`);
  }
  let errors = "";
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const mf = new Miniflare({
    ...workerOptions,
    name: "comptoir",
    // The bundle is one file: listed as the only module, so that Miniflare does not walk its imports (a dependency's
    // `import(specifier)` with a computed specifier, as file-type has, makes the walk refuse the bundle).
    modules: [{ type: "ESModule", path: join(buildDir, "index.js") }],
    modulesRoot: buildDir,
    bindings: { ...workerOptions.bindings, ...vars },
    d1Persist: join(persistTo, "v3", "d1"),
    durableObjectsPersist: join(persistTo, "v3", "do"),
    r2Persist: join(persistTo, "v3", "r2"),
    kvPersist: join(persistTo, "v3", "kv"),
    cachePersist: join(persistTo, "v3", "cache"),
    host: "127.0.0.1",
    port,
    ...(inspectorPort !== undefined && { inspectorPort }),
    // The Worker logs a line per API request: drop stdout (printing it would cost the load generator's CPU), keep the
    // tail of stderr for errors.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.on("data", (d) => { errors = (errors + d).slice(-20_000); });
    },
  });
  const url = (await mf.ready).origin;
  return {
    url,
    inspectorUrl: inspectorPort !== undefined ? () => mf.getInspectorURL() : undefined,
    output: () => errors,
    async stop() {
      await mf.dispose();
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}
