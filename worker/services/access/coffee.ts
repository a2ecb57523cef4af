import type { Actor } from "../../context";

/**
 * The coffee machine (lobby, open rooms, weekly pairings) is the internal network's: guests never learn it exists
 * (404). An open room takes any member who may use the machine; a pair room only the members of its pairing.
 */
export function mayUseCoffee(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "guest";
}

/** Entering a coffee room; `inPairing`: the caller is one of a pair room's members (asked only for pair rooms). */
export function mayEnterCoffeeRoom(actor: Pick<Actor, "role">, room: { kind: "open" | "pair" }, inPairing: boolean): boolean {
  return mayUseCoffee(actor) && (room.kind === "open" || inPairing);
}

/** SQL twin of {@link mayUseCoffee} per member (`userAlias` a users row): who may be paired, among active members. */
export function sqlUserMayUseCoffee(userAlias: string): string {
  return `${userAlias}.deactivated_at IS NULL AND ${userAlias}.role <> 'guest'`;
}
