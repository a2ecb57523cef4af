// The Worker's static assets directory must exist before wrangler or the test pool starts.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

if (!existsSync(new URL("../web/dist/index.html", import.meta.url))) {
  execSync("npm run build", { stdio: "inherit" });
}
