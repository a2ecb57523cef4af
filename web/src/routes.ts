/**
 * The client's routes, written once: the router (app.tsx) gives each its screen, and the accessibility sweep
 * (e2e/a11y.e2e.ts) visits each, so a new route is swept without editing the test.
 */
export const SIGNED_IN_ROUTES = [
  "/",
  "/people",
  "/people/:id",
  "/me",
  "/me/edit",
  "/settings",
  "/admin/:tab?",
  "/groups",
  "/groups/:id/:tab?",
  "/coffee",
  "/coffee/pairing",
  "/coffee/:roomId",
  "/ideas",
  "/ideas/stats",
  "/ideas/box/:groupId",
  "/ideas/:id",
  "/campaigns/:id",
  "/posts/:id",
  "/notifications/:tab?",
  "/search",
  "/questions/:id?",
  "/office-hours/:id",
] as const;
export type SignedInRoute = (typeof SIGNED_IN_ROUTES)[number];

/** Routes for who is not signed in: the sign-in page, and an invitation's link. */
export const PUBLIC_ROUTES = ["/login", "/invite/:token"] as const;
