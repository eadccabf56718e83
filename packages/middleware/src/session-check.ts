import { type AuthenticatedSession, type AuthmuxError, type AnyProvider, isAuthmuxError, supports } from "@authmux/core";

/** How `checkSession` asks the vendor about a token's session. */
export interface SessionCheckOptions {
  /**
   * How long the vendor's answer about one token is reused, in ms; default 5000. A revoked session is refused
   * at most this long after the revocation; 0 asks on every request.
   */
  cacheMs?: number;
}

// Codes that mean "this token does not authenticate anyone"; anything else (an outage, a bad key) is the
// server's problem and must not be answered as a 401.
export const UNAUTHENTICATED_CODES: ReadonlySet<string> = new Set(["token_invalid", "token_expired", "token_not_yet_valid", "session_invalid"]);

const DEFAULT_CACHE_MS = 5000;
// Bounded: a flood of distinct valid tokens must not grow memory without end.
const MAX_ENTRIES = 10_000;

/** The vendor's answer: the live session and its user, or why the token authenticates no one. */
export type SessionAnswer = AuthenticatedSession | AuthmuxError;

type Answer = { answer: SessionAnswer; until: number };
interface SessionCache {
  answers: Map<string, Answer>;
  pending: Map<string, Promise<SessionAnswer>>;
}

// One cache per provider object, shared by every middleware built on it.
const caches = new WeakMap<object, SessionCache>();

/**
 * Asks the vendor whether the session behind `token` is still live (`sessions.authenticate`): the session and its
 * user when it is, the refusal when the vendor says it is over. Concurrent checks of one token share one call;
 * answers are reused for `cacheMs`. `undefined` when the provider cannot ask (no `sessions.authenticate`: its
 * tokens are the truth).
 */
export async function checkSession(provider: AnyProvider, token: string, options: SessionCheckOptions, now: number): Promise<SessionAnswer | undefined> {
  if (!supports(provider, "sessions.authenticate")) return undefined;
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  let cache = caches.get(provider);
  if (!cache) caches.set(provider, (cache = { answers: new Map(), pending: new Map() }));
  const hit = cache.answers.get(token);
  if (hit && hit.until > now) return hit.answer;
  if (hit) cache.answers.delete(token);

  let pending = cache.pending.get(token);
  if (!pending) {
    const { answers, pending: inflight } = cache;
    pending = provider.sessions.authenticate(token).then(
      (live): SessionAnswer => live,
      (error: unknown) => {
        if (isAuthmuxError(error) && UNAUTHENTICATED_CODES.has(error.code)) return error;
        throw error;
      },
    );
    const settle = pending.then((answer) => {
      if (cacheMs <= 0) return;
      if (answers.size >= MAX_ENTRIES) answers.delete(answers.keys().next().value as string);
      answers.set(token, { answer, until: now + cacheMs });
    });
    inflight.set(token, pending);
    void settle.catch(() => undefined).finally(() => inflight.delete(token));
  }
  return pending;
}
