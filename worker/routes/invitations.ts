import { InvitationLookup } from "../../contract/identity";
import { getInvitation } from "../services/invitations/invitations";
import { define, json, routes } from "./define";

export const invitationRoutes = routes().openapi(
  define({ method: "get", path: "/{token}", summary: "What an invitation link shows: the email and the charter to accept (404 when unknown, used or expired)", tag: "Identity", access: "public", responses: { 200: json(InvitationLookup, "The invitation") } }),
  async (c) => c.json(await getInvitation(c.var.ctx, c.req.param("token")), 200),
);
