import { type AnyProvider, AuthmuxError, isAuthmuxError, type MembersOf, type PasswordAuthResult, type PasswordCredentials, type VerifiedToken } from "@authmux/core";

/** Source id → target id, as a migration recorded it (`authmux migrate` writes it to the id-map file). */
export interface IdMap {
  /** The target id of a source user, or `null` when the migration did not move it. */
  targetId(sourceId: string): Promise<string | null> | string | null;
}

/**
 * The target users who have no password there yet (the migration could not carry their hash): they are moved on
 * their next sign-in. After a trickle the user is removed, so a later sign-in never consults the source again.
 */
export interface PendingPasswords {
  /** Whether the target user still waits for a password. */
  has(targetUserId: string): Promise<boolean> | boolean;
  /** Marks the target user as moved. */
  delete(targetUserId: string): Promise<void> | void;
}

/** What happened during the transition, for logs and metrics; never a token or password. */
export type MigrationEvent =
  | {
      /** A token of the source vendor was accepted. */
      type: "token.source";
      /** The token's user at the source. */
      sourceUserId: string;
      /** The same user at the target. */
      targetUserId: string;
    }
  | {
      /** A sign-in moved the user's password to the target. */
      type: "password.trickled";
      /** The user at the target. */
      targetUserId: string;
    }
  | {
      /** The source accepted the password but setting it at the target failed; the sign-in fails with that error. */
      type: "password.trickle_failed";
      /** The user at the target. */
      targetUserId: string;
      /** The error code of the failure. */
      code: string;
    };

/** Options of {@link withMigration}. */
export interface WithMigrationOptions<T extends AnyProvider> {
  /** The vendor users are leaving. */
  from: AnyProvider;
  /** The vendor users are moving to: every call goes here unless said otherwise below. */
  to: T;
  /** Source id → target id. A `Map` works. */
  idMap: IdMap | ReadonlyMap<string, string>;
  /**
   * Target users still without a password. Given, `passwords.authenticate` moves them on sign-in (needs
   * `passwords` on both sides, and `users.read` plus `passwords.set` on the target); absent, it never consults the source.
   */
  pendingPasswords?: PendingPasswords | Set<string>;
  /** Told what happened, e.g. to count source tokens still in use before removing `withMigration`. */
  onEvent?(event: MigrationEvent): void;
}

type Loose = Partial<MembersOf<"tokens.verify" | "passwords" | "passwords.set" | "users.read">>;

/**
 * A provider for the transition between two vendors: it is `to` in every respect, except that
 * - `tokens.verify` also accepts tokens the source signed (when the target refuses one as `token_invalid`) and
 *   reports their user under the target's id (`claims` stay the source's; `provider` names the source);
 * - `passwords.authenticate`, for a user listed in `pendingPasswords`, checks the password at the source when the
 *   target refuses it, then sets it at the target ("trickle" migration) and signs in there.
 *
 * The sequence: bulk copy (`authmux migrate`), deploy with `withMigration`, switch the frontend to the new vendor,
 * wait until `token.source` events stop (source sessions have expired), then remove `withMigration`.
 *
 * @example
 * const auth = withMigration({ from: clerkProvider, to: stytchProvider, idMap, pendingPasswords });
 * const verified = await auth.tokens.verify(token); // a Clerk or a Stytch token; verified.userId is the Stytch id
 */
