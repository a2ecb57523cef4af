// `npm run typecheck`: the three TypeScript projects (worker/rooms/contract, client, service worker) checked side by
// side rather than one after the other (each tsc keeps to about one core); the output of each is printed whole, in
// order, and the exit code is the first failure's.
import { spawn } from "node:child_process";

const tsc = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
const projects = ["tsconfig.json", "web/tsconfig.json", "web/tsconfig.sw.json", "e2e/tsconfig.json"];

const runs = projects.map(
  (project) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [tsc, "--noEmit", "-p", project], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (code) => resolve({ project, code: code ?? 1, output }));
    }),
);
let failed = 0;
for (const { project, code, output } of await Promise.all(runs)) {
  if (output) process.stdout.write(output);
  if (code !== 0) {
    console.error(`tsc -p ${project} failed (exit ${code})`);
    failed ||= code;
  }
}
process.exit(failed);
