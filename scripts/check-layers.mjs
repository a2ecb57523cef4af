// The layers as a test (npm test): dependency-cruiser's rules of .dependency-cruiser.cjs over worker/, party/,
// web/src and contract/. Run through its API: its command line refuses Node 20, which these machines run, while the
// analysis itself (with the swc parser, since it cannot load TypeScript 7) works on it.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { cruise, format } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const require = createRequire(import.meta.url);
const config = require("../.dependency-cruiser.cjs");
const roots = ["worker", "party", "web/src", "contract"].filter((d) => existsSync(d));

const started = Date.now();
const result = await cruise(roots, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } }, undefined, {
  tsConfig: extractTSConfig("tsconfig.json"),
});
const { modules, summary } = result.output;
const tsModules = modules.filter((m) => /\.tsx?$/.test(m.source)).length;
if (tsModules < 100) {
  // A parser that silently skips TypeScript would pass on an empty graph.
  console.error(`check:layers: only ${tsModules} TypeScript modules were read; the parser is not working`);
  process.exit(1);
}
const report = await format(result.output, { outputType: "err" });
if (summary.error > 0) {
  process.stderr.write(report.output);
  process.exit(1);
}
console.log(`✓ layers: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports, no rule broken (${Date.now() - started} ms)`);
