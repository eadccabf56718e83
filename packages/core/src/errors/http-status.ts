import { type AuthmuxError, isAuthmuxError } from "./authmux-error.js";
import type { ErrorCode } from "./codes.js";

/**
 * The HTTP status an API answers its own client with for each {@link ErrorCode}. A fault of the vendor or of our
 * credentials there is a 5xx of ours (the client did nothing wrong); a bad token is 401; an exhausted quota, 429.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  invalid_input: 400,
  webhook_invalid: 400,
  invalid_credentials: 401,
  token_invalid: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  session_invalid: 401,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 429,
  rate_limited: 429,
  not_supported: 501,
  provider_error: 502,
  provider_auth_failed: 502,
  provider_unavailable: 503,
});

/**
 * The HTTP status to answer with for an error: its code's ({@link HTTP_STATUS_BY_CODE}), or 500 for anything that
 * is not an {@link AuthmuxError}.
 *
 * @example
 * app.use((error, req, res, next) => res.status(httpStatusOf(error)).json({ error: isAuthmuxError(error) ? error.toJSON() : "internal" }));
 */
export function httpStatusOf(error: unknown): number {
  return isAuthmuxError(error) ? (HTTP_STATUS_BY_CODE[error.code] ?? 500) : 500;
}
