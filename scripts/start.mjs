// `npm start`: build the client, apply local migrations, serve on http://localhost:8787, seed the demo if empty.
import { execSync } from "node:child_process";
import { applyMigrations, cronTimer, startWrangler } from "./lib/server.mjs";
import { seedDemoIfEmpty } from "./seed/demo.mjs";

const port = Number(process.env.PORT ?? 8787);
const inspectorPort = Number(process.env.INSPECTOR_PORT ?? 9229);

execSync("npm run build", { stdio: "inherit" });
applyMigrations();
const server = await startWrangler({ port, inspectorPort });
const seeded = await seedDemoIfEmpty(server.url, server.setupToken);
console.log(seeded ? "Seeded the demo network (admin@demo.test / comptoir-demo)." : "The database already holds a network: nothing seeded.");
const timer = cronTimer(server.url);
console.log(`\nComptoir is running on http://localhost:${port}  (Ctrl-C to stop)\n`);
const shutdown = () => {
  clearInterval(timer);
  server.stop();
  setTimeout(() => process.exit(0), 300);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
