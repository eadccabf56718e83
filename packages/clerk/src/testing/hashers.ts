import { base64Decode, base64Encode, hexDecode, hexEncode, type PasswordHashAlgorithm, timingSafeEqual } from "@authmux/core";
import { verifyPasswordHashText } from "@authmux/core/testing";

/**
 * Clerk's `password_digest` + `password_hasher` (spec schema PasswordHasher and Clerk's createUser docs): each
 * hasher's digest format, checked when a digest is given, and verified for real at sign-in: a digest in a neutral
 * notation (or rewritten into one) by core's `verifyPasswordHash` (Web Crypto; hash-wasm for bcrypt, argon2, scrypt
 * and MD5, loaded only when a digest needs it), Clerk's own compositions here. Hashers without a verifier here are
 * answered 501 not emulated.
 */

/** Every `password_hasher` Clerk documents. */
export const CLERK_HASHERS = [
  "argon2i", "argon2id", "awscognito", "bcrypt", "bcrypt_peppered", "bcrypt_sha256_django", "ldap_ssha", "md5", "md5_phpass", "md5_salted",
  "pbkdf2_sha1", "pbkdf2_sha256", "pbkdf2_sha256_django", "pbkdf2_sha512", "pbkdf2_sha512_hex", "phpass", "scrypt_firebase", "scrypt_werkzeug",
  "sha256", "sha256_salted", "sha512_symfony",
] as const;
/** One of {@link CLERK_HASHERS}. */
export type ClerkHasher = (typeof CLERK_HASHERS)[number];

/** A password as the fake keeps it: a hasher and its digest (plaintext passwords are kept as `sha256`). */
export interface StoredPassword {
  /** Clerk's name of the hasher. */
  hasher: ClerkHasher;
  /** The digest, in the hasher's own notation. */
  digest: string;
}

type Verifier = { format: RegExp; verify(password: string, digest: string): Promise<boolean> };
const B64 = "[A-Za-z0-9+/]+={0,2}";
const B64_PLAIN = "[A-Za-z0-9+/]+";
const same = (a: Uint8Array, b: Uint8Array | null) => b !== null && timingSafeEqual(hexEncode(a), hexEncode(b));
const utf8 = (text: string) => new TextEncoder().encode(text);
const b64 = (bytes: Uint8Array) => base64Encode(bytes).replace(/=+$/, "");

/** A digest whose text core reads as it stands (MCF, PHC, hex, Firebase's notation), checked by core's verifier. */
const neutral =
  (algorithm: PasswordHashAlgorithm, text: (digest: string) => string = (d) => d): Verifier["verify"] =>
  (password, digest) =>
    verifyPasswordHashText(text(digest), password, algorithm);

/**
 * Clerk's PBKDF2 notations, `<name>$iterations$salt$hash[$key length]`, rewritten as PHC for core's verifier: the
 * salt and hash in the hasher's own encoding (base64, hex, or the salt's raw text).
 */
const pbkdf2 =
  (digestName: "sha1" | "sha256" | "sha512", salt: (text: string) => Uint8Array, hash: (text: string) => Uint8Array | null): Verifier["verify"] =>
  async (password, digest) => {
    const [, iterations, saltText, hashText] = digest.split("$") as [string, string, string, string];
    const expected = hash(hashText);
    if (!expected) return false;
    return verifyPasswordHashText(`$pbkdf2-${digestName}$i=${iterations}$${b64(salt(saltText))}$${b64(expected)}`, password);
  };

/** bcrypt over a password the hasher derives first (a pepper appended, a SHA-256 taken). */
const bcryptOf = (hash: string, password: string) => verifyPasswordHashText(hash, password, "bcrypt");

