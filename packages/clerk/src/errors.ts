import { type AuthmuxError, type ErrorCode, type HttpErrorContext, lookup } from "@authmux/core";

type ClerkError = { code?: unknown; message?: unknown; long_message?: unknown; meta?: unknown };
type ClerkErrorBody = { errors?: ClerkError[]; clerk_trace_id?: unknown };

// errors[0].code → neutral code (vendors/clerk.md §8); the rest falls back to the status.
const BY_CODE: Readonly<Record<string, ErrorCode>> = {
  resource_not_found: "not_found",
  form_identifier_exists: "conflict",
  duplicate_record: "conflict",
  clerk_key_invalid: "provider_auth_failed",
  authentication_invalid: "provider_auth_failed",
};

/**
 * Clerk's one error mapper: bodies are `{ errors: [{ code, message, long_message, meta }], clerk_trace_id }`.
 * A wrong password is the passwords member's to translate (only there is a 422 a credentials answer).
 */
export function toAuthmuxError(context: HttpErrorContext): AuthmuxError | undefined {
  const body = (typeof context.body === "object" && context.body !== null ? context.body : {}) as ClerkErrorBody;
  const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const code = typeof first?.code === "string" ? first.code : undefined;
  const said = typeof first?.long_message === "string" ? first.long_message : typeof first?.message === "string" ? first.message : "";
  const trace = typeof body.clerk_trace_id === "string" ? body.clerk_trace_id : (context.headers.get("cf-ray") ?? undefined);
  const extra = trace !== undefined ? { requestId: trace } : {};
  const detail = `${code ?? `HTTP ${context.status}`}${said ? `: ${said}` : ""}`;
  const call = `${context.method} ${context.path}`;

  const mapped = lookup(BY_CODE, code) ?? (context.status === 401 ? "provider_auth_failed" : undefined);
  if (mapped === "provider_auth_failed") {
    return context.error(mapped, `Clerk rejected the secret key on ${call}: check CLERK_SECRET_KEY (${detail})`, extra);
  }
  if (mapped) return context.error(mapped, `Clerk refused ${call} (${detail})`, extra);
  if (context.status === 429) return context.error("rate_limited", `Clerk rate limit reached on ${call} (${detail})`, extra);
  if (context.status >= 500) return context.error("provider_unavailable", `Clerk is unavailable: ${call} answered ${detail}`, extra);
  if (context.status === 404) return context.error("not_found", `Clerk found nothing for ${call} (${detail})`, extra);
  if (context.status === 403) return context.error("permission_denied", `Clerk refused ${call} for this instance (${detail})`, extra);
  return context.error("provider_error", `Clerk rejected ${call} (${detail})`, extra);
}
