import type { MiddlewareHandler } from "hono";
import { type AuthContext, type AuthenticateOptions, authenticateHeaders, BEARER_CHALLENGE, unauthorizedBody, type VerifyingProvider } from "./context.js";

/** What the Hono middleware puts in the context: `c.get("auth")`. */
export type AuthVariables = {
  /** Who made the request, or `null` without a valid token. */
  auth: AuthContext | null;
};
/** Under `requireAuth`, `c.get("auth")` is never null. */
export type RequiredAuthVariables = {
  /** Who made the request. */
  auth: AuthContext;
};

/**
 * Sets `c.get("auth")` to the request's {@link AuthContext}, or `null`, and continues.
 *
 * @example
 * const app = new Hono<{ Variables: AuthVariables }>().use(authMiddleware(provider));
 */
export function authMiddleware(provider: VerifyingProvider, options?: AuthenticateOptions): MiddlewareHandler<{
  /** `c.get("auth")`. */
  Variables: AuthVariables;
}> {
  return async (c, next) => {
    c.set("auth", (await authenticateHeaders(provider, c.req.raw.headers, options)).auth);
    await next();
  };
}

/** Answers 401 JSON (with `WWW-Authenticate: Bearer`) without a valid token; otherwise sets `c.get("auth")` and continues. */
export function requireAuth(provider: VerifyingProvider, options?: AuthenticateOptions): MiddlewareHandler<{
  /** `c.get("auth")`, never null. */
  Variables: RequiredAuthVariables;
}> {
  return async (c, next) => {
    const outcome = await authenticateHeaders(provider, c.req.raw.headers, options);
    if (!outcome.auth) return c.json(unauthorizedBody(outcome.error), 401, { "www-authenticate": BEARER_CHALLENGE });
    c.set("auth", outcome.auth);
    await next();
  };
}
