import { base64Decode, base64Encode, hexDecode, hexEncode, type JsonObject, timingSafeEqual } from "@authmux/core";
import { verifyPasswordHashText } from "@authmux/core/testing";

/** The hash types `POST /v1/passwords/migrate` takes (openapi.yml `api_password_v1_MigrateRequestHashType`). */
export const HASH_TYPES = ["bcrypt", "md_5", "argon_2i", "argon_2id", "sha_1", "sha_512", "scrypt", "phpass", "pbkdf_2"] as const;
export type MigrateHashType = (typeof HASH_TYPES)[number];

/**
 * How the fake keeps a password: one it was given in plain text (its SHA-256, enough for a fake that never leaves
 * a test), or an imported hash kept as Stytch was given it and checked for real at sign-in.
 */
export type StoredHash = { hash_type: "plain"; sha256: string } | { hash_type: MigrateHashType; hash: string; config: JsonObject | null };

/** A Stytch error: status, `error_type`, `error_message`. */
export type HashProblem = { status: 400 | 501; type: string; message: string };

/** The config object each hash type takes, and the fields it must hold (all required when given, per the spec). */
const CONFIGS: Readonly<Record<string, { types: readonly MigrateHashType[]; fields: Readonly<Record<string, "string" | "integer">> }>> = {
  md_5_config: { types: ["md_5"], fields: { prepend_salt: "string", append_salt: "string" } },
  sha_1_config: { types: ["sha_1"], fields: { prepend_salt: "string", append_salt: "string" } },
  sha_512_config: { types: ["sha_512"], fields: { prepend_salt: "string", append_salt: "string" } },
  argon_2_config: { types: ["argon_2i", "argon_2id"], fields: { salt: "string", iteration_amount: "integer", memory: "integer", threads: "integer", key_length: "integer" } },
  scrypt_config: { types: ["scrypt"], fields: { salt: "string", n_parameter: "integer", r_parameter: "integer", p_parameter: "integer", key_length: "integer" } },
  pbkdf_2_config: { types: ["pbkdf_2"], fields: { salt: "string", iteration_amount: "integer", key_length: "integer", algorithm: "string" } },
};
export const CONFIG_FIELDS = Object.keys(CONFIGS);

const HEX_LENGTH: Partial<Record<MigrateHashType, number>> = { md_5: 32, sha_1: 40, sha_512: 128 };
const BCRYPT = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;
const ARGON2_PHC = /^\$(argon2id?)\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const SCRYPT_PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const bad = (message: string): HashProblem => ({ status: 400, type: "bad_request", message });
const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const bytesOf = (b64: string): Uint8Array | null => {
  try {
    return base64Decode(b64);
  } catch {
    return null;
  }
};

/**
 * Checks a migrate request's `hash`, `hash_type` and `…_config` the way Stytch does before storing them, and returns
 * what the fake keeps. The rules come from the spec's descriptions: bcrypt and phpass in their MCF text, argon2 as a
 * PHC string or hex with `argon_2_config`, scrypt as a PHC string or base64 with `scrypt_config`, PBKDF2 as base64
 * with `pbkdf_2_config` (required), MD-5/SHA-1/SHA-512 as hex digests with optional salts. Stytch's exact wording
 * for a malformed hash is not documented: the fake answers `bad_request` saying what is wrong.
 */
export function checkMigratedHash(body: Record<string, unknown>): StoredHash | HashProblem {
  const type = body.hash_type;
  if (typeof type !== "string" || !(HASH_TYPES as readonly string[]).includes(type)) return bad(`hash_type must be one of ${HASH_TYPES.join(", ")}.`);
  const hashType = type as MigrateHashType;
  if (hashType === "phpass") return { status: 501, type: "not_emulated", message: "hash_type phpass is not emulated by the Stytch fake." };
  if (typeof body.hash !== "string" || body.hash === "") return bad("hash is required.");
  const hash = body.hash;
  let config: JsonObject | null = null;
  for (const [field, { types, fields }] of Object.entries(CONFIGS)) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!types.includes(hashType)) return bad(`${field} does not apply to hash_type ${hashType}.`);
    if (!isObject(value)) return bad(`${field} must be an object.`);
    for (const [key, kind] of Object.entries(fields)) {
      const v = value[key];
      if (kind === "string" ? typeof v !== "string" : !(typeof v === "number" && Number.isInteger(v) && v > 0)) return bad(`${field}.${key} is required and must be ${kind === "string" ? "a string" : "a positive integer"}.`);
    }
    config = structuredClone(value);
  }
  const problem = shapeProblem(hashType, hash, config);
  return problem ?? { hash_type: hashType, hash, config };
}

