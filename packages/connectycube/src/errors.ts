import { AuthmuxError, type HttpErrorContext, isAuthmuxError } from "@authmux/core";
import { PROVIDER } from "./constants.js";

/** ConnectyCube's message for a token it does not know (unknown, expired after two idle hours, or destroyed). */
export const SESSION_GONE = "Required session does not exist";

/**
 * ConnectyCube's `errors` member, either form (vendors/connectycube.md §7): an array of strings, or a map of
 * field → strings where `base` holds the messages about no field in particular.
 */
export function errorMessages(body: unknown): { base: string[]; fields: Record<string, string[]> } {
  const errors = (typeof body === "object" && body !== null ? (body as { errors?: unknown }).errors : undefined) ?? [];
  const strings = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === "string");
  if (Array.isArray(errors) || typeof errors !== "object" || errors === null) return { base: strings(errors), fields: {} };
  const fields: Record<string, string[]> = {};
  for (const [field, said] of Object.entries(errors)) if (field !== "base") fields[field] = strings(said);
  return { base: strings((errors as { base?: unknown }).base), fields };
}

/**
 * ConnectyCube's one error mapper. Paths are compared without the `.json` suffix the SDK adds. A 401
 * "Required session does not exist" is `session_invalid` (the application session layer renews on it;
 * `tokens.verify` reports it as `token_invalid`); other 401s and a bad signature mean our credentials.
 */
export function toAuthmuxError(context: HttpErrorContext): AuthmuxError | undefined {
  const { base, fields } = errorMessages(context.body);
  const said = [...base, ...Object.entries(fields).map(([field, m]) => `${field} ${m.join(", ")}`)].join("; ").slice(0, 300);
  const path = context.path.replace(/\.json$/, "");
  const call = `${context.method} ${path}`;
  const detail = said ? ` ConnectyCube said: "${said}"` : "";

  if (context.status === 401 && base.includes(SESSION_GONE)) {
    return context.error("session_invalid", `ConnectyCube has no live session for the token sent on ${call}: unknown, destroyed, or unused for two hours.${detail}`);
  }
  if (context.status === 422 && Object.values(fields).some((m) => m.some((s) => /already been taken/i.test(s)))) {
    return context.error("conflict", `ConnectyCube refused ${call}: the ${Object.keys(fields).join("/")} is already used by another user.${detail}`);
  }
  if ((context.status === 422 || context.status === 401) && [...base, ...Object.values(fields).flat()].some((s) => /unexpected signature/i.test(s))) {
    return context.error("provider_auth_failed", `ConnectyCube refused the session signature on ${call}: check CONNECTYCUBE_AUTH_SECRET.${detail}`);
  }
  if (context.status === 401) {
    const check = path.startsWith("/admin/") ? "CONNECTYCUBE_ADMIN_API_KEY" : "CONNECTYCUBE_APP_ID and CONNECTYCUBE_AUTH_KEY";
    return context.error("provider_auth_failed", `ConnectyCube rejected our credentials on ${call} (HTTP 401): check ${check}.${detail}`);
  }
  if (context.status === 403) return context.error("permission_denied", `ConnectyCube forbids ${call} (HTTP 403) for this session or plan.${detail}`);
  if (context.status === 404) return context.error("not_found", `ConnectyCube found nothing for ${call}.${detail}`);
  if (context.status === 422) return context.error("provider_error", `ConnectyCube rejected ${call} as invalid (HTTP 422).${detail}`);
  return undefined;
}

/**
 * On `POST /session` with user credentials, ConnectyCube answers the same 401 "Unauthorized" as for a
 * bad auth key: at sign-in it means the login or password is wrong (a bad auth key fails every other call
 * as `provider_auth_failed`). One message for unknown users and wrong passwords: no account enumeration.
 */
export function asSignInError(error: unknown): unknown {
  if (!isAuthmuxError(error) || error.code !== "provider_auth_failed" || error.status !== 401) return error;
  return new AuthmuxError("invalid_credentials", "ConnectyCube refused the sign-in: the login/email or the password is wrong", {
    provider: PROVIDER,
    status: 401,
    cause: error.cause,
  });
}
