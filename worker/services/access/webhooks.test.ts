import { describe, expect, it } from "vitest";
import { webhookMayCarry, type WebhookGroupFacts } from "./webhooks";

/** Which endpoint carries which group's events, written out by hand (API.md "Integrations"). */
const GROUPS: Record<string, WebhookGroupFacts | null> = {
  network: null,
  "open community": { id: "grp_open", visibility: "open", kind: "community" },
  "open project": { id: "grp_open2", visibility: "open", kind: "project" },
  "open client": { id: "grp_client_open", visibility: "open", kind: "client" },
  "private community": { id: "grp_private", visibility: "private", kind: "community" },
  "private client": { id: "grp_client", visibility: "private", kind: "client" },
  "secret project": { id: "grp_secret", visibility: "secret", kind: "project" },
};

const ENDPOINTS: Record<string, string[]> = {
  "no grant": [],
  "granted the private community": ["grp_private"],
  "granted both clients": ["grp_client_open", "grp_client"],
  "granted the secret project": ["grp_secret"],
};

const EXPECTED: Record<string, Record<string, boolean>> = {
  "no grant": { network: true, "open community": true, "open project": true, "open client": false, "private community": false, "private client": false, "secret project": false },
  "granted the private community": { network: true, "open community": true, "open project": true, "open client": false, "private community": true, "private client": false, "secret project": false },
  "granted both clients": { network: true, "open community": true, "open project": true, "open client": true, "private community": false, "private client": true, "secret project": false },
  "granted the secret project": { network: true, "open community": true, "open project": true, "open client": false, "private community": false, "private client": false, "secret project": true },
};

describe("webhookMayCarry", () => {
  for (const [endpoint, groupIds] of Object.entries(ENDPOINTS)) {
    for (const [group, facts] of Object.entries(GROUPS)) {
      it(`${endpoint} · ${group} → ${EXPECTED[endpoint][group]}`, () => {
        expect(webhookMayCarry({ groupIds }, facts)).toBe(EXPECTED[endpoint][group]);
      });
    }
  }
});
