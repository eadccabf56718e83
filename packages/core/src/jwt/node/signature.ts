// Node-only entry (selected by the "node" condition of the #signature import).
//
// node:crypto verifies synchronously, several times faster for one token than crypto.subtle's round trip
// through the thread pool; but a synchronous verify holds the main thread, so under load it uses one core
// while crypto.subtle spreads over all of them (measured: mixing the two under load lost to plain
// crypto.subtle on 2 cores). So a verification that runs alone is checked synchronously, and while others
// are in progress every one goes to crypto.subtle.
import { createHmac, KeyObject, timingSafeEqual, verify } from "node:crypto";
import { ALGORITHM_SPECS, type VerifySignature } from "../algorithms.js";

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
const HASH: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };
const RSA_PKCS1_PSS_PADDING = 6;

/**
 * Checks a JWS signature; same answers as the Web Crypto path (a test holds them to it).
 * `othersWaiting` tells whether other verifications are in progress.
 */
export const verifySignature: VerifySignature = (alg, key, signature, data, othersWaiting = false) => {
  // A non-extractable key (one the caller imported so) stays with Web Crypto: Node 24 deprecates making a
  // KeyObject of it (DEP0204). The engine imports its own keys extractable for this path.
  if ((othersWaiting && !alg.startsWith("HS")) || !key.extractable) return crypto.subtle.verify(ALGORITHM_SPECS[alg].verifyParams, key, signature, data);
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  const hash = HASH[alg === "ES512" ? "512" : alg.slice(2)] as string;
  switch (alg.slice(0, 2)) {
    case "RS":
      return verify(hash, data, keyObject, signature);
    case "PS":
      return verify(hash, data, { key: keyObject, padding: RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }, signature);
    case "ES":
      return verify(hash, data, { key: keyObject, dsaEncoding: "ieee-p1363" }, signature);
    case "HS": {
      const expected = createHmac(hash, keyObject).update(data).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    default:
      return verify(null, data, keyObject, signature); // EdDSA / Ed25519
  }
};
