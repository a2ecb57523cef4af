/**
 * The layers of ARCHITECTURE.md as a test (`npm run check:layers` runs scripts/check-layers.mjs, part of `npm test`).
 *
 *   web/ (client) ──type-only──▶ worker/, party/
 *   worker/routes ──▶ services ──▶ worker/db ──▶ contract/, npm packages
 *   party/ (rooms) ──▶ contract/, npm packages (never worker/)
 *   contract/ (shared zod schemas) ──▶ npm packages only
 *
 * Type-only edges (`import type …`, `import { type A, type B } …`, `export type … from`)
 * are erased by the compiler, so they never put server code into the client bundle nor
 * a lower layer's values into an upper one: the rules below let them through where they
 * say so.
 */

// Everything the check looks at; other top-level folders (e2e/, bench/, scripts/,
// configs) are tools around the product, not layers of it.
const SCOPE = "^(worker|party|web/src|contract)/";

// Edges that exist only for the type checker: `import type …`, `import { type A } …` (every
// name marked `type`), `export type … from`; "type-import" is `typeof import("…")` in a type.
const TYPE_ONLY = ["type-only", "type-import"];

// What an npm package resolves to, whatever package.json section it is declared in.
const NPM = ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-bundled", "npm-no-pkg", "npm-unknown"];

// Without a TypeScript parser dependency-cruiser skips every .ts/.tsx file and passes on an empty
// graph; fail loudly instead.
try {
  require("@swc/core");
} catch (error) {
  throw new Error(`check:layers needs @swc/core (the parser below) and could not load it: ${error.message}`);
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "routes-no-db-values",
      severity: "error",
      comment:
        "worker/routes/ speaks HTTP and calls services; it never reaches the drizzle tables or their enum " +
        "arrays itself (a route that needs e.g. the list of group kinds gets it from the service or contract/ " +
        "that owns the request schema). Type-only imports from worker/db/ are allowed: they vanish at build time.",
      from: { path: "^worker/routes/" },
      to: { path: "^worker/db/", dependencyTypesNot: TYPE_ONLY },
    },
    {
      name: "db-is-the-bottom",
      severity: "error",
      comment:
        "worker/db/ (drizzle schema and client) is the lowest layer of the Worker: it imports only worker/db/ " +
        "itself, contract/ and npm packages. Not worker/lib/ either (lib/validate depends on the Worker's " +
        "context and errors): a helper the schema needs moves down into db/ or contract/. Anything above " +
        "(services, routes, middleware, jobs, rooms, client) depends on db, never the reverse.",
      from: { path: "^worker/db/" },
      to: { pathNot: ["^worker/db/", "^contract/"], dependencyTypesNot: NPM },
    },
    {
      name: "party-not-worker",
      severity: "error",
      comment:
        "party/ holds the room classes (Durable Objects). They receive a verified identity from the Worker and " +
        "speak the frames of party/protocol (later contract/); they never import worker/ code, which would drag " +
        "services and D1 access into the rooms. Only their tests (*.test.ts, party/test-socket.ts) use the " +
        "worker/test helpers to create members and sessions.",
      from: { path: "^party/", pathNot: ["\\.test\\.ts$", "^party/test-socket\\.ts$"] },
      // One door, one room: the office-hour room writes question posts and their accepted answers, and must do so
      // through the SAME services as the HTTP routes (deadline, events, webhooks, feed), never a copy of them. It
      // imports worker/services/questions/office-hour-room.ts and nothing else of worker/ (the rule below).
      to: { path: "^worker/", pathNot: "^worker/services/questions/office-hour-room\\.ts$" },
    },
    {
      name: "party-office-hour-door-only",
      severity: "error",
      comment:
        "Only party/office-hour-room.ts passes through the office-hour door (party-not-worker's one exception): " +
        "no other room reaches the services.",
      from: { path: "^party/", pathNot: ["\\.test\\.ts$", "^party/test-socket\\.ts$", "^party/office-hour-room\\.ts$"] },
      to: { path: "^worker/services/questions/office-hour-room\\.ts$" },
    },
    {
      name: "web-types-only-from-server",
      severity: "error",
      comment:
        "The client must not pull server code into its bundle (ARCHITECTURE.md, Client / Top level): web/ uses " +
        "worker/ and party/ only through type-only imports. Values shared with the server (schemas, enum " +
        "lists, constants) belong in contract/.",
      from: { path: "^web/" },
      to: { path: "^(worker|party)/", dependencyTypesNot: TYPE_ONLY },
    },
    {
      name: "contract-is-standalone",
      severity: "error",
      comment:
        "contract/ holds the zod schemas shared by worker/, party/ and web/: it must build in all three, so " +
        "it imports only contract/ itself and npm packages (no worker/, party/ or web/ code, no Node or " +
        "Workers built-ins). The rule is in place before the folder exists; it matches nothing until then.",
      from: { path: "^contract/" },
      to: { pathNot: "^contract/", dependencyTypesNot: NPM },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle makes module initialisation order matter (a value read before its module has run) and " +
        "blurs the layers. Type-only cycles are forbidden too: there are none today, and dependency-cruiser " +
        "reports one cycle per edge, so an exception for type-only cycles (viaOnly) could hide a value cycle " +
        "behind a type-only one. If a type-only cycle is ever needed, add " +
        "`viaOnly: { dependencyTypesNot: TYPE_ONLY }` to `to` here, knowing that limit.",
      from: { path: SCOPE },
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "Every import must resolve to a file or an installed package; otherwise the rules above cannot see " +
        "where it leads (and the build would fail anyway).",
      from: { path: SCOPE },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The folders to check are the command's arguments (package.json "check:layers"); npm packages
    // are leaves: they show up (so the rules can tell them apart) but are not cruised.
    doNotFollow: { path: "(^|/)node_modules/" },
    // Workers runtime modules: provided by workerd / @cloudflare/vitest-pool-workers, not files.
    builtInModules: { add: ["cloudflare:workers", "cloudflare:test", "cloudflare:sockets", "cloudflare:email"] },
    // dependency-cruiser's tsc parser needs TypeScript 2-6 and cannot load the project's TypeScript 7;
    // swc parses TypeScript and still tells type-only imports apart (needs @swc/core installed).
    parser: "swc",
    // Resolve imports the way TypeScript does (moduleResolution "bundler", extensionless paths).
    // Neither tsconfig.json nor web/tsconfig.json declares `paths` or `baseUrl`; if one ever does,
    // this is where dependency-cruiser reads them (it takes a single tsconfig).
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types", "workerd", "worker", "browser"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
  },
};
