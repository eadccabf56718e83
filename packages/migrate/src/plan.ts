import { type AnyProvider, type CreateUserInput, type PasswordHash, type ProviderWith, supports } from "@authmux/core";
import type { SourceUser } from "./source-user.js";

/** The metadata key that keeps the source id at the target (no adapter's `users.create` takes an external id). */
export const SOURCE_ID_KEY = "authmuxSourceId";

/** What to do with one user: create it (with this input, and this hash to import or the reason there is none), or refuse it. */
export type UserPlan =
  | {
      /** Create the user at the target. */
      readonly kind: "create";
      /** What `users.create` gets. */
      readonly input: CreateUserInput;
      /** The hash to import after the create; `null` with the reason in `noPasswordReason`. */
      readonly hash: PasswordHash | null;
      /** Why no hash is imported, or `null` when one is. */
      readonly noPasswordReason: string | null;
      /** The source had a password hash for this user (readable or not): losing it is a refusal a dry run reports. */
      readonly hadHash: boolean;
    }
  | {
      /** Do not move the user. */
      readonly kind: "refuse";
      /** Why. */
      readonly reason: string;
    };

/**
 * Maps a source user onto the target's `users.create` input through the neutral fields — email, name, phone and
 * metadata, with the source id under {@link SOURCE_ID_KEY} — and decides its password: the target's
 * `passwords.canImport` answers per hash; without the capability, or without a hash, the user is created without one
 * and the reason is kept. Decided locally: no vendor call. `sourceIdKey` `null` keeps the source id out of the
 * metadata (a target whose metadata takes only keys it knows, such as Kustomer's custom attributes).
 */
export function planUser(user: SourceUser, target: ProviderWith<"users.create">, sourceIdKey: string | null = SOURCE_ID_KEY): UserPlan {
  if (user.invalid !== undefined) return { kind: "refuse", reason: user.invalid };
  if (user.email === null) return { kind: "refuse", reason: "no email address: users.create needs one" };
  const input: CreateUserInput = {
    email: user.email,
    metadata: sourceIdKey === null ? user.metadata : { ...user.metadata, [sourceIdKey]: user.id },
    ...(user.name !== null ? { name: user.name } : {}),
    ...(user.phone !== null ? { phone: user.phone } : {}),
  };
  const password = passwordPlan(user, target);
  return { kind: "create", input, ...password, hadHash: user.passwordHash !== null || user.unreadableHash === true };
}

function passwordPlan(user: SourceUser, target: AnyProvider): { hash: PasswordHash | null; noPasswordReason: string | null } {
  const hash = user.passwordHash;
  if (hash === null) return { hash: null, noPasswordReason: user.noHashReason ?? "the source has no password hash for this user" };
  if (!supports(target, "passwords.import")) return { hash: null, noPasswordReason: `${target.name} cannot import password hashes` };
  const answer = target.passwords.canImport(hash);
  return answer.ok ? { hash, noPasswordReason: null } : { hash: null, noPasswordReason: `${target.name} cannot take this ${hash.algorithm} hash: ${answer.reason}` };
}
