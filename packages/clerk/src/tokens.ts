import { AuthmuxError, createJwtVerifier, type JwtVerifier, jwtEngineOptions, type VerifiedToken, verifiedTokenFromClaims, verifiedTokenMemo } from "@authmux/core";
import { CLERK_API_VERSION } from "./config.js";
import { type ClerkContext, PROVIDER } from "./context.js";

/** Token category Clerk puts in machine-to-machine token headers: never a session. */
const M2M_CATEGORY = "cl_B7d4PD333AAA";

export interface ClerkTokens {
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * Clerk session JWTs through core's engine: RS256 only, issuer pinned to the instance's Frontend API,
 * keys from `jwtKey` (networkless, imported once) or `/v1/jwks` with the secret key. Then `azp` against
 * `authorizedParties`, no M2M tokens, and no sessions still pending their tasks.
 */
export function tokensMember({ http, options, clock, issuer }: ClerkContext): ClerkTokens {
  let verifier: JwtVerifier | undefined;
  const make = () =>
    createJwtVerifier({
      ...(options.jwtKey
        ? { keys: options.jwtKey }
        : {
            jwksUrl: options.jwksUrl ?? `${http.baseUrl}/jwks`,
            jwksHeaders: { authorization: `Bearer ${options.secretKey}`, "clerk-api-version": options.apiVersion ?? CLERK_API_VERSION },
          }),
      issuer,
      audience: options.audience,
      algorithms: ["RS256"],
      typ: "JWT",
      requiredClaims: ["sub"],
      ...jwtEngineOptions(options),
      clock,
      provider: PROVIDER,
    });
  // A token verified before comes back as the same VerifiedToken, not a new copy of its claims.
  const memo = verifiedTokenMemo();
  const reject = (why: string) => new AuthmuxError("token_invalid", `token rejected: ${why}`, { provider: PROVIDER });
  return {
    async verify(token: string): Promise<VerifiedToken> {
      const engine = (verifier ??= make());
      // A cache hit is had without another promise; anything else is verified in full.
      const { header, claims } = engine.peek(token) ?? (await engine.verify(token));
      if (header.cat === M2M_CATEGORY) throw reject("it is a machine token, not a session token");
      if (options.authorizedParties?.length && !(typeof claims.azp === "string" && options.authorizedParties.includes(claims.azp))) {
        throw reject("its authorized party (azp) is not one of authorizedParties");
      }
      if (claims.sts === "pending") throw reject("its session still has pending tasks");
      return memo(claims, () => toVerifiedToken(claims));
    },
  };
}

/** `sub` → user, `sid` → session; organization claims (`o`, `org_*`) stay in `claims`. */
export function toVerifiedToken(claims: Readonly<Record<string, unknown>>): VerifiedToken {
  return verifiedTokenFromClaims(claims, PROVIDER, { sessionId: typeof claims.sid === "string" ? claims.sid : null });
}
