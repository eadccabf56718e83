import { AuthmuxError, createJwtVerifier, type JwtVerifier, jwtEngineOptions, type VerifiedToken, vendorPath, verifiedTokenFromClaims, verifiedTokenMemo } from "@authmux/core";
import { KOBBLE_ISSUER } from "./config.js";
import { type KobbleContext, PROVIDER } from "./context.js";
import { wireWhoami } from "./wire.js";

/**
 * Kobble ID and access tokens, verified locally through core's engine. The JWKS URL needs the project id:
 * from the `projectId` option, or read ONCE from `/auth/whoami` (concurrent first calls share the request;
 * a failure is retried by the next verification). Keys are cached by the engine, never refetched per call.
 */
export function tokensMember({ http, options, clock }: KobbleContext) {
  let verifier: Promise<JwtVerifier> | undefined;
  // The verifier once built, for cache hits without another promise.
  let ready: JwtVerifier | undefined;
  // A token verified before comes back as the same VerifiedToken, not a new copy of its claims.
  const memo = verifiedTokenMemo();

  async function build(): Promise<JwtVerifier> {
    let jwksUrl = options.jwksUrl;
    if (!jwksUrl) {
      const projectId = options.projectId ?? (await http.request("GET", "/auth/whoami", { schema: wireWhoami })).data.projectId;
      // The SDK resolves paths against the origin only (vendors/kobble.md §1).
      jwksUrl = new URL(vendorPath`/discovery/p/${projectId}/apps/keys`, http.baseUrl).toString();
    }
    const audience = options.audience ?? options.applicationId;
    return createJwtVerifier({
      typ: "JWT",
      jwksUrl,
      issuer: options.issuer ?? KOBBLE_ISSUER,
      audience,
      algorithms: options.algorithms ?? ["ES256"],
      requiredClaims: ["sub", "iat"],
      ...jwtEngineOptions(options),
      clock,
      provider: PROVIDER,
    });
  }

  return {
    async verify(token: string): Promise<VerifiedToken> {
      // Every application of a Kobble project gets tokens from one issuer: without an audience, a token minted
      // for another app of the project would pass. Refused unless the options waive it in so many words.
      if (options.audience === undefined && options.applicationId === undefined && options.acceptAnyAudience !== true) {
        throw new AuthmuxError(
          "invalid_input",
          "kobble tokens.verify needs the audience tokens must be issued to: set applicationId (environment variable KOBBLE_CLIENT_ID) or audience, or acceptAnyAudience: true to accept tokens of every app of the project",
          { provider: PROVIDER },
        );
      }
      const hit = ready?.peek(token);
      if (hit !== undefined) return memo(hit.claims, () => toVerifiedToken(hit.claims));
      const pending = (verifier ??= build().then((built) => (ready = built)));
      pending.catch(() => {
        if (verifier === pending) verifier = undefined;
      });
      const { claims } = await (await pending).verify(token);
      return memo(claims, () => toVerifiedToken(claims));
    },
  };
}

/**
 * Access tokens carry `project_id`; ID tokens carry the profile (`email`, `name`, `is_verified`, …).
 * `claims.token_type` says which it was (`"access"` or `"id"`).
 */
export function toVerifiedToken(claims: Readonly<Record<string, unknown>>): VerifiedToken {
  const tokenType = typeof claims.project_id === "string" && claims.email === undefined ? "access" : "id";
  // Kobble keeps no server-side sessions: there is no session to name.
  // One copy of the claims, with token_type added (verifiedTokenFromClaims copies only when not given them).
  return verifiedTokenFromClaims(claims, PROVIDER, { claims: { ...claims, token_type: tokenType } });
}
