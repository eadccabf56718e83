import { type AuthenticatedSession, AuthmuxError, isAuthmuxError, lookup, requireId, type Session, type SessionStatus, vendorPath } from "@authmux/core";
import { type ClerkContext, PROVIDER } from "./context.js";
import type { ClerkTokens } from "./tokens.js";
import { toUser } from "./users.js";
import { type WireSession, wireSession, wireSessionPage, wireUser } from "./wire.js";

const STATUS: Readonly<Record<string, SessionStatus>> = {
  active: "active",
  pending: "active",
  revoked: "revoked",
  expired: "expired",
  abandoned: "expired",
  ended: "ended",
  removed: "ended",
  replaced: "ended",
};

/** The neutral view of a Clerk session (Clerk's many end states fold into revoked / expired / ended). */
export function toSession(wire: WireSession): Session {
  return {
    id: wire.id,
    userId: wire.user_id,
    status: lookup(STATUS, wire.status) ?? "ended",
    createdAt: new Date(wire.created_at),
    expiresAt: wire.expire_at ? new Date(wire.expire_at) : null,
    lastActiveAt: wire.last_active_at ? new Date(wire.last_active_at) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** Sessions: authenticate verifies the JWT locally, then asks Clerk whether its session is still active. */
export function sessionsMember(context: ClerkContext, tokens: ClerkTokens) {
  const { http, metadataKey } = context;
  const getSession = async (id: string) => (await http.request("GET", vendorPath`/sessions/${id}`, { schema: wireSession })).data;
  return {
    async authenticate(token: string): Promise<AuthenticatedSession> {
      const verified = await tokens.verify(token);
      if (!verified.sessionId) throw new AuthmuxError("session_invalid", "the token names no session (sid)", { provider: PROVIDER });
      // A session or user Clerk no longer has means the session is over, not that the call was wrong.
      const gone = (what: string) => (error: unknown): never => {
        if (isAuthmuxError(error) && error.code === "not_found") {
          throw new AuthmuxError("session_invalid", `the token's ${what} no longer exists at Clerk`, { provider: PROVIDER, cause: error });
        }
        throw error;
      };
      const [session, user] = await Promise.all([
        getSession(verified.sessionId).catch(gone("session")),
        http.request("GET", vendorPath`/users/${verified.userId}`, { schema: wireUser }).catch(gone("user")),
      ]);
      if (session.status !== "active" || session.user_id !== verified.userId) {
        throw new AuthmuxError("session_invalid", `the token's session is ${session.status} at Clerk`, { provider: PROVIDER });
      }
      return { session: toSession(session), user: toUser(user.data, metadataKey) };
    },
    async list(userId: string): Promise<Session[]> {
      const query = { user_id: requireId(userId, "user id"), paginated: true, limit: 500 };
      return (await http.request("GET", "/sessions", { query, schema: wireSessionPage })).data.data.map(toSession);
    },
    async revoke(sessionId: string): Promise<void> {
      const id = requireId(sessionId, "session id");
      // The neutral revoke argument is treated as a credential (other vendors take a session token here): never in an error.
      await http.request("POST", vendorPath`/sessions/${id}/revoke`, { schema: wireSession, idempotent: true, secrets: [id] });
    },
  };
}
