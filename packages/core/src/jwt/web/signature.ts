import { ALGORITHM_SPECS, type JwtAlgorithm } from "../algorithms.js";

/** Checks a JWS signature with Web Crypto (every runtime). */
export function verifySignature(
  alg: JwtAlgorithm,
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
  _othersWaiting = false,
): boolean | Promise<boolean> {
  return crypto.subtle.verify(ALGORITHM_SPECS[alg].verifyParams, key, signature, data);
}
