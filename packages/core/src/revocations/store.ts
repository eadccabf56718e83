/** What a revocation check is asked about: the parts of a verified token it depends on. */
export interface RevocationSubject {
  /** The token's session, or `null` when it names none. */
  sessionId: string | null;
  /** The token's subject. */
  userId: string;
  /** When the token was issued; a token without `iat` counts as issued before any user-wide revocation. */
  issuedAt: Date | null;
}

/**
 * Where revocations live, so that every instance of an app refuses a revoked token. `isRevoked` is answered from
 * memory (no round trip per verification): a shared store keeps a local copy, loaded at `start` and kept current
 * by its own channel. Every record expires after its TTL — the longest lifetime of a token it could concern.
 */
export interface RevocationStore {
  /** Records that the session is revoked, for `ttlSec`; resolves once other instances can see it. */
  revokeSession(sessionId: string, ttlSec: number): Promise<void>;
  /** Records that every token of the user issued at or before `before` is revoked, for `ttlSec`. */
  revokeUser(userId: string, before: Date, ttlSec: number): Promise<void>;
  /**
   * Whether the token is revoked, from memory. Throws `provider_unavailable` when the store cannot vouch for its
   * copy (a shared store that lost its channel, in fail-closed mode).
   */
  isRevoked(subject: RevocationSubject): boolean;
  /** Loads the current revocations and starts listening; idempotent. */
  start(): Promise<void>;
  /** Stops listening and releases what `start` took. */
  close(): Promise<void>;
}
