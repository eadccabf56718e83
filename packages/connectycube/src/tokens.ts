import { AuthmuxError, isAuthmuxError, type VerifiedToken } from "@authmux/core";
import { type ConnectyCubeContext, PROVIDER } from "./context.js";
import { requireToken } from "./sessions.js";
import type { CheckedToken } from "./token-check.js";

/**
 * Opaque session tokens, verified by asking ConnectyCube (`GET /session`, which also extends the token by
 * two hours). ConnectyCube answers the same "Required session does not exist" for unknown, destroyed and
 * expired tokens, so all three are `token_invalid`.
 */
export function tokensMember({ http, tokens }: ConnectyCubeContext) {
  return {
    async verify(token: string): Promise<VerifiedToken> {
      try {
        return toVerifiedToken(await tokens.check(requireToken(token)), http.baseUrl);
      } catch (error) {
        if (!isAuthmuxError(error) || error.code !== "session_invalid") throw error;
        throw new AuthmuxError("token_invalid", `${error.message} The token is not a live ConnectyCube user session.`, {
          provider: PROVIDER,
          ...(error.status !== undefined ? { status: error.status } : {}),
          cause: error.cause,
        });
      }
    },
  };
}

/** The API root is the issuer and the application id the audience; `claims` are the session's fields without the token. */
export function toVerifiedToken(checked: CheckedToken, issuer: string): VerifiedToken {
  const { token: _token, user: _user, ...claims } = checked.session;
  return {
    userId: String(checked.session.user_id),
    sessionId: checked.sessionId,
    issuer,
    audience: [String(checked.session.application_id)],
    issuedAt: new Date(checked.session.created_at),
    expiresAt: checked.expiresAt,
    claims,
    provider: PROVIDER,
  };
}
