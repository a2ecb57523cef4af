import { SCIM } from "../../../contract/scim";
import { notFound } from "./errors";

/** The discovery resources of RFC 7644 §4: what this server supports, its schemas and its resource types. */

export function serviceProviderConfig(origin: string) {
  return {
    schemas: [SCIM.serviceProviderConfig],
    documentationUri: `${origin}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "A token an administrator creates in the admin console (SCIM tokens), sent as `Authorization: Bearer scim_…`", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${origin}/scim/v2/ServiceProviderConfig` },
  };
}

type Attribute = { name: string; type: "string" | "boolean" | "complex" | "reference"; multiValued?: boolean; required?: boolean; mutability?: string; returned?: string; uniqueness?: string; subAttributes?: Attribute[]; description: string; referenceTypes?: string[] };

const attr = (a: Attribute) => ({ multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...a });

const SCHEMAS = [
  {
    id: SCIM.user,
    name: "User",
    description: "A member of the network",
    attributes: [
      attr({ name: "userName", type: "string", required: true, uniqueness: "server", description: "The member's email: their sign-in" }),
      attr({ name: "externalId", type: "string", description: "The HR directory's id" }),
      attr({
        name: "name",
        type: "complex",
        description: "The member's name (kept whole: givenName and familyName are split at the first space)",
        subAttributes: [attr({ name: "formatted", type: "string", description: "The whole name" }), attr({ name: "givenName", type: "string", description: "First name" }), attr({ name: "familyName", type: "string", description: "Last name" })],
      }),
      attr({ name: "displayName", type: "string", description: "The name shown in the network" }),
      attr({ name: "title", type: "string", description: "Job title" }),
      attr({ name: "active", type: "boolean", description: "false deactivates the member: their sessions and API tokens end at once" }),
      attr({ name: "emails", type: "complex", multiValued: true, description: "The work email (the same as userName)", subAttributes: [attr({ name: "value", type: "string", description: "The address" }), attr({ name: "type", type: "string", description: "work" }), attr({ name: "primary", type: "boolean", description: "Primary" })] }),
      attr({ name: "addresses", type: "complex", multiValued: true, description: "The work address: its locality is the member's site", subAttributes: [attr({ name: "type", type: "string", description: "work" }), attr({ name: "locality", type: "string", description: "The site (profile location)" })] }),
    ],
    meta: { resourceType: "Schema", location: `/scim/v2/Schemas/${SCIM.user}` },
  },
  {
    id: SCIM.enterprise,
    name: "EnterpriseUser",
    description: "Enterprise attributes of a member",
    attributes: [attr({ name: "department", type: "string", description: "The department; SCIM Groups are departments" })],
    meta: { resourceType: "Schema", location: `/scim/v2/Schemas/${SCIM.enterprise}` },
  },
  {
    id: SCIM.group,
    name: "Group",
    description: "A department (not a discussion group): its members are the members of that department",
    attributes: [
      attr({ name: "displayName", type: "string", required: true, uniqueness: "server", description: "The department's name" }),
      attr({ name: "externalId", type: "string", description: "The HR directory's id" }),
      attr({ name: "members", type: "complex", multiValued: true, description: "Members of the department", subAttributes: [attr({ name: "value", type: "string", mutability: "immutable", description: "A user id" }), attr({ name: "display", type: "string", mutability: "readOnly", description: "Their name" })] }),
    ],
    meta: { resourceType: "Schema", location: `/scim/v2/Schemas/${SCIM.group}` },
  },
].map((s) => ({ schemas: [SCIM.schema], ...s }));

export function schemas() {
  return { schemas: [SCIM.list], totalResults: SCHEMAS.length, itemsPerPage: SCHEMAS.length, startIndex: 1, Resources: SCHEMAS };
}

export function schema(id: string) {
  const s = SCHEMAS.find((x) => x.id === id);
  if (!s) throw notFound("Schema");
  return s;
}

const RESOURCE_TYPES = [
  { schemas: [SCIM.resourceType], id: "User", name: "User", endpoint: "/Users", description: "Members", schema: SCIM.user, schemaExtensions: [{ schema: SCIM.enterprise, required: false }], meta: { resourceType: "ResourceType", location: "/scim/v2/ResourceTypes/User" } },
  { schemas: [SCIM.resourceType], id: "Group", name: "Group", endpoint: "/Groups", description: "Departments", schema: SCIM.group, meta: { resourceType: "ResourceType", location: "/scim/v2/ResourceTypes/Group" } },
];

export function resourceTypes() {
  return { schemas: [SCIM.list], totalResults: RESOURCE_TYPES.length, itemsPerPage: RESOURCE_TYPES.length, startIndex: 1, Resources: RESOURCE_TYPES };
}

export function resourceType(id: string) {
  const r = RESOURCE_TYPES.find((x) => x.id === id);
  if (!r) throw notFound("ResourceType");
  return r;
}
