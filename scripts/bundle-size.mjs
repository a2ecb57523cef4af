// Prints the gzipped size of every built script, and fails when the first page's JS is over its budget (35 KB) or a
// route's chunk over its own (30 KB). The language catalogue the first page also loads (one of en/fr, before the first
// render) is printed beside the first page's total: it is not yet within the budget (issue 13).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 35 * 1024;
const ROUTE_BUDGET = 30 * 1024;
const dist = new URL("../web/dist/", import.meta.url);
const html = readFileSync(new URL("index.html", dist), "utf8");
const firstPage = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const isCatalogue = (file) => /^assets\/(en|fr)-[\w-]+\.js$/.test(file);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = readdirSync(new URL("assets/", dist))
  .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
  .map((f) => ({ file: `assets/${f}`, gzip: gzipSync(readFileSync(new URL(`assets/${f}`, dist))).length }));
const kind = (file) => (file.endsWith(".css") ? "stylesheet" : firstPage.includes(file) ? "first page" : isCatalogue(file) ? "catalogue " : "lazy      ");
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`${kind(s.file)}  ${kb(s.gzip).padStart(9)} gz  ${s.file}`);

const total = sizes.filter((s) => firstPage.includes(s.file)).reduce((n, s) => n + s.gzip, 0);
const catalogue = Math.max(0, ...sizes.filter((s) => isCatalogue(s.file)).map((s) => s.gzip));
console.log(`first page JS: ${kb(total)} gzipped (budget ${kb(BUDGET)}); with the larger language catalogue: ${kb(total + catalogue)}`);
const overRoute = sizes.filter((s) => s.file.endsWith(".js") && !firstPage.includes(s.file) && !isCatalogue(s.file) && s.gzip > ROUTE_BUDGET);
for (const s of overRoute) console.error(`${s.file} is ${kb(s.gzip)} gzipped, over a route chunk's budget of ${kb(ROUTE_BUDGET)}.`);
if (total > BUDGET) console.error("The first page is over its JS budget.");
if (total > BUDGET || overRoute.length) process.exit(1);
