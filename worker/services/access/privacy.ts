import type { Actor } from "../../context";
import { isAdministrator } from "./admin";

/** SSO re-authentication for erasure: the session must have begun through SSO this recently (API.md "Administration and privacy"). */
export const ERASURE_SSO_WINDOW_MS = 10 * 60 * 1000;

/**
 * Who may erase a member (GDPR article 17): the member themselves (`DELETE /me`, after re-authenticating), or an
 * administrator erasing someone else (`DELETE /admin/members/:id`; their own account goes through `DELETE /me`).
 */
export function mayEraseMember(actor: Actor, memberId: string): "self" | "admin" | false {
  if (actor.id === memberId) return "self";
  return isAdministrator(actor) ? "admin" : false;
}

/** A session that began through SSO within the window counts as re-authentication. */
export function ssoReauthenticated(ssoAt: number | null, now: number): boolean {
  return ssoAt !== null && ssoAt <= now && now - ssoAt <= ERASURE_SSO_WINDOW_MS;
}
