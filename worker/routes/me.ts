import { AvatarAnswer, Me, Profile, ProfilePatch } from "../../contract/identity";
import { charterPending } from "../context";
import { ApiError } from "../errors";
import { meCan } from "../services/access";
import { MAX_AVATAR_BYTES, setAvatar } from "../services/users/avatar";
import { getProfile } from "../services/users/get-user";
import { updateProfile } from "../services/users/profile";
import { define, json, routes, wholeBody } from "./define";

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export const meRoutes = routes()
  .openapi(
    define({ method: "get", path: "/", summary: "Who I am, whether I accepted the current charter, and what I may do across the network", tag: "Identity", access: "member", charterExempt: true, responses: { 200: json(Me, "Me") } }),
    async (c) => {
      const actor = c.var.caller;
      const user = await getProfile(c.var.ctx, actor, actor.id);
      return c.json({ user, charterAccepted: !charterPending(actor), currentCharter: actor.currentCharter, can: meCan(actor) }, 200);
    },
  )
  .openapi(
    define({ method: "patch", path: "/profile", summary: "Edit my profile (any field but id, email, avatarUrl)", tag: "People", access: "member", body: ProfilePatch, errors: [409], responses: { 200: json(Profile, "The profile") } }),
    async (c) => c.json(await updateProfile(c.var.ctx, c.var.caller, c.req.valid("json")), 200),
  )
  .openapi(
    define({ method: "put", path: "/avatar", summary: "Upload my avatar: a raw PNG, JPEG, GIF or WebP body, 2 MB at most", tag: "People", access: "member", raw: IMAGE_TYPES, responses: { 200: json(AvatarAnswer, "The new avatar") } }),
    async (c) => {
      if (Number(c.req.header("Content-Length") ?? "0") > MAX_AVATAR_BYTES) throw new ApiError("too_large", "An avatar must be 2 MB or less");
      return c.json(await setAvatar(c.var.ctx, c.var.caller, await wholeBody(c)), 200);
    },
  );
