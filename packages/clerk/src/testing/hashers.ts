import { base64Decode, hexDecode, hexEncode, timingSafeEqual } from "@authmux/core";

/**
 * Clerk's `password_digest` + `password_hasher` (spec schema PasswordHasher and Clerk's createUser docs): each
 * hasher's digest format, checked when a digest is given, and verified for real at sign-in: SHA and PBKDF2 with
 * Web Crypto, bcrypt, argon2, scrypt and MD5 with hash-wasm, loaded only when a digest needs it (the fake module
 * imports nothing heavy). Hashers without a verifier here are answered 501 not emulated.
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

type HashWasm = typeof import("hash-wasm");
let library: Promise<HashWasm> | undefined;
/** hash-wasm, imported on first use; an optional peer dependency of @authmux/clerk. */
function hashWasm(): Promise<HashWasm> {
  library ??= import("hash-wasm").catch((cause: unknown) => {
    library = undefined;
    throw new Error("the Clerk fake verifies imported password digests with hash-wasm: install it (npm i -D hash-wasm)", { cause });
  });
  return library;
}

type Verifier = { format: RegExp; verify(password: string, digest: string): Promise<boolean> };
const B64 = "[A-Za-z0-9+/]+={0,2}";
const B64_PLAIN = "[A-Za-z0-9+/]+";
const same = (a: Uint8Array, b: Uint8Array | null) => b !== null && timingSafeEqual(hexEncode(a), hexEncode(b));
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (b64: string) => base64Decode(b64);

/**
 * PBKDF2 with the digest's own salt and hash encodings: `<name>$iterations$salt$hash[$key length]`. The key length is
 * the one given (pbkdf2_sha1's five-part form), else `defaultLength`, else the stored hash's.
 */
function pbkdf2(fn: "SHA-1" | "SHA-256" | "SHA-512", salt: (text: string) => Uint8Array, hash: (text: string) => Uint8Array | null, defaultLength?: number): Verifier["verify"] {
  return async (password, digest) => {
    const [, iterations, saltText, hashText, lengthText] = digest.split("$") as [string, string, string, string, string | undefined];
    const expected = hash(hashText);
    if (!expected) return false;
    const hashLength = lengthText ? Number(lengthText) : (defaultLength ?? expected.length);
    // Web Crypto's own PBKDF2: native, so large iteration counts stay fast.
    const key = await crypto.subtle.importKey("raw", utf8(password), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: fn, salt: new Uint8Array(salt(saltText)), iterations: Number(iterations) }, key, hashLength * 8);
    return same(new Uint8Array(bits), expected);
  };
}

