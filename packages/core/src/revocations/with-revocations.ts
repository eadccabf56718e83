import type { MembersOf, ProviderWith } from "../capabilities/provider.js";
import { AuthmuxError } from "../errors/authmux-error.js";
import type { AuthenticatedSession, VerifiedToken } from "../types/neutral.js";
import { requireId } from "../validation/input.js";
import type { RevocationStore } from "./store.js";

/** Options of {@link withRevocations}. */
export interface WithRevocationsOptions {
  /**
   * How long a revocation is kept, in seconds: the longest lifetime of a token the provider issues (Clerk 60,
   * Stytch 300, Kobble 3600, …); a token that outlives its revocation's record would verify again. Default 86400.
   */
  maxTokenLifetimeSec?: number;
  /** Epoch milliseconds, for `revokeUser`'s "before now"; default `Date.now`. */
  clock?: () => number;
}

/** The `revocations` member `withRevocations` adds. */
export interface Revocations {
  /** Refuses every token of this session on every instance, whatever the vendor knows. */
  revokeSession(sessionId: string): Promise<void>;
  /** Refuses every token of this user issued until now on every instance (sign out everywhere). */
  revokeUser(userId: string): Promise<void>;
}

/** A provider whose token checks also consult a {@link RevocationStore}. */
export type WithRevocations<P> = P & {
  /** Revokes sessions and users on every instance. */
  readonly revocations: Revocations;
};

type Loose = Partial<MembersOf<"sessions.authenticate" | "sessions.revoke">>;

/**
 * Makes revocation seen on every instance at once: `sessions.revoke` (where the provider has it),
 * `revocations.revokeSession` and `revocations.revokeUser` record the revocation in `store`, and `tokens.verify`
 * (and `sessions.authenticate`) refuse a revoked token with `session_invalid`. The check is answered from the
 * store's local copy, so it adds no round trip to a verification. Call `await store.start()` at boot to load the
 * copy before the first request (it is started here otherwise, and a fail-closed store refuses until it is).
 *
 * @example
 * const revocations = redisRevocationStore({ client });
 * await revocations.start();
 * const auth = withRevocations(await loadProvider({ requires: ["tokens.verify"] }), revocations, { maxTokenLifetimeSec: 3600 });
 * await auth.revocations.revokeUser(userId); // every instance refuses the user's current tokens
 */
export function withRevocations<P extends ProviderWith<"tokens.verify">>(provider: P, store: RevocationStore, options: WithRevocationsOptions = {}): WithRevocations<P> {
  const ttlSec = options.maxTokenLifetimeSec ?? 86_400;
  if (!Number.isSafeInteger(ttlSec) || ttlSec < 1) throw new AuthmuxError("invalid_input", "withRevocations: maxTokenLifetimeSec must be a whole number of seconds ≥ 1");
  const clock = options.clock ?? Date.now;
  void store.start().catch(() => undefined);
  const refused = () => new AuthmuxError("session_invalid", "the session was revoked", { provider: provider.name });

  const verify = async (token: string): Promise<VerifiedToken> => {
    const verified = await provider.tokens.verify(token);
    if (store.isRevoked(verified)) throw refused();
    return verified;
  };
  const revocations: Revocations = {
    revokeSession: async (sessionId) => store.revokeSession(requireId(sessionId, "session id"), ttlSec),
    revokeUser: async (userId) => store.revokeUser(requireId(userId, "user id"), new Date(clock()), ttlSec),
  };

  const loose = provider as Loose;
  const sessions: Record<string, unknown> = { ...loose.sessions };
  if (loose.sessions?.revoke) {
    const revoke = loose.sessions.revoke.bind(loose.sessions);
    sessions.revoke = async (sessionId: string) => {
      await revoke(sessionId);
      await store.revokeSession(sessionId, ttlSec);
    };
  }
  if (loose.sessions?.authenticate) {
    const authenticate = loose.sessions.authenticate.bind(loose.sessions);
    sessions.authenticate = async (token: string): Promise<AuthenticatedSession> => {
      const result = await authenticate(token);
      if (store.isRevoked({ sessionId: result.session.id, userId: result.user.id, issuedAt: result.session.createdAt })) throw refused();
      return result;
    };
  }
  return Object.freeze({
    ...provider,
    tokens: Object.freeze({ ...provider.tokens, verify }),
    ...(loose.sessions ? { sessions: Object.freeze(sessions) } : {}),
    revocations: Object.freeze(revocations),
  });
}
