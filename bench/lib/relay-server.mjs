// The bench-only build of the Worker (the production Worker plus a bare relay room, its configuration written from
// wrangler.toml at each run: `writeRelayConfig`), served
// by Miniflare from its `wrangler deploy --dry-run` bundle (as bench/lib/miniflare-server.mjs does for wrangler.toml)
// or by `wrangler dev --config` (as scripts/lib/server.mjs's startWrangler does), on a `--persist-to` directory.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { WRANGLER_ENV, freePort, wrangler } from "../../scripts/lib/server.mjs";
import { ROOT } from "./common.mjs";

/** Written at each run from wrangler.toml, beside this folder so that its relative paths hold (ignored by git). */
export const RELAY_CONFIG = join(ROOT, "bench", "wrangler.relay.generated.toml");
const wranglerBin = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * The bench configuration: wrangler.toml, its paths made relative to bench/, its entry the relay's
 * (bench/lib/relay-entry.ts: the production Worker plus `RelayRoom`, `PlainRelay` and the --diagnose rooms), and the relays' bindings and
 * migration added.
 * Written from the production file each time, so that it never drifts from it.
 */
export function writeRelayConfig() {
  const prod = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const rewrites = [
    [/^#:schema node_modules\//m, "#:schema ../node_modules/"],
    [/^main = "worker\/index.ts"$/m, 'main = "lib/relay-entry.ts"'],
    [/^directory = "web\/dist"$/m, 'directory = "../web/dist"'],
    [/^migrations_dir = "migrations"$/m, 'migrations_dir = "../migrations"'],
  ];
  let bench = prod;
  for (const [pattern, replacement] of rewrites) {
    if (!pattern.test(bench)) throw new Error(`bench: wrangler.toml no longer has ${pattern}: update writeRelayConfig in bench/lib/relay-server.mjs`);
    bench = bench.replace(pattern, replacement);
  }
  const tags = [...prod.matchAll(/^tag = "([^"]+)"$/gm)].map((m) => m[1]);
  // The relay rooms and the coffee room's variants of `--diagnose` (bench/lib/relay-entry.ts), each its own class.
  const classes = ["RelayRoom", "PlainRelay", "HibRelay", "CoffeeRoomAwake", "CoffeeRoomStoreFirst", "CoffeeRoomLate", "CoffeeRoomSlim", "CoffeeRoomBefore", "CoffeeRoomStoreLater", "CoffeeRoomBare", "CoffeeRoomNoStore", "CoffeeRoomNoCheck"];
  bench += `
# Bench only (bench/lib/relay-server.mjs): the bare partyserver relay room, the plain Durable Object relays and the
# coffee room's bench variants, after the production migrations (${tags.join(", ")}).
${classes.map((c) => `[[durable_objects.bindings]]\nname = "${c}"\nclass_name = "${c}"\n`).join("\n")}
[[migrations]]
tag = "bench-relay"
new_sqlite_classes = ${JSON.stringify(classes).replaceAll(",", ", ")}
`;  // The [[durable_objects.bindings]] added after the last [[migrations]] table: TOML reads both array tables whole.
  writeFileSync(RELAY_CONFIG, `# Written by bench/lib/relay-server.mjs from ../wrangler.toml at each run: do not edit.\n${bench}`);
}

/**
 * The bench configuration must be wrangler.toml plus the relay room, nothing else: compares the Miniflare options
 * wrangler derives from both files (bindings, vars, D1, R2, queues, Durable Objects, assets). Throws on drift.
 */
export function checkRelayConfig() {
  writeRelayConfig();
  const prod = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml")).workerOptions;
  const bench = unstable_getMiniflareWorkerOptions(RELAY_CONFIG).workerOptions;
  if (!bench.durableObjects?.RelayRoom) throw new Error("bench: the relay configuration has no RelayRoom binding");
  const { RelayRoom: _relay, PlainRelay: _plain, HibRelay: _hib, CoffeeRoomAwake: _awake, CoffeeRoomStoreFirst: _first, CoffeeRoomLate: _late, CoffeeRoomSlim: _slim, CoffeeRoomBefore: _before, CoffeeRoomStoreLater: _later, CoffeeRoomBare: _bare, CoffeeRoomNoStore: _noStore, CoffeeRoomNoCheck: _noCheck, ...benchRooms } = bench.durableObjects;
  const a = JSON.stringify({ ...prod });
  const b = JSON.stringify({ ...bench, durableObjects: benchRooms });
  if (a !== b) throw new Error("bench: the relay configuration differs from wrangler.toml (beyond the bench rooms)");
}

async function startMiniflare({ persistTo, vars }) {
  const buildDir = mkdtempSync(join(tmpdir(), "comptoir-bench-relay-build-"));
  try {
    wrangler(["deploy", "--dry-run", "--outdir", buildDir, "--config", RELAY_CONFIG], { stdio: "pipe" });
  } catch (err) {
    rmSync(buildDir, { recursive: true, force: true });
    throw new Error(`bench: wrangler deploy --dry-run --config bench/wrangler.relay.toml failed: ${err.stderr ?? err.message}`);
  }
  let errors = "";
  const { workerOptions } = unstable_getMiniflareWorkerOptions(RELAY_CONFIG);
  // The bundle is named after `main` (lib/relay-entry.ts → relay-entry.js).
  const scriptPath = join(buildDir, "relay-entry.js");
  if (!existsSync(scriptPath)) {
    rmSync(buildDir, { recursive: true, force: true });
    throw new Error(`bench: the dry-run bundle has no relay-entry.js`);
  }
  const mf = new Miniflare({
    ...workerOptions,
    name: "comptoir",
    // The bundle is one file: listed as the only module, so that Miniflare does not walk its imports (a dependency's
    // `import(specifier)` with a computed specifier, as file-type has, makes the walk refuse the bundle).
    modules: [{ type: "ESModule", path: scriptPath }],
    modulesRoot: buildDir,
    bindings: { ...workerOptions.bindings, ...vars },
    d1Persist: join(persistTo, "v3", "d1"),
    durableObjectsPersist: join(persistTo, "v3", "do"),
    r2Persist: join(persistTo, "v3", "r2"),
    kvPersist: join(persistTo, "v3", "kv"),
    cachePersist: join(persistTo, "v3", "cache"),
    host: "127.0.0.1",
    port: await freePort(),
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.on("data", (d) => { errors = (errors + d).slice(-20_000); });
    },
  });
  let url;
  try {
    url = (await mf.ready).origin;
  } catch (err) {
    await mf.dispose().catch(() => {});
    rmSync(buildDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    output: () => errors,
    async stop() {
      await mf.dispose();
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}

/** `wrangler dev --config bench/wrangler.relay.toml` in its own process group (startWrangler's recipe). */
async function startWranglerDev({ persistTo, vars }) {
  const port = await freePort();
  const args = [wranglerBin, "dev", "--config", RELAY_CONFIG, "--local", "--port", String(port), "--inspector-port", String(await freePort()),
    "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--persist-to", persistTo];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: WRANGLER_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output = (output + d).slice(-20_000); });
  child.stderr.on("data", (d) => { output = (output + d).slice(-20_000); });
  let exited = false;
  child.on("exit", () => { exited = true; });
  const kill = (sig) => { try { process.kill(-child.pid, sig); } catch {} };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`bench: wrangler dev exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) { kill("SIGKILL"); throw new Error(`bench: wrangler dev did not answer within 90 s:\n${output}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      kill("SIGTERM");
      for (let i = 0; i < 20 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
      kill("SIGKILL"); // the whole group: workerd children keep the port otherwise
    },
  };
}

export function startRelayServer(engine, options) {
  if (engine === "miniflare") return startMiniflare(options);
  if (engine === "wrangler") return startWranglerDev(options);
  throw new Error(`bench: unknown engine ${engine} (miniflare or wrangler)`);
}
