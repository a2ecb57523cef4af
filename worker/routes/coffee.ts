import {
  CoffeeRoomBody,
  CoffeeRoomPage,
  CoffeeRoomTicket,
  ConnectionsAnswer,
  ConnectionsQuery,
  MyCoffeePairing,
  OpenedCoffeeRoom,
  OutcomeBody,
  PairingBody,
  PairingRun,
} from "../../contract/coffee";
import { crossDepartmentConnections, getMyPairing, recordOutcome, runWeeklyPairing, setMyPairing } from "../services/coffee/pairing";
import { listCoffeeRooms, openCoffeeRoom } from "../services/coffee/rooms";
import { issueCoffeeTicket } from "../services/coffee/tickets";
import { SESSION_COOKIE } from "../services/auth/sessions";
import { NotFoundError } from "../errors";
import { getCookie } from "hono/cookie";
import { define, json, routes } from "./define";

/** The coffee machine is the internal network's: guests get 404 on every coffee route. */
export const coffeeRoutes = routes()
  .openapi(
    define({ method: "get", path: "/rooms", summary: "The open coffee rooms and who is in each now (guests: 404)", tag: "Coffee", access: "member", errors: [404], responses: { 200: json(CoffeeRoomPage, "The open rooms (one page)") } }),
    async (c) => c.json({ items: await listCoffeeRooms(c.var.ctx, c.var.caller), nextCursor: null }, 200),
  )
  .openapi(
    define({ method: "get", path: "/rooms/{id}/ticket", summary: "A ticket for this coffee room's next upgrade, valid about a minute with the same session cookie (guests, members outside a pair room, API tokens: 404)", tag: "Coffee", access: "member", errors: [404], responses: { 200: json(CoffeeRoomTicket, "The ticket") } }),
    async (c) => {
      // A ticket is bound to the session cookie it was issued to (services/coffee/tickets.ts): none without one.
      const token = c.req.header("Authorization") ? undefined : getCookie(c, SESSION_COOKIE);
      if (!token) throw new NotFoundError("No such room");
      return c.json(await issueCoffeeTicket(c.var.ctx, token, c.req.param("id")), 200);
    },
  )
  .openapi(
    define({ method: "post", path: "/rooms", summary: "Open a coffee room (guests: 404)", tag: "Coffee", access: "member", body: CoffeeRoomBody, errors: [404], responses: { 201: json(OpenedCoffeeRoom, "Opened") } }),
    async (c) => c.json(await openCoffeeRoom(c.var.ctx, c.var.caller, c.req.valid("json").title), 201),
  );

/** /me/coffee-pairing: opt-in and hours (day 0 = Sunday … 6 = Saturday, in the member's own time zone). */
export const pairingRoutes = routes()
  .openapi(
    define({ method: "get", path: "/", summary: "My pairing opt-in, hours, and this week's pairing or why I was left out", tag: "Coffee", access: "member", errors: [404], responses: { 200: json(MyCoffeePairing, "My pairing") } }),
    async (c) => c.json(await getMyPairing(c.var.ctx, c.var.caller), 200),
  )
  .openapi(
    define({ method: "put", path: "/", summary: "Opt in or out of cross-silo coffee pairing, with my free hours (day 0 = Sunday)", tag: "Coffee", access: "member", body: PairingBody, errors: [404], responses: { 200: json(MyCoffeePairing, "My pairing") } }),
    async (c) => c.json(await setMyPairing(c.var.ctx, c.var.caller, c.req.valid("json")), 200),
  );

export const pairingOutcomeRoutes = routes().openapi(
  define({ method: "post", path: "/{id}/outcome", summary: "We met, or skipped (a member of the pairing)", tag: "Coffee", access: "member", body: OutcomeBody, responses: { 204: { description: "Recorded" } } }),
  async (c) => {
    await recordOutcome(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").outcome);
    return c.body(null, 204);
  },
);

export const adminCoffeeRoutes = routes()
  .openapi(
    define({ method: "post", path: "/pairing/run", summary: "Run this week's pairing now (it runs once a week; repeating answers the same)", tag: "Admin", access: "admin", responses: { 200: json(PairingRun, "The week's run") } }),
    async (c) => c.json(await runWeeklyPairing(c.var.ctx, Date.now(), c.var.caller), 200),
  )
  .openapi(
    define({ method: "get", path: "/connections", summary: "New cross-department connections per month (from pairings)", tag: "Admin", access: "admin", query: ConnectionsQuery, responses: { 200: json(ConnectionsAnswer, "Connections per month") } }),
    async (c) => c.json({ items: await crossDepartmentConnections(c.var.ctx, c.req.valid("query")) }, 200),
  );
