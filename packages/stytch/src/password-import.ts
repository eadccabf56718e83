import {
  AuthmuxError,
  base64Encode,
  createPbkdf2Hash,
  type PasswordHash,
  type PasswordImportSupport,
  requireId,
  requirePasswordHash,
  requireSecretString,
  vendorPath,
} from "@authmux/core";
import { type StytchContext, PROVIDER } from "./context.js";
import { wireMigrate, wireUserGet } from "./wire.js";

/** The body fields of `POST /v1/passwords/migrate` that carry a hash: its type, the hash, and the type's config. */
type MigrateHash = {
  hash_type: string;
  hash: string;
  pbkdf_2_config?: { salt: string; iteration_amount: number | undefined; key_length: number; algorithm: "sha256" | "sha512" };
};

/** Stytch's largest scrypt N (`scrypt_config.n_parameter`: "a power of two greater than 1 and less than 262,145"). */
const SCRYPT_MAX_LN = 18;
/**
 * The PBKDF2-SHA256 iterations `set` hashes with: OWASP's figure for PBKDF2-HMAC-SHA256. Stytch documents no bound
 * on `pbkdf_2_config.iteration_amount`.
 */
export const SET_PASSWORD_ITERATIONS = 600_000;

const b64 = (bytes: Uint8Array) => base64Encode(bytes);

/**
 * A neutral hash as Stytch's migrate takes it (openapi.yml `api_password_v1_MigrateRequest`), or why it cannot:
 * bcrypt and phpass as their MCF text; argon2 (v=19) and scrypt as PHC strings, which Stytch reads with no config;
 * PBKDF2-SHA256/512 as base64 with `pbkdf_2_config`; MD5 and SHA-1 as hex digests.
 */
export function toStytchHash(hash: PasswordHash): { ok: true; body: MigrateHash } | { ok: false; refused: string } {
  switch (hash.algorithm) {
    case "bcrypt":
      return { ok: true, body: { hash_type: "bcrypt", hash: hash.encoded } };
    case "phpass":
      return { ok: true, body: { hash_type: "phpass", hash: hash.encoded } };
    case "argon2i":
    case "argon2id":
      if (hash.params.v !== 19) return { ok: false, refused: "Stytch takes argon2 hashes of version 19 (v=19) only" };
      return { ok: true, body: { hash_type: hash.algorithm === "argon2i" ? "argon_2i" : "argon_2id", hash: hash.encoded } };
    case "scrypt":
      if ((hash.params.ln ?? Infinity) > SCRYPT_MAX_LN) return { ok: false, refused: "Stytch takes scrypt hashes with N at most 262144 (ln ≤ 18)" };
      return { ok: true, body: { hash_type: "scrypt", hash: hash.encoded } };
    case "pbkdf2_sha256":
    case "pbkdf2_sha512":
      return {
        ok: true,
        body: {
          hash_type: "pbkdf_2",
          hash: b64(hash.hash!),
          pbkdf_2_config: { salt: b64(hash.salt!), iteration_amount: hash.params.i, key_length: hash.hash!.length, algorithm: hash.algorithm === "pbkdf2_sha512" ? "sha512" : "sha256" },
        },
      };
    case "pbkdf2_sha1":
      return { ok: false, refused: "Stytch's PBKDF2 import takes sha256 or sha512, not sha1" };
    case "md5":
      return { ok: true, body: { hash_type: "md_5", hash: hash.encoded } };
    case "sha1":
      return { ok: true, body: { hash_type: "sha_1", hash: hash.encoded } };
    case "sha256":
      return { ok: false, refused: "Stytch imports MD-5, SHA-1 and SHA-512 digests, not SHA-256" };
    case "scrypt_firebase":
      return { ok: false, refused: "Stytch cannot verify Firebase's modified scrypt hashes" };
  }
}

/**
 * `passwords.import` and `passwords.set` through `POST /v1/passwords/migrate`. Stytch attaches a migrated hash to
 * the user holding the email it is sent with, so both read the user's email first and refuse an answer naming
 * another user.
 */
export function passwordImportMembers({ http }: StytchContext) {
  /** The user's id and email, which Stytch's migrate matches users by. */
  async function owner(userId: string): Promise<{ userId: string; email: string }> {
    const { data: user } = await http.request("GET", vendorPath`/v1/users/${userId}`, { schema: wireUserGet });
    const email = user.emails[0]?.email;
    if (email === undefined) throw new AuthmuxError("not_supported", "Stytch attaches a password to an email address, and this user has none", { provider: PROVIDER });
    return { userId: user.user_id, email };
  }

  async function migrate(to: { userId: string; email: string }, body: MigrateHash): Promise<void> {
    // The hash stays out of any error, as a password would.
    const { data } = await http.request("POST", "/v1/passwords/migrate", { body: { email: to.email, ...body }, schema: wireMigrate, secrets: [body.hash] });
    if (data.user.user_id !== to.userId) {
      throw new AuthmuxError("provider_error", "Stytch attached the password to another user than the one asked for (it matches users by email)", { provider: PROVIDER });
    }
  }

  return {
    canImport(hash: PasswordHash): PasswordImportSupport {
      const mapped = toStytchHash(requirePasswordHash(hash));
      return mapped.ok ? { ok: true } : { ok: false, reason: mapped.refused };
    },
    async importHash(userId: string, hash: PasswordHash | string): Promise<void> {
      const id = requireId(userId, "user id");
      const mapped = toStytchHash(requirePasswordHash(hash));
      if (!mapped.ok) throw new AuthmuxError("invalid_input", mapped.refused, { provider: PROVIDER });
      await migrate(await owner(id), mapped.body);
    },
    /**
     * Stytch has no admin call that sets an existing user's password: the only server-side way to give a user a
     * password is to migrate a hash. So the password is hashed here, with PBKDF2-SHA256 in Web Crypto (16 random
     * salt bytes, {@link SET_PASSWORD_ITERATIONS} iterations), and migrated; the plain password never leaves.
     */
    async set(userId: string, password: string): Promise<void> {
      const id = requireId(userId, "user id");
      const secret = requireSecretString(password, "password", 256);
      const to = await owner(id);
      const mapped = toStytchHash(await createPbkdf2Hash(secret, { iterations: SET_PASSWORD_ITERATIONS }));
      if (!mapped.ok) throw new AuthmuxError("provider_error", mapped.refused, { provider: PROVIDER });
      await migrate(to, mapped.body);
    },
  };
}