function shapeProblem(type: MigrateHashType, hash: string, config: JsonObject | null): HashProblem | undefined {
  switch (type) {
    case "bcrypt":
      return BCRYPT.test(hash) ? undefined : bad("hash is not a bcrypt hash ($2a$/$2b$/$2y$, 60 characters).");
    case "argon_2i":
    case "argon_2id": {
      if (config === null) {
        const phc = ARGON2_PHC.exec(hash);
        return phc && phc[1] === type.replace("_2", "2") ? undefined : bad(`hash must be a PHC-encoded ${type.replace("_2", "2")} hash, or hex with argon_2_config.`);
      }
      if (!/^([0-9a-fA-F]{2})+$/.test(hash)) return bad("with argon_2_config, hash must be the hex form.");
      return hash.length / 2 === config.key_length ? undefined : { status: 400, type: "argon_2_key_length_mismatch", message: "The key_length value doesn't match the length of the provided hash." };
    }
    case "scrypt": {
      if (config === null) return SCRYPT_PHC.test(hash) ? undefined : bad("hash must be a PHC-encoded scrypt hash, or base64 with scrypt_config.");
      const n = Number(config.n_parameter);
      if (n < 2 || n > 262144 || (n & (n - 1)) !== 0) return bad("scrypt_config.n_parameter must be a power of two greater than 1 and at most 262144.");
      const bytes = bytesOf(String(config.salt)) && bytesOf(hash);
      return bytes && bytes.length === config.key_length ? undefined : bad("with scrypt_config, hash and salt must be base64 and the hash key_length bytes long.");
    }
    case "pbkdf_2": {
      if (config === null) return bad("pbkdf_2_config is required for hash_type pbkdf_2.");
      if (config.algorithm !== "sha256" && config.algorithm !== "sha512") return bad('pbkdf_2_config.algorithm must be "sha256" or "sha512".');
      const bytes = bytesOf(String(config.salt)) && bytesOf(hash);
      return bytes && bytes.length === config.key_length ? undefined : bad("hash and pbkdf_2_config.salt must be base64 and the hash key_length bytes long.");
    }
    default:
      return hash.length === HEX_LENGTH[type] && /^[0-9a-fA-F]+$/.test(hash) ? undefined : bad(`hash must be the hex ${type} digest.`);
  }
}

/** The password's SHA-256, as the fake keeps a password it was given in plain text. */
export async function plainHash(password: string): Promise<StoredHash & { hash_type: "plain" }> {
  return { hash_type: "plain", sha256: hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(password)))) };
}

/**
 * Whether `password` is the one behind the stored hash, computed with the hash's own algorithm and parameters. Each
 * hash is rewritten into the neutral notation core's `verifyPasswordHash` checks (PHC for PBKDF2, argon2 and scrypt
 * given with a config; a salted digest as the digest of the salted password); SHA-512, which has no neutral form,
 * with Web Crypto here.
 */
export async function verifyPassword(stored: StoredHash, password: string): Promise<boolean> {
  if (stored.hash_type === "plain") return timingSafeEqual((await plainHash(password)).sha256, stored.sha256);
  const { hash, config: c } = stored;
  const salted = `${String(c?.prepend_salt ?? "")}${password}${String(c?.append_salt ?? "")}`;
  const b64 = (bytes: Uint8Array) => base64Encode(bytes).replace(/=+$/, "");
  const bytes = (text: unknown) => {
    try {
      return base64Decode(String(text));
    } catch {
      return new Uint8Array();
    }
  };
  switch (stored.hash_type) {
    case "pbkdf_2":
      return verifyPasswordHashText(`$pbkdf2-${c?.algorithm === "sha512" ? "sha512" : "sha256"}$i=${Number(c?.iteration_amount)}$${b64(bytes(c?.salt))}$${b64(bytes(hash))}`, password);
    case "argon_2i":
    case "argon_2id": {
      if (c === null) return verifyPasswordHashText(hash, password);
      // The config's salt is taken as its UTF-8 text (the spec says only "the salt value"); the hash is hex.
      const id = stored.hash_type === "argon_2i" ? "argon2i" : "argon2id";
      return verifyPasswordHashText(`$${id}$v=19$m=${Number(c.memory)},t=${Number(c.iteration_amount)},p=${Number(c.threads)}$${b64(new TextEncoder().encode(String(c.salt)))}$${b64(hexDecode(hash) ?? new Uint8Array())}`, password);
    }
    case "scrypt":
      if (c === null) return verifyPasswordHashText(hash, password);
      return verifyPasswordHashText(`$scrypt$ln=${Math.log2(Number(c.n_parameter))},r=${Number(c.r_parameter)},p=${Number(c.p_parameter)}$${b64(bytes(c.salt))}$${b64(bytes(hash))}`, password);
    case "md_5":
      return verifyPasswordHashText(hash, salted, "md5");
    case "sha_1":
      return verifyPasswordHashText(hash, salted, "sha1");
    case "sha_512":
      return timingSafeEqual(hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-512", new TextEncoder().encode(salted)))), hash.toLowerCase());
    default:
      // bcrypt as it stands; phpass is never stored (migrate refuses it with a 501).
      return stored.hash_type === "bcrypt" && verifyPasswordHashText(hash, password);
  }
}

