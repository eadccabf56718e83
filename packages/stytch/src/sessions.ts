import { AuthmuxError, type AuthenticatedSession, requireId, type Session } from "@authmux/core";
import { type StytchContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";
import { type WireSession, wireAck, wireSessionAuth, wireSessionList } from "./wire.js";

/** The neutral view of a Stytch session; Stytch only ever returns live ones. */
export function toSession(wire: WireSession, now: number): Session {
  const expiresAt = wire.expires_at ? new Date(wire.expires_at) : null;
  return {
    id: wire.session_id,
    userId: wire.user_id,
    status: expiresAt !== null && expiresAt.getTime() <= now ? "expired" : "active",
    createdAt: new Date(wire.started_at ?? now),
    expiresAt,
    lastActiveAt: wire.last_accessed_at ? new Date(wire.last_accessed_at) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

const looksLikeJwt = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token);

/** Sessions through Stytch's API: authenticate sees revocations that local JWT checks cannot. */
export function sessionsMember({ http, clock }: StytchContext) {
  return {
    async authenticate(token: string): Promise<AuthenticatedSession> {
      if (typeof token !== "string") throw new AuthmuxError("invalid_input", "sessions.authenticate needs the session token or JWT as a string", { provider: PROVIDER });
      // Stytch's session tokens and JWTs are printable ASCII without spaces: an empty, blank or oversized value is no token and is never sent.
      if (token.length > 8192 || !/^[\x21-\x7e]+$/.test(token)) throw new AuthmuxError("token_invalid", "not a Stytch session token or JWT", { provider: PROVIDER });
      const body = looksLikeJwt(token) ? { session_jwt: token } : { session_token: token };
      // Authenticating without a duration changes nothing but last_accessed_at: safe to retry.
      const { data } = await http.request("POST", "/v1/sessions/authenticate", { body, schema: wireSessionAuth, idempotent: true, secrets: [token] });
      return { session: toSession(data.session, clock()), user: toUser(data.user) };
    },
    async list(userId: string): Promise<Session[]> {
      const { data } = await http.request("GET", "/v1/sessions", { query: { user_id: requireId(userId, "user id") }, schema: wireSessionList });
      const now = clock();
      return data.sessions.map((s) => toSession(s, now));
    },
    async revoke(sessionId: string): Promise<void> {
      const id = requireId(sessionId, "session id");
      // Kept out of any error, as the session tokens and JWTs Stytch also takes here would be.
      await http.request("POST", "/v1/sessions/revoke", { body: { session_id: id }, schema: wireAck, idempotent: true, secrets: [id] });
    },
  };
}
