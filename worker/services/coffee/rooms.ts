import { and, eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import type { CoffeeRoom, OpenedCoffeeRoom } from "../../../contract/coffee";
import type { Actor, ServiceContext } from "../../context";
import { coffeePairingMembers, coffeeRooms } from "../../db/coffee";
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

/**
 * Whether the caller may enter a coffee room (access/coffee.ts): any member (not a guest) for open rooms; only the
 * pairing's members for a pair room. Answers the room's record to hand to the room, or null (the caller gets a 404).
 */
export async function coffeeRoomFor(ctx: ServiceContext, actor: Actor, roomId: string): Promise<{ id: string; title: string; kind: "open" | "pair" } | null> {
  if (!mayUseCoffee(actor)) return null;
  const room = await ctx.db.select().from(coffeeRooms).where(eq(coffeeRooms.id, roomId)).get();
  if (!room) return null;
  const inPairing =
    room.kind === "pair" &&
    (await ctx.db
      .select({ u: coffeePairingMembers.userId })
      .from(coffeePairingMembers)
      .where(and(eq(coffeePairingMembers.pairingId, room.pairingId ?? ""), eq(coffeePairingMembers.userId, actor.id)))
      .get()) !== undefined;
  if (!mayEnterCoffeeRoom(actor, room, inPairing)) return null;
  return { id: room.id, title: room.title, kind: room.kind };
}
