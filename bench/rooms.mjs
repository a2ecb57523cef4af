#!/usr/bin/env node
// The live-room benchmark: a coffee room through the real Worker (session cookie checked, room looked up in D1, frames
// zod-parsed and rate-limited, chat persisted in the room's SQLite, the lobby told of each arrival) against a bare
// partyserver relay room (bench/lib/relay-entry.ts: no auth, no validation, no storage) and a plain Durable Object relay
// (no framework, no hibernation, sessions in memory, as Cloudflare's own chat demo) served by the same build. Each
// run opens one room of each kind side by side, N clients in each, and the rooms take turns message by message and
// join by join (the order rotating), so that a hiccup of a shared machine lands on both; 5 runs, medians:
//   - fan-out: one client sends a chat frame, time until each of N clients (the sender included) receives it:
//     p50, p99 and reach (the share of the N × messages deliveries that arrived);
//   - join: connect → welcome frame of the N-th member joining a room where N − 1 are present;
//   - presence: the frames each present member receives when one more joins (and leaves): one each, of a size that
//     does not grow with the room (no roster re-broadcast).
// Printed: every run, medians of the runs, ratios coffee / relay and coffee / plain relay, PASS/MISS against the aims
// (fan-out p99 ≤ 1.2× the partyserver relay's; p50 and p99 ≤ 1.0× and join ≤ 1.5× the plain relay's).
// A miss is printed, never turned into a failing exit code: this is a measurement.
//
// Usage: node bench/rooms.mjs [--engine miniflare|wrangler] [--sizes 100,500] [--runs 5] [--messages 20] [--joins 5]
//                             [--backlog 200] [--concurrency 16] [--diagnose] [--rooms a,b] [--keep]
// --diagnose: more rooms side by side, to take the coffee room's extra cost against the plain relay apart (DIAGNOSE
// below): "hib DO", the plain relay on the hibernation API (no partyserver); "plain+write" and "hib+write", each
// appending every frame to its SQLite before relaying it; "coffee awake", the coffee room with hibernation off;
// "plain+auth", the plain relay behind the Worker's coffee-room check (one D1 statement); "plain+welc", the plain relay
// with a welcome padded to a coffee welcome's size. --rooms picks the extra rooms instead (also "relayState": a
// member-sized partyserver state per connection; "relayPad": probe frames padded to a coffee chat frame's size;
// "relayWrite": the partyserver relay persisting each frame; "plainAfter" / "plainLater": the plain relay persisting each
// frame right after relaying it / on a later turn; "coffeeFirst": the coffee room storing each chat before its
// broadcast, as before session 12; "coffeeCookie": the coffee room joined with the session cookie alone, the Worker's
// D1 check, where "coffee" joins as its page does, with the room's ticket, fetched before each connection, not timed;
// "coffeeLate": that coffee room with the others and the lobby told of an arrival 250 ms after it, not on the next turn;
// "coffeeBefore": the coffee room as before session 14, its live chat the whole 274-byte frame and its seqs reserved in a
// broadcast's turn; "coffeeStoreLater": the coffee room storing each chat 15 ms after its broadcast; "coffeeSlim": the
// coffee room's work with the relay's 54-byte frame; "coffeeBare": the coffee room relaying the probes without its own
// work; "coffeeNoStore": the coffee room storing its chats only before a read; "coffeeNoCheck": the coffee room without its frame check; "plainPad": the plain DO relaying probes
// padded to 274 bytes).
// --backlog: chats sent to each coffee room before the clients arrive (200: the room's steady state, it keeps 200).
// The database is a fresh, small one in a scratch directory (migrations + N members with sessions), deleted at the end
// unless --keep. The results (every run, medians, ratios) go to .wrangler/bench/rooms-result-<engine>.json.
// BENCH_DEBUG=1 prints the phases of each run, with every message's completion time, on stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { applyMigrations } from "../scripts/lib/server.mjs";
import { DEFAULT_DIR, openD1, parseArgs } from "./lib/common.mjs";
import { checkRelayConfig, startRelayServer } from "./lib/relay-server.mjs";

/** Throttles raised for the benchmark through their variables (wrangler.toml, API.md), never removed. */
export const BENCH_VARS = {
  LOGIN_MAX_FAILS_PER_EMAIL: "1000000",
  LOGIN_MAX_FAILS_PER_ADDRESS: "1000000",
  ROOM_FRAMES_PER_SECOND: "100000",
};
export const AIM_P99_RATIO = 1.2;
/** Against the plain Durable Object relay (issue 13, item 4): fan-out p50 and p99 at parity, joins within 1.5×. */
export const AIM_PLAIN = { fanout: 1.0, join: 1.5 };
const SESSION_COOKIE = "comptoir_session";
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // worker/lib/ids.ts
const CITIES = [["Lyon", "Europe/Paris"], ["Montréal", "America/Toronto"], ["Singapore", "Asia/Singapore"], ["São Paulo", "America/Sao_Paulo"], ["Nairobi", "Africa/Nairobi"]];
/** relay+pad (--diagnose): the probe text is padded so that the relayed frame is about a coffee chat frame's size. */
const PADDED_PROBE_CHARS = 245;
/** A delivery not seen within this long counts as lost (reach < 1). */
const DELIVERY_TIMEOUT_MS = 10_000;

