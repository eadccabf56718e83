import { type AuthmuxError, type ErrorCode, type HttpErrorContext, lookup } from "@authmux/core";

type StytchErrorBody = {
  error_type?: unknown;
  error_message?: unknown;
  request_id?: unknown;
  // OAuth2-style endpoints answer these instead.
  error?: unknown;
  error_description?: unknown;
};

// error_type → neutral code (vendors/stytch.md §9). Types not listed fall back to core's status mapping.
const BY_TYPE: Readonly<Record<string, ErrorCode>> = {
  duplicate_email: "conflict",
  duplicate_phone_number: "conflict",
  duplicate_external_id: "conflict",
  user_not_found: "not_found",
  email_not_found: "not_found",
  magic_link_not_found: "not_found",
  session_not_found: "session_invalid",
  unable_to_auth_magic_link: "token_invalid",
  unauthorized_credentials: "provider_auth_failed",
  too_many_requests: "rate_limited",
  user_lock_limit_reached: "rate_limited",
  reset_password: "invalid_credentials",
};

/**
 * Stytch's one error mapper: every error body is `{ status_code, request_id, error_type, error_message }`.
 * On password authentication, Stytch's "unauthorized" and "email not found" both mean the credentials are
 * wrong (one answer for both: no account enumeration), not that our project secret is.
 */
export function toAuthmuxError(context: HttpErrorContext): AuthmuxError | undefined {
  const body = (typeof context.body === "object" && context.body !== null ? context.body : {}) as StytchErrorBody;
  const type = typeof body.error_type === "string" ? body.error_type : typeof body.error === "string" ? body.error : undefined;
  const said = typeof body.error_message === "string" ? body.error_message : typeof body.error_description === "string" ? body.error_description : "";
  const requestId = typeof body.request_id === "string" ? body.request_id : context.requestId;
  const extra = { ...(requestId !== undefined ? { requestId } : {}) };
  const detail = `${type ?? `HTTP ${context.status}`}${said ? `: ${said}` : ""}`;
  const call = `${context.method} ${context.path}`;

  if (context.path === "/v1/passwords/authenticate" && (type === "unauthorized_credentials" || type === "email_not_found")) {
    return context.error("invalid_credentials", "email or password is wrong", extra);
  }
  const code = lookup(BY_TYPE, type);
  if (code === "provider_auth_failed") {
    return context.error(code, `Stytch rejected the project credentials on ${call}: check STYTCH_PROJECT_ID and STYTCH_SECRET (${detail})`, extra);
  }
  if (code === "invalid_credentials") return context.error(code, `Stytch requires a password reset for this user before signing in (${detail})`, extra);
  if (code) return context.error(code, `Stytch refused ${call} (${detail})`, extra);
  if (context.status === 429) return context.error("rate_limited", `Stytch rate limit reached on ${call} (${detail})`, extra);
  if (context.status >= 500) return context.error("provider_unavailable", `Stytch is unavailable: ${call} answered ${detail}`, extra);
  if (context.status === 401 || context.status === 403) return context.error("provider_auth_failed", `Stytch refused ${call} (${detail})`, extra);
  if (context.status === 404) return context.error("not_found", `Stytch found nothing for ${call} (${detail})`, extra);
  return context.error("provider_error", `Stytch rejected ${call} (${detail})`, extra);
}
