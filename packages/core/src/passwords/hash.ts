import { AuthmuxError } from "../errors/authmux-error.js";
import { base64Decode, base64Encode, hexDecode, hexEncode, toBytes } from "../util/encoding.js";

/** The password hash algorithms a {@link PasswordHash} can carry between providers. */
export const PASSWORD_HASH_ALGORITHMS = [
  "bcrypt",
  "argon2i",
  "argon2id",
  "scrypt",
  "scrypt_firebase",
  "pbkdf2_sha1",
  "pbkdf2_sha256",
  "pbkdf2_sha512",
  "md5",
  "sha1",
  "sha256",
  "phpass",
] as const;

/** One of {@link PASSWORD_HASH_ALGORITHMS}. */
export type PasswordHashAlgorithm = (typeof PASSWORD_HASH_ALGORITHMS)[number];

/**
 * A password hash in a neutral form, as `passwords.importHash` takes it and migrations carry it.
 *
 * `encoded` is the canonical text: MCF for bcrypt (`$2a$`/`$2b$`/`$2y$`) and phpass (`$P$`/`$H$`); PHC for argon2
 * (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), scrypt (`$scrypt$ln=…,r=…,p=…$salt$hash`) and pbkdf2
 * (`$pbkdf2-sha256$i=…$salt$hash`), salt and hash in standard base64 without padding; the lower-case hex digest of
 * the bare password for md5, sha1 and sha256; for scrypt_firebase the notation
 * `hash$salt$signerKey$saltSeparator$rounds$memCost` (base64 parts, as Firebase exports them).
 */
export interface PasswordHash {
  /** The algorithm that produced the hash. */
  readonly algorithm: PasswordHashAlgorithm;
  /** The canonical text form (see above). */
  readonly encoded: string;
  /** Numbers only: bcrypt/phpass `{ cost }`; argon2 `{ v, m, t, p }`; scrypt `{ ln, r, p, keyLength }`; pbkdf2 `{ i, keyLength }`; scrypt_firebase `{ rounds, memCost }`. */
  readonly params: Readonly<Record<string, number>>;
  /** The salt bytes where the format keeps them apart from the hash (argon2, scrypt, pbkdf2, scrypt_firebase); else `null`. */
  readonly salt: Uint8Array | null;
  /** The hash bytes where apart (argon2, scrypt, pbkdf2, scrypt_firebase, md5, sha1, sha256); `null` for bcrypt and phpass. */
  readonly hash: Uint8Array | null;
}

const MAX_HASH_TEXT = 1024;
const BCRYPT = /^\$2[abxy]?\$(\d{2})\$[./A-Za-z0-9]{53}$/;
const PHPASS = /^\$[PH]\$([./0-9A-Za-z])[./0-9A-Za-z]{30}$/;
const PHPASS_ITOA = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;
const PBKDF2_DIGESTS = { sha1: "pbkdf2_sha1", sha256: "pbkdf2_sha256", sha512: "pbkdf2_sha512" } as const;

/**
 * Parses a password hash from its text: MCF, PHC, Django's `pbkdf2_sha256$iterations$salt$hash`, passlib's
 * `$pbkdf2-sha256$rounds$salt$hash`, Firebase's scrypt notation or a bare hex digest. Bare hex is read by length
 * (md5, sha1, sha256) unless `algorithm` says which. Throws `invalid_input` — never quoting the hash — when the text is
 * none of them or `algorithm` disagrees with it.
 */
export function parsePasswordHash(text: string, algorithm?: PasswordHashAlgorithm): PasswordHash {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_HASH_TEXT) {
    throw new AuthmuxError("invalid_input", `a password hash must be a non-empty string of at most ${MAX_HASH_TEXT} characters`);
  }
  if (algorithm !== undefined && !(PASSWORD_HASH_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new AuthmuxError("invalid_input", `unknown password hash algorithm; expected one of ${PASSWORD_HASH_ALGORITHMS.join(", ")}`);
  }
  const parsed = detect(text.trim(), algorithm);
  if (parsed === null) throw new AuthmuxError("invalid_input", `the password hash is not a recognised ${algorithm ?? "bcrypt, argon2, scrypt, pbkdf2, phpass, Firebase scrypt or hex digest"} hash`);
  if (algorithm !== undefined && parsed.algorithm !== algorithm) {
    throw new AuthmuxError("invalid_input", `the password hash is ${parsed.algorithm}, not ${algorithm}`);
  }
  return Object.freeze(parsed);
}

