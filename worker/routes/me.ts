import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { charterPending } from "../context";
import { ApiError } from "../errors";
import { describe } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { MAX_AVATAR_BYTES, setAvatar } from "../services/users/avatar";
import { getProfile } from "../services/users/get-user";
import { HANDLE_PATTERN } from "../services/users/handles";
import { updateProfile } from "../services/users/profile";
import { PersonName, ProfileSchema } from "./schemas";

const Line = (max: number) => z.string().trim().max(max);
const Tags = z.array(z.string().trim().min(1).max(60)).max(30);
const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Not an IANA time zone");

const ProfilePatch = z.strictObject({
  handle: z.string().regex(HANDLE_PATTERN, "Letters, digits, dot, dash or underscore; no dot at either end").optional(),
  name: PersonName.optional(),
  title: Line(120).optional(),
  department: Line(120).optional(),
  location: Line(120).optional(),
  timezone: TimeZone.optional(),
  locale: z.enum(["en", "fr"]).optional(),
  languages: Tags.optional(),
  phone: z.string().trim().regex(/^[+0-9 ().-]{0,40}$/, "Digits, spaces and + ( ) . - only").optional(),
  bio: z.string().max(20_000).optional(),
  hobbies: Tags.optional(),
  hotTopics: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
  skills: Tags.optional(),
});

export const meRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "Who I am, and whether I accepted the current charter", tag: "Identity", auth: "member" }), async (c) => {
    const actor = requireActor(c.var.actor);
    const user = await getProfile(c.var.ctx, actor, actor.id);
    return c.json({ user, charterAccepted: !charterPending(actor), currentCharter: actor.currentCharter });
  })
  .patch(
    "/profile",
    describe({ summary: "Edit my profile (any field but id, email, avatarUrl)", tag: "People", auth: "member", responses: { 200: { description: "The profile", schema: ProfileSchema } } }),
    jsonBody(ProfilePatch),
    async (c) => c.json(await updateProfile(c.var.ctx, requireActor(c.var.actor), c.req.valid("json"))),
  )
  .put(
    "/avatar",
    describe({ summary: "Upload my avatar: a raw PNG, JPEG, GIF or WebP body, 2 MB at most", tag: "People", auth: "member", rawBody: ["image/png", "image/jpeg", "image/gif", "image/webp"] }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      if (Number(c.req.header("Content-Length") ?? "0") > MAX_AVATAR_BYTES) throw new ApiError("too_large", "An avatar must be 2 MB or less");
      return c.json(await setAvatar(c.var.ctx, actor, await c.req.arrayBuffer()));
    },
  );
