import { z } from "@hono/zod-openapi";
import { Email, FoldedList, Id, MemberSummary, MultiLine, page, pageParams, Password, PersonName, Secret, SingleLine, TimeZone } from "./common";
import { LOCALES, ROLES } from "./enums";

/** Identity, profiles, the directory and the charter (API.md "Identity" and "People"). */

export const HANDLE_PATTERN = /^[a-z0-9_-](?:[a-z0-9._-]{0,38}[a-z0-9_-])?$/;

export const Profile = z.strictObject({
  ...MemberSummary.shape,
  title: z.string(),
  department: z.string(),
  locale: z.enum(LOCALES),
  languages: z.array(z.string()),
  phone: z.string(),
  email: z.string(),
  bio: z.string(),
  bioHtml: z.string(),
  hobbies: z.array(z.string()),
  hotTopics: z.array(z.string()),
  skills: z.array(z.string()),
  role: z.enum(ROLES),
  deactivated: z.boolean(),
}).openapi("Profile");
export type Profile = z.infer<typeof Profile>;

export const UserEnvelope = z.strictObject({ user: Profile });
/** What the signed-in member may do across the network, so that the client never re-derives a rule from the role. */
export const MeCan = z
  .strictObject({
    /** The admin pages and routes. */
    administer: z.boolean(),
    /** Opening a group. */
    createGroups: z.boolean(),
    /** The coffee machine: lobby, rooms and weekly pairing. */
    useCoffee: z.boolean(),
  })
  .openapi("MeCan");
export type MeCan = z.infer<typeof MeCan>;
export const Me = z.strictObject({ user: Profile, charterAccepted: z.boolean(), currentCharter: z.number().int().nullable(), can: MeCan });
export type Me = z.infer<typeof Me>;

export const Charter = z.strictObject({ version: z.number().int(), body: z.string(), html: z.string() }).openapi("Charter");
export type Charter = z.infer<typeof Charter>;
export const CharterAccept = z.strictObject({ version: z.number().int().positive() });

export const LoginBody = z.strictObject({ email: Email, password: Secret(1, 200) });
export const AcceptInvitationBody = z.strictObject({
  token: Secret(10, 100),
  name: PersonName,
  password: Password,
  charterVersion: z.number().int().positive().nullable(),
});
export const SetupBody = z.strictObject({ token: Secret(1, 200), email: Email, name: PersonName, password: Password });
export const SetupState = z.strictObject({ needed: z.boolean() });
/** What an invitation link shows before the account exists. */
export const InvitationLookup = z.strictObject({ email: z.string(), name: z.string(), charter: Charter.nullable() });
export type InvitationLookup = z.infer<typeof InvitationLookup>;

const Line = (max: number) => SingleLine(0, max);
const Tags = FoldedList({ min: 1, max: 60 }, 30);

export const ProfilePatch = z.strictObject({
  handle: z.string().regex(HANDLE_PATTERN, "Letters, digits, dot, dash or underscore; no dot at either end").optional(),
  name: PersonName.optional(),
  title: Line(120).optional(),
  department: Line(120).optional(),
  location: Line(120).optional(),
  timezone: TimeZone.optional(),
  locale: z.enum(LOCALES).optional(),
  languages: Tags.optional(),
  phone: SingleLine(0, 40).regex(/^[+0-9 ().-]{0,40}$/, "Digits, spaces and + ( ) . - only").optional(),
  bio: MultiLine(0, 20_000).optional(),
  hobbies: Tags.optional(),
  hotTopics: FoldedList({ min: 1, max: 200 }, 10).optional(),
  skills: Tags.optional(),
});
export type ProfilePatch = z.input<typeof ProfilePatch>;
export const AvatarAnswer = z.strictObject({ avatarUrl: z.string() });

const Filter = SingleLine(0, 100).optional();
export const DirectoryQuery = z.strictObject({ q: SingleLine(0, 200).optional(), skill: Filter, department: Filter, location: Filter, ...pageParams });
export const DirectoryPage = page(Profile);
export const Facets = z.strictObject({ departments: z.array(z.string()), locations: z.array(z.string()), skills: z.array(z.string()) });
export type Facets = z.infer<typeof Facets>;

// ---------- Administration of identity (API.md "Administration") ----------

export const InvitationBody = z.strictObject({
  email: Email,
  role: z.enum(ROLES),
  groupIds: z.array(Id("grp")).max(50).optional(),
});
export const CreatedInvitation = z.strictObject({ id: z.string(), email: z.string(), role: z.enum(ROLES), url: z.string() });
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;
export const InvitationRow = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  createdAt: z.number(),
  expiresAt: z.number(),
  acceptedAt: z.number().nullable(),
});
export type InvitationRow = z.infer<typeof InvitationRow>;
export const BulkQuery = z.strictObject({ dryRun: z.enum(["0", "1", "true", "false"]).optional() });
export const BulkResult = z.strictObject({
  created: z.array(z.strictObject({ email: z.string(), role: z.enum(ROLES), url: z.string().optional() })),
  rejected: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResult>;
export const CharterPublish = z.strictObject({ body: MultiLine(1, 100_000) });
export const CharterVersionRow = z.strictObject({ version: z.number().int(), publishedAt: z.number(), publishedBy: z.string().describe("The administrator who published it"), acceptances: z.number().int() });
export type CharterVersionRow = z.infer<typeof CharterVersionRow>;
export const Published = z.strictObject({ version: z.number().int() });
export const PageQuery = z.strictObject(pageParams);