/** True when `value` is a well-formed {@link PasswordHash} (what `parsePasswordHash` returns). */
export function isPasswordHash(value: unknown): value is PasswordHash {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<PasswordHash>;
  if (typeof v.encoded !== "string" || typeof v.algorithm !== "string") return false;
  try {
    return parsePasswordHash(v.encoded, v.algorithm).encoded === v.encoded;
  } catch {
    return false;
  }
}

/** A hash from text or a {@link PasswordHash}, checked either way; for the `importHash` members. */
export function requirePasswordHash(input: unknown): PasswordHash {
  if (typeof input === "string") return parsePasswordHash(input);
  if (isPasswordHash(input)) return parsePasswordHash(input.encoded, input.algorithm);
  throw new AuthmuxError("invalid_input", "a password hash must be its text (PHC/MCF) or a PasswordHash from parsePasswordHash");
}

function detect(text: string, algorithm: PasswordHashAlgorithm | undefined): PasswordHash | null {
  const bcrypt = BCRYPT.exec(text);
  if (bcrypt) return { algorithm: "bcrypt", encoded: text, params: { cost: Number(bcrypt[1]) }, salt: null, hash: null };
  const phpass = PHPASS.exec(text);
  if (phpass) return { algorithm: "phpass", encoded: text, params: { cost: PHPASS_ITOA.indexOf(phpass[1]!) }, salt: null, hash: null };
  if (text.startsWith("$argon2")) return argon2(text);
  if (text.startsWith("$scrypt$")) return scrypt(text);
  if (text.startsWith("$pbkdf2-")) return pbkdf2Phc(text);
  if (text.startsWith("pbkdf2_")) return pbkdf2Django(text);
  if (/^[0-9a-fA-F]+$/.test(text)) return hexDigest(text, algorithm);
  if (!text.startsWith("$") && text.split("$").length === 6) return firebase(text);
  return null;
}

function argon2(text: string): PasswordHash | null {
  // $argon2id$v=19$m=65536,t=3,p=4$salt$hash ("v=" may be absent in old encodings: version 0x10).
  const parts = text.split("$");
  const [empty, id, ...rest] = parts;
  if (empty !== "" || (id !== "argon2i" && id !== "argon2id")) return null;
  const version: Record<string, number> | null = rest[0]?.startsWith("v=") ? numberParams(rest.shift()!, ["v"]) : { v: 16 };
  if (version === null || rest.length !== 3) return null;
  const params = numberParams(rest[0]!, ["m", "t", "p"]);
  const salt = phcBase64(rest[1]!);
  const hash = phcBase64(rest[2]!);
  if (params === null || salt === null || hash === null || salt.length < 8 || hash.length < 4) return null;
  const all: Record<string, number> = { v: version["v"]!, ...params };
  return { algorithm: id, encoded: `$${id}$v=${all["v"]}$m=${all["m"]},t=${all["t"]},p=${all["p"]}$${b64(salt)}$${b64(hash)}`, params: all, salt, hash };
}

function scrypt(text: string): PasswordHash | null {
  const [empty, , paramText, saltText, hashText, ...extra] = text.split("$");
  if (empty !== "" || extra.length > 0 || paramText === undefined || saltText === undefined || hashText === undefined) return null;
  const params = numberParams(paramText, ["ln", "r", "p"]);
  const salt = phcBase64(saltText);
  const hash = phcBase64(hashText);
  if (params === null || salt === null || hash === null || params.ln! < 1 || params.ln! > 30 || hash.length < 16) return null;
  return { algorithm: "scrypt", encoded: `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`, params: { ...params, keyLength: hash.length }, salt, hash };
}

