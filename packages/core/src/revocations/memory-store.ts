import { AuthmuxError } from "../errors/authmux-error.js";
import type { RevocationStore } from "./store.js";

/** Options of {@link memoryRevocationStore}. */
export interface MemoryRevocationStoreOptions {
  /** Epoch milliseconds; default `Date.now`. */
  clock?: () => number;
}

/**
 * An in-process {@link RevocationStore}: for tests, single-instance apps and development (each instance has its
 * own; use `@authmux/redis` when an app runs several). Expired records are swept as the maps grow.
 */
export function memoryRevocationStore(options: MemoryRevocationStoreOptions = {}): RevocationStore {
  const clock = options.clock ?? Date.now;
  const sessions = new Map<string, number>();
  const users = new Map<string, { before: number; until: number }>();
  let sweepAt = 1024;

  function sweep(now: number) {
    if (sessions.size + users.size < sweepAt) return;
    for (const [id, until] of sessions) if (until <= now) sessions.delete(id);
    for (const [id, record] of users) if (record.until <= now) users.delete(id);
    sweepAt = Math.max(1024, (sessions.size + users.size) * 2);
  }
  const ttlMs = (ttlSec: number) => {
    if (!Number.isSafeInteger(ttlSec) || ttlSec < 1) throw new AuthmuxError("invalid_input", "a revocation's ttlSec must be a whole number ≥ 1");
    return ttlSec * 1000;
  };
  const id = (value: string, what: string) => {
    if (typeof value !== "string" || value.length === 0) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string`);
    return value;
  };

  return {
    async revokeSession(sessionId, ttlSec) {
      const now = clock();
      sessions.set(id(sessionId, "session id"), now + ttlMs(ttlSec));
      sweep(now);
    },
    async revokeUser(userId, before, ttlSec) {
      if (!(before instanceof Date) || Number.isNaN(before.getTime())) throw new AuthmuxError("invalid_input", "revokeUser needs a valid Date");
      const now = clock();
      const previous = users.get(id(userId, "user id"));
      users.set(userId, { before: Math.max(before.getTime(), previous?.before ?? 0), until: Math.max(now + ttlMs(ttlSec), previous?.until ?? 0) });
      sweep(now);
    },
    isRevoked({ sessionId, userId, issuedAt }) {
      const now = clock();
      const session = sessionId === null ? undefined : sessions.get(sessionId);
      if (session !== undefined && session > now) return true;
      const user = users.get(userId);
      if (user === undefined || user.until <= now) return false;
      return issuedAt === null || issuedAt.getTime() <= user.before;
    },
    async start() {},
    async close() {},
  };
}
