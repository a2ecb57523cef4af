import { z } from "@hono/zod-openapi";
import { Email, Opaque, PersonName, SingleLine } from "./common";

/**
 * SCIM 2.0 (RFC 7643/7644) as /scim/v2 speaks it: what identity providers send (loose objects: they send attributes
 * this network does not keep, which are ignored, never refused) and the URNs of the schemas. Its answers and errors are
 * SCIM's own shapes, outside this API's error shape (API.md "Administration and privacy").
 */

export const SCIM = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/** SCIM error types (RFC 7644 §3.12) this server answers. */
export type ScimType = "invalidFilter" | "invalidSyntax" | "invalidPath" | "invalidValue" | "uniqueness" | "mutability" | "noTarget" | "tooMany";

/** Booleans arrive as JSON booleans, or (Entra ID) as the strings "True" and "False". */
export const ScimBoolean = z.union([z.boolean(), z.enum(["true", "false", "True", "False", "TRUE", "FALSE"]).transform((s) => s.toLowerCase() === "true")]);

const Text = (max: number) => SingleLine(0, max);

export const ScimName = z.looseObject({ formatted: PersonName.optional(), givenName: Text(100).optional(), familyName: Text(100).optional() });
export const ScimEmail = z.looseObject({ value: z.string().max(254), type: z.string().max(40).optional(), primary: ScimBoolean.optional() });
export const ScimAddress = z.looseObject({ type: z.string().max(40).optional(), locality: Text(120).optional(), primary: ScimBoolean.optional() });
export const ScimEnterprise = z.looseObject({ department: Text(120).optional() });

export const ScimUserInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: Email,
  externalId: Opaque(1, 200).nullable().optional(),
  name: ScimName.optional(),
  displayName: PersonName.optional(),
  title: Text(120).optional(),
  active: ScimBoolean.optional(),
  emails: z.array(ScimEmail).max(20).optional(),
  addresses: z.array(ScimAddress).max(20).optional(),
  [SCIM.enterprise]: ScimEnterprise.optional(),
});
export type ScimUserInput = z.infer<typeof ScimUserInput>;

export const ScimMemberRef = z.looseObject({ value: Opaque(1, 100) });

export const ScimGroupInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  displayName: SingleLine(1, 120),
  externalId: Opaque(1, 200).nullable().optional(),
  members: z.array(ScimMemberRef).max(1000).optional(),
});
export type ScimGroupInput = z.infer<typeof ScimGroupInput>;

/** PATCH (RFC 7644 §3.5.2): operation names are case-insensitive (Entra ID sends "Replace"). */
export const ScimPatch = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(["add", "replace", "remove"])),
        path: z.string().max(300).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type ScimPatch = z.infer<typeof ScimPatch>;

/** `startIndex` (1-based) and `count` of a list (RFC 7644 §3.4.2.4); `count` is capped at 200. */
export const ScimListQuery = z.object({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().catch(1).optional(),
  count: z.coerce.number().int().catch(100).optional(),
  attributes: z.string().max(500).optional(),
  excludedAttributes: z.string().max(500).optional(),
});