const VERIFIERS: Partial<Record<ClerkHasher, Verifier>> = {
  bcrypt: { format: /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/, verify: async (password, hash) => (await hashWasm()).bcryptVerify({ password, hash }) },
  // Devise: bcrypt over the password with a pepper appended, the pepper after the hash.
  bcrypt_peppered: { format: /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}\$[^$]+$/, verify: async (password, digest) => (await hashWasm()).bcryptVerify({ password: password + digest.slice(61), hash: digest.slice(0, 60) }) },
  // Django's BCryptSHA256PasswordHasher: bcrypt over the hex SHA-256 of the password.
  bcrypt_sha256_django: {
    format: /^bcrypt_sha256\$\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/,
    verify: async (password, digest) => (await hashWasm()).bcryptVerify({ password: hexEncode(await sha("SHA-256", utf8(password))), hash: digest.slice("bcrypt_sha256$".length) }),
  },
  argon2i: { format: new RegExp(`^\\$argon2i\\$(v=19\\$)?m=\\d+,t=\\d+,p=\\d+\\$${B64_PLAIN}\\$${B64_PLAIN}$`), verify: argon2 },
  argon2id: { format: new RegExp(`^\\$argon2id\\$(v=19\\$)?m=\\d+,t=\\d+,p=\\d+\\$${B64_PLAIN}\\$${B64_PLAIN}$`), verify: argon2 },
  // <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>, the first four base64.
  scrypt_firebase: { format: new RegExp(`^${B64}\\$${B64}\\$${B64}\\$${B64}\\$[1-8]\\$([1-9]|1[0-4])$`), verify: firebaseScrypt },
  pbkdf2_sha256: { format: new RegExp(`^pbkdf2_sha256\\$\\d+\\$${B64}\\$${B64}$`), verify: pbkdf2("SHA-256", bytesOf, bytesOf) },
  // Django's export: a plain salt, a base64 hash.
  pbkdf2_sha256_django: { format: new RegExp(`^pbkdf2_sha256\\$\\d+\\$[^$]+\\$${B64}$`), verify: pbkdf2("SHA-256", utf8, bytesOf) },
  // A hex salt (else its raw text), a hex hash, and optionally the key length (default 32).
  pbkdf2_sha1: { format: /^pbkdf2_sha1\$\d+\$[^$]+\$([0-9a-f]{2})+(\$[1-9]\d{0,2})?$/i, verify: pbkdf2("SHA-1", (s) => hexDecode(s) ?? utf8(s), hexDecode, 32) },
  pbkdf2_sha512: { format: /^pbkdf2_sha512\$\d+\$[^$]+\$([0-9a-f]{2})+$/i, verify: pbkdf2("SHA-512", utf8, hexDecode) },
  pbkdf2_sha512_hex: { format: /^pbkdf2_sha512_hex\$\d+\$([0-9a-f]{2})+\$([0-9a-f]{2})+$/i, verify: pbkdf2("SHA-512", (s) => hexDecode(s) ?? new Uint8Array(), hexDecode) },
  // Portable phpass (WordPress, phpBB 3): $P$, a rounds character, an 8-character salt, 22 characters of checksum.
  phpass: { format: /^\$P\$[./0-9A-Za-z]{31}$/, verify: phpass },
  sha512_symfony: { format: new RegExp(`^sha512_symfony\\$[1-9]\\d*\\$[^$]*\\$${B64}$`), verify: symfony },
  // OpenLDAP's {SSHA}: base64 of SHA-1(password ‖ salt) followed by the salt.
  ldap_ssha: { format: new RegExp(`^\\{SSHA\\}${B64}$`), verify: ldapSsha },
  md5: { format: /^[0-9a-f]{32}$/i, verify: async (password, digest) => same(hexDecode(await (await hashWasm()).md5(password))!, hexDecode(digest)) },
  sha256: { format: /^[0-9a-f]{64}$/i, verify: async (password, digest) => same(await sha("SHA-256", utf8(password)), hexDecode(digest)) },
};

async function argon2(password: string, digest: string): Promise<boolean> {
  // Clerk assumes version 19 when the digest leaves it out.
  const hash = /^\$argon2id?\$v=/.test(digest) ? digest : digest.replace(/^(\$argon2id?\$)/, "$1v=19$");
  return (await hashWasm()).argon2Verify({ password, hash });
}

const ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** phpass: MD5(salt ‖ password), then 2^rounds times MD5(previous ‖ password), in phpass's own base64 order. */
async function phpass(password: string, digest: string): Promise<boolean> {
  const rounds = ITOA64.indexOf(digest[3]!);
  if (rounds < 7 || rounds > 30) return false;
  const md5 = await (await hashWasm()).createMD5();
  const run = (...parts: Uint8Array[]) => {
    md5.init();
    for (const part of parts) md5.update(part);
    return md5.digest("binary");
  };
  const secret = utf8(password);
  let hash = run(utf8(digest.slice(4, 12)), secret);
  for (let i = 0; i < 2 ** rounds; i++) hash = run(hash, secret);
  return timingSafeEqual(digest.slice(12), phpassBase64(hash));
}

/** phpass's encode64: little-endian groups of three bytes, six bits a character. */
function phpassBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const group = bytes[i]! | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ITOA64[(group >> (6 * c)) & 0x3f];
  }
  return out;
}

/** Firebase's scrypt: scrypt(password, salt ‖ separator) keys AES-256-CTR (zero IV), which encrypts the signer key. */
async function firebaseScrypt(password: string, digest: string): Promise<boolean> {
  const [hash, salt, signerKey, separator, rounds, memCost] = digest.split("$") as [string, string, string, string, string, string];
  const saltBytes = new Uint8Array([...bytesOf(salt), ...bytesOf(separator)]);
  const derived = await (await hashWasm()).scrypt({ password, salt: saltBytes, costFactor: 2 ** Number(memCost), blockSize: Number(rounds), parallelism: 1, hashLength: 32, outputType: "binary" });
  const key = await crypto.subtle.importKey("raw", new Uint8Array(derived), "AES-CTR", false, ["encrypt"]);
  const cipher = await crypto.subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 128 }, key, bytesOf(signerKey));
  return same(new Uint8Array(cipher), bytesOf(hash));
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
  return same(out, bytesOf(hash));
}

async function ldapSsha(password: string, digest: string): Promise<boolean> {
  const bytes = bytesOf(digest.slice("{SSHA}".length));
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