export function withMigration<T extends AnyProvider>(options: WithMigrationOptions<T>): T {
  const { from, to } = options;
  if (typeof options !== "object" || options === null || !isProvider(from) || !isProvider(to)) {
    throw new AuthmuxError("invalid_input", "withMigration needs { from, to, idMap }: two providers and the id map of the migration");
  }
  const idMap = toIdMap(options.idMap);
  const pending = options.pendingPasswords === undefined ? undefined : toPending(options.pendingPasswords);
  const emit = (event: MigrationEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing listener must not fail the caller's sign-in.
    }
  };
  const source = from as AnyProvider & Loose;
  const target = to as T & Loose;
  const overrides: Record<string, unknown> = {};

  if (target.tokens?.verify) {
    const verifyAtTarget = target.tokens.verify.bind(target.tokens);
    const verifyAtSource = source.tokens?.verify?.bind(source.tokens);
    overrides.tokens = Object.freeze({
      ...target.tokens,
      async verify(token: string): Promise<VerifiedToken> {
        try {
          return await verifyAtTarget(token);
        } catch (targetError) {
          if (verifyAtSource === undefined || !isAuthmuxError(targetError) || targetError.code !== "token_invalid") throw targetError;
          let verified: VerifiedToken;
          try {
            verified = await verifyAtSource(token);
          } catch (sourceError) {
            // A source token that is expired or revoked says so; anything else is the target's refusal.
            throw isAuthmuxError(sourceError) && sourceError.code !== "token_invalid" ? sourceError : targetError;
          }
          const targetUserId = await idMap.targetId(verified.userId);
          if (targetUserId === null) {
            throw new AuthmuxError("not_found", `the token's user has no account at ${to.name} yet: migrate them first`, { provider: from.name });
          }
          emit({ type: "token.source", sourceUserId: verified.userId, targetUserId });
          return Object.freeze({ ...verified, userId: targetUserId });
        }
      },
    });
  }

  if (pending !== undefined && target.passwords?.authenticate) {
    const atTarget = target.passwords.authenticate.bind(target.passwords);
    const atSource = source.passwords?.authenticate?.bind(source.passwords);
    const setAtTarget = target.passwords.set?.bind(target.passwords);
    const findAtTarget = target.users?.getByEmail?.bind(target.users);
    if (atSource === undefined || setAtTarget === undefined || findAtTarget === undefined) {
      const needed: [unknown, string][] = [
        [atSource, `passwords at ${from.name}`],
        [setAtTarget, `passwords.set at ${to.name}`],
        [findAtTarget, `users.read at ${to.name}`],
      ];
      const missing = needed.filter(([member]) => member === undefined).map(([, what]) => what);
      throw new AuthmuxError("not_supported", `withMigration: trickle migration (pendingPasswords) needs ${missing.join(", ")}`);
    }
    overrides.passwords = Object.freeze({
      ...target.passwords,
      async authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> {
        try {
          return await atTarget(credentials);
        } catch (targetError) {
          if (!isAuthmuxError(targetError) || targetError.code !== "invalid_credentials" || typeof credentials.email !== "string") throw targetError;
          const user = await findAtTarget(credentials.email);
          if (user === null || !(await pending.has(user.id))) throw targetError;
          try {
            await atSource(credentials);
          } catch {
            // Wrong at both: the one answer for any failed sign-in, whatever the source said.
            throw targetError;
          }
          try {
            await setAtTarget(user.id, credentials.password);
          } catch (error) {
            emit({ type: "password.trickle_failed", targetUserId: user.id, code: isAuthmuxError(error) ? error.code : "provider_error" });
            throw error;
          }
          await pending.delete(user.id);
          emit({ type: "password.trickled", targetUserId: user.id });
          return atTarget(credentials);
        }
      },
    });
  }

  return Object.freeze({ ...to, ...overrides }) as T;
}

function isProvider(value: unknown): value is AnyProvider {
  return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string" && Array.isArray((value as { capabilities?: unknown }).capabilities);
}

function toIdMap(given: IdMap | ReadonlyMap<string, string>): IdMap {
  if (given instanceof Map) return { targetId: (id) => given.get(id) ?? null };
  if (typeof given === "object" && given !== null && typeof (given as IdMap).targetId === "function") return given as IdMap;
  throw new AuthmuxError("invalid_input", "withMigration: idMap must be a Map of source id → target id or { targetId(sourceId) }");
}

function toPending(given: PendingPasswords | Set<string>): PendingPasswords {
  if (given instanceof Set) return { has: (id) => given.has(id), delete: (id) => void given.delete(id) };
  if (typeof given === "object" && given !== null && typeof given.has === "function" && typeof given.delete === "function") return given;
  throw new AuthmuxError("invalid_input", "withMigration: pendingPasswords must be a Set of target user ids or { has, delete }");
}