const DEBUG = process.env.BENCH_DEBUG ? (...a) => console.error(`[${(performance.now() / 1000).toFixed(1)} s]`, ...a) : () => {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");

const appId = (prefix, i) => {
  let t = Date.now(), time = "";
  for (let k = 0; k < 10; k++) { time = ALPHABET[t % 32] + time; t = Math.floor(t / 32); }
  return `${prefix}_${time}${createHash("sha256").update(`${prefix}${i}${Math.random()}`).digest("hex").slice(0, 16)}`;
};

/**
 * N members with a session each, written straight into D1 (the sessions table stores the SHA-256 hex of the cookie
 * token, worker/services/auth/sessions.ts), before the server starts. No charter is published, so none is pending.
 */
async function seedMembers(persistTo, count) {
  const { mf, db } = await openD1(persistTo);
  try {
    const now = Date.now();
    const members = [];
    for (let i = 0; i < count; i++) {
      const token = randomBytes(32).toString("base64url");
      const [location, timezone] = CITIES[i % CITIES.length];
      members.push({ id: appId("usr", i), n: i, location, timezone, token, cookie: `${SESSION_COOKIE}=${token}`, hash: createHash("sha256").update(token).digest("hex") });
    }
    const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
    for (let from = 0; from < members.length; from += 100) {
      const chunk = members.slice(from, from + 100);
      await db.batch([
        db.prepare(`INSERT INTO users (id, email, handle, name, role, location, timezone, password_hash, created_at, updated_at) VALUES ` +
          chunk.map((m) => `(${q(m.id)}, ${q(`room${m.n}@bench.comptoir.test`)}, ${q(`room${m.n}`)}, ${q(`Room Bench ${m.n}`)}, 'member', ${q(m.location)}, ${q(m.timezone)}, '!', ${now}, ${now})`).join(", ")),
        db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ` +
          chunk.map((m) => `(${q(m.hash)}, ${q(m.id)}, ${now}, ${now + 24 * 3600 * 1000})`).join(", ")),
      ]);
    }
    return members;
  } finally {
    await mf.dispose();
  }
}

const MARK = /~b(\d+)~/;
const TYPE = /"type":"([a-z_]+)"/;

/**
 * One WebSocket client. Frames are not JSON-parsed on the hot path (500 clients share one Node process): a chat is
 * recognised by its marker, other frames by their type, and counted while `counting` is on.
 */
class Client {
  constructor(url, cookie, hooks) {
    this.counts = new Map();
    this.bytes = new Map();
    this.counting = false;
    this.hooks = hooks;
    this.ws = new WebSocket(url, { headers: { Cookie: cookie }, perMessageDeflate: false });
    this.ws.once("upgrade", (res) => { this.upgradeHeaders = res.headers; });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`bench: upgrade refused with ${res.statusCode}`)));
      this.ws.once("error", reject);
      this.ws.once("message", (data) => resolve(data.toString()));
    });
    this.closed = new Promise((resolve) => this.ws.once("close", resolve));
    this.ws.on("error", () => {});
    this.ws.on("message", (data) => {
      framesSeen++;
      const text = data.toString();
      const m = MARK.exec(text);
      if (m) return this.hooks.onChat(this, Number(m[1]), text.length);
      if (this.counting) {
        const type = TYPE.exec(text)?.[1] ?? "?";
        this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
        this.bytes.set(type, text.length);
        this.hooks.onCounted?.(this, type);
      }
    });
  }
  startCounting() {
    this.counts.clear();
    this.bytes.clear();
    this.counting = true;
  }
  total() {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  /** A normal close (code 1000); the socket is dropped if the closing handshake has not finished within `graceMs`. */
  async close(graceMs = 500) {
    this.ws.close(1000);
    const timer = setTimeout(() => this.ws.terminate(), graceMs);
    await this.closed;
    clearTimeout(timer);
  }
}

async function eachLimited(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

/** Waits until `done()` or the deadline; true when done. */
async function waitFor(done, timeoutMs, stepMs = 2) {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}

let messageSeq = 0;
/** Every frame any client received: the fill waits until it stops moving (the join frames of the fill have landed). */
let framesSeen = 0;
async function quiet(forMs = 250, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  while (last !== framesSeen && performance.now() < deadline) {
    last = framesSeen;
    await sleep(forMs);
  }
}

/**
 * One run: the same `size` in every room compared, all open at once. N clients join each room (the fill, not timed);
 * then `messages` rounds in which one client of each room sends a chat, one room after the other, each waiting for
 * every delivery (or the timeout) before the next: the rooms take turns message by message, so that a hiccup of the
 * shared machine lands on both rather than on one run. Then the N-th member of each room leaves and joins again
 * `joins` times, the rooms taking turns (timed, with the frames the N − 1 others receive counted).
 */
async function runSet({ base, rooms, members, size, messages, joins, concurrency, turn, backlog }) {
  const wsBase = base.replace(/^http/, "ws");
  const pending = new Map(); // seq → { room, t0, got }
  const hooks = {
    onChat(_client, seq, bytes) {
      const p = pending.get(seq);
      if (!p) return;
      p.room.latencies.push(performance.now() - p.t0);
      p.room.frameBytes = bytes;
      p.got++;
    },
    // When the present members hear of a join: first and last, against the joiner's own welcome.
    onCounted(_client, type) {
      if (type !== "join" || !joinProbe) return;
      const t = performance.now() - joinProbe.t0;
      joinProbe.first ??= t;
      joinProbe.last = t;
    },
  };
  let joinProbe = null;
  const state = rooms.map((r) => ({ ...r, url: `${wsBase}/parties/${r.kind}/${r.roomId}${r.query ?? ""}`, clients: new Array(size), latencies: [], completion: [], delivered: 0, joinTimes: [], workerTimes: {}, perJoin: [] }));
  // Turns rotate with the round and the run: no room always goes first.
  const rotated = (k) => state.map((_, i) => state[(i + k + turn) % state.length]);
  try {
    // Backlog: the coffee room at its steady state (it keeps the last 200 chats), so that the log it prunes on every
    // chat is full and the joiner's welcome carries the last 50 frames. Sent before the fill, with nobody else there.
    for (const room of state.filter((r) => r.coffee && backlog > 0)) {
      let echoed = 0;
      const c = new Client(room.url, members[0].cookie, { onChat() {} });
      c.ws.on("message", (d) => { if (d.toString().includes("backlog filler")) echoed++; });
      await c.opened;
      for (let i = 0; i < backlog; i++) c.ws.send(JSON.stringify({ type: "chat", text: `backlog filler ${i + 1}: earlier conversation in this room` }));
      if (!(await waitFor(() => echoed >= backlog, 30_000))) throw new Error(`bench: the backlog of ${room.roomId} was not acknowledged (${echoed}/${backlog})`);
      await c.close();
    }
    // Fill: N members (a distinct member each: the coffee room tells the others of a member's first connection).
    for (const room of state) {
      await eachLimited(members.slice(0, size), concurrency, async (m, i) => {
        const c = new Client(await joinUrl(base, room, m), m.cookie, hooks);
        room.clients[i] = c;
        await c.opened;
      });
      DEBUG(room.kind, size, "filled");
    }
    await quiet(); // let the join frames of the fill land
    DEBUG(size, "quiet");

    // Fan-out.
    for (let k = 0; k < messages; k++) {
      for (const room of rotated(k)) {
        const seq = ++messageSeq;
        const p = { room, t0: 0, got: 0 };
        pending.set(seq, p);
        p.t0 = performance.now();
        const text = `~b${seq}~ fan-out probe ${k + 1} of ${messages}`;
        room.clients[0].ws.send(JSON.stringify({ type: "chat", text: room.pad ? text.padEnd(PADDED_PROBE_CHARS, ".") : text }));
        await waitFor(() => p.got >= size, DELIVERY_TIMEOUT_MS);
        room.completion.push(performance.now() - p.t0); // until the last delivery (or the timeout)
        room.delivered += p.got;
        pending.delete(seq);
        await sleep(20);
      }
    }
    DEBUG(size, "fan-out done", state.map((r) => `${r.which}: ${r.completion.map((x) => x.toFixed(1)).join(" ")}`).join(" | "));

    // Join: the N-th member leaves, then joins a room of N − 1 others, `joins` times.
    const joiner = members[size - 1];
    const waitEach = async (room, type) => {
      // The relay announces nothing; the coffee room one frame to each present member.
      if (room.coffee) await waitFor(() => room.present.every((c) => (c.counts.get(type) ?? 0) >= 1), 5_000);
      await sleep(100); // anything beyond the one frame would arrive in this window
    };
    for (const room of state) {
      room.present = room.clients.slice(0, size - 1);
      for (const c of room.present) c.startCounting();
      await room.clients[size - 1].close();
      room.clients[size - 1] = null;
      await waitEach(room, "leave");
    }
    for (let j = 0; j < joins; j++) {
      for (const room of rotated(j)) {
        const present = room.present;
        const url = await joinUrl(base, room, joiner); // the page's ticket, fetched before the join (not timed)
        for (const c of present) c.startCounting();
        const t0 = performance.now();
        joinProbe = { t0, first: null, last: null };
        const c = new Client(url, joiner.cookie, hooks);
        const welcome = await c.opened;
        const joinMs = performance.now() - t0;
        room.joinTimes.push(joinMs);
        // The Worker's own time for the upgrade (bench/lib/relay-entry.ts `timed`): check, room, or both.
        for (const k of ["check", "room", "worker"]) {
          const v = Number(c.upgradeHeaders?.[`x-bench-${k}-ms`]);
          if (Number.isFinite(v)) (room.workerTimes[k] ??= []).push(v);
        }
        await waitEach(room, "join");
        const heard = joinProbe;
        joinProbe = null;
        const totals = present.map((x) => x.total());
        const types = {};
        for (const x of present) for (const [t, n] of x.counts) types[t] = (types[t] ?? 0) + n;
        const joinBytes = present[0].bytes.get("join") ?? 0;
        for (const x of present) x.startCounting();
        await c.close();
        await waitEach(room, "leave");
        const leaves = present.map((x) => x.total());
        const presenceCount = (() => { try { return JSON.parse(welcome).presence?.length ?? null; } catch { return null; } })();
        room.perJoin.push({
          frames: [Math.min(...totals), Math.max(...totals)], types, joinBytes, welcomeBytes: welcome.length, presenceCount, leaveFrames: [Math.min(...leaves), Math.max(...leaves)],
          joinMs, othersHeardMs: [heard.first, heard.last],
        });
      }
    }
    DEBUG(size, "joins done");
    return Object.fromEntries(state.map((room) => {
      const l = room.latencies.sort((a, b) => a - b);
      return [room.which, {
        // `latencies` (every delivery) is kept out of the JSON report: only the pooled percentiles below use it.
        fanout: Object.defineProperty({ p50: pct(l, 50), p99: pct(l, 99), max: l.at(-1), reach: room.delivered / (size * messages), frameBytes: room.frameBytes }, "latencies", { value: l }),
        completion: room.completion,
        join: { median: median(room.joinTimes), max: Math.max(...room.joinTimes), all: room.joinTimes, worker: Object.fromEntries(Object.entries(room.workerTimes).map(([k, v]) => [k, median(v)])) },
        presence: room.perJoin,
      }];
    }));
  } finally {
    for (const room of state) for (const c of room.present ?? []) c.counting = false;
    await Promise.all(state.flatMap((room) => room.clients).filter(Boolean).map((c) => (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING ? c.close() : null)));
    DEBUG(size, "closed");
  }
}

/**
 * The URL a member connects to: with `ticket` (the coffee room as its page joins, session 13), the room's ticket from
 * `GET /api/v1/coffee/rooms/:id/ticket` (what the coffee room page carries in its first reads) on the upgrade.
 */
async function joinUrl(base, room, member) {
  if (!room.ticket) return room.url;
  const res = await fetch(`${base}/api/v1/coffee/rooms/${room.roomId}/ticket`, { headers: { Cookie: member.cookie } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`bench: the ticket of ${room.roomId} answered ${res.status}: ${JSON.stringify(body)}`);
  return `${room.url}${room.url.includes("?") ? "&" : "?"}ticket=${encodeURIComponent(body.ticket)}`;
}

async function openCoffeeRoom(base, cookie, title) {
  const res = await fetch(`${base}/api/v1/coffee/rooms`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json" }, body: JSON.stringify({ title }) });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`bench: POST /api/v1/coffee/rooms answered ${res.status}: ${JSON.stringify(body)}`);
  return body.id;
}

/** The rooms compared: the real coffee room and the bare relays; with --diagnose or --rooms, variants. */
const ROOMS = {
  // The coffee room joined as its page does (session 13): with the ticket the page carries (fetched before each
  // connection, not timed), so the Worker's upgrade needs no D1 statement.
  coffee: { kind: "coffee-room", label: "coffee", coffee: true, ticket: true },
  // The same room kind joined with the session cookie alone (the Worker's one D1 statement), for comparison.
  coffeeCookie: { kind: "coffee-room", label: "coffee cookie", coffee: true },
  relay: { kind: "relay-room", label: "relay" },
  plain: { kind: "plain-relay", label: "plain DO" },
  relayState: { kind: "relay-room", label: "relay+st", query: "?state=member" },
  relayPad: { kind: "relay-room", label: "relay+pad", pad: true },
  relayWrite: { kind: "relay-room", label: "relay+write" }, // the room's name (relayWrite-…) tells it to persist
  hib: { kind: "hib-relay", label: "hib DO" },
  plainWrite: { kind: "plain-relay", label: "plain+write" }, // plainWrite-… persists
  plainAfter: { kind: "plain-relay", label: "plain+after" }, // plainAfter-… persists right after the sends
  plainLater: { kind: "plain-relay", label: "plain+later" }, // plainLater-… persists on a later turn
  hibWrite: { kind: "hib-relay", label: "hib+write" }, // hibWrite-… persists
  coffeeAwake: { kind: "coffee-room-awake", label: "coffee awake", coffee: true },
  // The coffee room before session 12: each chat stored before its broadcast.
  coffeeFirst: { kind: "coffee-room-store-first", label: "coffee 1st", coffee: true },
  // Session 13: the coffee room (with its ticket) telling the others and the lobby of an arrival 250 ms after it.
  coffeeLate: { kind: "coffee-room-late", label: "coffee late", coffee: true, ticket: true },
  // Session 14: the plain DO relaying probe frames padded to a coffee chat frame's size (274 bytes), and the coffee
  // room (with its ticket) doing all its work but broadcasting the relay's 54-byte frame: are the bytes the gap?
  plainPad: { kind: "plain-relay", label: "plain+pad", pad: true },
  coffeeSlim: { kind: "coffee-room-slim", label: "coffee slim", coffee: true, ticket: true },
  // Session 14: the coffee room as before it (the whole 274-byte chat frame live, seqs reserved in a broadcast's turn).
  coffeeBefore: { kind: "coffee-room-before", label: "coffee old", coffee: true, ticket: true },
  // Session 14: the coffee room storing each chat 15 ms after its broadcast (not on the next turn).
  coffeeStoreLater: { kind: "coffee-room-store-later", label: "coffee +15", coffee: true, ticket: true },
  // Session 14: the coffee room relaying the probes bare (partyserver's dispatch, none of the room's own work).
  coffeeBare: { kind: "coffee-room-bare", label: "coffee bare", coffee: true, ticket: true },
  // Session 14: the coffee room not storing its chats on the next turn (only before a read, or after 10 minutes).
  coffeeNoStore: { kind: "coffee-room-no-store", label: "coffee nost", coffee: true, ticket: true },
  // Session 15: the coffee room without its frame check (a bare JSON.parse of the probes).
  coffeeNoCheck: { kind: "coffee-room-no-check", label: "coffee nochk", coffee: true, ticket: true },
  // The Worker's coffee-room check (the coffee room of the run's record) before the plain relay.
  plainAuth: { kind: "plain-relay", label: "plain+auth", query: (_size, coffeeId) => `?auth=${coffeeId}` },
  // A welcome of a coffee welcome's size (measured: 29 KB at 100, 89 KB at 500: ~150 B a member + ~14 KB of backlog).
  plainWelcome: { kind: "plain-relay", label: "plain+welc", query: (size) => `?welcome=${150 * size + 14_000}` },
};
const DIAGNOSE = ["hib", "plainWrite", "hibWrite", "coffeeAwake", "plainAuth", "plainWelcome"];

export async function roomsBench({ engine = "miniflare", sizes = [100, 500], runs = 5, messages = 20, joins = 5, concurrency = 16, backlog = 200, diagnose = false, extraRooms = null, keep = false, log = console.log } = {}) {
  const extras = extraRooms ?? (diagnose ? DIAGNOSE : []);
  for (const w of extras) if (!ROOMS[w]) throw new Error(`bench: no room "${w}" (${Object.keys(ROOMS).join(", ")})`);
  const compared = ["coffee", "relay", "plain", ...extras];
  checkRelayConfig();
  const maxSize = Math.max(...sizes);
  const scratch = mkdtempSync(join(tmpdir(), "comptoir-bench-rooms-"));
  const persistTo = join(scratch, "state");
  const result = { engine, machine: { cpus: cpus().length, node: process.version, loadavgAtStart: loadavg() }, config: { sizes, runs, messages, joins, concurrency, backlog }, sizes: {} };
  let server = null;
  const stopOnSignal = () => {
    Promise.resolve(server?.stop()).finally(() => {
      if (!keep) rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const t0 = Date.now();
    applyMigrations(persistTo);
    const members = await seedMembers(persistTo, maxSize);
    log(`Scratch database ${persistTo}: migrations + ${members.length} members with sessions (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    log(`Starting ${engine === "wrangler" ? "wrangler dev --config bench/wrangler.relay.generated.toml" : "Miniflare (deploy bundle of bench/wrangler.relay.generated.toml)"}, throttles raised: ` +
      Object.entries(BENCH_VARS).map(([k, v]) => `${k}=${v}`).join(" "));
    server = await startRelayServer(engine, { persistTo, vars: BENCH_VARS });
    const base = server.url;

    // The bench build must still refuse a room connection without a session (auth before the room), and the relay
    // must answer without one.
    const refused = await new Promise((resolve) => {
      const ws = new WebSocket(`${base.replace(/^http/, "ws")}/parties/coffee-room/nope`);
      ws.on("unexpected-response", (_q, res) => { resolve(res.statusCode); ws.terminate(); });
      ws.on("open", () => { resolve("open"); ws.close(); });
      ws.on("error", () => resolve("error"));
    });
    log(`Coffee room without a session cookie: ${refused === 401 ? "refused (401) before the room" : `UNEXPECTED (${refused})`}`);

    // The rooms of one run: a fresh coffee room (opened through the API, as members do) and fresh relay rooms.
    const roomsFor = async (label, size) => {
      const coffeeId = await openCoffeeRoom(base, members[0].cookie, label);
      return Promise.all(compared.map(async (which) => ({
        which, ...ROOMS[which],
        query: typeof ROOMS[which].query === "function" ? ROOMS[which].query(size, coffeeId) : ROOMS[which].query,
        roomId: which === "coffee" ? coffeeId : ROOMS[which].coffee ? await openCoffeeRoom(base, members[0].cookie, `${label} (${which})`) : `${which}-${label.replaceAll(" ", "-")}-${Date.now()}`,
      })));
    };
    // Warm-up: one small run (bundles loaded, D1 statements prepared, the lobby started).
    await runSet({ base, rooms: await roomsFor("Bench warm-up", Math.min(20, maxSize)), members, size: Math.min(20, maxSize), messages: 3, joins: 1, concurrency, turn: 0, backlog });

    for (const size of sizes) {
      log(`\nRoom of ${size}: ${runs} runs, each with ${compared.length} rooms open side by side taking turns: ${messages} messages per room (one at a time), ${joins} joins of the ${size}-th member`);
      log(`  run  ${"room".padEnd(12)}${"fan-out p50".padStart(12)}  ${"p99".padStart(7)}  ${"max".padStart(7)}  ${"reach".padStart(7)}  ${"join median".padStart(11)}  ${"max".padStart(7)}`);
      const samples = Object.fromEntries(compared.map((w) => [w, []]));
      for (let run = 1; run <= runs; run++) {
        const r = await runSet({ base, rooms: await roomsFor(`Bench ${size} run ${run}`, size), members, size, messages, joins, concurrency, turn: run - 1, backlog });
        for (const which of compared) {
          const x = r[which];
          samples[which].push(x);
          log(`  ${String(run).padStart(3)}  ${ROOMS[which].label.padEnd(12)}${ms(x.fanout.p50).padStart(12)}  ${ms(x.fanout.p99).padStart(7)}  ${ms(x.fanout.max).padStart(7)}  ${(x.fanout.reach * 100).toFixed(1).padStart(6)}%  ${ms(x.join.median).padStart(11)}  ${ms(x.join.max).padStart(7)}`);
        }
        await sleep(1000); // the closed rooms' leave frames and lobby calls settle before the next run
      }
      const med = (which, f) => median(samples[which].map(f));
      const summary = {};
      for (const which of compared) {
        summary[which] = {
          p50: med(which, (r) => r.fanout.p50), p99: med(which, (r) => r.fanout.p99), reach: med(which, (r) => r.fanout.reach),
          minReach: Math.min(...samples[which].map((r) => r.fanout.reach)), join: med(which, (r) => r.join.median),
          // The Worker's time inside the join (medians of the runs' medians): its check, the room's fetch, or both.
          joinWorker: Object.fromEntries(["check", "room", "worker"].map((k) => [k, med(which, (r) => r.join.worker[k] ?? NaN)]).filter(([, v]) => Number.isFinite(v))),
          frameBytes: med(which, (r) => r.fanout.frameBytes),
          // Every delivery of every run together, and the per-message time to the last delivery: steadier than the
          // per-run p99, which with 20 messages is about the run's slowest message.
          pooled: (() => {
            const all = samples[which].flatMap((r) => r.fanout.latencies).sort((a, b) => a - b);
            return { p50: pct(all, 50), p99: pct(all, 99) };
          })(),
          completionP50: median(samples[which].flatMap((r) => r.completion)),
        };
      }
      const ratios = {
        p50: summary.coffee.p50 / summary.relay.p50, p99: summary.coffee.p99 / summary.relay.p99, join: summary.coffee.join / summary.relay.join,
        pairedP99: median(samples.coffee.map((r, i) => r.fanout.p99 / samples.relay[i].fanout.p99)),
        pooledP99: summary.coffee.pooled.p99 / summary.relay.pooled.p99,
        completionP50: summary.coffee.completionP50 / summary.relay.completionP50,
        plainP50: summary.coffee.p50 / summary.plain.p50, plainP99: summary.coffee.p99 / summary.plain.p99, plainJoin: summary.coffee.join / summary.plain.join,
        // Every extra room (--diagnose, --rooms) against the plain relay: fan-out p50, p99, completion, join.
        extras: Object.fromEntries(extras.map((w) => [w, {
          p50: summary[w].p50 / summary.plain.p50, p99: summary[w].p99 / summary.plain.p99,
          completionP50: summary[w].completionP50 / summary.plain.completionP50, join: summary[w].join / summary.plain.join,
        }])),
      };
      // Presence: frames each present member got per join of the coffee room, over every join of every run.
      const joinsSeen = samples.coffee.flatMap((r) => r.presence);
      const framesMin = Math.min(...joinsSeen.map((p) => p.frames[0])), framesMax = Math.max(...joinsSeen.map((p) => p.frames[1]));
      const leaveMin = Math.min(...joinsSeen.map((p) => p.leaveFrames[0])), leaveMax = Math.max(...joinsSeen.map((p) => p.leaveFrames[1]));
      const types = {};
      for (const p of joinsSeen) for (const [t, n] of Object.entries(p.types)) types[t] = (types[t] ?? 0) + n;
      const presence = {
        joinsMeasured: joinsSeen.length, framesPerPresentMember: [framesMin, framesMax], leaveFramesPerPresentMember: [leaveMin, leaveMax],
        types, joinFrameBytes: median(joinsSeen.map((p) => p.joinBytes)), welcomeBytes: median(joinsSeen.map((p) => p.welcomeBytes)),
        presenceInWelcome: median(joinsSeen.map((p) => p.presenceCount)),
        othersHeardFirstMs: median(joinsSeen.map((p) => p.othersHeardMs[0])), othersHeardLastMs: median(joinsSeen.map((p) => p.othersHeardMs[1])),
        ok: framesMin === 1 && framesMax === 1 && Object.keys(types).length === 1 && types.join === joinsSeen.length * (size - 1),
      };
      result.sizes[size] = { samples, summary, ratios, presence };

      log(`  medians: coffee fan-out p50 ${ms(summary.coffee.p50)} ms, p99 ${ms(summary.coffee.p99)} ms, reach ${(summary.coffee.reach * 100).toFixed(1)}%, join ${ms(summary.coffee.join)} ms; chat frame ${summary.coffee.frameBytes} B; pooled p99 ${ms(summary.coffee.pooled.p99)} ms, message completion ${ms(summary.coffee.completionP50)} ms`);
      log(`           relay  fan-out p50 ${ms(summary.relay.p50)} ms, p99 ${ms(summary.relay.p99)} ms, reach ${(summary.relay.reach * 100).toFixed(1)}%, join ${ms(summary.relay.join)} ms; chat frame ${summary.relay.frameBytes} B; pooled p99 ${ms(summary.relay.pooled.p99)} ms, message completion ${ms(summary.relay.completionP50)} ms`);
      log(`           plain  fan-out p50 ${ms(summary.plain.p50)} ms, p99 ${ms(summary.plain.p99)} ms, reach ${(summary.plain.reach * 100).toFixed(1)}%, join ${ms(summary.plain.join)} ms; chat frame ${summary.plain.frameBytes} B; pooled p99 ${ms(summary.plain.pooled.p99)} ms, message completion ${ms(summary.plain.completionP50)} ms`);
      log(`  join, the Worker's part (check / room's fetch / whole, ms): ${compared.filter((w) => Object.keys(summary[w].joinWorker).length > 0).map((w) => `${ROOMS[w].label} ${["check", "room", "worker"].map((k) => ms(summary[w].joinWorker[k])).join(" / ")} of ${ms(summary[w].join)}`).join("; ")}`);
      for (const w of extras) {
        log(`           ${ROOMS[w].label.padEnd(12)} fan-out p50 ${ms(summary[w].p50)} ms, p99 ${ms(summary[w].p99)} ms, reach ${(summary[w].reach * 100).toFixed(1)}%, join ${ms(summary[w].join)} ms; ` +
          `chat frame ${summary[w].frameBytes} B; pooled p99 ${ms(summary[w].pooled.p99)} ms, message completion ${ms(summary[w].completionP50)} ms`);
      }
      if (extras.length > 0) {
        log(`  (diagnose) against the plain relay, fan-out p50 / p99 / completion / join: coffee ${ratios.plainP50.toFixed(2)}× / ${ratios.plainP99.toFixed(2)}× / ${(summary.coffee.completionP50 / summary.plain.completionP50).toFixed(2)}× / ${ratios.plainJoin.toFixed(2)}×; ` +
          `relay ${(summary.relay.p50 / summary.plain.p50).toFixed(2)}× / ${(summary.relay.p99 / summary.plain.p99).toFixed(2)}× / ${(summary.relay.completionP50 / summary.plain.completionP50).toFixed(2)}× / ${(summary.relay.join / summary.plain.join).toFixed(2)}×; ` +
          extras.map((w) => `${ROOMS[w].label} ${ratios.extras[w].p50.toFixed(2)}× / ${ratios.extras[w].p99.toFixed(2)}× / ${ratios.extras[w].completionP50.toFixed(2)}× / ${ratios.extras[w].join.toFixed(2)}×`).join("; "));
      }
      log(`  ratios coffee / relay: fan-out p50 ${ratios.p50.toFixed(2)}×, p99 ${ratios.p99.toFixed(2)}× (per-run pairs: ${ratios.pairedP99.toFixed(2)}×, pooled: ${ratios.pooledP99.toFixed(2)}×), message completion ${ratios.completionP50.toFixed(2)}×, join ${ratios.join.toFixed(2)}×`);
      log(`  ratios coffee / plain relay: fan-out p50 ${ratios.plainP50.toFixed(2)}×, p99 ${ratios.plainP99.toFixed(2)}×, join ${ratios.plainJoin.toFixed(2)}×`);
      log(`  presence, ${joinsSeen.length} joins into ${size - 1} present members: each present member got ${framesMin === framesMax ? framesMin : `${framesMin}–${framesMax}`} frame(s) per join ` +
        `(${Object.entries(types).map(([t, n]) => `${t} × ${n}`).join(", ")}), ${presence.joinFrameBytes} bytes each; ${leaveMin === leaveMax ? leaveMin : `${leaveMin}–${leaveMax}`} per leave; ` +
        `the joiner's welcome: ${Math.round(presence.welcomeBytes)} bytes, ${presence.presenceInWelcome} members in its presence list`);
      log(`  join timeline (medians, from connect): the others hear of it at ${ms(presence.othersHeardFirstMs)}–${ms(presence.othersHeardLastMs)} ms, the joiner's welcome at ${ms(summary.coffee.join)} ms`);
    }

    const aims = [];
    for (const size of sizes) {
      const s = result.sizes[size];
      aims.push({ what: `fan-out p99, room of ${size}, coffee / relay`, value: `${s.ratios.p99.toFixed(2)}×`, aim: `≤ ${AIM_P99_RATIO}×`, ok: s.ratios.p99 <= AIM_P99_RATIO });
      aims.push({ what: `fan-out p50, room of ${size}, coffee / plain DO`, value: `${s.ratios.plainP50.toFixed(2)}×`, aim: `≤ ${AIM_PLAIN.fanout}×`, ok: s.ratios.plainP50 <= AIM_PLAIN.fanout });
      aims.push({ what: `fan-out p99, room of ${size}, coffee / plain DO`, value: `${s.ratios.plainP99.toFixed(2)}×`, aim: `≤ ${AIM_PLAIN.fanout}×`, ok: s.ratios.plainP99 <= AIM_PLAIN.fanout });
      aims.push({ what: `join time, room of ${size}, coffee / plain DO`, value: `${s.ratios.plainJoin.toFixed(2)}×`, aim: `≤ ${AIM_PLAIN.join}×`, ok: s.ratios.plainJoin <= AIM_PLAIN.join });
      aims.push({ what: `reach, room of ${size} (coffee, worst run)`, value: `${(s.summary.coffee.minReach * 100).toFixed(1)}%`, aim: "100%", ok: s.summary.coffee.minReach === 1 });
      aims.push({ what: `presence frames per join, room of ${size}`, value: `${s.presence.framesPerPresentMember.join("–")} (${s.presence.joinFrameBytes} B)`, aim: "1 join frame each", ok: s.presence.ok });
    }
    if (sizes.length > 1) {
      const bytes = sizes.map((size) => result.sizes[size].presence.joinFrameBytes);
      aims.push({ what: `join frame size, rooms of ${sizes.join(" → ")}`, value: `${bytes.join(" → ")} B`, aim: "independent of N", ok: Math.max(...bytes) <= 1.1 * Math.min(...bytes) });
    }
    for (const size of sizes) {
      const s = result.sizes[size];
      aims.push({ what: `(info) fan-out p50, room of ${size}, coffee / relay`, value: `${s.ratios.p50.toFixed(2)}×`, aim: "", ok: null });
      aims.push({ what: `(info) fan-out p99 pooled, room of ${size}`, value: `${s.ratios.pooledP99.toFixed(2)}×`, aim: "all deliveries of all runs", ok: null });
      aims.push({ what: `(info) per-message completion, room of ${size}`, value: `${s.ratios.completionP50.toFixed(2)}×`, aim: "median time to the last client", ok: null });
      aims.push({ what: `(info) join time, room of ${size}, coffee / relay`, value: `${s.ratios.join.toFixed(2)}×`, aim: "", ok: null });
    }
    result.aims = aims;
    log(`\nAgainst the aims (medians of ${runs} runs, the rooms taking turns; ${engine}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}):`);
    for (const a of aims) log(`  ${a.ok === null ? "    " : a.ok ? "PASS" : "MISS"}  ${a.what.padEnd(46)} ${a.value.padStart(14)}   ${a.aim}`);
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    if (server) await server.stop();
    result.machine.loadavgAtEnd = loadavg();
    if (keep) log(`\nKept the scratch database in ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  if (result.aims) {
    mkdirSync(DEFAULT_DIR, { recursive: true });
    const out = join(DEFAULT_DIR, `rooms-result-${engine}.json`);
    writeFileSync(out, JSON.stringify({ ...result, finishedAt: new Date().toISOString() }, null, 2) + "\n");
    log(`Full results: ${out}`);
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = parseArgs();
  const engines = String(a.engine ?? "miniflare").split(",");
  for (const [i, engine] of engines.entries()) {
    if (i > 0) console.log(`\n${"=".repeat(100)}\n`);
    await roomsBench({
      engine,
      sizes: String(a.sizes ?? "100,500").split(",").map(Number),
      runs: Number(a.runs ?? 5),
      messages: Number(a.messages ?? 20),
      joins: Number(a.joins ?? 5),
      concurrency: Number(a.concurrency ?? 16),
      backlog: Number(a.backlog ?? 200),
      diagnose: Boolean(a.diagnose),
      extraRooms: a.rooms ? String(a.rooms).split(",") : null,
      keep: Boolean(a.keep),
    });
  }
}
