import type { Actor } from "../../context";

/** An administrator of the network: what every route declared `access: "admin"` requires (its guard asks this). */
export function isAdministrator(actor: Actor): boolean {
  return actor.role === "admin";
}

/**
 * Network-wide actions decided inside services (routes under /admin declare `access: "admin"` and the guard enforces
 * it). The network's moderation queue and audit log are its administrators' — animators see their group's only
 * (groups.ts, canModerateGroup).
 */
export function moderatesNetwork(actor: Actor): boolean {
  return isAdministrator(actor);
}
