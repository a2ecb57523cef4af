// A push service played on loopback, for the worker tests of web push (vitest.config.ts's global setup): it takes
// every POST as a push message, keeps it (headers and body, base64) and answers by the path's first segment: `/gone/…`
// 410, `/missing/…` 404, `/fail/…` 500, anything else 201 (as a push service accepting a message). The tests read
// what arrived with GET /received?path=<path>. It holds nothing but what the tests sent it.
import { createServer } from "node:http";

const STATUS = { gone: 410, missing: 404, fail: 500 };

export function startPushService() {
  const received = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://push.invalid");
    if (req.method === "GET" && url.pathname === "/received") {
      const path = url.searchParams.get("path");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(received.filter((r) => r.path === path)));
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST") {
        res.writeHead(405).end();
        return;
      }
      received.push({ path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString("base64"), at: Date.now() });
      res.writeHead(STATUS[url.pathname.split("/")[1]] ?? 201).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    });
  });
}

/** vitest global setup: starts it, hands its origin to the pool (`inject("pushService")`), closes it at the end. */
export default async function setup({ provide }) {
  const service = await startPushService();
  provide("pushService", service.origin);
  return () => service.close();
}
