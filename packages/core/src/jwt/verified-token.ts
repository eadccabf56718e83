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
    // Copied unless the adapter brings its own copy.
    claims: overrides.claims ?? { ...claims },
    provider,
    ...overrides,
  };
}

/** What {@link verifiedTokenMemo} returns. */
export type VerifiedTokenMemo = (claims: Readonly<Record<string, unknown>>, make: () => VerifiedToken, variant?: string) => VerifiedToken;

/**
 * Remembers the {@link VerifiedToken} an adapter made from each verified claims object. The engine hands back
 * the same frozen claims for a token it has verified before, so a cache hit costs a lookup instead of a new
 * token (a copy of every claim and two dates). The token is frozen, as the claims are, because it is shared by
 * every call that verifies the same token. `variant` tells apart tokens made from the same claims that
 * differ by something else (a user id looked up per call).
 *
 * @example
 * const memo = verifiedTokenMemo();
 * const { claims } = await verifier.verify(token);
 * return memo(claims, () => verifiedTokenFromClaims(claims, "acme"));
 */
export function verifiedTokenMemo(): VerifiedTokenMemo {
  const made = new WeakMap<object, { variant: string | undefined; token: VerifiedToken }>();
  return (claims, make, variant) => {
    const known = made.get(claims);
    if (known !== undefined && known.variant === variant) return known.token;
    const token = make();
    Object.freeze(token.audience);
    Object.freeze(token.claims);
    Object.freeze(token);
    made.set(claims, { variant, token });
    return token;
  };
}
