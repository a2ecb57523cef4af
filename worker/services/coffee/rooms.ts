import { sql } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { CoffeeRoom, OpenedCoffeeRoom } from "../../../contract/coffee";
import type { Actor, ServiceContext } from "../../context";
import { coffeePairingMembers, coffeeRooms } from "../../db/coffee";
import { users } from "../../db/users";
import type { MemberSummary } from "../users/present";
import { actorAndSummaryWith } from "../auth/sessions";
import { NotFoundError } from "../../errors";
import { tellLobby } from "../live";
import { newId } from "../../lib/ids";
import { mayEnterCoffeeRoom, mayUseCoffee } from "../access";

/** 404 for those who may not know the coffee machine exists (guests: access/coffee.ts). */
export function assertCoffeeAccess(actor: Actor) {
  if (!mayUseCoffee(actor)) throw new NotFoundError("No such page");
}

/** Opens an open coffee room ("Monday catch-up"); the lobby lists it at once. */
export async function openCoffeeRoom(ctx: ServiceContext, actor: Actor, title: string): Promise<OpenedCoffeeRoom> {
  assertCoffeeAccess(actor);
  const now = Date.now();
  const id = newId("cof", now);
  await ctx.db.insert(coffeeRooms).values({ id, title, kind: "open", createdBy: actor.id, createdAt: now });
  await tellLobby(ctx, "room.opened", { id, title });
  return { id, title };
}

/** The open rooms and who is in each now, from the lobby. */
export async function listCoffeeRooms(ctx: ServiceContext, actor: Actor): Promise<CoffeeRoom[]> {
  assertCoffeeAccess(actor);
  return (await getServerByName(ctx.env.CoffeeLobby, "main")).snapshot();
}

type CoffeeRoomRecord = { id: string; title: string; kind: "open" | "pair" };

/**
 * Whether the caller may enter a coffee room (access/coffee.ts): any member (not a guest) for open rooms; only the
 * pairing's members for a pair room. Answers the room's record to hand to the room, or null (the caller gets a 404).
 */
function coffeeRoomRule(actor: Actor, room: CoffeeRoomRecord | null, inPairing: boolean): CoffeeRoomRecord | null {
  if (!room || !mayEnterCoffeeRoom(actor, room, inPairing)) return null;
  return { id: room.id, title: room.title, kind: room.kind };
}

/**
 * A coffee room's join in ONE D1 statement (issue 13): the live session, its member and their summary, the room's record
 * and whether that member is in the room's pairing, read together; then the rule of {@link coffeeRoomRule}. Null
 * when the session is not live (the caller answers 401); `room` null when the member may not enter it (404).
 */
export async function coffeeJoinFromSession(
  ctx: ServiceContext,
  token: string,
  roomId: string,
  now = Date.now(),
): Promise<{ actor: Actor; member: MemberSummary; room: CoffeeRoomRecord | null } | null> {
  const who = await actorAndSummaryWith(
    ctx,
    token,
    {
      title: sql<string | null>`(SELECT ${coffeeRooms.title} FROM ${coffeeRooms} WHERE ${coffeeRooms.id} = ${roomId})`,
      kind: sql<"open" | "pair" | null>`(SELECT ${coffeeRooms.kind} FROM ${coffeeRooms} WHERE ${coffeeRooms.id} = ${roomId})`,
      inPairing: sql<number>`EXISTS (SELECT 1 FROM ${coffeeRooms} JOIN ${coffeePairingMembers} ON ${coffeePairingMembers.pairingId} = ${coffeeRooms.pairingId} WHERE ${coffeeRooms.id} = ${roomId} AND ${coffeePairingMembers.userId} = ${users.id})`.mapWith(Number),
    },
    now,
  );
  if (!who) return null;
  const { title, kind, inPairing } = who.extra;
  const record = title !== null && kind !== null ? { id: roomId, title, kind } : null;
  return { actor: who.actor, member: who.member, room: coffeeRoomRule(who.actor, record, inPairing === 1) };
}
