import type { ScimType } from "../../../contract/scim";

/** An answer in SCIM's own error shape (RFC 7644 §3.12): `{schemas, status, detail, scimType?}`. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 501,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const notFound = (what: string) => new ScimError(404, `${what} not found`);
