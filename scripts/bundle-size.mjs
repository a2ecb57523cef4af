// Prints the gzipped size of every built script, and fails when the first page's JS is over the budget (35 KB).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 35 * 1024;
const dist = new URL("../web/dist/", import.meta.url);
const html = readFileSync(new URL("index.html", dist), "utf8");
const firstPage = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const sizes = readdirSync(new URL("assets/", dist))
  .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
  .map((f) => ({ file: `assets/${f}`, gzip: gzipSync(readFileSync(new URL(`assets/${f}`, dist))).length }));
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`${s.file.endsWith(".css") ? "stylesheet" : firstPage.includes(s.file) ? "first page" : "lazy      "}  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB gz  ${s.file}`);
}
const total = sizes.filter((s) => firstPage.includes(s.file)).reduce((n, s) => n + s.gzip, 0);
console.log(`first page JS: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error("The first page is over its JS budget.");
  process.exit(1);
}
