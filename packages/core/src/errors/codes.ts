/**
 * The closed set of error codes every authmux package throws. Callers branch on these, never on message text.
 */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_credentials",
  "token_invalid",
  "token_expired",
  "token_not_yet_valid",
  "session_invalid",
  "not_found",
  "conflict",
  "rate_limited",
  "provider_unavailable",
  "provider_auth_failed",
  "webhook_invalid",
  "quota_exceeded",
  "permission_denied",
  "unauthenticated",
  "not_supported",
  "provider_error",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const codeSet: ReadonlySet<string> = new Set(ERROR_CODES);

/** True when `value` is one of the known {@link ErrorCode}s. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && codeSet.has(value);
}
