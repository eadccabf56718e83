import { type AuthenticatedSession, AuthmuxError, type HeadersLike, isAuthmuxError, type ProviderWith, type Session, supports, type User, type VerifiedToken } from "@authmux/core";
import { checkSession, type SessionCheckOptions, UNAUTHENTICATED_CODES } from "./session-check.js";
import { extractToken, type TokenSourceOptions } from "./token.js";

/** Who made the request, as every framework adapter of this package hands it over. */
export interface AuthContext {
  /** The user the token was issued to. */
  userId: string;
  /** The token's session, or `null` when it names none. */
  sessionId: string | null;
  /** The verified token, claims included. */
  token: VerifiedToken;
  /** The provider's name (`"clerk"`, `"mock"`, …). */
  provider: string;
  /** True when the vendor confirmed the session is live (`checkSession`), false when only the token was verified. */
  sessionChecked: boolean;
  /** The session as the vendor reported it when `checkSession` asked (at most `cacheMs` old), else `null`. */
  session: Session | null;
  /** The user, loaded on first call and at most once per request. */
  getUser(): Promise<User | null>;
}

/** A provider that can verify tokens: all this package needs. */
export type VerifyingProvider = ProviderWith<"tokens.verify">;

/** Options of {@link authenticateRequest}, {@link requireAuth} and the framework adapters. */
export interface AuthenticateOptions extends TokenSourceOptions {
  /**
   * Also ask the vendor whether the token's session is still live (`sessions.authenticate`), so a revoked
   * session gets a 401 at once instead of when its token expires. The trade-off: a vendor call per token per
   * `cacheMs` (default 5 s) against the revocation window of local verification (the token's lifetime: Clerk
   * 60 s, Stytch up to 5 min, others longer). `true` uses the defaults. Providers without
   * `sessions.authenticate` (Kobble: no server sessions) verify the token only; `auth.sessionChecked` says
   * which happened. For revocation seen everywhere without a vendor call, see `withRevocations`.
   */
  checkSession?: boolean | SessionCheckOptions;
  /** Epoch milliseconds now, for the session-check cache; default `Date.now`. */
  clock?: () => number;
}

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
    let live: AuthenticatedSession | undefined;
    if (options.checkSession) {
      const check = options.checkSession === true ? {} : options.checkSession;
      const answer = await checkSession(provider, token, check, (options.clock ?? Date.now)());
      if (isAuthmuxError(answer)) return { auth: null, error: answer };
      live = answer;
    }
    return { auth: contextFor(provider, verified, live) };
  } catch (error) {
    if (isAuthmuxError(error) && UNAUTHENTICATED_CODES.has(error.code)) return { auth: null, error };
    throw error;
  }
}

function contextFor(provider: VerifyingProvider, token: VerifiedToken, live: AuthenticatedSession | undefined): AuthContext {
  // The vendor's session check already brought the user: no second call for it.
  let user: Promise<User | null> | undefined = live ? Promise.resolve(live.user) : undefined;
  return {
    userId: token.userId,
    sessionId: token.sessionId,
    token,
    provider: provider.name,
    sessionChecked: live !== undefined,
    session: live?.session ?? null,
    getUser() {
      if (!supports(provider, "users.read")) {
        return Promise.reject(new AuthmuxError("not_supported", `provider "${provider.name}" cannot read users`, { provider: provider.name }));
      }
      user ??= provider.users.get(token.userId);
      return user;
    },
  };
}

/** The challenge every entry sends with a 401 (RFC 6750): a bearer token is what the API takes. */
export const BEARER_CHALLENGE = 'Bearer realm="api"';

/** The JSON body of a 401: `{ error: { code, message } }`; `unauthenticated` when no credentials came at all. */
export function unauthorizedBody(error: AuthmuxError | null): { error: { code: string; message: string } } {
  const reason = error ?? new AuthmuxError("unauthenticated", "no credentials: send Authorization: Bearer <token>");
  return { error: { code: reason.code, message: reason.message } };
}
