import { AuthmuxError, type HttpClient, type HttpRequest, isAuthmuxError } from "@authmux/core";
import { PROVIDER, SESSION_TTL_MS } from "./constants.js";
import { type CheckedToken, parseExpiryHeader } from "./mapping.js";
import { sessionIdOf } from "./session-id.js";
import { type WireSession, type WireUser, wireSessionEnvelope, wireUserSearch } from "./wire.js";

/** `GET /session` for user tokens, shared by `tokens.verify`, `sessions.authenticate` and `vendor.asUser`. */
export interface TokenChecker {
  check(token: string): Promise<CheckedToken>;
  /** Drops what is known of a token (after it was destroyed). */
  forget(token: string): void;
  /**
   * Records that this adapter destroyed the token's session (`DELETE /session`) and forgets the token: ConnectyCube
   * then answers "Required session does not exist", as for an unknown token, and the checker says `session_invalid`
   * ("revoked") instead. Only the session id (a hash) is kept, never the token.
   */
  destroyed(token: string): Promise<void>;
  /** The token behind a session id this adapter has seen, for `sessions.revoke`. */
  tokenOf(sessionId: string): string | undefined;
  /** Records the token of a session this adapter created (`passwords.authenticate`). */
  remember(sessionId: string, token: string): void;
}

// Both maps are bounded: a flood of distinct tokens must not grow memory without end.
const MAX_ENTRIES = 10_000;

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** The errors that mean "this adapter revoked that session", which `tokens.verify` reports as they are. */
const REVOKED_HERE = new WeakSet<object>();

/** True for the `session_invalid` a check throws for a session this adapter destroyed itself. */
export const isRevokedHere = (error: unknown): boolean => typeof error === "object" && error !== null && REVOKED_HERE.has(error);

/** The user of a user session: embedded in current answers, looked up by id (application session) in older ones. */
export async function userOfSession(app: HttpRequest, session: WireSession): Promise<WireUser | undefined> {
  return session.user ?? (await app("GET", "/users/v2", { query: { id: String(session.user_id) }, schema: wireUserSearch })).data.items[0];
}

/**
 * Validates user tokens with `GET /session` (there is no other way for opaque tokens, and the call
 * extends the token by two hours). Concurrent checks of one token share one request, and a positive answer
 * is reused for `cacheMs`, never past the expiry ConnectyCube reported: a burst of requests carrying one
 * token costs one call. Negative answers are not cached, so a token is never refused on stale knowledge.
 */
export function createTokenChecker(http: HttpClient, app: HttpRequest, clock: () => number, cacheMs: number): TokenChecker {
  const cached = new Map<string, CheckedToken & { until: number }>();
  const inflight = new Map<string, Promise<CheckedToken>>();
  const tokens = new Map<string, string>();
  // Session ids (hashes) of the sessions this adapter destroyed, bounded like the other maps.
  const revoked = new Map<string, true>();

  /** `GET /session`; a refusal of a session this adapter destroyed says so. */
  async function getSession(token: string) {
    try {
      return await http.request("GET", "/session", { headers: { "CB-Token": token }, schema: wireSessionEnvelope });
    } catch (error) {
      if (!isAuthmuxError(error) || error.code !== "session_invalid" || revoked.size === 0 || !revoked.has(await sessionIdOf(token))) throw error;
      const mine = new AuthmuxError("session_invalid", "the session was revoked: this adapter destroyed it (sessions.revoke, DELETE /session)", {
        provider: PROVIDER,
        ...(error.status !== undefined ? { status: error.status } : {}),
        cause: error.cause,
      });
      REVOKED_HERE.add(mine);
      throw mine;
    }
  }

  async function ask(token: string): Promise<CheckedToken> {
    const { data, headers } = await getSession(token);
    const checkedAt = clock();
    const session = data.session;
    if (!session.user_id) {
      throw new AuthmuxError("session_invalid", "the token is a ConnectyCube application session, which belongs to no user", { provider: PROVIDER });
    }
    const user = await userOfSession(app, session);
    if (!user) throw new AuthmuxError("session_invalid", `the token's user ${session.user_id} no longer exists at ConnectyCube`, { provider: PROVIDER });
    const expiresAt = parseExpiryHeader(headers.get("cb-token-expirationdate")) ?? new Date(checkedAt + SESSION_TTL_MS);
    const sessionId = await sessionIdOf(token);
    boundedSet(tokens, sessionId, token);
    const result: CheckedToken = { sessionId, session, user, expiresAt, checkedAt };
    const until = Math.min(checkedAt + cacheMs, expiresAt.getTime());
    if (until > checkedAt) boundedSet(cached, token, { ...result, until });
    return result;
  }

  function forget(token: string): void {
    cached.delete(token);
    for (const [id, known] of tokens) if (known === token) tokens.delete(id);
  }

  return {
    check(token) {
      const hit = cached.get(token);
      if (hit && hit.until > clock()) return Promise.resolve(hit);
      if (hit) cached.delete(token);
      let pending = inflight.get(token);
      if (!pending) {
        pending = ask(token).finally(() => inflight.delete(token));
        inflight.set(token, pending);
      }
      return pending;
    },
    forget,
    async destroyed(token) {
      const sessionId = await sessionIdOf(token);
      forget(token);
      boundedSet(revoked, sessionId, true);
    },
    tokenOf: (sessionId) => tokens.get(sessionId),
    remember: (sessionId, token) => boundedSet(tokens, sessionId, token),
  };
}
