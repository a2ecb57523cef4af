import { getServerByName } from "partyserver";
import type { ServiceContext } from "../context";

/**
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

/** An event for everyone in a group's room (ids only: clients load content through the API). */
export function publishToGroup(ctx: ServiceContext, groupId: string, name: string, data: Record<string, unknown>) {
  return deliver(ctx, `group:${groupId}:${name}`, async () => (await getServerByName(ctx.env.GroupRoom, groupId)).publish(name, data));
}

/** An event for each member's own room (their open tabs). */
export async function publishToMembers(ctx: ServiceContext, userIds: string[], name: string, data: (userId: string) => Record<string, unknown>) {
  await Promise.all(userIds.map((id) => deliver(ctx, `user:${id}:${name}`, async () => (await getServerByName(ctx.env.UserRoom, id)).publish(name, data(id)))));
}
