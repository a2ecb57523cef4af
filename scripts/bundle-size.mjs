// Prints the gzipped size of every built script, and fails when what the first page loads before its first render
// is over its budget (35 KB), or a route's chunk over its own (30 KB). The first page loads the scripts index.html
// names and the core part of its language's words (assets/words-<lang>-core-….js, see web/src/i18n/words-plugin.ts):
// the budget counts the larger language's. The other word parts load with the screens that show them; every part
// must be in the service worker's precache list.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 35 * 1024;
const ROUTE_BUDGET = 30 * 1024;
const dist = new URL("../web/dist/", import.meta.url);
const html = readFileSync(new URL("index.html", dist), "utf8");
const words = (file) => /^assets\/words-(\w+)-([\w]+)-[\w-]+\.js$/.exec(file);
// The page preloads both languages' core words too: only the larger is counted, below, not both as code.
const firstPage = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]).filter((f) => !words(f));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = readdirSync(new URL("assets/", dist))
  .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
  .map((f) => ({ file: `assets/${f}`, gzip: gzipSync(readFileSync(new URL(`assets/${f}`, dist))).length }));
const kind = (file) =>
  file.endsWith(".css") ? "stylesheet" : firstPage.includes(file) ? "first page" : words(file)?.[2] === "core" ? "core words" : words(file) ? "words     " : "lazy      ";
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`${kind(s.file)}  ${kb(s.gzip).padStart(9)} gz  ${s.file}`);

const code = sizes.filter((s) => firstPage.includes(s.file)).reduce((n, s) => n + s.gzip, 0);
const cores = sizes.filter((s) => words(s.file)?.[2] === "core").map((s) => ({ ...s, lang: words(s.file)[1] }));
if (cores.length < 2) {
  console.error("No core words file per language in web/dist/assets (words-<lang>-core-….js): the catalogues were not split.");
  process.exit(1);
}
const larger = cores.reduce((a, b) => (b.gzip > a.gzip ? b : a));
const total = code + larger.gzip;
console.log(`first page: ${kb(code)} of code + ${kb(larger.gzip)} of core words (${larger.lang}, the larger; ${cores.map((c) => `${c.lang} ${kb(c.gzip)}`).join(", ")}) = ${kb(total)} gzipped (budget ${kb(BUDGET)})`);
// The service worker precaches every part of every language, so the app reads offline in either.
const sw = readFileSync(new URL("sw.js", dist), "utf8");
const notPrecached = sizes.filter((s) => words(s.file) && !sw.includes(s.file.slice("assets/".length)));
for (const s of notPrecached) console.error(`${s.file} is not in the service worker's precache list.`);
const lazyChunks = sizes.filter((s) => s.file.endsWith(".js") && !firstPage.includes(s.file) && !words(s.file));
console.log(`largest route chunks: ${lazyChunks.slice(0, 5).map((s) => `${s.file.slice("assets/".length)} ${kb(s.gzip)}`).join(", ")} (budget ${kb(ROUTE_BUDGET)} each)`);
const overRoute = sizes.filter((s) => s.file.endsWith(".js") && !firstPage.includes(s.file) && s.gzip > ROUTE_BUDGET);
for (const s of overRoute) console.error(`${s.file} is ${kb(s.gzip)} gzipped, over a route chunk's budget of ${kb(ROUTE_BUDGET)}.`);
if (total > BUDGET) console.error("The first page (its code and its core words) is over its budget.");
if (total > BUDGET || overRoute.length || notPrecached.length) process.exit(1);
