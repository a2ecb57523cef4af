// `npm run vapid`: makes a VAPID key pair for web push (RFC 8292) with crypto.subtle and prints it, with the commands
// that set it as the Worker's secrets. `npm start` calls `ensureLocalVapidKeys()`: local keys written to .dev.vars
// (ignored by git) the first time, when none are set.
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const base64url = (bytes) => Buffer.from(bytes).toString("base64url");

/** A fresh P-256 key pair: the public key uncompressed (65 bytes) and the private scalar (32 bytes), base64url. */
export async function generateVapidKeys() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const publicKey = base64url(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
  const { d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return { publicKey, privateKey: d };
}

const NAMES = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"];

/**
 * For `npm start`: the VAPID keys of the environment when it sets them (`vars`: passed to wrangler dev, which does not
 * read secrets from the environment), else those of .dev.vars (which wrangler dev reads), else a new local pair (and a
 * local subject) written into .dev.vars. `said`: what it did, for the console (never a key).
 */
export async function ensureLocalVapidKeys(devVarsPath = new URL("../.dev.vars", import.meta.url), environment = process.env) {
  if (NAMES.slice(0, 2).every((n) => environment[n])) {
    return { said: "VAPID keys from the environment", vars: Object.fromEntries(NAMES.filter((n) => environment[n]).map((n) => [n, environment[n]])) };
  }
  const current = existsSync(devVarsPath) ? readFileSync(devVarsPath, "utf8") : "";
  const has = (n) => new RegExp(`^\\s*${n}\\s*=`, "m").test(current);
  if (has("VAPID_PUBLIC_KEY") && has("VAPID_PRIVATE_KEY")) return { said: "VAPID keys from .dev.vars", vars: {} };
  const keys = await generateVapidKeys();
  const lines = [
    "# Web push: a local VAPID key pair made by `npm start` (scripts/vapid.mjs). Production sets its own as secrets.",
    `VAPID_PUBLIC_KEY="${keys.publicKey}"`,
    `VAPID_PRIVATE_KEY="${keys.privateKey}"`,
    ...(has("VAPID_SUBJECT") ? [] : [`VAPID_SUBJECT="${environment.VAPID_SUBJECT ?? "mailto:admin@example.com"}"`]),
  ];
  appendFileSync(devVarsPath, `${current && !current.endsWith("\n") ? "\n" : ""}${lines.join("\n")}\n`);
  return { said: "new local VAPID keys written to .dev.vars", vars: {} };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const keys = await generateVapidKeys();
  console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}`);
  console.log(`VAPID_PRIVATE_KEY=${keys.privateKey}`);
  console.log("\nSet them as the Worker's secrets, with a contact for the push services (mailto: or https:):");
  console.log("  npx wrangler secret put VAPID_PUBLIC_KEY");
  console.log("  npx wrangler secret put VAPID_PRIVATE_KEY");
  console.log("  npx wrangler secret put VAPID_SUBJECT      # e.g. mailto:it@your-company.com");
  console.log("Keep the same pair afterwards: browsers subscribed with the public key stop receiving pushes when it changes.");
}
