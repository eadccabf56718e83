import { AuthmuxError, isAuthmuxError, type VerifiedToken } from "@authmux/core";
import { PROVIDER } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import { requireToken } from "./input.js";
import { toVerifiedToken } from "./mapping.js";
import { isRevokedHere } from "./token-check.js";

/**
 * Opaque session tokens, verified by asking ConnectyCube (`GET /session`, which also extends the token by
 * two hours). ConnectyCube answers the same "Required session does not exist" for unknown, destroyed and
 * expired tokens, so all three are `token_invalid`, except a session this adapter revoked itself
 * (`sessions.revoke`): that one is `session_invalid`, as a revoked session is on every provider.
 */
export function tokensMember({ http, tokens }: ConnectyCubeContext) {
  return {
    async verify(token: string): Promise<VerifiedToken> {
      try {
        return toVerifiedToken(await tokens.check(requireToken(token)), http.baseUrl);
      } catch (error) {
        if (!isAuthmuxError(error) || error.code !== "session_invalid" || isRevokedHere(error)) throw error;
        throw new AuthmuxError("token_invalid", `${error.message} The token is not a live ConnectyCube user session.`, {
          provider: PROVIDER,
          ...(error.status !== undefined ? { status: error.status } : {}),
          cause: error.cause,
        });
      }
    },
  };
}
