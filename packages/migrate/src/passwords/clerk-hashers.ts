import { base64Decode, base64Encode, hexDecode, isAuthmuxError, lookup, parsePasswordHash, type PasswordHash, type PasswordHashAlgorithm, toBytes } from "@authmux/core";

/** A hash read from a vendor's notation, or why it could not be read (never quoting the digest). */
export type HashReading =
  | {
      /** Read. */
      ok: true;
      /** The hash, in neutral form. */
      hash: PasswordHash;
    }
  | {
      /** Not read. */
      ok: false;
      /** Why. */
      reason: string;
    };

/** Clerk's `password_hasher` names whose digest is the neutral text as it stands (MCF, PHC, hex, Firebase notation). */
const AS_IS: Readonly<Record<string, PasswordHashAlgorithm>> = {
  bcrypt: "bcrypt",
  argon2i: "argon2i",
  argon2id: "argon2id",
  md5: "md5",
  sha256: "sha256",
  phpass: "phpass",
  scrypt_firebase: "scrypt_firebase",
  // Django's own export, `pbkdf2_sha256$iterations$salt$hash` with the salt as text: core reads that form.
  pbkdf2_sha256_django: "pbkdf2_sha256",
};

/** Clerk hashers with no neutral form: what they would need is said in the reason. */
const NO_NEUTRAL_FORM: Readonly<Record<string, string>> = {
  bcrypt_sha256_django: "Django's bcrypt_sha256 pre-hashes the password with SHA-256",
  bcrypt_peppered: "the pepper is a secret of the old system",
  md5_phpass: "phpass over an MD5 pre-hash",
  md5_salted: "a salted MD5 notation",
  scrypt_werkzeug: "Werkzeug's scrypt notation",
  ldap_ssha: "LDAP's salted SHA-1",
  sha512_symfony: "Symfony's legacy SHA-512 hasher",
  awscognito: "a pointer to an AWS Cognito pool, not a hash",
};

/** Clerk's names for the neutral algorithms, for the reasons that name them. */
export const CLERK_HASHERS: readonly string[] = [...Object.keys(AS_IS), "pbkdf2_sha256", "pbkdf2_sha1", "pbkdf2_sha512", "pbkdf2_sha512_hex"];

/**
 * Reads Clerk's notation of a password hash — the `password_digest` and `password_hasher` of its Dashboard CSV export
 * and of `POST /users` — as a neutral {@link PasswordHash}: bcrypt, argon2i/argon2id, md5, sha256, phpass,
 * scrypt_firebase, pbkdf2_sha256 (salt and hash in base64), pbkdf2_sha256_django (Django's text), pbkdf2_sha1 (salt
 * as text, hash in hex), pbkdf2_sha512 (base64) and pbkdf2_sha512_hex (hex). Anything else is a reason, not a throw.
 *
 * @example
 * const read = fromClerkNotation({ digest: row.password_digest, hasher: row.password_hasher });
 * if (read.ok) await target.passwords.importHash(newId, read.hash);
 */
export function fromClerkNotation(input: { digest: string; hasher: string }): HashReading {
  const hasher = input.hasher.trim().toLowerCase();
  const digest = input.digest.trim();
  if (hasher === "") return { ok: false, reason: "the password digest names no hasher" };
  const unsupported = lookup(NO_NEUTRAL_FORM, hasher);
  if (unsupported !== undefined) return { ok: false, reason: `Clerk's ${hasher} hash has no neutral form (${unsupported})` };
  try {
    const asIs = lookup(AS_IS, hasher);
    if (asIs !== undefined) return { ok: true, hash: parsePasswordHash(digest, asIs) };
    const pbkdf2 = lookup(PBKDF2, hasher);
    if (pbkdf2 !== undefined) return pbkdf2(digest);
  } catch (error) {
    // parsePasswordHash never quotes the hash; its message says which format was expected.
    if (isAuthmuxError(error)) return { ok: false, reason: `unreadable ${hasher} digest: ${error.message}` };
    throw error;
  }
  return { ok: false, reason: `unknown password hasher "${hasher.slice(0, 40)}"; known: ${CLERK_HASHERS.join(", ")}` };
}

type Pbkdf2Reader = (digest: string) => HashReading;

const PBKDF2: Readonly<Record<string, Pbkdf2Reader>> = {
  // `pbkdf2_sha256$iterations$salt$hash`, salt and hash base64.
  pbkdf2_sha256: (d) => pbkdf2(d, "sha256", base64Bytes, base64Bytes),
  pbkdf2_sha512: (d) => pbkdf2(d, "sha512", base64Bytes, base64Bytes),
  // `pbkdf2_sha1$iterations$salt$hash`: the salt used as its text, the hash in hex.
  pbkdf2_sha1: (d) => pbkdf2(d, "sha1", (s) => toBytes(s), hexDecode),
  pbkdf2_sha512_hex: (d) => pbkdf2(d, "sha512", hexDecode, hexDecode),
};

function pbkdf2(digest: string, sha: "sha1" | "sha256" | "sha512", salt: (text: string) => Uint8Array | null, hash: (text: string) => Uint8Array | null): HashReading {
  const parts = digest.split("$");
  // The algorithm's name leads the digest; a bare `iterations$salt$hash` is taken too.
  const [iterations, saltText, hashText] = parts.length === 4 ? parts.slice(1) : parts;
  if (parts.length < 3 || parts.length > 4 || iterations === undefined || saltText === undefined || hashText === undefined || !/^\d{1,9}$/.test(iterations)) {
    return { ok: false, reason: `unreadable pbkdf2_${sha} digest: expected <name>$<iterations>$<salt>$<hash>` };
  }
  const saltBytes = salt(saltText);
  const hashBytes = hash(hashText);
  if (saltBytes === null || hashBytes === null || saltBytes.length === 0) return { ok: false, reason: `unreadable pbkdf2_${sha} digest: the salt or hash is not in the expected encoding` };
  const b64 = (bytes: Uint8Array) => base64Encode(bytes).replace(/=+$/, "");
  return { ok: true, hash: parsePasswordHash(`$pbkdf2-${sha}$i=${iterations}$${b64(saltBytes)}$${b64(hashBytes)}`) };
}

function base64Bytes(text: string): Uint8Array | null {
  const standard = text.replaceAll("-", "+").replaceAll("_", "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return null;
  try {
    return base64Decode(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  } catch {
    return null;
  }
}
