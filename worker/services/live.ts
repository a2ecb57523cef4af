import { getServerByName } from "partyserver";
import type { EventData } from "../../contract/events";
import type { CampaignRoomEventName, CoffeeLobbyEventName, CoffeeRoomEventName, GroupRoomEventName, UserRoomEventName } from "../../contract/rooms";
import type { ServiceContext } from "../context";

/**
 * Every push from the Worker to a room goes through here, typed by the event catalogue (contract/events.ts) and by the
 * events each room carries (contract/rooms.ts): an unknown name, or a payload that is not that event's, does not
 * compile.
 *
 * Services write D1 first, then tell the rooms. A room that cannot be reached must not undo or fail a write that
 * already happened: the failure is logged, and clients catch up from D1 when they reconnect or reload.
 */
async function deliver(ctx: ServiceContext, what: string, send: () => Promise<unknown>) {
  try {
    await send();
  } catch (err) {
    console.error(JSON.stringify({ requestId: ctx.requestId, live: what, error: String(err) }));
  }
}

/**
 * A room by its name, for a publish: one RPC. partyserver's `getServerByName` first calls `setName` (a round trip of
 * its own, to start the room), which a room addressed by name does not need (`this.name` is its id's name); the rooms
 * that take publishes (group, campaign, user) need no start to append and broadcast (their log is made on first use).
 */
function roomByName<T extends Rpc.DurableObjectBranded | undefined>(ns: DurableObjectNamespace<T>, name: string) {
  return ns.get(ns.idFromName(name));
}

/** An event for everyone in a group's room (ids only: clients load content through the API). */
export function publishToGroup<N extends GroupRoomEventName>(ctx: ServiceContext, groupId: string, name: N, data: EventData<N>) {
  return deliver(ctx, `group:${groupId}:${name}`, () => roomByName(ctx.env.GroupRoom, groupId).publish(name, data));
}

/** An event for everyone on a campaign's page (its live support counts). */
export function publishToCampaign<N extends CampaignRoomEventName>(ctx: ServiceContext, campaignId: string, name: N, data: EventData<N>) {
  return deliver(ctx, `campaign:${campaignId}:${name}`, () => roomByName(ctx.env.CampaignRoom, campaignId).publish(name, data));
}

/** An event for each member's own room (their open tabs). */
export async function publishToMembers<N extends UserRoomEventName>(ctx: ServiceContext, userIds: string[], name: N, data: (userId: string) => EventData<N>) {
  await Promise.all(userIds.map((id) => deliver(ctx, `user:${id}:${name}`, () => roomByName(ctx.env.UserRoom, id).publish(name, data(id)))));
}

/** What services tell the coffee lobby (its other events come from the coffee rooms themselves, as members come and go). */
type LobbyNews = Extract<CoffeeLobbyEventName, "room.opened">;

/** An event for the coffee lobby: `room.opened` when an open coffee room is created. */
export function tellLobby<N extends LobbyNews>(ctx: ServiceContext, name: N, data: EventData<N>) {
  return deliver(ctx, `lobby:${name}:${data.id}`, async () => (await getServerByName(ctx.env.CoffeeLobby, "main")).roomOpened(data));
}

/** The first frame of a pair room (its icebreaker), before anyone is in it. */
export function openPairRoom<N extends CoffeeRoomEventName>(ctx: ServiceContext, roomId: string, name: N, data: EventData<N>) {
  return deliver(ctx, `coffee-room:${roomId}:${name}`, async () => (await getServerByName(ctx.env.CoffeeRoom, roomId)).openWith(name, data));
}
