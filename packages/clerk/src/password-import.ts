import { AuthmuxError, base64Encode, hexEncode, type PasswordHash, type PasswordImportSupport, requireId, requirePasswordHash, requireSecretString, vendorPath } from "@authmux/core";
import { type ClerkContext, PROVIDER } from "./context.js";
import { wireUser } from "./wire.js";

/** Clerk's `password_digest` + `password_hasher` for a hash (spec schema PasswordHasher, Clerk's createUser docs). */
type ClerkDigest = { password_hasher: string; password_digest: string };

/**
 * A neutral hash in Clerk's notation for its hasher, or why Clerk cannot take it: bcrypt, argon2 (v=19), phpass and
 * Firebase scrypt as their own text; PBKDF2 in Clerk's `pbkdf2_<digest>$iterations$salt$hash` forms (base64 for
 * SHA-256, hex for SHA-1 with the key length, hex for SHA-512 through `pbkdf2_sha512_hex`); MD5 and SHA-256 as hex.
 */
export function toClerkDigest(hash: PasswordHash): ClerkDigest | { refused: string } {
  const digest = (password_hasher: string, password_digest: string) => ({ password_hasher, password_digest });
  switch (hash.algorithm) {
    case "bcrypt":
      return /^\$2[aby]\$/.test(hash.encoded) ? digest("bcrypt", hash.encoded) : { refused: "Clerk takes bcrypt hashes in $2a$, $2b$ or $2y$ form" };
    case "argon2i":
    case "argon2id":
      return hash.params.v === 19 ? digest(hash.algorithm, hash.encoded) : { refused: "Clerk takes argon2 hashes of version 19 (v=19) only" };
    case "phpass":
      return hash.encoded.startsWith("$P$") ? digest("phpass", hash.encoded) : { refused: "Clerk's phpass hasher takes $P$ hashes, not phpBB's $H$" };
    case "scrypt_firebase":
      return digest("scrypt_firebase", hash.encoded);
    case "scrypt":
      return { refused: "Clerk takes scrypt only in Firebase's or Werkzeug's notation, not a standard PHC scrypt hash" };
    case "pbkdf2_sha256":
      return digest("pbkdf2_sha256", `pbkdf2_sha256$${hash.params.i}$${base64Encode(hash.salt!)}$${base64Encode(hash.hash!)}`);
    case "pbkdf2_sha1":
      // Clerk derives 32 bytes unless told the key length, which the five-part form gives.
      return digest("pbkdf2_sha1", `pbkdf2_sha1$${hash.params.i}$${hexEncode(hash.salt!)}$${hexEncode(hash.hash!)}$${hash.hash!.length}`);
    case "pbkdf2_sha512":
      return digest("pbkdf2_sha512_hex", `pbkdf2_sha512_hex$${hash.params.i}$${hexEncode(hash.salt!)}$${hexEncode(hash.hash!)}`);
    case "md5":
    case "sha256":
      return digest(hash.algorithm, hash.encoded);
    case "sha1":
      return { refused: "Clerk has no hasher for bare SHA-1 digests" };
  }
}

/**
 * `passwords.import` and `passwords.set` through `PATCH /users/{id}`: a digest with its hasher, or a plaintext
 * password with `skip_password_checks` (Clerk's documented way to migrate plaintext passwords: a password the user
 * already signs in with elsewhere is not refused as weak or breached). Neither is ever put in an error.
 */
export function passwordImportMembers({ http }: ClerkContext) {
  return {
    canImport(hash: PasswordHash): PasswordImportSupport {
      const mapped = toClerkDigest(requirePasswordHash(hash));
      return "refused" in mapped ? { ok: false, reason: mapped.refused } : { ok: true };
    },
    async importHash(userId: string, given: PasswordHash | string): Promise<void> {
      const id = requireId(userId, "user id");
      const mapped = toClerkDigest(requirePasswordHash(given));
      if ("refused" in mapped) throw new AuthmuxError("invalid_input", `Clerk cannot import this password hash: ${mapped.refused}`, { provider: PROVIDER });
      await http.request("PATCH", vendorPath`/users/${id}`, { body: mapped, schema: wireUser, secrets: [mapped.password_digest] });
    },
    async set(userId: string, password: string): Promise<void> {
      const id = requireId(userId, "user id");
      const secret = requireSecretString(password, "password", 256);
      await http.request("PATCH", vendorPath`/users/${id}`, { body: { password: secret, skip_password_checks: true }, schema: wireUser, secrets: [secret] });
    },
  };
}
