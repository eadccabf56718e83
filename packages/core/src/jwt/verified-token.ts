import type { VerifiedToken } from "../types/neutral.js";

/**
 * The neutral {@link VerifiedToken} of verified claims: `sub` → `userId`, `aud` as a list, `iat`/`exp` as
 * dates, every claim kept. Adapters give the session id where their vendor keeps it (and may override the
 * rest, e.g. a user id resolved from another claim).
 */
export function verifiedTokenFromClaims(
  claims: Readonly<Record<string, unknown>>,
  provider: string,
  overrides: Partial<Pick<VerifiedToken, "userId" | "sessionId" | "expiresAt" | "claims">> = {},
): VerifiedToken {
  const aud = claims.aud;
  return {
    userId: claims.sub as string,
    sessionId: null,
    issuer: claims.iss as string,
    audience: typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [],
    issuedAt: typeof claims.iat === "number" ? new Date(claims.iat * 1000) : null,
    expiresAt: new Date((claims.exp as number) * 1000),
    claims: { ...claims },
    provider,
    ...overrides,
  };
}
