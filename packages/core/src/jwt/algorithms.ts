/** The JWS algorithms the engine can verify. `none` is not among them and never will be. */
export const JWT_ALGORITHMS = [
  "RS256", "RS384", "RS512",
  "PS256", "PS384", "PS512",
  "ES256", "ES384", "ES512",
  "EdDSA", "Ed25519",
  "HS256", "HS384", "HS512",
] as const;

/** One of {@link JWT_ALGORITHMS}. */
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** How an algorithm maps onto keys and Web Crypto. */
export interface AlgorithmSpec {
  /** The JWK key type a key for this algorithm must have. */
  kty: "RSA" | "EC" | "OKP" | "oct";
  /** The curve, for EC and OKP keys. */
  crv?: string;
  /** Parameters for `crypto.subtle.importKey`. */
  importParams: RsaHashedImportParams | EcKeyImportParams | HmacImportParams | Algorithm;
  /** Parameters for `crypto.subtle.verify`. */
  verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  /** Exact signature length in bytes, where the algorithm fixes it (ECDSA, EdDSA, HMAC). */
  signatureBytes?: number;
}

const rsa = (hash: string): AlgorithmSpec => ({
  kty: "RSA",
  importParams: { name: "RSASSA-PKCS1-v1_5", hash },
  verifyParams: { name: "RSASSA-PKCS1-v1_5" },
});
const pss = (hash: string, saltLength: number): AlgorithmSpec => ({
  kty: "RSA",
  importParams: { name: "RSA-PSS", hash },
  verifyParams: { name: "RSA-PSS", saltLength },
});
const ec = (crv: string, hash: string, bytes: number): AlgorithmSpec => ({
  kty: "EC",
  crv,
  importParams: { name: "ECDSA", namedCurve: crv },
  verifyParams: { name: "ECDSA", hash },
  signatureBytes: bytes,
});
const hmac = (hash: string, bytes: number): AlgorithmSpec => ({
  kty: "oct",
  importParams: { name: "HMAC", hash },
  verifyParams: { name: "HMAC" },
  signatureBytes: bytes,
});
const ed25519: AlgorithmSpec = { kty: "OKP", crv: "Ed25519", importParams: { name: "Ed25519" }, verifyParams: { name: "Ed25519" }, signatureBytes: 64 };

/** Web Crypto parameters per algorithm. */
export const ALGORITHM_SPECS: Readonly<Record<JwtAlgorithm, AlgorithmSpec>> = {
  RS256: rsa("SHA-256"),
  RS384: rsa("SHA-384"),
  RS512: rsa("SHA-512"),
  PS256: pss("SHA-256", 32),
  PS384: pss("SHA-384", 48),
  PS512: pss("SHA-512", 64),
  ES256: ec("P-256", "SHA-256", 64),
  ES384: ec("P-384", "SHA-384", 96),
  ES512: ec("P-521", "SHA-512", 132),
  EdDSA: ed25519,
  Ed25519: ed25519,
  HS256: hmac("SHA-256", 32),
  HS384: hmac("SHA-384", 48),
  HS512: hmac("SHA-512", 64),
};

/** True for the HMAC algorithms (shared-secret keys). */
export function isHmac(alg: JwtAlgorithm): boolean {
  return alg.startsWith("HS");
}

/** True when `value` names a supported algorithm. */
export function isJwtAlgorithm(value: unknown): value is JwtAlgorithm {
  return typeof value === "string" && Object.hasOwn(ALGORITHM_SPECS, value);
}

/** The smallest RSA modulus the engine accepts. */
/**
 * Checks a JWS signature over `data`: the one contract of the `#signature` import, which resolves to Web Crypto
 * everywhere and to node:crypto on Node. `othersWaiting` says whether other verifications are in progress.
 */
export type VerifySignature = (alg: JwtAlgorithm, key: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>, othersWaiting?: boolean) => boolean | Promise<boolean>;

export const MIN_RSA_BITS = 2048;
