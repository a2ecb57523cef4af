import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module shared with `npm start`
import { applyMigrations, freePort, startWrangler, varsFromEnvironment } from "../scripts/lib/server.mjs";

// `npm start` passes through any variable of wrangler.toml's [vars] set in its environment, and nothing else.
const WRANGLER_TOML = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");

describe("npm start's variables", () => {
  it("takes from the environment exactly the names of [vars]", () => {
    const table: [string, Record<string, string>, Record<string, string>][] = [
      ["the project's own file", { LOGIN_MAX_FAILS_PER_EMAIL: "2", ROOM_FRAMES_PER_SECOND: "50", PATH: "/bin", HOME: "/root" }, { LOGIN_MAX_FAILS_PER_EMAIL: "2", ROOM_FRAMES_PER_SECOND: "50" }],
      ["nothing set", { PATH: "/bin" }, {}],
    ];
    for (const [name, environment, expected] of table) expect(varsFromEnvironment(WRANGLER_TOML, environment), name).toEqual(expected);
    const toml = 'name = "x"\n[vars]\nA = "1"\n# a comment\nB="2"\n\n[[d1_databases]]\nC = "3"\n';
    expect(varsFromEnvironment(toml, { A: "x", B: "z", C: "y" })).toEqual({ A: "x", B: "z" });
    expect(varsFromEnvironment('[vars]\nLAST = "1"', { LAST: "at the end" })).toEqual({ LAST: "at the end" });
    expect(varsFromEnvironment('name = "no vars"\n', { A: "x" })).toEqual({});
  });

  it("reaches the Worker: with LOGIN_MAX_FAILS_PER_EMAIL=1 the second failed sign-in is throttled", { timeout: 90_000 }, async () => {
    const persistTo = mkdtempSync(path.join(tmpdir(), "comptoir-vars-"));
    applyMigrations(persistTo);
    const vars = varsFromEnvironment(WRANGLER_TOML, { LOGIN_MAX_FAILS_PER_EMAIL: "1" });
    const server = await startWrangler({ port: await freePort(), inspectorPort: await freePort(), persistTo, quiet: true, vars });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: server.url }, body: JSON.stringify({ email: "nobody@example.test", password: "wrong password" }) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 429]);
    } finally {
      server.stop();
      rmSync(persistTo, { recursive: true, force: true });
    }
  });
});
