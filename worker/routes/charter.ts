import { Charter, CharterAccept } from "../../contract/identity";
import { acceptCharter, getCharter } from "../services/charter/charter";
import { define, json, routes } from "./define";

export const charterRoutes = routes()
  .openapi(define({ method: "get", path: "/", summary: "The current ethics charter", tag: "Identity", access: "member", charterExempt: true, errors: [404], responses: { 200: json(Charter, "Charter") } }), async (c) =>
    c.json(await getCharter(c.var.ctx), 200),
  )
  .openapi(
    define({ method: "post", path: "/accept", summary: "Accept the current charter version (409 when it is not the current one)", tag: "Identity", access: "member", charterExempt: true, body: CharterAccept, errors: [409], responses: { 204: { description: "Accepted" } } }),
    async (c) => {
      await acceptCharter(c.var.ctx, c.var.caller, c.req.valid("json").version);
      return c.body(null, 204);
    },
  );
