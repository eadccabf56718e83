import { AuthmuxError, type AuthenticatedSession, requireId } from "@authmux/core";
import { PROVIDER } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import { requireToken, TOKEN } from "./input.js";
import { authenticated } from "./mapping.js";
import { SESSION_ID } from "./session-id.js";

/**
 * Sessions: authenticate asks ConnectyCube (`GET /session`); revoke destroys a session by its token, after which
 * this adapter answers `session_invalid` ("revoked") for it from `sessions.authenticate` and `tokens.verify` alike.
 */
export function sessionsMember({ http, tokens }: ConnectyCubeContext) {
  return {
    async authenticate(token: string): Promise<AuthenticatedSession> {
      return authenticated(await tokens.check(requireToken(token)));
    },

    /**
     * ConnectyCube destroys a session only with its own token (`DELETE /session`). Pass the id of a session
     * this adapter has seen (authenticated, verified or created), or the token itself.
     */
    async revoke(sessionId: string): Promise<void> {
      // Ids and ConnectyCube's (hex) tokens alike: never echoed, since the "id" may be the token itself.
      const given = requireId(sessionId, "session id");
      const token = tokens.tokenOf(given) ?? (SESSION_ID.test(given) ? undefined : given);
      if (token === undefined) {
        throw new AuthmuxError("not_found", "this adapter has not seen the token of that session; ConnectyCube destroys sessions by token: pass the token itself", { provider: PROVIDER });
      }
      if (!TOKEN.test(token)) throw new AuthmuxError("invalid_input", "session id must be a session id or a ConnectyCube token");
      await http.request("DELETE", "/session", { headers: { "CB-Token": token } });
      // ConnectyCube will answer this token as it answers an unknown one: the checker remembers it was revoked.
      await tokens.destroyed(token);
    },
  };
}