function pbkdf2Phc(text: string): PasswordHash | null {
  // PHC "$pbkdf2-sha256$i=N$salt$hash"; passlib writes "$pbkdf2-sha256$N$salt$hash" in its adapted base64 ('.' for '+').
  const [empty, id, paramText, saltText, hashText, ...extra] = text.split("$");
  if (empty !== "" || extra.length > 0 || paramText === undefined || saltText === undefined || hashText === undefined) return null;
  const digest = id?.slice("pbkdf2-".length);
  const algorithm = digest === "sha1" || digest === "sha256" || digest === "sha512" ? PBKDF2_DIGESTS[digest] : undefined;
  const iterations = /^\d+$/.test(paramText) ? { i: Number(paramText) } : numberParams(paramText, ["i"]);
  const salt = phcBase64(saltText.replaceAll(".", "+"));
  const hash = phcBase64(hashText.replaceAll(".", "+"));
  if (algorithm === undefined || iterations === null || salt === null || hash === null) return null;
  return pbkdf2(algorithm, iterations.i!, salt, hash);
}

function pbkdf2Django(text: string): PasswordHash | null {
  // Django: "pbkdf2_sha256$iterations$salt$hash", the salt used as its UTF-8 text, the hash in padded base64.
  const [id, iterationText, saltText, hashText, ...extra] = text.split("$");
  const algorithm = id === "pbkdf2_sha256" || id === "pbkdf2_sha1" ? id : undefined;
  if (algorithm === undefined || extra.length > 0 || iterationText === undefined || !/^\d{1,9}$/.test(iterationText) || !saltText || hashText === undefined) return null;
  const hash = phcBase64(hashText.replace(/=+$/, ""));
  if (hash === null) return null;
  return pbkdf2(algorithm, Number(iterationText), toBytes(saltText), hash);
}

function pbkdf2(algorithm: "pbkdf2_sha1" | "pbkdf2_sha256" | "pbkdf2_sha512", iterations: number, salt: Uint8Array, hash: Uint8Array): PasswordHash | null {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || salt.length === 0 || hash.length < 16) return null;
  const id = algorithm.replace("_", "-");
  return { algorithm, encoded: `$${id}$i=${iterations}$${b64(salt)}$${b64(hash)}`, params: { i: iterations, keyLength: hash.length }, salt, hash };
}

function hexDigest(text: string, algorithm: PasswordHashAlgorithm | undefined): PasswordHash | null {
  const byLength = (Object.keys(HEX_LENGTH) as (keyof typeof HEX_LENGTH)[]).find((name) => HEX_LENGTH[name] === text.length);
  const name = algorithm === "md5" || algorithm === "sha1" || algorithm === "sha256" ? algorithm : byLength;
  if (name === undefined || HEX_LENGTH[name] !== text.length) return null;
  const hash = hexDecode(text);
  return hash === null ? null : { algorithm: name, encoded: hexEncode(hash), params: {}, salt: null, hash };
}

function firebase(text: string): PasswordHash | null {
  // Firebase's scrypt export: hash$salt$signerKey$saltSeparator$rounds$memCost.
  const [hashText, saltText, signerKey, separator, roundsText, memCostText] = text.split("$") as [string, string, string, string, string, string];
  const hash = phcBase64(hashText.replace(/=+$/, ""));
  const salt = phcBase64(saltText.replace(/=+$/, ""));
  const signer = phcBase64(signerKey.replace(/=+$/, ""));
  const sep = phcBase64(separator.replace(/=+$/, ""));
  if (hash === null || salt === null || signer === null || sep === null || !/^\d{1,2}$/.test(roundsText) || !/^\d{1,2}$/.test(memCostText)) return null;
  return { algorithm: "scrypt_firebase", encoded: text, params: { rounds: Number(roundsText), memCost: Number(memCostText) }, salt, hash };
}

/** `a=1,b=2` with exactly the given names, each a non-negative safe integer; `null` otherwise. */
function numberParams(text: string, names: readonly string[]): Record<string, number> | null {
  const out: Record<string, number> = {};
  const pairs = text.split(",");
  if (pairs.length !== names.length) return null;
  for (const [i, pair] of pairs.entries()) {
    const [key, value] = pair.split("=");
    if (key === undefined || key !== names[i] || value === undefined || !/^\d{1,10}$/.test(value)) return null;
    out[key] = Number(value);
  }
  return out;
}

function phcBase64(text: string): Uint8Array | null {
  if (text.length === 0 || !/^[A-Za-z0-9+/]+$/.test(text) || text.length % 4 === 1) return null;
  try {
    return base64Decode(text + "=".repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
}

function b64(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/=+$/, "");
}
