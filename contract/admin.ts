import { z } from "@hono/zod-openapi";
import { Id, Millis, Opaque, page, pageParams, SingleLine } from "./common";
import { GROUP_KINDS, GROUP_VISIBILITIES, LOCALES, ROLES } from "./enums";
import { AUDIT_ACTIONS } from "./moderation";
import { PromiseBody } from "./questions";

/**
 * The administrators' console (API.md "Administration and privacy"): members, every group, the network's settings,
 * SCIM tokens and the audit log; and the network's public face (name, colour, logo) the client shell shows.
 */

export const MEMBER_STATUSES = ["active", "deactivated"] as const;

export const AdminMembersQuery = z.strictObject({
  q: SingleLine(0, 200).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  department: SingleLine(0, 100).optional(),
  ...pageParams,
});

export const AdminMember = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    handle: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    title: z.string(),
    department: z.string(),
    location: z.string(),
    avatarUrl: z.string().nullable(),
    status: z.enum(MEMBER_STATUSES),
    /** The HR directory's id (SCIM `externalId`), when an identity provider manages the member. */
    externalId: z.string().nullable(),
    createdAt: Millis,
  })
  .openapi("AdminMember");
export type AdminMember = z.infer<typeof AdminMember>;
export const AdminMemberPage = page(AdminMember);

export const AdminMemberPatch = z.strictObject({ role: z.enum(ROLES) });

export const AdminGroupsQuery = z.strictObject({ q: SingleLine(0, 200).optional(), visibility: z.enum(GROUP_VISIBILITIES).optional(), ...pageParams });

export const AdminGroup = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    visibility: z.enum(GROUP_VISIBILITIES),
    kind: z.enum(GROUP_KINDS),
    owners: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    memberCount: z.number().int(),
    pendingCount: z.number().int(),
    postCount: z.number().int(),
    lastPostAt: Millis.nullable(),
    createdAt: Millis,
  })
  .openapi("AdminGroup");
export type AdminGroup = z.infer<typeof AdminGroup>;
export const AdminGroupPage = page(AdminGroup);

export const ERASURE_MODES = ["anonymise", "delete"] as const;

const Days = (min: number) => z.number().int().min(min).max(3650);
export const Retention = z.strictObject({ chatDays: Days(1), notificationDays: Days(1), auditDays: Days(30), deliveryDays: Days(1) });
export type Retention = z.infer<typeof Retention>;

/** `#rrggbb`, lowercase or not: the accent colour of the shell. */
export const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour as #rrggbb");

export const NetworkSettingsBody = z.strictObject({
  name: SingleLine(1, 60),
  /** An image the administrator uploaded (POST /uploads): PNG, JPEG, GIF or WebP, 2 MB at most. null removes the logo; absent keeps it. */
  logoUploadId: Id("fil").nullable().optional(),
  colour: Colour,
  defaultLocale: z.enum(LOCALES),
  defaultPromise: PromiseBody,
  erasure: z.enum(ERASURE_MODES),
  retention: Retention,
});
export type NetworkSettingsBody = z.infer<typeof NetworkSettingsBody>;

export const NetworkSettings = z
  .strictObject({
    name: z.string(),
    logoUrl: z.string().nullable(),
    colour: z.string(),
    defaultLocale: z.enum(LOCALES),
    defaultPromise: z.record(z.string(), z.unknown()),
    erasure: z.enum(ERASURE_MODES),
    retention: Retention,
    updatedAt: Millis,
    updatedBy: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi("NetworkSettings");
export type NetworkSettings = z.infer<typeof NetworkSettings>;

/** What anyone (signed in or not) sees of the network: the shell and the sign-in page show it. */
export const PublicNetwork = z
  .strictObject({ name: z.string(), colour: z.string(), logoUrl: z.string().nullable(), defaultLocale: z.enum(LOCALES) })
  .openapi("PublicNetwork");
export type PublicNetwork = z.infer<typeof PublicNetwork>;

export const ScimTokenBody = z.strictObject({ name: SingleLine(1, 80) });
export const ScimToken = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    createdAt: Millis,
    createdBy: z.strictObject({ id: z.string(), name: z.string() }),
    lastUsedAt: Millis.nullable(),
    revokedAt: Millis.nullable(),
  })
  .openapi("ScimToken");
export type ScimToken = z.infer<typeof ScimToken>;
export const ScimTokenList = z.strictObject({ items: z.array(ScimToken) });
/** The token itself (`scim_…`) is in this answer only. */
export const ScimTokenCreated = z.strictObject({ id: z.string(), name: z.string(), token: z.string() });
export type ScimTokenCreated = z.infer<typeof ScimTokenCreated>;

export const AUDIT_FORMATS = ["json", "csv"] as const;
export const AdminAuditQuery = z.strictObject({
  actorId: Opaque(1, 100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  targetId: Opaque(1, 100).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  format: z.enum(AUDIT_FORMATS).default("json"),
  ...pageParams,
});

export const AdminAuditEntry = z
  .strictObject({
    id: z.string(),
    at: Millis,
    /** A member, or the SCIM token an identity provider used (`kind: "scim_token"`, its name). */
    actor: z.strictObject({ id: z.string(), name: z.string(), kind: z.enum(["member", "scim_token"]) }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.strictObject({ type: z.string(), id: z.string() }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .openapi("AdminAuditEntry");
export type AdminAuditEntry = z.infer<typeof AdminAuditEntry>;
export const AdminAuditPage = page(AdminAuditEntry);
