import { getCookie } from "hono/cookie";
import { PushKey, PushSubscriptionBody, PushSubscriptionCreated } from "../../contract/push";
import { SESSION_COOKIE } from "../services/auth/sessions";
import { hashSecret } from "../lib/ids";
import { pushKey, subscribe, unsubscribe } from "../services/push/subscriptions";
import { define, json, routes } from "./define";

/**
 * Web push (API.md "Devices and push"): the VAPID public key the browser subscribes with (GET /push/key), and the
 * caller's own subscriptions (mounted at /me/push-subscriptions). A subscription made from a session ends with it.
 */
export const pushKeyRoutes = routes().openapi(
  define({ method: "get", path: "/key", summary: "The network's VAPID public key for web push (null: push is not set up)", tag: "Devices", access: "member", responses: { 200: json(PushKey, "The key") } }),
  async (c) => c.json(pushKey(c.var.ctx), 200),
);

export const pushSubscriptionRoutes = routes()
  .openapi(
    define({
      method: "post",
      path: "/",
      summary: "Turn notifications on for this browser: its push subscription (an endpoint posted again replaces the old one)",
      tag: "Devices",
      access: "member",
      body: PushSubscriptionBody,
      responses: { 201: json(PushSubscriptionCreated, "Subscribed") },
      errors: [409],
    }),
    async (c) => {
      const token = c.var.caller.via === "session" ? getCookie(c, SESSION_COOKIE) : undefined;
      return c.json(await subscribe(c.var.ctx, c.var.caller, c.req.valid("json"), token ? await hashSecret(token) : null), 201);
    },
  )
  .openapi(
    define({ method: "delete", path: "/{id}", summary: "Turn notifications off for one of my browsers", tag: "Devices", access: "member", responses: { 204: { description: "Unsubscribed" } }, errors: [404] }),
    async (c) => {
      await unsubscribe(c.var.ctx, c.var.caller, c.req.param("id"));
      return c.body(null, 204);
    },
  );
