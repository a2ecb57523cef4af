import { ApiError } from "../api";
import { t } from "./index";

/** What went wrong, in the member's language, for any error the API (or the network) gave. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t("errors.unexpected");
  switch (err.code) {
    case "network":
      return t("errors.network");
    case "invalid_credentials":
      return t("errors.invalidCredentials");
    case "rate_limited":
      return err.retryAfter
        ? t("errors.rateLimitedMinutes", { count: Math.max(1, Math.ceil(err.retryAfter / 60)) })
        : t("errors.rateLimited");
    case "unauthenticated":
      return t("errors.unauthenticated");
    case "forbidden":
      return t("errors.forbidden");
    case "charter_required":
      return t("errors.charterRequired");
    case "not_found":
      return t("errors.notFound");
    case "conflict":
      return t("errors.conflict");
    case "too_large":
      return t("errors.tooLarge");
    case "unsupported_media_type":
      return t("errors.unsupportedMediaType");
    case "validation_failed":
      return t("errors.validationFailed");
    case "bad_request":
      return t("errors.badRequest");
    case "uri_too_long":
      return t("errors.uriTooLong");
    default:
      return err.requestId ? t("errors.internalWithId", { id: err.requestId }) : t("errors.internal");
  }
}

/** A field's error from a `validation_failed` detail: our words, then the server's precise reason. */
export function fieldIssueText(message: string): string {
  return t("errors.fieldInvalid", { reason: message });
}

/**
 * A form's errors from a refused request: each field issue under the form field it names (the first segment of its
 * path), or else one message for the whole form.
 */
export function formErrors<K extends string>(err: unknown, fields: readonly K[]): Partial<Record<K | "form", string>> {
  const out: Partial<Record<K | "form", string>> = {};
  for (const issue of err instanceof ApiError ? err.fieldIssues : []) {
    const key = issue.path.split(".")[0] as K;
    if (fields.includes(key)) out[key] = fieldIssueText(issue.message);
  }
  if (Object.keys(out).length === 0) out.form = errorText(err);
  return out;
}
