import type { JsonObject, PasswordHash, User } from "@authmux/core";

/**
 * A user as a migration reads it from any source: the neutral {@link User} fields, the id it has at the source, and
 * the password hash where the source exported one.
 */
export interface SourceUser {
  /** The user's id at the source: the key of the id map and of the journal. */
  readonly id: string;
  /** The primary email address, or `null` (such a user is refused: `users.create` needs one). */
  readonly email: string | null;
  /** Whether the source verified the email. */
  readonly emailVerified: boolean;
  /** The primary phone number (E.164), or `null`. */
  readonly phone: string | null;
  /** Whether the source verified the phone. */
  readonly phoneVerified: boolean;
  /** The display name, or `null`. */
  readonly name: string | null;
  /** The metadata bag to carry. */
  readonly metadata: JsonObject;
  /** When the source created the user, where known. */
  readonly createdAt: Date | null;
  /** The password hash the source exported; `null` when it has none. */
  readonly passwordHash: PasswordHash | null;
  /** Why there is no hash (the source exports none, the user has no password, the hash is unreadable); `null` with a hash. */
  readonly noHashReason: string | null;
  /** Set when the source had a hash for this user that could not be read (`noHashReason` says why). */
  readonly unreadableHash?: true;
  /** Set when a provider source says the user signs in with a password there (Clerk `password_enabled`, Stytch `password`), though it exports no hash. */
  readonly hadPassword?: true;
  /** Set when the source record cannot become a user (a malformed line, no id): the user is refused with this reason. */
  readonly invalid?: string;
}

/** Why provider sources carry no hash: no vendor API exports password hashes. */
export const PROVIDER_EXPORTS_NO_HASH = "the source provider's API exports no password hashes";

/** A neutral {@link User} read from a provider, as a {@link SourceUser} without a password hash. */
export function sourceUserFromUser(user: User): SourceUser {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    phone: user.phone,
    phoneVerified: user.phoneVerified,
    name: user.name,
    metadata: user.metadata,
    createdAt: user.createdAt,
    passwordHash: null,
    noHashReason: PROVIDER_EXPORTS_NO_HASH,
    ...(passwordAtTarget(user) === true ? { hadPassword: true as const } : {}),
  };
}

/**
 * Whether a user can sign in with a password, from the vendor's own user object: Clerk's `password_enabled`,
 * Stytch's `password` (an object when set). `null` where the vendor does not say.
 */
export function passwordAtTarget(user: User): boolean | null {
  const raw = user.raw;
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (user.provider === "clerk" && typeof r.password_enabled === "boolean") return r.password_enabled;
  if (user.provider === "stytch" && "password" in r) return typeof r.password === "object" && r.password !== null;
  return null;
}

