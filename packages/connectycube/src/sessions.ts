import { AuthmuxError, type AuthenticatedSession, requireSecretString, type Session } from "@authmux/core";
import { type ConnectyCubeContext, PROVIDER } from "./context.js";
import { SESSION_ID } from "./session-id.js";
import type { CheckedToken } from "./token-check.js";
import { toUser } from "./users.js";
import type { WireSession } from "./wire.js";

/** Characters a token can carry in a header (ConnectyCube's are hex). */
const TOKEN = /^[\x21-\x7e]{1,1024}$/;

/** A user token as given by a caller: `token_invalid` before any request when it cannot be one. */
export function requireToken(token: unknown): string {
  if (typeof token !== "string" || !TOKEN.test(token)) {
    throw new AuthmuxError("token_invalid", "no ConnectyCube session token given, or one with characters no token has", { provider: PROVIDER });
  }
  return token;
}

/** The neutral view of a live ConnectyCube user session. */
export function toSession(wire: WireSession, sessionId: string, expiresAt: Date, lastActiveAt: number): Session {
  return {
    id: sessionId,
    userId: String(wire.user_id),
    status: "active",
    createdAt: new Date(wire.created_at),
    expiresAt,
    // Every request with the token is activity; the one that returned this session was the last.
    lastActiveAt: new Date(lastActiveAt),
    provider: PROVIDER,
    raw: { ...wire, token: undefined },
  };
}

/** `{ session, user }` from a checked token. */
export function authenticated(checked: CheckedToken): AuthenticatedSession {
  return { session: toSession(checked.session, checked.sessionId, checked.expiresAt, checked.checkedAt), user: toUser(checked.user) };
}

/** Sessions: authenticate asks ConnectyCube (`GET /session`); revoke destroys a session by its token. */
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
      const given = requireSecretString(sessionId, "session id", 1024);
      const token = tokens.tokenOf(given) ?? (SESSION_ID.test(given) ? undefined : given);
      if (token === undefined) {
        throw new AuthmuxError("not_found", "this adapter has not seen the token of that session; ConnectyCube destroys sessions by token: pass the token itself", { provider: PROVIDER });
      }
      if (!TOKEN.test(token)) throw new AuthmuxError("invalid_input", "session id must be a session id or a ConnectyCube token");
      await http.request("DELETE", "/session", { headers: { "CB-Token": token } });
      tokens.forget(token);
    },
  };
}
