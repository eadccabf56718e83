import { createJwtVerifier, type JwtVerifier, jwtEngineOptions, type VerifiedToken, vendorPath, verifiedTokenFromClaims, verifiedTokenMemo } from "@authmux/core";
import { type StytchContext, PROVIDER } from "./context.js";

/** The claim Stytch keeps the session in. */
export const SESSION_CLAIM = "https://stytch.com/session";

/**
 * Stytch session JWTs, verified locally (RS256, the project's JWKS, issuer from a configurable list,
 * audience = project id, `typ: JWT`). A token that fails here is rejected: there is no silent fallback to
 * the API, which would turn every bad token into a Stytch request. Use `sessions.authenticate` to ask
 * Stytch (it sees revocations within a JWT's five-minute life).
 */
export function tokensMember({ http, options, clock }: StytchContext) {
  let verifier: JwtVerifier | undefined;
  const make = () => {
    const origin = new URL(http.baseUrl).origin;
    return createJwtVerifier({
      // Stytch's SDK resolves the JWKS path against the origin of the base URL.
      jwksUrl: options.jwksUrl ?? new URL(vendorPath`/v1/sessions/jwks/${options.projectId}`, origin).toString(),
      issuer: options.issuer ?? [`stytch.com/${options.projectId}`, origin],
      audience: options.audience ?? options.projectId,
      algorithms: ["RS256"],
      typ: "JWT",
      requiredClaims: ["sub"],
      ...jwtEngineOptions(options),
      clock,
      provider: PROVIDER,
    });
  };
  // A token verified before comes back as the same VerifiedToken, not a new copy of its claims.
  const memo = verifiedTokenMemo();
  return {
    async verify(token: string): Promise<VerifiedToken> {
      const engine = (verifier ??= make());
      // A cache hit is had without another promise; anything else is verified in full.
      const { claims } = engine.peek(token) ?? (await engine.verify(token));
      return memo(claims, () => toVerifiedToken(claims));
    },
  };
}

/** Maps verified claims: the session id and times come from the `https://stytch.com/session` claim. */
export function toVerifiedToken(claims: Readonly<Record<string, unknown>>): VerifiedToken {
  const session = (claims[SESSION_CLAIM] ?? {}) as { id?: unknown };
  return verifiedTokenFromClaims(claims, PROVIDER, { sessionId: typeof session.id === "string" ? session.id : null });
}
