// The webhooks bench's receiver, in a process of its own: an HTTP server on loopback that answers 204 at once and
// notes each delivery's arrival (a wall-clock time in ms, `performance.timeOrigin + performance.now()`, comparable
// across processes, and the event's type). In production the receiver is another company's server: run in the
// bench's own process, its request handling would share the event loop of the client that times the posts.
//
// `startReceiver()` (the bench's side) forks this file and talks to it over IPC: `count(type)` and `arrivals(type)`
// are asked for, never pushed, so that nothing reaches the timing client while posts are measured.
import { fork } from "node:child_process";
import { createServer } from "node:http";

const now = () => performance.timeOrigin + performance.now();

/** Forks the receiver; answers its origin and the questions the bench asks of it. */
export async function startReceiver() {
  const child = fork(new URL(import.meta.url).pathname, ["--serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let next = 0;
  const waiting = new Map();
  const ready = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench: the webhook receiver exited (${code}) before it listened`)));
    child.on("message", (msg) => {
      if (msg.listening) resolve(msg.listening);
      else if (waiting.has(msg.id)) {
        waiting.get(msg.id)(msg.answer);
        waiting.delete(msg.id);
      }
    });
  });
  const ask = (question, type) =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ id, question, type });
    });
  const port = await ready;
  return {
    origin: `http://127.0.0.1:${port}`,
    /** How many deliveries arrived (of `type`, when given). */
    count: (type) => ask("count", type),
    /** Their arrival times (ms, wall clock: compare with `performance.timeOrigin + performance.now()`), in order. */
    arrivals: (type) => ask("arrivals", type),
    /** The receiver's CPU time so far (user + system, ms): what its deliveries cost the process that handles them. */
    cpuMs: () => ask("cpu"),
    /** Forgets the arrivals so far. */
    reset: () => ask("reset"),
    async stop() {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

if (process.argv.includes("--serve")) {
  /** [time, type] of each delivery, in arrival order. */
  let arrivals = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const at = now();
      try {
        arrivals.push([at, JSON.parse(body).type]);
      } catch {}
      res.writeHead(204).end();
    });
  });
  process.on("message", ({ id, question, type }) => {
    const of = type ? arrivals.filter(([, t]) => t === type) : arrivals;
    let answer = null;
    if (question === "count") answer = of.length;
    else if (question === "arrivals") answer = of.map(([at]) => at);
    else if (question === "reset") arrivals = [];
    else if (question === "cpu") {
      const { user, system } = process.cpuUsage();
      answer = (user + system) / 1000;
    }
    process.send({ id, answer });
  });
  process.on("disconnect", () => process.exit(0));
  server.listen(0, "127.0.0.1", () => process.send({ listening: server.address().port }));
}
