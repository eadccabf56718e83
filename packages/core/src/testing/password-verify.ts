import { AuthmuxError } from "../errors/authmux-error.js";
import { parsePasswordHash, type PasswordHash, type PasswordHashAlgorithm } from "../passwords/hash.js";
import { isWebCryptoHash, verifyPasswordWithWebCrypto } from "../passwords/web-crypto.js";
import { base64Decode, hexDecode, hexEncode, toBytes } from "../util/encoding.js";
import { timingSafeEqual } from "../util/timing-safe.js";

// What the mock and the vendor fakes check an imported password hash with. Web Crypto computes PBKDF2 and the SHA
// digests; bcrypt, argon2, scrypt and MD5 come from hash-wasm (a maintained WebAssembly build of the reference
// implementations), an optional peer loaded only when such a hash is checked. phpass and Firebase's scrypt are
// compositions of those primitives, written out here because no maintained library implements them.

/** hash-wasm's module. */
type HashWasm = typeof import("hash-wasm");

let hashWasm: Promise<HashWasm> | undefined;

/**
 * hash-wasm, imported on first use. Rejects with an `invalid_input` saying to install it when it is not installed.
 * webpack and Turbopack leave the import to run time, so an app bundle that never checks such a hash builds without it;
 * esbuild bundles it when it is installed.
 */
export function importHashWasm(): Promise<HashWasm> {
  hashWasm ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "hash-wasm").catch((cause: unknown) => {
    hashWasm = undefined;
    throw new AuthmuxError("invalid_input", "checking bcrypt, argon2, scrypt, MD5 and phpass hashes needs hash-wasm: install it as a dev dependency (npm i -D hash-wasm)", { cause });
  });
  return hashWasm;
}

/** The smallest WebAssembly module: the magic number and version 1. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
let wasmAllowed: boolean | undefined;

/**
 * Why this runtime cannot check `hash`, or `undefined` when it can. PBKDF2 and the SHA digests are always checked
 * (Web Crypto); the others need hash-wasm, which compiles WebAssembly at run time: workerd, for one, forbids that.
 */
export function cannotVerify(hash: PasswordHash): string | undefined {
  if (isWebCryptoHash(hash)) return undefined;
  if (wasmAllowed === undefined) {
    try {
      new WebAssembly.Module(EMPTY_WASM);
      wasmAllowed = true;
    } catch {
      wasmAllowed = false;
    }
  }
  return wasmAllowed ? undefined : `this runtime forbids compiling WebAssembly, which checking a ${hash.algorithm} hash takes (hash-wasm); PBKDF2 and SHA digests are checked with Web Crypto`;
}

const same = (a: Uint8Array, b: Uint8Array) => timingSafeEqual(hexEncode(a), hexEncode(b));

/**
 * Whether `password` is the one behind `hash`, computed with the hash's own algorithm and parameters and compared in
 * constant time. Every {@link PasswordHash} algorithm is checked; those beyond Web Crypto load hash-wasm.
 */
export async function verifyPasswordHash(hash: PasswordHash, password: string): Promise<boolean> {
  const webCrypto = await verifyPasswordWithWebCrypto(hash, password);
  if (webCrypto !== null) return webCrypto;
  const hw = await importHashWasm();
  switch (hash.algorithm) {
    case "bcrypt":
      return hw.bcryptVerify({ password, hash: hash.encoded });
    case "argon2i":
    case "argon2id":
      return hw.argon2Verify({ password, hash: hash.encoded });
    case "scrypt": {
      const { ln, r, p } = hash.params as { ln: number; r: number; p: number };
      const computed = await hw.scrypt({ password, salt: hash.salt!, costFactor: 2 ** ln, blockSize: r, parallelism: p, hashLength: hash.hash!.length, outputType: "binary" });
      return same(computed, hash.hash!);
    }
    case "scrypt_firebase":
      return firebaseScrypt(hw, hash, password);
    case "md5":
      return same(hexDecode(await hw.md5(password))!, hash.hash!);
    case "phpass":
      return phpass(hw, hash.encoded, password);
    default:
      return false;
  }
}

/**
 * {@link verifyPasswordHash} on a hash's text, for a fake that stored it as its vendor took it: a text that reads as
 * no hash (its form was checked when it was stored) matches no password.
 */
export async function verifyPasswordHashText(text: string, password: string, algorithm?: PasswordHashAlgorithm): Promise<boolean> {
  let hash: PasswordHash;
  try {
    hash = parsePasswordHash(text, algorithm);
  } catch {
    return false;
  }
  return verifyPasswordHash(hash, password);
}

/** Firebase's scrypt: scrypt(password, salt ‖ separator) keys AES-256-CTR (zero IV), which encrypts the signer key. */
async function firebaseScrypt(hw: HashWasm, hash: PasswordHash, password: string): Promise<boolean> {
  const [, , signerKey, separator] = hash.encoded.split("$") as [string, string, string, string];
  const salt = new Uint8Array([...hash.salt!, ...base64Decode(separator)]);
  const derived = await hw.scrypt({ password, salt, costFactor: 2 ** hash.params.memCost!, blockSize: hash.params.rounds!, parallelism: 1, hashLength: 32, outputType: "binary" });
  const key = await crypto.subtle.importKey("raw", new Uint8Array(derived), "AES-CTR", false, ["encrypt"]);
  const cipher = await crypto.subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 128 }, key, base64Decode(signerKey));
  return same(new Uint8Array(cipher), hash.hash!);
}

const ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** phpass (`$P$`/`$H$`): MD5(salt ‖ password), then 2^rounds times MD5(previous ‖ password), in phpass's own base64. */
async function phpass(hw: HashWasm, encoded: string, password: string): Promise<boolean> {
  const rounds = ITOA64.indexOf(encoded[3]!);
  if (rounds < 7 || rounds > 30) return false;
  const md5 = await hw.createMD5();
  const run = (...parts: Uint8Array[]) => {
    md5.init();
    for (const part of parts) md5.update(part);
    return md5.digest("binary");
  };
  const secret = toBytes(password);
  let digest = run(toBytes(encoded.slice(4, 12)), secret);
  for (let i = 0; i < 2 ** rounds; i++) digest = run(digest, secret);
  return timingSafeEqual(encoded.slice(12), phpassBase64(digest));
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