const VERIFIERS: Partial<Record<ClerkHasher, Verifier>> = {
  bcrypt: { format: /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/, verify: neutral("bcrypt") },
  // Devise: bcrypt over the password with a pepper appended, the pepper after the hash.
  bcrypt_peppered: { format: /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}\$[^$]+$/, verify: (password, digest) => bcryptOf(digest.slice(0, 60), password + digest.slice(61)) },
  // Django's BCryptSHA256PasswordHasher: bcrypt over the hex SHA-256 of the password.
  bcrypt_sha256_django: {
    format: /^bcrypt_sha256\$\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/,
    verify: async (password, digest) => bcryptOf(digest.slice("bcrypt_sha256$".length), hexEncode(await sha("SHA-256", utf8(password)))),
  },
  // Clerk assumes version 19 where the digest leaves it out.
  argon2i: { format: new RegExp(`^\\$argon2i\\$(v=19\\$)?m=\\d+,t=\\d+,p=\\d+\\$${B64_PLAIN}\\$${B64_PLAIN}$`), verify: neutral("argon2i", withVersion) },
  argon2id: { format: new RegExp(`^\\$argon2id\\$(v=19\\$)?m=\\d+,t=\\d+,p=\\d+\\$${B64_PLAIN}\\$${B64_PLAIN}$`), verify: neutral("argon2id", withVersion) },
  // <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>, the first four base64.
  scrypt_firebase: { format: new RegExp(`^${B64}\\$${B64}\\$${B64}\\$${B64}\\$[1-8]\\$([1-9]|1[0-4])$`), verify: neutral("scrypt_firebase") },
  pbkdf2_sha256: { format: new RegExp(`^pbkdf2_sha256\\$\\d+\\$${B64}\\$${B64}$`), verify: pbkdf2("sha256", base64Decode, base64Decode) },
  // Django's export: a plain salt, a base64 hash.
  pbkdf2_sha256_django: { format: new RegExp(`^pbkdf2_sha256\\$\\d+\\$[^$]+\\$${B64}$`), verify: neutral("pbkdf2_sha256") },
  // A hex salt (else its raw text), a hex hash, and optionally the key length (the hash's own).
  pbkdf2_sha1: { format: /^pbkdf2_sha1\$\d+\$[^$]+\$([0-9a-f]{2})+(\$[1-9]\d{0,2})?$/i, verify: pbkdf2("sha1", (s) => hexDecode(s) ?? utf8(s), hexDecode) },
  pbkdf2_sha512: { format: /^pbkdf2_sha512\$\d+\$[^$]+\$([0-9a-f]{2})+$/i, verify: pbkdf2("sha512", utf8, hexDecode) },
  pbkdf2_sha512_hex: { format: /^pbkdf2_sha512_hex\$\d+\$([0-9a-f]{2})+\$([0-9a-f]{2})+$/i, verify: pbkdf2("sha512", (s) => hexDecode(s) ?? new Uint8Array(), hexDecode) },
  // Portable phpass (WordPress, phpBB 3): $P$, a rounds character, an 8-character salt, 22 characters of checksum.
  phpass: { format: /^\$P\$[./0-9A-Za-z]{31}$/, verify: neutral("phpass") },
  sha512_symfony: { format: new RegExp(`^sha512_symfony\\$[1-9]\\d*\\$[^$]*\\$${B64}$`), verify: symfony },
  // OpenLDAP's {SSHA}: base64 of SHA-1(password ‖ salt) followed by the salt.
  ldap_ssha: { format: new RegExp(`^\\{SSHA\\}${B64}$`), verify: ldapSsha },
  md5: { format: /^[0-9a-f]{32}$/i, verify: neutral("md5") },
  sha256: { format: /^[0-9a-f]{64}$/i, verify: neutral("sha256") },
};

function withVersion(digest: string): string {
  return /^\$argon2id?\$v=/.test(digest) ? digest : digest.replace(/^(\$argon2id?\$)/, "$1v=19$");
}

async function sha(name: "SHA-1" | "SHA-256" | "SHA-512", bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(name, new Uint8Array(bytes)));
}

/** Symfony's legacy MessageDigestPasswordEncoder (SHA-512): `password{salt}` hashed, then again with it appended, base64. */
async function symfony(password: string, digest: string): Promise<boolean> {
  const [, iterations, salt, hash] = digest.split("$") as [string, string, string, string];
  const salted = utf8(salt === "" ? password : `${password}{${salt}}`);
  let out = await sha("SHA-512", salted);
  for (let i = 1; i < Number(iterations); i++) out = await sha("SHA-512", new Uint8Array([...out, ...salted]));
  return same(out, base64Decode(hash));
}

async function ldapSsha(password: string, digest: string): Promise<boolean> {
  const bytes = base64Decode(digest.slice("{SSHA}".length));
  if (bytes.length <= 20) return false;
  const salt = bytes.subarray(20);
  return same(await sha("SHA-1", new Uint8Array([...utf8(password), ...salt])), bytes.subarray(0, 20));
}

/** Whether the fake verifies this hasher's digests (the others are answered 501 not emulated). */
export const isEmulatedHasher = (hasher: string): boolean => hasher in VERIFIERS;
export const isClerkHasher = (hasher: unknown): hasher is ClerkHasher => typeof hasher === "string" && (CLERK_HASHERS as readonly string[]).includes(hasher);

/** Whether a digest has its hasher's documented form. */
export function digestHasFormat(hasher: ClerkHasher, digest: string): boolean {
  return VERIFIERS[hasher]?.format.test(digest) ?? false;
}

/** A plaintext password as the fake stores it. */
export async function storePlaintext(password: string): Promise<StoredPassword> {
  return { hasher: "sha256", digest: hexEncode(await sha("SHA-256", utf8(password))) };
}

/** Checks a password against what is stored, with the stored hasher. */
export async function verifyStored(stored: StoredPassword, password: string): Promise<boolean> {
  const verifier = VERIFIERS[stored.hasher];
  if (!verifier) throw new Error(`the Clerk fake does not verify ${stored.hasher} digests`);
  return verifier.verify(password, stored.digest);
}
