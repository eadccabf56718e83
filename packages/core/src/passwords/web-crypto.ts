import { AuthmuxError } from "../errors/authmux-error.js";
import { base64Encode, hexEncode, toBytes } from "../util/encoding.js";
import { timingSafeEqual } from "../util/timing-safe.js";
import { parsePasswordHash, type PasswordHash } from "./hash.js";

const PBKDF2_HASH = { pbkdf2_sha1: "SHA-1", pbkdf2_sha256: "SHA-256", pbkdf2_sha512: "SHA-512" } as const;
const DIGEST = { sha1: "SHA-1", sha256: "SHA-256" } as const;

/** Options of {@link createPbkdf2Hash}. */
export interface Pbkdf2HashOptions {
  /** Default 600,000 (OWASP's figure for PBKDF2-HMAC-SHA256). */
  iterations?: number;
  /** Default `sha256`. */
  digest?: "sha256" | "sha512";
  /** Default: 16 random bytes. */
  salt?: Uint8Array;
}

/**
 * A PBKDF2 hash of a password, computed with Web Crypto: for providers that take a password only as a hash (setting a
 * password there means importing one).
 */
export async function createPbkdf2Hash(password: string, options: Pbkdf2HashOptions = {}): Promise<PasswordHash> {
  if (typeof password !== "string" || password.length === 0) throw new AuthmuxError("invalid_input", "a password must be a non-empty string");
  const iterations = options.iterations ?? 600_000;
  if (!Number.isSafeInteger(iterations) || iterations < 1_000 || iterations > 10_000_000) throw new AuthmuxError("invalid_input", "pbkdf2 iterations must be a whole number from 1,000 to 10,000,000");
  const digest = options.digest ?? "sha256";
  const algorithm = digest === "sha512" ? "pbkdf2_sha512" : "pbkdf2_sha256";
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, algorithm, salt, iterations, digest === "sha512" ? 64 : 32);
  const b64 = (bytes: Uint8Array) => base64Encode(bytes).replace(/=+$/, "");
  return parsePasswordHash(`$${algorithm.replace("_", "-")}$i=${iterations}$${b64(salt)}$${b64(hash)}`);
}

/**
 * Checks a password against a hash that Web Crypto can compute (pbkdf2_sha1/256/512, sha1, sha256), comparing in
 * constant time. `null` for algorithms that need a hashing library (bcrypt, argon2, scrypt, md5, phpass).
 */
export async function verifyPasswordWithWebCrypto(hash: PasswordHash, password: string): Promise<boolean | null> {
  let computed: Uint8Array;
  if (hash.algorithm === "pbkdf2_sha1" || hash.algorithm === "pbkdf2_sha256" || hash.algorithm === "pbkdf2_sha512") {
    computed = await pbkdf2(password, hash.algorithm, hash.salt!, hash.params.i!, hash.hash!.length);
  } else if (hash.algorithm === "sha1" || hash.algorithm === "sha256") {
    computed = new Uint8Array(await crypto.subtle.digest(DIGEST[hash.algorithm], toBytes(password)));
  } else {
    return null;
  }
  return timingSafeEqual(hexEncode(computed), hexEncode(hash.hash!));
}

/** True for the algorithms {@link verifyPasswordWithWebCrypto} can check. */
export function isWebCryptoHash(hash: PasswordHash): boolean {
  return hash.algorithm in PBKDF2_HASH || hash.algorithm in DIGEST;
}

async function pbkdf2(password: string, algorithm: keyof typeof PBKDF2_HASH, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", toBytes(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: PBKDF2_HASH[algorithm], salt: new Uint8Array(salt), iterations }, key, length * 8);
  return new Uint8Array(bits);
}
