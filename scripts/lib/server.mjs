// Runs the network locally the way `npm start` and the browser tests need it: migrations, wrangler dev, the cron timer.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";

export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const wranglerBin = new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url).pathname;

export function wrangler(args, options = {}) {
  return execFileSync(process.execPath, [wranglerBin, ...args], { env: WRANGLER_ENV, stdio: options.stdio ?? "inherit", encoding: "utf8" });
}

export function applyMigrations(persistTo) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])], { stdio: "pipe" });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The variables of wrangler.toml's `[vars]` that are set in `environment` (for `npm start`: its own environment), as
 * `--var` overrides for wrangler dev. Only the names the Worker declares pass, so nothing else of the shell leaks in.
 */
export function varsFromEnvironment(wranglerToml, environment) {
  const section = /^\[vars\][^\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(wranglerToml)?.[1] ?? "";
  const names = [...section.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((m) => m[1]);
  return Object.fromEntries(names.filter((name) => environment[name] !== undefined).map((name) => [name, environment[name]]));
}

/**
 * Starts `wrangler dev` in its own process group (it leaves workerd children behind otherwise) and waits for it to
 * answer. Returns the base URL, the setup token it was given, and `stop()` which ends the whole group. `quiet` keeps
 * wrangler's output for `output()`; `onLine` receives each line of it instead (what `npm start` shows, filtered).
 * `cwd`: another checkout of the project to serve (a benchmark comparing two commits), else the current directory.
 */
export async function startWrangler({ port, inspectorPort, persistTo, quiet = false, onLine, vars = {}, cwd }) {
  const setupToken = randomBytes(24).toString("hex");
  const args = [wranglerBin, "dev", "--local", "--port", String(port), "--inspector-port", String(inspectorPort), "--ip", "127.0.0.1", "--test-scheduled", "--show-interactive-dev-session=false", "--var", `SETUP_TOKEN:${setupToken}`];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  if (persistTo) args.push("--persist-to", persistTo);
  const piped = quiet || onLine;
  const child = spawn(process.execPath, args, { env: WRANGLER_ENV, cwd, detached: true, stdio: piped ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"] });
  let output = "";
  if (onLine) {
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream.on("data", (d) => {
        const lines = (rest + d).split("\n");
        rest = lines.pop();
        for (const line of lines) onLine(line);
      });
      stream.on("end", () => rest && onLine(rest));
    }
  } else if (quiet) {
    child.stdout.on("data", (d) => { output += d; });
    child.stderr.on("data", (d) => { output += d; });
  }
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on("exit", () => { exited = true; });
  const stop = () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch {} }, 2000).unref();
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) { stop(); throw new Error(`wrangler dev did not answer within 60 s:\n${output}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, setupToken, stop, child, output: () => output };
}

/** Calls the local cron trigger (cron does not fire by itself under wrangler dev). */
export function cronTimer(url, everyMs = 60_000) {
  const tick = () => fetch(`${url}/__scheduled?cron=*+*+*+*+*`).catch(() => {});
  return setInterval(tick, everyMs);
}
