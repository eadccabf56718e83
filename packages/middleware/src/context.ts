import { AuthmuxError, type HeadersLike, isAuthmuxError, type ProviderWith, supports, type User, type VerifiedToken } from "@authmux/core";
import { extractToken, type TokenSourceOptions } from "./token.js";

/** Who made the request, as every framework adapter of this package hands it over. */
export interface AuthContext {
  userId: string;
  sessionId: string | null;
  token: VerifiedToken;
  /** The provider's name (`"clerk"`, `"mock"`, …). */
  provider: string;
  /** The user, loaded on first call and at most once per request. */
  getUser(): Promise<User | null>;
}

/** A provider that can verify tokens: all this package needs. */
export type VerifyingProvider = ProviderWith<"tokens.verify">;

/** Options of {@link authenticateHeaders} and the framework adapters. */
export interface AuthenticateOptions extends TokenSourceOptions {}

// Codes that mean "this token does not authenticate anyone"; anything else (an outage, a bad key) is
// the server's problem and must not be answered as a 401.
const UNAUTHENTICATED = new Set(["token_invalid", "token_expired", "token_not_yet_valid", "session_invalid"]);

/** The outcome of looking at a request's credentials. */
export type AuthOutcome = { auth: AuthContext } | { auth: null; error: AuthmuxError | null };

/**
 * Verifies the request's token with the provider's `tokens.verify` (for opaque tokens, that asks the
 * vendor). A missing or invalid token gives `auth: null` with the reason; other failures are thrown.
 */
export async function authenticateHeaders(provider: VerifyingProvider, headers: HeadersLike, options: AuthenticateOptions = {}): Promise<AuthOutcome> {
  const token = extractToken(headers, provider.name, options);
  if (!token) return { auth: null, error: null };
  try {
    const verified = await provider.tokens.verify(token);
    return { auth: contextFor(provider, verified) };
  } catch (error) {
    if (isAuthmuxError(error) && UNAUTHENTICATED.has(error.code)) return { auth: null, error };
    throw error;
  }
}

function contextFor(provider: VerifyingProvider, token: VerifiedToken): AuthContext {
  let user: Promise<User | null> | undefined;
  return {
    userId: token.userId,
    sessionId: token.sessionId,
    token,
    provider: provider.name,
    getUser() {
      if (!supports(provider, "users.read")) {
        return Promise.reject(new AuthmuxError("not_supported", `provider "${provider.name}" cannot read users`, { provider: provider.name }));
      }
      user ??= provider.users.get(token.userId);
      return user;
    },
  };
}

/** The JSON body of a 401: `{ error: { code, message } }`. */
export function unauthorizedBody(error: AuthmuxError | null): { error: { code: string; message: string } } {
  return { error: error ? { code: error.code, message: error.message } : { code: "unauthenticated", message: "no credentials: send Authorization: Bearer <token>" } };
}
