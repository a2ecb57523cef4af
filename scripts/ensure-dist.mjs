// The Worker's static assets directory must exist before wrangler or the test pool starts.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

// A build from before web/public/_headers existed lacks the assets' caching headers: it is rebuilt.
if (!existsSync(new URL("../web/dist/index.html", import.meta.url)) || !existsSync(new URL("../web/dist/_headers", import.meta.url))) {
  execSync("npm run build", { stdio: "inherit" });
}
