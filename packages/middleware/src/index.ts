import type { AuthmuxError } from "@authmux/core";
import { type AuthContext, type AuthenticateOptions, authenticateHeaders, BEARER_CHALLENGE, unauthorizedBody, type VerifyingProvider } from "./context.js";

export type { AuthContext, AuthenticateOptions, VerifyingProvider } from "./context.js";
export type { SessionCheckOptions } from "./session-check.js";
export { DEFAULT_COOKIE_NAMES, extractToken, type TokenSourceOptions } from "./token.js";

/**
 * Who sent this `Request` (Web standard: Next.js route handlers, Hono, Bun, Deno, edge runtimes), or
 * `null` when there is no valid token. Outages are thrown, not answered as anonymous.
 *
 * @example
 * const auth = await authenticateRequest(provider, request);
 * if (!auth) return new Response("sign in first", { status: 401 });
 */
export async function authenticateRequest(provider: VerifyingProvider, request: Request, options?: AuthenticateOptions): Promise<AuthContext | null> {
  return (await authenticateHeaders(provider, request.headers, options)).auth;
}

/**
 * The request's {@link AuthContext}, or a 401 JSON `Response` (`{ error: { code, message } }`) to return as is.
 *
 * @example
 * const auth = await requireAuth(provider, request);
 * if (auth instanceof Response) return auth;
 */
export async function requireAuth(provider: VerifyingProvider, request: Request, options?: AuthenticateOptions): Promise<AuthContext | Response> {
  const outcome = await authenticateHeaders(provider, request.headers, options);
  return outcome.auth ?? unauthorized(outcome.error);
}

/** A 401 JSON response for a missing or invalid token. */
export function unauthorized(error: AuthmuxError | null): Response {
  return Response.json(unauthorizedBody(error), { status: 401, headers: { "www-authenticate": BEARER_CHALLENGE } });
}
