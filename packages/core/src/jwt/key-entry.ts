import type { JWK } from "jose";
import { AuthmuxError } from "../errors/authmux-error.js";
import { decodeBase64Url } from "./base64url.js";
import { ALGORITHM_SPECS, isHmac, type JwtAlgorithm, MIN_RSA_BITS } from "./algorithms.js";

/** A verification key as the engine holds it: where it came from, and its imported forms per algorithm. */
export interface KeyEntry {
  kid: string | undefined;
  /** `"any"` for PEM keys, whose type is known only once imported for an algorithm (and checked then). */
  kty: "RSA" | "EC" | "OKP" | "any";
  crv: string | undefined;
  /** The JWK's own `alg`, which then is the only algorithm it may verify. */
  alg: string | undefined;
  /** Imports (once per algorithm) the Web Crypto key for `alg`. */
  importFor(alg: JwtAlgorithm): Promise<CryptoKey>;
}

/** Why a candidate key was not usable, for the error message. */
export type KeyProblem = string;

/**
 * Imports once per algorithm. A key that cannot be imported (a key set's EC point off its curve, a malformed PEM)
 * refuses the token with `token_invalid`, as a key that does not fit does, rather than leak the crypto error.
 */
const memo = (load: (alg: JwtAlgorithm) => Promise<CryptoKey>) => {
  const cache = new Map<JwtAlgorithm, Promise<CryptoKey>>();
  return (alg: JwtAlgorithm) => {
    let p = cache.get(alg);
    if (!p) {
      p = load(alg).catch((error: unknown) => {
        if (error instanceof AuthmuxError) throw error;
        throw new AuthmuxError("token_invalid", `token rejected: the key could not be imported for ${alg}`, { cause: error });
      });
      // A failed import is not cached: the next verification may try again.
      p.catch(() => cache.delete(alg));
      cache.set(alg, p);
    }
    return p;
  };
};

/** A JWK usable for verification, or a reason it is not; private members are dropped, never imported. */
export function entryFromJwk(jwk: JWK): KeyEntry | KeyProblem {
  if (typeof jwk !== "object" || jwk === null) return "not a JWK object";
  if (jwk.use !== undefined && jwk.use !== "sig") return `use is ${describe(jwk.use)}, not "sig"`;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes("verify"))) return "key_ops lacks verify";
  const kid = typeof jwk.kid === "string" ? jwk.kid : undefined;
  const alg = typeof jwk.alg === "string" ? jwk.alg : undefined;
  let publicJwk: JWK;
  switch (jwk.kty) {
    case "RSA": {
      if (typeof jwk.n !== "string" || typeof jwk.e !== "string") return "RSA key without n or e";
      const modulus = decodeBase64Url(jwk.n);
      if (!modulus) return "RSA modulus is not base64url";
      const bits = bitLength(modulus);
      if (bits < MIN_RSA_BITS) return `RSA key of ${bits} bits (under ${MIN_RSA_BITS})`;
      publicJwk = { kty: "RSA", n: jwk.n, e: jwk.e };
      break;
    }
    case "EC":
      if (typeof jwk.x !== "string" || typeof jwk.y !== "string" || typeof jwk.crv !== "string") return "EC key without crv, x or y";
      publicJwk = { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y };
      break;
    case "OKP":
      if (jwk.crv !== "Ed25519" || typeof jwk.x !== "string") return "OKP key that is not Ed25519";
      publicJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x };
      break;
    case "oct":
      // Never HMAC with a key from a key set: shared secrets come only from the `secret` option.
      return "symmetric (oct) keys are not accepted as verification keys; use the secret option";
    default:
      return `unsupported key type ${describe(jwk.kty)}`;
  }
  return {
    kid,
    kty: publicJwk.kty as KeyEntry["kty"],
    crv: publicJwk.crv,
    alg,
    // Extractable: a public key hides nothing, and Node's synchronous path turns it into a KeyObject, which
    // Node 24 deprecates for non-extractable keys (DEP0204).
    importFor: memo((a) => crypto.subtle.importKey("jwk", publicJwk as JsonWebKey, ALGORITHM_SPECS[a].importParams, true, ["verify"])),
  };
}

/** A PEM public key (SPKI) or certificate; the algorithm decides how it is imported, and RSA size is checked after. */
export function entryFromPem(pem: string): KeyEntry | KeyProblem {
  const isCert = pem.includes("-----BEGIN CERTIFICATE-----");
  if (!isCert && !pem.includes("-----BEGIN PUBLIC KEY-----")) return "PEM is neither a PUBLIC KEY nor a CERTIFICATE";
  return {
    kid: undefined,
    kty: "any",
    crv: undefined,
    alg: undefined,
    importFor: memo(async (alg) => {
      // jose is loaded when a PEM key is first imported, not when the package is: JWKs and secrets never need it.
      const { importSPKI, importX509 } = await import("./pem.js");
      const key = isCert ? await importX509(pem, alg, { extractable: true }) : await importSPKI(pem, alg, { extractable: true }); // public: see importFor
      checkCryptoKey(key, alg);
      return key;
    }),
  };
}

/** A Web Crypto public key, usable only for the algorithm it was imported for. */
export function entryFromCryptoKey(key: CryptoKey): KeyEntry | KeyProblem {
  if (key.type !== "public") return `CryptoKey of type ${key.type}; only public keys verify (shared secrets go in the secret option)`;
  return {
    kid: undefined,
    kty: key.algorithm.name.startsWith("RS") ? "RSA" : key.algorithm.name === "ECDSA" ? "EC" : "OKP",
    crv: (key.algorithm as EcKeyAlgorithm).namedCurve ?? (key.algorithm.name === "Ed25519" ? "Ed25519" : undefined),
    alg: undefined,
    importFor: async (alg) => {
      checkCryptoKey(key, alg);
      return key;
    },
  };
}

/** Throws `token_invalid` when a key cannot serve `alg` (wrong type, curve, hash, or too small). */
export function checkCryptoKey(key: CryptoKey, alg: JwtAlgorithm): void {
  const want = ALGORITHM_SPECS[alg].importParams as { name: string; hash?: string; namedCurve?: string };
  const has = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string; modulusLength?: number };
  const ok =
    has.name === want.name &&
    (want.hash === undefined || has.hash?.name === want.hash) &&
    (want.namedCurve === undefined || has.namedCurve === want.namedCurve);
  if (!ok) throw new AuthmuxError("token_invalid", `token rejected: the configured key cannot verify ${alg}`);
  if (has.modulusLength !== undefined && has.modulusLength < MIN_RSA_BITS) {
    throw new AuthmuxError("token_invalid", `token rejected: RSA key of ${has.modulusLength} bits is under ${MIN_RSA_BITS}`);
  }
}

/** True when the entry's type (and curve, and own alg) fit the token's algorithm. */
export function fits(entry: KeyEntry, alg: JwtAlgorithm): boolean {
  if (isHmac(alg)) return false;
  if (entry.alg !== undefined && entry.alg !== alg) return false;
  if (entry.kty === "any") return true;
  const spec = ALGORITHM_SPECS[alg];
  if (spec.kty !== entry.kty) return false;
  return spec.crv === undefined || spec.crv === entry.crv;
}

/** A key set's value for a message: a string quoted, anything else by its type (it may not convert to text). */
const describe = (value: unknown) => (typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value);

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}
